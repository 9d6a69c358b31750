/**
 * A small streaming scanner for the XML of workbook parts: it is fed text in pieces and calls
 * back for each start tag, end tag and run of text, holding only the unfinished tag between
 * pieces (so a sheet of a million rows never sits in memory as text). It knows what OOXML
 * parts use: elements, attributes, the five named entities and character references,
 * comments, processing instructions and CDATA.
 */

/** What the scanner reports. */
export interface XmlHandler {
  open(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * A copy of `text` that does not keep alive the piece it was cut from. The runs of text and
 * attribute values the scanner reports are cut from the piece being scanned (hundreds of
 * kilobytes of XML), and a JavaScript engine may keep the whole piece alive for as long as
 * one short cut from it lives; a reader that keeps a string past the piece (a cell's text in
 * a table of a million rows) detaches it, or the table would hold the sheet's whole XML.
 * Decision 0059.
 */
export function detach(text: string): string {
  // Joining makes a new string of both; cutting the joint copies from it, not from `text`'s piece.
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

/** Replaces entity and character references. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, name: string) => {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10),
        );
    }
  });
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (text.length === 0) return attributes;
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(text); match !== null; match = ATTRIBUTE.exec(text)) {
    attributes[localName(match[1] as string)] = decodeXmlText(match[2] ?? match[3] ?? '');
  }
  return attributes;
}

/** A name without its namespace prefix (`x:row` is `row`); `r:id` keeps its prefix as `r:id`. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  if (colon < 0) return name;
  const prefix = name.slice(0, colon);
  return prefix === 'r' || prefix === 'xml' ? name : name.slice(colon + 1);
}

/**
 * Bounds of the scanner: the longest piece of markup (a tag, a comment, a CDATA section) it
 * waits for across pieces. Text is never held: it is reported as it comes, in runs, so that a
 * text node of a gigabyte costs no more memory than one of a kilobyte. Decision 0059.
 */
export const XML_LIMITS = { maxMarkupChars: 1024 * 1024 } as const;

/** The longest entity or character reference (`&#x10FFFF;`) that may be cut between pieces. */
const LONGEST_REFERENCE = 10;

/** Thrown by {@link XmlScanner.push} for markup longer than {@link XML_LIMITS} allows. */
export class XmlLimitError extends Error {
  constructor(readonly length: number) {
    super(`an XML tag, comment or CDATA section longer than ${XML_LIMITS.maxMarkupChars} characters`);
    this.name = 'XmlLimitError';
  }
}

/** The streaming scanner. Feed it with {@link XmlScanner.push}, then {@link XmlScanner.end}. */
export class XmlScanner {
  #pending = '';
  #largestPending = 0;
  readonly #handler: XmlHandler;
  readonly #maxMarkup: number;

  constructor(handler: XmlHandler, maxMarkupChars: number = XML_LIMITS.maxMarkupChars) {
    this.#handler = handler;
    this.#maxMarkup = maxMarkupChars;
  }

  /** The longest text held between pieces so far (an unfinished tag or text run). */
  get largestPending(): number {
    return this.#largestPending;
  }

  /** Scans a piece of text. */
  push(piece: string): void {
    const text = this.#pending.length === 0 ? piece : this.#pending + piece;
    let position = 0;
    const handler = this.#handler;
    for (;;) {
      const lt = text.indexOf('<', position);
      if (lt < 0) {
        // The rest is text: reported now, but for an entity that may be cut off at the end.
        const amp = text.lastIndexOf('&');
        const keep =
          amp >= position && text.length - amp <= LONGEST_REFERENCE && !text.includes(';', amp) ? amp : text.length;
        if (keep > position) handler.text(decodeXmlText(text.slice(position, keep)));
        position = keep;
        break;
      }
      if (lt > position) handler.text(decodeXmlText(text.slice(position, lt)));
      position = lt;
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) break;
        position = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) break;
        handler.text(text.slice(lt + 9, end));
        position = end + 3;
        continue;
      }
      const gt = text.indexOf('>', lt + 1);
      if (gt < 0) break;
      const inner = text.slice(lt + 1, gt);
      position = gt + 1;
      const first = inner.charCodeAt(0);
      if (first === 63 /* ? */ || first === 33 /* ! */) continue;
      if (first === 47 /* / */) {
        handler.close(localName(inner.slice(1).trim()));
        continue;
      }
      const selfClosing = inner.endsWith('/');
      const body = selfClosing ? inner.slice(0, -1) : inner;
      const space = body.search(/\s/);
      const name = localName(space < 0 ? body : body.slice(0, space));
      handler.open(name, space < 0 ? {} : parseAttributes(body.slice(space + 1)), selfClosing);
      if (selfClosing) handler.close(name);
    }
    // An unfinished tag (or a cut entity) waits for the next piece, within bounds.
    this.#pending = text.slice(position);
    if (this.#pending.length > this.#largestPending) this.#largestPending = this.#pending.length;
    if (this.#pending.length > this.#maxMarkup) throw new XmlLimitError(this.#pending.length);
  }

  /** Ends the input; trailing text is reported. */
  end(): void {
    if (this.#pending.length > 0 && !this.#pending.includes('<')) this.#handler.text(decodeXmlText(this.#pending));
    this.#pending = '';
  }
}
