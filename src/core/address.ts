/** A1-style addresses. Rows and columns are 0-based in code and 1-based in Excel text. */

/** Columns of an Excel sheet (A to XFD). */
export const COLUMNS = 16384;
/** Rows of an Excel sheet. */
export const ROWS = 1_048_576;

const letters: string[] = [];

export function columnLetter(col: number): string {
  // Called for every cell the engine names; the 16,384 Excel columns are cached once computed.
  const known = letters[col];
  if (known !== undefined) return known;
  const s = computeColumnLetter(col);
  if (Number.isInteger(col) && col >= 0 && col < COLUMNS) letters[col] = s;
  return s;
}

function computeColumnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

const parsedRefs = new Map<string, { readonly row: number; readonly col: number }>();

export function parseRef(ref: string): { readonly row: number; readonly col: number } {
  // Memoised (bounded): the engine parses the same addresses over and over; the result is frozen as it is shared.
  const known = parsedRefs.get(ref);
  if (known) return known;
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not an A1 cell reference: ${ref}`);
  const parsed = Object.freeze({ row: parseInt(m[2], 10) - 1, col: columnIndex(m[1]) });
  if (parsedRefs.size >= 500000) parsedRefs.clear();
  parsedRefs.set(ref, parsed);
  return parsed;
}

export function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${cellRef(top, left)}:${cellRef(bottom, right)}`;
}

export function parseRange(range: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b] = range.split(":");
  const start = parseRef(a);
  const end = b ? parseRef(b) : start;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** Quotes a sheet name for use in a formula: 'Sheet name'!A1. (Asked for every cross-sheet reference written.) */
export function sheetPrefix(sheetName: string): string {
  let prefix = prefixes.get(sheetName);
  if (prefix === undefined) prefixes.set(sheetName, (prefix = `'${sheetName.replace(/'/g, "''")}'!`));
  return prefix;
}
const prefixes = new Map<string, string>();
