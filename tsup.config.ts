import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: the core (`dcc-charges`, no Node built-ins) with its named entries
    // (`dcc-charges/vocabulary`, `dcc-charges/zod`, `dcc-charges/render`), the Node-only entry
    // (`dcc-charges/node`) and the workbook entry (`dcc-charges/xlsx`, Node only), built together
    // so that they share chunks (one InputError class).
    entry: {
      index: 'src/index.ts',
      vocabulary: 'src/vocabulary.ts',
      zod: 'src/zod.ts',
      render: 'src/render.ts',
      node: 'src/node.ts',
      xlsx: 'src/xlsx.ts',
      'count-worker': 'src/node/count-worker.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    target: 'node20',
    platform: 'neutral',
    external: [/^node:/],
    // import.meta.url in the CommonJS build (the Node entry finds its worker script by it).
    shims: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
