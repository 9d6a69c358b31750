/** Reading a file's chunks at given places (Node only). */
import { closeSync, openSync, readSync } from 'node:fs';
import { unreadableFileError } from './fs-errors.js';

/**
 * Reads `length` bytes at `position` of an open file into `reuse` when it is big enough, else
 * into a new buffer (not zeroed first). The result is a Node `Buffer`, whose `indexOf` finds
 * line ends faster than a plain `Uint8Array`'s.
 * @throws the file system's error; an `Error` with code `EFILECHANGED` when the file ends
 * before (it was cut short while being read).
 */
export function readChunkAt(fd: number, position: number, length: number, reuse?: ArrayBuffer): Uint8Array {
  const buffer =
    reuse !== undefined && reuse.byteLength >= length ? Buffer.from(reuse, 0, length) : Buffer.allocUnsafeSlow(length);
  let filled = 0;
  while (filled < length) {
    const read = readSync(fd, buffer, filled, length - filled, position + filled);
    if (read === 0) throw Object.assign(new Error('the file was cut short while being read'), { code: 'EFILECHANGED' });
    filled += read;
  }
  return buffer;
}

/** Where a chunk is in the file. */
export interface ChunkPlace {
  readonly position: number;
  readonly length: number;
}

/**
 * A file cut into chunks of a fixed size, handed out in order, with the buffers of chunks
 * done kept to be reused. Read failures are input errors naming the file.
 */
export class FileChunks {
  readonly path: string;
  readonly #fd: number;
  readonly #size: number;
  readonly #chunkBytes: number;
  #position = 0;
  /** Buffers of chunks done, to reuse. */
  readonly spare: ArrayBuffer[] = [];

  private constructor(path: string, fd: number, size: number, chunkBytes: number) {
    this.path = path;
    this.#fd = fd;
    this.#size = size;
    this.#chunkBytes = chunkBytes;
  }

  /** @throws InputError when the file cannot be opened. */
  static open(path: string, size: number, chunkBytes: number): FileChunks {
    try {
      return new FileChunks(path, openSync(path, 'r'), size, chunkBytes);
    } catch (error) {
      throw unreadableFileError(path, error);
    }
  }

  /** The place of the next chunk, or undefined at the end of the file. */
  next(): ChunkPlace | undefined {
    const length = Math.min(this.#chunkBytes, this.#size - this.#position);
    if (length <= 0) return undefined;
    const place = { position: this.#position, length };
    this.#position += length;
    return place;
  }

  /** Reads a chunk (into a spare buffer when there is one). */
  read(place: ChunkPlace): Uint8Array {
    try {
      return readChunkAt(this.#fd, place.position, place.length, this.spare.pop());
    } catch (error) {
      throw unreadableFileError(this.path, error);
    }
  }

  /** Reads the next chunk, or undefined at the end of the file. */
  readNext(): Uint8Array | undefined {
    const place = this.next();
    return place === undefined ? undefined : this.read(place);
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/**
 * Reads a file from its start to its end, a chunk at a time, into one buffer reused for every
 * chunk: `take` gets each chunk, which holds until `take` returns. The file is closed after,
 * whatever happens.
 * @throws InputError naming the file when it cannot be opened or read; what `take` throws, as it is.
 */
export function readFileInChunks(path: string, chunkBytes: number, take: (chunk: Uint8Array) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  try {
    const buffer = Buffer.allocUnsafeSlow(chunkBytes);
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, chunkBytes, null);
      } catch (error) {
        throw unreadableFileError(path, error);
      }
      if (read === 0) return;
      take(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a file (fewer when it is shorter), or undefined when it cannot be read (a pipe cannot be read at a place). */
export function readFileHead(path: string, length: number): Uint8Array | undefined {
  const head = new Uint8Array(length);
  try {
    const fd = openSync(path, 'r');
    try {
      return head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
