/** CSV bytes for the readers that take them a chunk at a time, in chunks of sizes a test picks. */
import type { CsvChunks } from '../../src/tables/csv-chunks.js';

/** `bytes` handed out in chunks of the sizes given, in turn (the last chunk may be shorter). */
export function chunksOf(bytes: Uint8Array, sizes: readonly number[], source: string): CsvChunks {
  return {
    kind: 'csvChunks',
    source,
    read: (take) => {
      let at = 0;
      for (let turn = 0; at < bytes.length; turn += 1) {
        const size = sizes[turn % sizes.length] as number;
        take(bytes.slice(at, at + size));
        at += size;
      }
    },
  };
}
