/** Cell references of a sheet: column letters and `F14`-style references. */

/** The letters of a 0-based column index (0 is `A`, 26 is `AA`). */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The 0-based column index and 1-based row of a reference such as `F14`. */
export function parseCellRef(ref: string): { column: number; row: number } | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (match === null) return undefined;
  let column = 0;
  for (const char of match[1] as string) column = column * 26 + (char.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(match[2]) };
}

/** The reference of a 0-based column and 1-based row, such as `F14`. */
export function cellRef(column: number, row: number): string {
  return `${columnLetters(column)}${row}`;
}
