/**
 * Plain-text tables for the terminal: aligned columns, numbers to the right. Every header and
 * cell is shown through `visibleText`, so a cell can neither break a line nor send a terminal
 * sequence.
 */
import { visibleText } from './visible-text.js';

/** A column of a text table. */
export interface TextColumn {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Lays out rows under headers, padding each column to its widest cell. */
export function renderTextTable(columns: readonly TextColumn[], givenRows: readonly (readonly string[])[]): string {
  const headers = columns.map((column) => visibleText(column.header));
  const rows = givenRows.map((row) => row.map(visibleText));
  const widths = columns.map((_, index) =>
    Math.max((headers[index] ?? '').length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const renderRow = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [renderRow(headers), rule, ...rows.map(renderRow)].join('\n') + '\n';
}
