/**
 * Reading the parts of a workbook's zip container, within bounds: the central directory is
 * read from the end of the file, and each part is inflated in slices (fflate's streaming
 * `Inflate`) into a consumer, counting what comes out. A part that inflates past
 * {@link ZIP_LIMITS} (a decompression bomb) is refused as soon as it does, so that memory and
 * time stay bounded whatever the file claims. Encrypted parts and ZIP64 are refused.
 */
import { Inflate } from 'fflate';
import type { IssueLocation } from '../errors/input-error.js';
import { InputError } from '../errors/input-error.js';

/**
 * Bounds of what one part may inflate to: at most `maxPartBytes`, and, past `ratioFreeBytes`,
 * at most `maxRatio` times its compressed size (real sheet XML compresses 10 to 60 times;
 * a bomb close to deflate's limit of 1032 times). Each bound is checked twice: against the size
 * the zip directory declares, before anything is inflated, and against what actually comes out,
 * while inflating, which must also stay within the declared size (a directory that understates
 * it is refused as soon as the data passes it). Decision 0059.
 */
export const ZIP_LIMITS = {
  maxPartBytes: 1024 * 1024 * 1024,
  ratioFreeBytes: 16 * 1024 * 1024,
  maxRatio: 200,
} as const;

/** Size of the compressed slices fed to the inflater: one slice inflates to at most about 16 MiB. */
const SLICE_BYTES = 16 * 1024;

/** One file of the zip container, from its central directory entry. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localOffset: number;
}

/** What the first bytes of a file say it is. */
export type FileSignature = 'zip' | 'ole' | 'text' | 'other';

/** Recognises a zip container, an OLE compound file (encrypted workbook or old .xls), or text. */
export function fileSignature(bytes: Uint8Array): FileSignature {
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  ) {
    return 'zip';
  }
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((byte, index) => bytes[index] === byte)) return 'ole';
  const head = bytes.subarray(0, 4096);
  let printable = 0;
  for (const byte of head) if (byte === 9 || byte === 10 || byte === 13 || byte >= 32) printable += 1;
  return head.length > 0 && printable === head.length ? 'text' : 'other';
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) + (bytes[at + 3] ?? 0) * 0x1000000
  );
}

function broken(at: IssueLocation, received: string): InputError {
  return new InputError([
    { ...at, code: 'notAWorkbook', expected: 'an .xlsx workbook (a zip container of sheets)', received },
  ]);
}

/**
 * The entries of a zip container, from its central directory.
 * @throws InputError when the file is no zip container, is ZIP64, or its directory is broken.
 */
export function readZipDirectory(bytes: Uint8Array, at: IssueLocation): Map<string, ZipEntry> {
  let end = -1;
  for (let index = bytes.length - 22; index >= Math.max(0, bytes.length - 22 - 0xffff); index -= 1) {
    if (u32(bytes, index) === 0x06054b50) {
      end = index;
      break;
    }
  }
  if (end < 0) throw broken(at, 'a file with no zip directory (truncated or not a workbook)');
  const count = u16(bytes, end + 10);
  const offset = u32(bytes, end + 16);
  if (offset === 0xffffffff || count === 0xffff)
    throw broken(at, 'a ZIP64 container (over 4 GB or 65535 parts), which is not read');
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let position = offset;
  for (let index = 0; index < count; index += 1) {
    if (position + 46 > bytes.length || u32(bytes, position) !== 0x02014b50) throw broken(at, 'a broken zip directory');
    const nameLength = u16(bytes, position + 28);
    const name = decoder.decode(bytes.subarray(position + 46, position + 46 + nameLength));
    entries.set(name, {
      name,
      flags: u16(bytes, position + 8),
      method: u16(bytes, position + 10),
      crc: u32(bytes, position + 16),
      compressedSize: u32(bytes, position + 20),
      size: u32(bytes, position + 24),
      localOffset: u32(bytes, position + 42),
    });
    position += 46 + nameLength + u16(bytes, position + 30) + u16(bytes, position + 32);
  }
  return entries;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

function crcUpdate(crc: number, chunk: Uint8Array): number {
  let c = crc;
  for (let index = 0; index < chunk.length; index += 1)
    c = (CRC_TABLE[(c ^ (chunk[index] as number)) & 0xff] as number) ^ (c >>> 8);
  return c;
}

/**
 * Inflates one entry into `consume`, slice by slice, within {@link ZIP_LIMITS}. Return `false`
 * from `consume` to stop early (the rest is not inflated).
 * @throws InputError for an encrypted entry, an unknown method, broken data, or a bomb.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  at: IssueLocation,
  // biome-ignore lint/suspicious/noConfusingVoidType: a consumer that returns nothing means "go on"
  consume: (chunk: Uint8Array) => boolean | void,
  limits: { readonly maxPartBytes: number; readonly ratioFreeBytes: number; readonly maxRatio: number } = ZIP_LIMITS,
): void {
  if ((entry.flags & 1) !== 0) {
    throw new InputError([
      {
        ...at,
        code: 'encryptedWorkbook',
        expected: 'a workbook without a password',
        received: `the encrypted part ${entry.name}`,
      },
    ]);
  }
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50)
    throw broken(at, `a broken zip entry for ${entry.name}`);
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw broken(at, `a truncated zip entry for ${entry.name}`);
  let produced = 0;
  let consumed = 0;
  let crc = -1;
  let stopped = false;
  const tooLarge = (received: string) =>
    new InputError([
      {
        ...at,
        code: 'workbookTooLarge',
        expected: `a workbook part that expands to at most ${limits.maxPartBytes} bytes and, past ${limits.ratioFreeBytes} bytes, at most ${limits.maxRatio} times its compressed size`,
        received: `${entry.name}, ${entry.compressedSize} bytes compressed, ${received} (a decompression bomb?)`,
      },
    ]);
  const overBounds = (size: number, input: number) =>
    size > limits.maxPartBytes || (size > limits.ratioFreeBytes && size > limits.maxRatio * Math.max(1, input));
  // What the directory declares is checked before anything is inflated.
  if (overBounds(entry.size, entry.compressedSize)) throw tooLarge(`declaring that it expands to ${entry.size} bytes`);
  const accept = (chunk: Uint8Array): void => {
    if (stopped || chunk.length === 0) return;
    produced += chunk.length;
    // The ratio is of what came out to what went in so far, so a bomb is caught early.
    if (overBounds(produced, consumed)) {
      throw tooLarge(
        `expanding to ${produced} bytes from its first ${consumed}: past ${limits.ratioFreeBytes} bytes at more than ${limits.maxRatio} times, or past ${limits.maxPartBytes} bytes`,
      );
    }
    if (produced > entry.size) throw tooLarge(`expanding past the ${entry.size} bytes its zip directory declares`);
    crc = crcUpdate(crc, chunk);
    if (consume(chunk) === false) stopped = true;
  };
  if (entry.method === 0) {
    for (let offset = 0; offset < data.length && !stopped; offset += SLICE_BYTES) {
      consumed = Math.min(offset + SLICE_BYTES, data.length);
      accept(data.subarray(offset, consumed));
    }
  } else if (entry.method === 8) {
    const inflater = new Inflate((chunk) => accept(chunk));
    try {
      for (let offset = 0; offset < data.length && !stopped; offset += SLICE_BYTES) {
        const end = Math.min(offset + SLICE_BYTES, data.length);
        consumed = end;
        inflater.push(data.subarray(offset, end), end === data.length);
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw broken(
        at,
        `broken compressed data in ${entry.name} (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  } else {
    throw broken(
      at,
      `${entry.name} compressed with method ${entry.method}, which is not read (only stored and deflate)`,
    );
  }
  if (!stopped && (crc ^ -1) >>> 0 !== entry.crc)
    throw broken(at, `${entry.name} whose checksum does not match (a damaged file)`);
}
