/** Plain-text tables for the terminal: aligned columns, numbers to the right. */

/** A column of a text table. */
export interface TextColumn {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Lays out rows under headers, padding each column to its widest cell. */
export function renderTextTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
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
  return [renderRow(columns.map((column) => column.header)), rule, ...rows.map(renderRow)].join('\n') + '\n';
}
