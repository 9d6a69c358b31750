/**
 * Text from an input shown so that it cannot forge output (decision 0067): every character
 * that a terminal or a Markdown reader would not show as itself is written as an escape.
 * Control characters (C0, DEL, C1) with newlines, tabs and the ESC of terminal sequences;
 * bidirectional embeddings, overrides and isolates; and every other invisible format character
 * (zero-width spaces and joiners, the byte-order mark, line and paragraph separators, lone
 * surrogates). The one function every terminal and Markdown renderer uses on text it did not
 * write itself. HTML and CSV output keep their own escaping.
 */

/** Characters shown escaped: controls, format characters, line/paragraph separators, lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOf(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short !== undefined) return short;
  const code = character.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every invisible or controlling character written as an escape such as `\n`,
 * `\u001b` or `\u202e`; printable text (any script) is unchanged.
 * @example visibleText('a\nGross 0.00') // 'a\\nGross 0.00'
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}

/** True when `text` would be shown unchanged by {@link visibleText}. */
export function isVisibleText(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return !found;
}

/**
 * `text` made safe inside a Markdown table cell or a line of Markdown prose: escaped as
 * {@link visibleText} does, then every character Markdown reads as markup (backslash, pipe,
 * emphasis, code, links, HTML, strike-through) escaped
 * with a backslash.
 */
export function markdownText(text: string): string {
  return visibleText(text)
    .replace(/([\\`*_[\]|<>~])/g, '\\$1')
    .trim();
}

/**
 * `text` of several lines, each shown through {@link visibleText}: the line feeds that end the
 * lines are kept, every other character escaped as there (for messages written by a library,
 * such as the option parser, that quote what was typed).
 */
export function visibleLines(text: string): string {
  return text.split('\n').map(visibleText).join('\n');
}
