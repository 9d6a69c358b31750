import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    env: { TZ: 'Europe/London' },
    globalSetup: ['test/support/private-temporary-folder.ts'],
    testTimeout: 30000,
  },
});
