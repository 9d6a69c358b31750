/** Finds the fenced code blocks of a Markdown document, with the block that follows each. */

/** A fenced code block. */
export interface CodeBlock {
  readonly lang: string;
  readonly code: string;
  /** Line of the opening fence (1-based). */
  readonly line: number;
  /** The block right after this one (only blank lines between), if any. */
  readonly next?: CodeBlock;
}

/** Every fenced block of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const found: { lang: string; code: string; line: number; end: number }[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\S*)\s*$/.exec(lines[index] ?? '');
    if (open === null) continue;
    const start = index;
    const body: string[] = [];
    index += 1;
    while (index < lines.length && !/^```\s*$/.test(lines[index] ?? '')) {
      body.push(lines[index] ?? '');
      index += 1;
    }
    found.push({ lang: open[1] ?? '', code: body.join('\n'), line: start + 1, end: index });
  }
  const blocks: CodeBlock[] = [];
  for (let index = found.length - 1; index >= 0; index -= 1) {
    const block = found[index]!;
    const after = found[index + 1];
    const between = after === undefined ? [] : lines.slice(block.end + 1, after.line - 1);
    const adjacent = after !== undefined && between.every((text) => text.trim() === '');
    const next = adjacent ? blocks[0] : undefined;
    blocks.unshift({ lang: block.lang, code: block.code, line: block.line, ...(next === undefined ? {} : { next }) });
  }
  return blocks;
}

/** Splits a command line into words as a POSIX shell would for simple quoting. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const char of line) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
