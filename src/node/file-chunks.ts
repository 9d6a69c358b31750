/** Reading a file's chunks at given places (Node only). */
import { readSync } from 'node:fs';

/**
 * Reads `length` bytes at `position` of an open file into `reuse` when it is big enough, else
 * into a new buffer (not zeroed first). The result is a Node `Buffer`, whose `indexOf` finds
 * line ends faster than a plain `Uint8Array`'s.
 * @throws the file system's error; an `Error` with code `EFILECHANGED` when the file ends
 * before (it was cut short while being read).
 */
export function readChunkAt(fd: number, position: number, length: number, reuse?: ArrayBuffer): Uint8Array {
  const buffer = reuse !== undefined && reuse.byteLength >= length ? Buffer.from(reuse, 0, length) : Buffer.allocUnsafeSlow(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, position + filled);
    if (read === 0) throw Object.assign(new Error('the file was cut short while being read'), { code: 'EFILECHANGED' });
    filled += read;
  }
  return buffer;
}
