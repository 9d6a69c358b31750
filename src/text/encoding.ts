/**
 * Every text input is UTF-8 (decision 0061). A file in another encoding is one clear problem
 * that names the encoding found and says to save the file as UTF-8, at the line where the
 * first wrong byte is: a UTF-16 or UTF-32 byte-order mark, UTF-16 or UTF-32 without one (told
 * by its zero bytes at the start), or bytes that are not UTF-8 (such as a Latin-1 or
 * Windows-1252 accented letter). Nothing is ever replaced by U+FFFD.
 */
import { InputError, type InputIssue, type IssueLocation } from '../errors/input-error.js';

/** Encodings told apart at the start of a file (other than UTF-8). */
export type ForeignEncoding = 'UTF-16 LE' | 'UTF-16 BE' | 'UTF-32 LE' | 'UTF-32 BE';

/** What the start of a file says about its encoding. */
export interface EncodingSniff {
  readonly encoding: ForeignEncoding;
  /** True when a byte-order mark says so; false when told from zero bytes. */
  readonly byteOrderMark: boolean;
}

/** The advice every encoding problem ends with. */
export const SAVE_AS_UTF8 = 'UTF-8 text (save the file as UTF-8, for example "CSV UTF-8" in a spreadsheet program)';

/** Bytes {@link sniffEncoding} needs to tell every case (fewer are enough at the end of a file). */
export const SNIFF_BYTES = 4;

/**
 * Tells a UTF-16 or UTF-32 file from its first bytes: a byte-order mark, or, without one, a
 * zero byte beside the first character (no UTF-8 text of this library's formats starts so).
 * @returns undefined when the start is not one of them (UTF-8 is then checked as it is read).
 */
export function sniffEncoding(bytes: Uint8Array): EncodingSniff | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === undefined || b1 === undefined) return undefined;
  if (b0 === 0xff && b1 === 0xfe)
    return { encoding: b2 === 0 && b3 === 0 ? 'UTF-32 LE' : 'UTF-16 LE', byteOrderMark: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'UTF-16 BE', byteOrderMark: true };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: 'UTF-32 BE', byteOrderMark: true };
  if (b0 !== 0 && b1 === 0) return { encoding: b2 === 0 && b3 === 0 ? 'UTF-32 LE' : 'UTF-16 LE', byteOrderMark: false };
  if (b0 === 0 && b1 !== 0) return { encoding: 'UTF-16 BE', byteOrderMark: false };
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== undefined && b3 !== 0)
    return { encoding: 'UTF-32 BE', byteOrderMark: false };
  return undefined;
}

/** The problem of a file whose start shows it is UTF-16 or UTF-32. */
export function foreignEncodingIssue(sniff: EncodingSniff, at: IssueLocation): InputIssue {
  return {
    ...at,
    line: 1,
    code: 'invalidEncoding',
    expected: SAVE_AS_UTF8,
    received: sniff.byteOrderMark
      ? `${sniff.encoding} text (its byte-order mark)`
      : `${sniff.encoding} text (zero bytes between its first letters)`,
  };
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 for a byte that starts none. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * The index of the first byte of `bytes[start, end)` that is not part of well-formed UTF-8
 * (a sequence cut off by `end` included), or -1 when all of it is. Slow and exact: it is only
 * run once a fast check has failed, to say where.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let index = start;
  while (index < end) {
    const lead = bytes[index] as number;
    const length = sequenceLength(lead);
    if (length === 0 || index + length > end) return index;
    if (length > 1) {
      const second = bytes[index + 1] as number;
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (second < low || second > high) return index;
      for (let next = 2; next < length; next += 1) {
        const byte = bytes[index + next] as number;
        if (byte < 0x80 || byte > 0xbf) return index;
      }
    }
    index += length;
  }
  return -1;
}

/** Says what a byte that is not UTF-8 most likely is. */
function describeBadByte(bytes: Uint8Array, index: number, end: number): string {
  const byte = bytes[index] as number;
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  if (byte >= 0x80 && sequenceLength(byte) > 0 && index + sequenceLength(byte) > end) {
    return `the byte ${hex} starting a UTF-8 character that the file cuts off`;
  }
  if (byte >= 0xa0) {
    return `the byte ${hex}, which is not UTF-8 (in Latin-1 or Windows-1252 it is ${JSON.stringify(String.fromCharCode(byte))}: the file is probably in one of those)`;
  }
  if (byte >= 0x80)
    return `the byte ${hex}, which is not UTF-8 (the file is probably Windows-1252 or another 8-bit encoding)`;
  return `the byte ${hex}, which is not UTF-8`;
}

/**
 * The problem of bytes that are not UTF-8, at the line of the first bad byte.
 * @param firstLine - the line `bytes[start]` is on.
 * @param byteOffset - the offset in the file of `bytes[start]`, when known.
 */
export function invalidUtf8Issue(
  bytes: Uint8Array,
  start: number,
  end: number,
  at: IssueLocation,
  firstLine: number,
  byteOffset?: number,
): InputIssue {
  const found = firstInvalidUtf8(bytes, start, end);
  const bad = found < 0 ? start : found;
  let line = firstLine;
  for (let index = bytes.indexOf(10, start); index >= 0 && index < bad; index = bytes.indexOf(10, index + 1)) line += 1;
  const where = byteOffset === undefined ? '' : ` at byte ${byteOffset + (bad - start)} of the file`;
  return {
    ...at,
    line,
    code: 'invalidEncoding',
    expected: SAVE_AS_UTF8,
    received: `${describeBadByte(bytes, bad, end)}${where}`,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a whole file's bytes as UTF-8, keeping a UTF-8 byte-order mark as U+FEFF (the
 * readers skip it).
 * @throws InputError with one `invalidEncoding` issue for UTF-16 or UTF-32 text or bytes that
 * are not UTF-8.
 */
export function decodeUtf8File(bytes: Uint8Array, source?: string): string {
  const at: IssueLocation = source === undefined ? {} : { source };
  const sniff = sniffEncoding(bytes);
  if (sniff !== undefined) throw new InputError([foreignEncodingIssue(sniff, at)]);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputError([invalidUtf8Issue(bytes, 0, bytes.length, at, 1, 0)]);
  }
}

/**
 * Checks text handed over already decoded (a string given to the library): a U+FFFD
 * replacement character shows bytes lost when it was decoded from something that was not
 * UTF-8, and a NUL character shows UTF-16 or UTF-32 text read as UTF-8.
 * @throws InputError with one `invalidEncoding` issue at the line of the first such character.
 */
export function checkDecodedText(text: string, source?: string): void {
  const nul = text.indexOf('\u0000');
  const replacement = text.indexOf('\uFFFD');
  if (nul < 0 && replacement < 0) return;
  // A NUL near the start is UTF-16 or UTF-32 read as UTF-8, even after the mangled byte-order mark.
  const first =
    nul >= 0 && nul < SNIFF_BYTES * 2
      ? nul
      : nul < 0
        ? replacement
        : replacement < 0
          ? nul
          : Math.min(nul, replacement);
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < first; index = text.indexOf('\n', index + 1)) line += 1;
  const received =
    first === nul
      ? 'a NUL character (UTF-16 or UTF-32 text read as if it were UTF-8)'
      : 'the replacement character U+FFFD (bytes that were not UTF-8 were lost when the text was decoded: Latin-1, Windows-1252 or UTF-16 read as UTF-8)';
  throw new InputError([
    { ...(source === undefined ? {} : { source }), line, code: 'invalidEncoding', expected: SAVE_AS_UTF8, received },
  ]);
}
