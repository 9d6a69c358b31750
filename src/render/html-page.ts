/**
 * The parts of the chart pages (budget, count, diff): a table of text cells, a figure around a
 * chart, and the shared stylesheet. Every text goes through the one `escapeHtml`.
 */
import { escapeHtml } from './escape-html.js';

/** A column of an HTML table: its header, and whether its figures align right. */
export interface HtmlColumn {
  readonly header: string;
  readonly numeric?: boolean;
}

/** A table with a caption, a header row, the rows and an optional footer row; every cell escaped. */
export function htmlTable(
  caption: string,
  columns: readonly HtmlColumn[],
  rows: readonly (readonly string[])[],
  footer?: readonly string[],
): string {
  const cell = (tag: 'td' | 'th', text: string, numeric: boolean | undefined) =>
    `<${tag}${numeric === true ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const head = `<tr>${columns.map((column) => `<th scope="col"${column.numeric === true ? ' class="num"' : ''}>${escapeHtml(column.header)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${columns.map((column, index) => cell('td', row[index] ?? '', column.numeric)).join('')}</tr>`)
    .join('\n');
  const foot =
    footer === undefined
      ? ''
      : `<tfoot><tr>${columns.map((column, index) => cell('th', footer[index] ?? '', column.numeric)).join('')}</tr></tfoot>`;
  return `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}

/** A drawn chart (SVG from a chart renderer, not text) with its escaped caption. */
export function htmlFigure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** A note in the page, such as why it has no charts; escaped. */
export function htmlNote(text: string): string {
  return `<p class="note" role="note">${escapeHtml(text)}</p>`;
}

/** The stylesheet of the chart pages: readable on screen and on paper. */
export const CHART_PAGE_STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1040px; color: #1a1a1a; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
.note { background: #fff4d6; border-left: 4px solid #d9a400; padding: 0.5rem 0.8rem; }
table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th { border-top: 2px solid #888; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; }
details { margin: 0.5rem 0; }
@media print { body { margin: 0; max-width: none; } figure, table { break-inside: avoid; } details > * { display: block; } }
`;

/** A page: title, notes (shown as notices), intro lines, then sections of ready HTML under their headings. */
export function htmlPage(
  title: string,
  notes: readonly string[],
  intro: readonly string[],
  sections: readonly { heading: string; html: string }[],
): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CHART_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${notes.map((line) => `<p class="note" role="note">${escapeHtml(line)}</p>`).join('\n')}
${intro.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</header>
<main>
${sections.map((section) => `<section><h2>${escapeHtml(section.heading)}</h2>\n${section.html}\n</section>`).join('\n')}
</main>
</body>
</html>
`;
}
