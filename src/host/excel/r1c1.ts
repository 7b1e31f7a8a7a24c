/**
 * A1 formulas in R1C1 notation, relative to the cell that holds them. A column of derived cells holds formulas that
 * differ only by their row (=IF(E5="","",E5/E$20), =IF(E6="","",E6/E$20), …): in R1C1 they are one text, and
 * Office.js applies a single value given to Range.formulasR1C1 to every cell of the range, so the whole run goes as
 * one short assignment instead of a cell-by-cell array (ExcelApi 1.2).
 *
 * Only what the engine's formulas hold is converted: cell references (relative, absolute, mixed, on this or another
 * sheet), ranges of them, strings, numbers and function names. Whole-column or whole-row ranges and anything else
 * not understood give null, and the caller writes the cell as it is.
 */

import { COLUMNS, ROWS, columnIndex, columnLetter } from "../../core/address";

/** Strings, sheet prefixes, A1 references (with what may not follow one), other names, anything else. */
const A1_TOKEN =
  /"(?:[^"]|"")*"|'(?:[^']|'')+'!|[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*!|(?<![\w.$\u0080-\uffff])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![\w.(\u0080-\uffff])|[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*|[^]/g;
/** The same for R1C1 text. */
const R1C1_TOKEN =
  /"(?:[^"]|"")*"|'(?:[^']|'')+'!|[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*!|(?<![\w.$\u0080-\uffff])R(?:\[-?[0-9]+\]|[0-9]+)?C(?:\[-?[0-9]+\]|[0-9]+)?(?![\w.(\u0080-\uffff])|[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*|[^]/g;

/** Whole columns or rows (A:C, 1:3), outside strings and sheet names: R1C1 writes them otherwise. */
const WHOLE_LINES = /(?<![\w.$\u0080-\uffff])\$?(?:[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|[0-9]+:\$?[0-9]+)(?![\w.(\u0080-\uffff])/;
const QUOTED = /"(?:[^"]|"")*"|'(?:[^']|'')+'!/g;

/** `formula` ("=…", A1) as R1C1 text for the cell at 0-based (row, col), or null where it is not converted. */
export function toR1C1(formula: string, row: number, col: number): string | null {
  if (WHOLE_LINES.test(formula.replace(QUOTED, '""'))) return null;
  let ok = true;
  const out = formula.replace(A1_TOKEN, (token: string, colAbs?: string, letters?: string, rowAbs?: string, digits?: string) => {
    if (letters === undefined) return token;
    const r = Number(digits);
    const c = columnIndex(letters) + 1;
    if (r < 1 || r > ROWS || c > COLUMNS) ok = false;
    const rowPart = rowAbs ? `R${r}` : r - 1 === row ? "R" : `R[${r - 1 - row}]`;
    const colPart = colAbs ? `C${c}` : c - 1 === col ? "C" : `C[${c - 1 - col}]`;
    return rowPart + colPart;
  });
  return ok ? out : null;
}

const R1C1_REF = /^R(\[-?[0-9]+\]|[0-9]+)?C(\[-?[0-9]+\]|[0-9]+)?$/;

/** R1C1 text back in A1 for the cell at 0-based (row, col), or null when a reference falls off the grid. */
export function fromR1C1(formula: string, row: number, col: number): string | null {
  let ok = true;
  const out = formula.replace(R1C1_TOKEN, (token: string) => {
    const m = R1C1_REF.exec(token);
    if (!m) return token;
    const part = (p: string | undefined, base: number) =>
      p === undefined ? { n: base + 1, abs: false } : p.startsWith("[") ? { n: base + 1 + Number(p.slice(1, -1)), abs: false } : { n: Number(p), abs: true };
    const r = part(m[1], row);
    const c = part(m[2], col);
    if (r.n < 1 || r.n > ROWS || c.n < 1 || c.n > COLUMNS) ok = false;
    return `${c.abs ? "$" : ""}${columnLetter(c.n - 1)}${r.abs ? "$" : ""}${r.n}`;
  });
  return ok ? out : null;
}

/**
 * The R1C1 text of a formula when it stands for exactly this A1 formula at this cell (converted there and back), or
 * null: only such texts are written to many cells at once.
 */
export function sharedR1C1(formula: string, row: number, col: number): string | null {
  const r1c1 = toR1C1(formula, row, col);
  return r1c1 !== null && fromR1C1(r1c1, row, col) === formula ? r1c1 : null;
}
