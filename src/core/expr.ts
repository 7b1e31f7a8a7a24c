/**
 * Formulas as data: one expression gives both the live Excel formula written into a cell and the value computed with
 * decimal.js that is cached beside it, so the two cannot disagree.
 *
 * Blank is not zero: an expression whose inputs are blank evaluates to blank ("" in Excel), a sum is blank only when
 * every part is blank, and a division by zero gives the zero-division setting's value, never #DIV/0!.
 */
import Decimal from "decimal.js";
import { cellRef, columnLetter, parseRef, sheetPrefix } from "./address";
import { DecimalSum } from "./text";

export interface Ref {
  sheet: string;
  ref: string;
  /** 0-based row and column of `ref`, when its maker knew them: the engine looks cells up by index. */
  row?: number;
  col?: number;
  /** "sheet!A1", kept once made (see refKey): maps are keyed by it, and a reused string is hashed once. */
  key?: string;
}

/** A reference to the cell at 0-based (row, col) of a sheet. */
export function cellAt(sheet: string, row: number, col: number): Ref {
  return new PositionRef(sheet, row, col);
}

/**
 * A Ref made from a position: its A1 text is made when first asked for. The engine finds cells by position, and a
 * SUMIFS column alone holds a Ref per row (~167,000 at 10,000 projects), few of them ever named.
 */
class PositionRef implements Ref {
  private a1: string | undefined = undefined;
  // Filled in when first asked for (refKey); declared here so that every PositionRef keeps one shape.
  key: string | undefined = undefined;

  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly col: number,
  ) {}

  get ref(): string {
    return (this.a1 ??= cellRef(this.row, this.col));
  }
}

/** The 0-based row and column of a reference. */
export function refCoords(at: Ref): { row: number; col: number } {
  return at.row !== undefined && at.col !== undefined ? { row: at.row, col: at.col } : parseRef(at.ref);
}

/**
 * refCoords(at).row and .col without the object: asked for every reference of every formula evaluated, mostly in a
 * build's first, unoptimized run, where the object would be made each time.
 */
export function refRow(at: Ref): number {
  return at.row !== undefined && at.col !== undefined ? at.row : parseRef(at.ref).row;
}

export function refCol(at: Ref): number {
  return at.row !== undefined && at.col !== undefined ? at.col : parseRef(at.ref).col;
}

/** "sheet!A1": the key of a cell in the engine's maps. */
export function refKey(at: Ref): string {
  return (at.key ??= `${at.sheet}!${at.ref}`);
}

export type Expr =
  | { t: "ref"; at: Ref }
  | { t: "num"; v: string }
  | { t: "add"; args: Expr[] }
  | { t: "sub"; a: Expr; b: Expr }
  | { t: "mul"; a: Expr; b: Expr }
  | { t: "div"; a: Expr; b: Expr }
  | { t: "min"; args: Expr[] }
  | { t: "max"; args: Expr[] }
  | { t: "abs"; a: Expr }
  | { t: "round"; a: Expr; digits: number }
  /** Sum of cells, blank only when all are blank (Excel's SUM over a list). */
  | { t: "sum"; refs: Ref[] }
  /** Sum of a column's rows whose criteria columns match (Excel's SUMIFS). */
  | {
      t: "sumIfs";
      sheet: string;
      sumCol: number;
      fromRow: number;
      toRow: number;
      criteria: { col: number; op: "=" | "<>"; text: string }[];
    }
  /** Chooses a branch by the text of a cell; each branch is guarded on its own. */
  | { t: "ifText"; at: Ref; equalsAny: string[]; then: Expr; else: Expr };

export const ref = (sheet: string, address: string): Expr => ({ t: "ref", at: { sheet, ref: address } });
export const num = (v: string | number): Expr => ({ t: "num", v: String(v) });
export const add = (...args: Expr[]): Expr => ({ t: "add", args });
export const sub = (a: Expr, b: Expr): Expr => ({ t: "sub", a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ t: "mul", a, b });
export const div = (a: Expr, b: Expr): Expr => ({ t: "div", a, b });
export const min = (...args: Expr[]): Expr => ({ t: "min", args });
export const max = (...args: Expr[]): Expr => ({ t: "max", args });
export const abs = (a: Expr): Expr => ({ t: "abs", a });
export const round = (a: Expr, digits: number): Expr => ({ t: "round", a, digits });
export const sum = (refs: Ref[]): Expr => ({ t: "sum", refs });

/** What a zero division shows: blank, a dash, or zero. */
export type ZeroDivision = "blank" | "dash" | "zero";

/** A computed value: a number, blank (missing input), or the zero-division mark. */
export type Value = Decimal | "blank" | "dash";

export interface Lookup {
  /** The number in a cell (in the sheet's own unit), or null when blank or not a number. */
  number(at: Ref): Decimal | null;
  /** The text of a cell, or null. */
  text(at: Ref): string | null;
  /** number() of the cell at (row, col) of a sheet, read as a reference to it would be: a SUMIFS reads by position. */
  numberAt(sheet: string, row: number, col: number): Decimal | null;
  /** text() of the cell at (row, col) of a sheet, likewise. */
  textAt(sheet: string, row: number, col: number): string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Guards: the cells that must be numbers, the sums that must not be empty, the divisors that must not be zero.

interface Guards {
  strict: Ref[];
  sums: Expr[];
  divisors: Expr[];
}

/** Made once per expression: a derivation's is evaluated and rendered in every step. Callers must not change it. */
function guardsOf(e: Expr): Guards {
  const known = (e as { [GUARDS]?: Guards })[GUARDS];
  if (known) return known;
  const g = collectGuards(e, { strict: [], sums: [], divisors: [] });
  // Kept on the expression, not in a WeakMap (slower to ask, and costly to the garbage collector at 100,000 formulas);
  // not enumerable, so that expressions still compare as data.
  Object.defineProperty(e, GUARDS, { value: g });
  return g;
}
const GUARDS = Symbol("guards");

function collectGuards(e: Expr, g: Guards): Guards {
  switch (e.t) {
    case "ref":
      g.strict.push(e.at);
      break;
    case "num":
      break;
    case "add":
    case "min":
    case "max":
      e.args.forEach((a) => collectGuards(a, g));
      break;
    case "sub":
    case "mul":
      collectGuards(e.a, g);
      collectGuards(e.b, g);
      break;
    case "div":
      collectGuards(e.a, g);
      collectGuards(e.b, g);
      g.divisors.push(e.b);
      break;
    case "abs":
    case "round":
      collectGuards(e.a, g);
      break;
    case "sum":
    case "sumIfs":
      g.sums.push(e);
      break;
    case "ifText":
      // Branches guard themselves.
      break;
  }
  return g;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation with decimal.js.

type SumIfs = Extract<Expr, { t: "sumIfs" }>;

/**
 * The cells of a SUMIFS, row by row: made when asked (a missing-input report, the unit check). The engine reads a
 * SUMIFS by position (sumIfsRows, Lookup.numberAt), never through these: a table's SUMIFS columns held a Ref per row,
 * ~150,000 at 10,000 projects, kept for a whole build.
 */
export function sumIfsCells(e: SumIfs): { sum: Ref[]; criteria: Ref[][] } {
  const column = (col: number) => {
    const refs: Ref[] = [];
    for (let row = e.fromRow; row <= e.toRow; row++) refs.push(cellAt(e.sheet, row, col));
    return refs;
  };
  return { sum: column(e.sumCol), criteria: e.criteria.map((c) => column(c.col)) };
}

export function sumIfs(sheet: string, sumCol: number, fromRow: number, toRow: number, criteria: SumIfs["criteria"]): Expr {
  return { t: "sumIfs", sheet, sumCol, fromRow, toRow, criteria };
}

/**
 * The rows whose criteria cells match (SUMIFS is case-blind), given the text of the cell at (row, col) of the SUMIFS's
 * sheet: their cells in the sum column are what it adds.
 */
export function sumIfsRows(e: SumIfs, textAt: (row: number, col: number) => string | null): number[] {
  const criteria = e.criteria;
  const wanted = criteria.map((c) => c.text.toLowerCase());
  const out: number[] = [];
  for (let row = e.fromRow; row <= e.toRow; row++) {
    let ok = true;
    for (let k = 0; k < criteria.length && ok; k++) {
      // The criterion's own text is a match as it stands (是, 否): lowered only when it differs.
      const t = textAt(row, criteria[k].col) ?? "";
      const same = t === criteria[k].text || t.toLowerCase() === wanted[k];
      ok = criteria[k].op === "=" ? same : !same;
    }
    if (ok) out.push(row);
  }
  return out;
}

/** A constant's decimal, shared: Decimals are immutable and the same few constants recur in every formula. */
export function constant(v: string): Decimal {
  let d = constants.get(v);
  if (d === undefined) constants.set(v, (d = new Decimal(v)));
  return d;
}
const constants = new Map<string, Decimal>();

function evalBody(e: Expr, lookup: Lookup, zero: ZeroDivision): Decimal | Value {
  switch (e.t) {
    case "ref":
      return lookup.number(e.at) ?? "blank";
    case "num":
      return constant(e.v);
    case "add": {
      // A row's few terms added by decimal.js; a DecimalSum pays for long sums only (an attachment's total of 3,000
      // indicator scores at 10,000 projects, SUM and SUMIFS below).
      if (e.args.length >= LONG_ADD) {
        const sum = new DecimalSum(ZERO);
        for (let i = 0; i < e.args.length; i++) sum.add(evalNumber(e.args[i], lookup, zero));
        return sum.value!;
      }
      let total = ZERO;
      for (let i = 0; i < e.args.length; i++) total = total.plus(evalNumber(e.args[i], lookup, zero));
      return total;
    }
    case "sub":
      return evalNumber(e.a, lookup, zero).minus(evalNumber(e.b, lookup, zero));
    case "mul":
      return evalNumber(e.a, lookup, zero).times(evalNumber(e.b, lookup, zero));
    case "div":
      return evalNumber(e.a, lookup, zero).dividedBy(evalNumber(e.b, lookup, zero));
    case "min":
      return Decimal.min(...e.args.map((a) => evalNumber(a, lookup, zero)));
    case "max":
      return Decimal.max(...e.args.map((a) => evalNumber(a, lookup, zero)));
    case "abs":
      return evalNumber(e.a, lookup, zero).abs();
    case "round":
      // Excel's ROUND rounds half away from zero.
      return evalNumber(e.a, lookup, zero).toDecimalPlaces(e.digits, Decimal.ROUND_HALF_UP);
    case "sum":
      return sumOfNumbers(e.refs, lookup);
    case "sumIfs": {
      const rows = sumIfsRows(e, (row, col) => lookup.textAt(e.sheet, row, col));
      const total = new DecimalSum(ZERO);
      for (let i = 0; i < rows.length; i++) {
        const n = lookup.numberAt(e.sheet, rows[i], e.sumCol);
        if (n !== null) total.add(n);
      }
      return total.value!;
    }
    case "ifText": {
      const t = lookup.text(e.at);
      const chosen = t !== null && e.equalsAny.includes(t.trim()) ? e.then : e.else;
      return evaluate(chosen, lookup, zero);
    }
  }
}

const ZERO = new Decimal(0);
/** Terms from which an addition is counted in a DecimalSum (which gives what adding them one by one gives). */
const LONG_ADD = 16;

/** Σ of the numbers in the cells (blank cells and texts count as 0, as Excel's SUM does). */
function sumOfNumbers(refs: Ref[], lookup: Lookup): Decimal {
  const total = new DecimalSum(ZERO);
  for (let i = 0; i < refs.length; i++) {
    const n = lookup.number(refs[i]);
    if (n !== null) total.add(n);
  }
  return total.value!;
}

class NotANumber extends Error {}

function evalNumber(e: Expr, lookup: Lookup, zero: ZeroDivision): Decimal {
  const v = evalBody(e, lookup, zero);
  if (!(v instanceof Decimal)) throw new NotANumber();
  return v;
}

function allBlank(refs: Ref[], lookup: Lookup): boolean {
  for (let i = 0; i < refs.length; i++) if (lookup.number(refs[i]) !== null) return false;
  return true;
}

/** Whether a sum adds no number at all: a SUMIFS's whole sum column, as its formula's COUNT guard tests it. */
function sumIsBlank(s: Expr, lookup: Lookup): boolean {
  if (s.t === "sum") return allBlank(s.refs, lookup);
  if (s.t !== "sumIfs") return true;
  for (let row = s.fromRow; row <= s.toRow; row++) if (lookup.numberAt(s.sheet, row, s.sumCol) !== null) return false;
  return true;
}

/** Evaluates an expression as the formula rendered from it evaluates in Excel. */
export function evaluate(e: Expr, lookup: Lookup, zero: ZeroDivision): Value {
  // Indexed loops, not some()/every() with closures or for…of: evaluated for every derived cell of every step, most
  // of it before the code is optimized, where for…of makes an iterator result per entry.
  const g = guardsOf(e);
  for (let i = 0; i < g.strict.length; i++) if (lookup.number(g.strict[i]) === null) return "blank";
  for (let i = 0; i < g.sums.length; i++) if (sumIsBlank(g.sums[i], lookup)) return "blank";
  try {
    for (let i = 0; i < g.divisors.length; i++) {
      if (evalNumber(g.divisors[i], lookup, zero).isZero()) return zero === "zero" ? new Decimal(0) : zero === "dash" ? "dash" : "blank";
    }
    const v = evalBody(e, lookup, zero);
    return v;
  } catch (err) {
    if (err instanceof NotANumber) return "blank";
    throw err;
  }
}

/**
 * The cells an expression reads, for missing-input reports and dependency order. With `numbersOnly`, only the cells
 * whose numbers it uses: not the text cells that SUMIFS criteria and IF branches test.
 */
export function inputsOf(e: Expr, options: { numbersOnly?: boolean } = {}): Ref[] {
  const texts = !options.numbersOnly;
  const out: Ref[] = [];
  const walk = (x: Expr) => {
    switch (x.t) {
      case "ref":
        out.push(x.at);
        break;
      case "num":
        break;
      case "add":
      case "min":
      case "max":
        x.args.forEach(walk);
        break;
      case "sub":
      case "mul":
      case "div":
        walk(x.a);
        walk(x.b);
        break;
      case "abs":
      case "round":
        walk(x.a);
        break;
      case "sum":
        out.push(...x.refs);
        break;
      case "sumIfs":
        {
          const { sum: sums, criteria } = sumIfsCells(x);
          sums.forEach((at, i) => {
            out.push(at);
            if (texts) for (const column of criteria) out.push(column[i]);
          });
        }
        break;
      case "ifText":
        if (texts) out.push(x.at);
        walk(x.then);
        walk(x.else);
        break;
    }
  };
  walk(e);
  return out;
}

/** The cells whose blankness makes the expression blank (not those of sums, where blank lines are allowed). */
export function strictInputsOf(e: Expr): Ref[] {
  return guardsOf(e).strict;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering to an Excel formula (en-US syntax).

/** While a template is rendered (formulaTemplate): the rows of the references written so far, else null. */
let templateRows: number[] | null = null;
// Private-use characters mark a slot; a sheet name holding them anyway makes the template unusable (see below).
const SLOT = /\uE000(\d+)\uE001/g;
const SLOT_SPLIT = /\uE000\d+\uE001/;

class NotTemplatable extends Error {}

/** A cell's address as written in a formula; in a template, its row as a numbered slot. */
function address(at: Ref): string {
  if (templateRows === null) return at.ref;
  if (at.row === undefined || at.col === undefined) throw new NotTemplatable();
  templateRows.push(at.row);
  return `${columnLetter(at.col)}\uE000${templateRows.length - 1}\uE001`;
}

function renderRef(at: Ref, home: string): string {
  return at.sheet === home ? address(at) : sheetPrefix(at.sheet) + address(at);
}

/** Joins references, collapsing runs down a column or along a row into ranges (B5,B6,B7 → B5:B7; F6,G6,H6 → F6:H6). */
function renderRefList(refs: Ref[], home: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < refs.length) {
    const start = refCoords(refs[i]);
    const next = (j: number) => (j + 1 < refs.length && refs[j + 1].sheet === refs[i].sheet ? refCoords(refs[j + 1]) : null);
    let j = i;
    const second = next(i);
    if (second && second.col === start.col && second.row === start.row + 1) {
      while (next(j)?.col === start.col && next(j)!.row === refCoords(refs[j]).row + 1) j++;
    } else if (second && second.row === start.row && second.col === start.col + 1) {
      while (next(j)?.row === start.row && next(j)!.col === refCoords(refs[j]).col + 1) j++;
    }
    const first = renderRef(refs[i], home);
    parts.push(j > i ? `${first}:${address(refs[j])}` : first);
    i = j + 1;
  }
  return parts.join(",");
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function columnRange(sheet: string, col: number, fromRow: number, toRow: number, home: string): string {
  const prefix = sheet === home ? "" : sheetPrefix(sheet);
  return `${prefix}$${cellRef(fromRow, col).replace(/\d+$/, "")}$${fromRow + 1}:$${cellRef(toRow, col).replace(/\d+$/, "")}$${toRow + 1}`;
}

function renderBody(e: Expr, home: string, zero: ZeroDivision): string {
  const r = (x: Expr) => renderBody(x, home, zero);
  const paren = (x: Expr) => (x.t === "add" || x.t === "sub" ? `(${r(x)})` : r(x));
  switch (e.t) {
    case "ref":
      return renderRef(e.at, home);
    case "num":
      return e.v;
    case "add":
      return e.args.map(r).join("+");
    case "sub":
      return `${r(e.a)}-${e.b.t === "add" || e.b.t === "sub" ? `(${r(e.b)})` : r(e.b)}`;
    case "mul":
      return `${paren(e.a)}*${paren(e.b)}`;
    case "div":
      return `${paren(e.a)}/${e.b.t === "ref" || e.b.t === "num" || e.b.t === "sum" ? r(e.b) : `(${r(e.b)})`}`;
    case "min":
      return `MIN(${e.args.map(r).join(",")})`;
    case "max":
      return `MAX(${e.args.map(r).join(",")})`;
    case "abs":
      return `ABS(${r(e.a)})`;
    case "round":
      return `ROUND(${r(e.a)},${e.digits})`;
    case "sum":
      return `SUM(${renderRefList(e.refs, home)})`;
    case "sumIfs": {
      const args = [columnRange(e.sheet, e.sumCol, e.fromRow, e.toRow, home)];
      for (const c of e.criteria) {
        args.push(columnRange(e.sheet, c.col, e.fromRow, e.toRow, home), quote(c.op === "=" ? c.text : `<>${c.text}`));
      }
      return `SUMIFS(${args.join(",")})`;
    }
    case "ifText":
      return `IF(${renderCondition(e, home)},${renderGuarded(e.then, home, zero)},${renderGuarded(e.else, home, zero)})`;
  }
}

function zeroText(zero: ZeroDivision): string {
  return zero === "zero" ? "0" : zero === "dash" ? quote("—") : '""';
}

function renderCondition(e: Extract<Expr, { t: "ifText" }>, home: string): string {
  const cell = renderRef(e.at, home);
  return e.equalsAny.length === 1 ? `${cell}=${quote(e.equalsAny[0])}` : `OR(${cell}={${e.equalsAny.map(quote).join(",")}})`;
}

/** The formula text with its guards; `strictGuarded` when the caller has already tested the strict inputs. */
function renderGuarded(e: Expr, home: string, zero: ZeroDivision, strictGuarded = false): string {
  if (e.t === "ifText" && !strictGuarded) {
    // Branches that need the same inputs share one blank guard, written once outside the IF.
    const a = dedupe(strictInputsOf(e.then));
    const b = dedupe(strictInputsOf(e.else));
    const keys = (refs: Ref[]) => refs.map(refKey).sort().join(",");
    if (a.length > 0 && keys(a) === keys(b)) {
      const branches = `${renderGuarded(e.then, home, zero, true)},${renderGuarded(e.else, home, zero, true)}`;
      return `IF(COUNT(${renderRefList(a, home)})<${a.length},"",IF(${renderCondition(e, home)},${branches}))`;
    }
  }
  const g = guardsOf(e);
  const blankTests: string[] = [];
  const strict = strictGuarded ? [] : dedupe(g.strict);
  if (strict.length > 0) blankTests.push(`COUNT(${renderRefList(strict, home)})<${strict.length}`);
  for (const s of g.sums) {
    if (s.t === "sum") blankTests.push(`COUNT(${renderRefList(s.refs, home)})=0`);
    if (s.t === "sumIfs") blankTests.push(`COUNT(${columnRange(s.sheet, s.sumCol, s.fromRow, s.toRow, home)})=0`);
  }
  let body = renderBody(e, home, zero);
  if (g.divisors.length > 0) {
    const tests = g.divisors.map((d) => `${renderBody(d, home, zero)}=0`);
    body = `IF(${tests.length === 1 ? tests[0] : `OR(${tests.join(",")})`},${zeroText(zero)},${body})`;
  }
  if (blankTests.length > 0) {
    body = `IF(${blankTests.length === 1 ? blankTests[0] : `OR(${blankTests.join(",")})`},"",${body})`;
  }
  return body;
}

function dedupe(refs: Ref[]): Ref[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = refKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Renders the formula for a cell on sheet `home`, with its blank and zero-division guards. */
export function renderFormula(e: Expr, home: string, zero: ZeroDivision): string {
  return `=${renderGuarded(e, home, zero)}`;
}

/**
 * A rendered formula with the rows of its cell references taken out: the formula of an expression `shiftedBy` n rows
 * is parts[0] + (rows[0] + n + 1) + parts[1] + … (fromTemplate). A column of a list table holds one expression shape
 * row after row, so its formulas are rendered once, not once per cell. Null when a reference has no known position.
 */
export interface FormulaTemplate {
  parts: string[];
  rows: number[];
  /** The row of every slot, when they all hold the same one (a list cell's formula reads its own row), else null. */
  sameRow: number | null;
}

export function formulaTemplate(e: Expr, home: string, zero: ZeroDivision): FormulaTemplate | null {
  const rows: number[] = [];
  templateRows = rows;
  let text: string;
  try {
    text = renderFormula(e, home, zero);
  } catch (err) {
    if (err instanceof NotTemplatable) return null;
    throw err;
  } finally {
    templateRows = null;
  }
  // Slots appear in the text in another order than they were made (guards are written around the body).
  const slots = [...text.matchAll(SLOT)].map((m) => rows[Number(m[1])]);
  if (slots.length !== rows.length || slots.some((row) => row === undefined)) return null;
  const sameRow = slots.length > 0 && slots.every((row) => row === slots[0]) ? slots[0] : null;
  return { parts: text.split(SLOT_SPLIT), rows: slots, sameRow };
}

/**
 * Whether `formula` is fromTemplate(t, shift), found without making that text: a formula read back from a cell is
 * compared with its template in place, part by part and row number by row number.
 */
export function matchesTemplate(formula: string, t: FormulaTemplate, shift: number): boolean {
  let pos = 0;
  for (let i = 0; i < t.parts.length; i++) {
    const part = t.parts[i];
    if (!formula.startsWith(part, pos)) return false;
    pos += part.length;
    if (i === t.rows.length) break;
    // The row number's digits, last to first.
    let n = t.rows[i] + shift + 1;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    if (pos + digits > formula.length) return false;
    for (let k = pos + digits - 1; k >= pos; k--) {
      if (formula.charCodeAt(k) !== 48 + (n % 10)) return false;
      n = Math.floor(n / 10);
    }
    pos += digits;
  }
  return pos === formula.length;
}

export function fromTemplate(t: FormulaTemplate, shift: number): string {
  // Joined, not concatenated: a formula is kept (100,000 at 10,000 projects) and a concatenation would keep its
  // pieces as a rope, three times the memory of the joined text. One row throughout (the usual case): the parts
  // joined by its number, without an array of pieces or a number made text per slot.
  if (t.sameRow !== null) return t.parts.join(String(t.sameRow + shift + 1));
  const pieces: (string | number)[] = [t.parts[0]];
  for (let i = 0; i < t.rows.length; i++) pieces.push(t.rows[i] + shift + 1, t.parts[i + 1]);
  return pieces.join("");
}

/** `e` with every cell reference `shift` rows lower: the expression of a list column's cell from its first row's. */
export function shiftExpr(e: Expr, shift: number): Expr {
  switch (e.t) {
    case "ref":
      return { t: "ref", at: shiftRef(e.at, shift) };
    case "num":
    case "sumIfs":
      // A SUMIFS has absolute rows; list columns never hold one (Builder.listed: a row's cells only).
      return e;
    case "add":
    case "min":
    case "max":
      return { t: e.t, args: e.args.map((a) => shiftExpr(a, shift)) };
    case "sub":
    case "mul":
    case "div":
      return { t: e.t, a: shiftExpr(e.a, shift), b: shiftExpr(e.b, shift) };
    case "abs":
      return { t: "abs", a: shiftExpr(e.a, shift) };
    case "round":
      return { t: "round", a: shiftExpr(e.a, shift), digits: e.digits };
    case "sum":
      return { t: "sum", refs: e.refs.map((r) => shiftRef(r, shift)) };
    case "ifText":
      return { t: "ifText", at: shiftRef(e.at, shift), equalsAny: e.equalsAny, then: shiftExpr(e.then, shift), else: shiftExpr(e.else, shift) };
  }
}

function shiftRef(at: Ref, shift: number): Ref {
  const { row, col } = refCoords(at);
  return cellAt(at.sheet, row + shift, col);
}

/** Whether `b` is `a` with every cell reference `shift` rows lower (and all else equal), so renders from a's template. */
export function shiftedBy(a: Expr, b: Expr, shift: number): boolean {
  switch (a.t) {
    case "ref":
      return b.t === "ref" && sameShifted(a.at, b.at, shift);
    case "num":
      return b.t === "num" && a.v === b.v;
    case "add":
    case "min":
    case "max":
      return b.t === a.t && allShifted(a.args, b.args, shift);
    case "sub":
    case "mul":
    case "div":
      return b.t === a.t && shiftedBy(a.a, b.a, shift) && shiftedBy(a.b, b.b, shift);
    case "abs":
      return b.t === "abs" && shiftedBy(a.a, b.a, shift);
    case "round":
      return b.t === "round" && a.digits === b.digits && shiftedBy(a.a, b.a, shift);
    case "sum":
      if (b.t !== "sum" || a.refs.length !== b.refs.length) return false;
      for (let i = 0; i < a.refs.length; i++) if (!sameShifted(a.refs[i], b.refs[i], shift)) return false;
      return true;
    case "sumIfs":
      // Written with absolute rows: the same only unshifted.
      return (
        b.t === "sumIfs" &&
        shift === 0 &&
        a.sheet === b.sheet &&
        a.sumCol === b.sumCol &&
        a.fromRow === b.fromRow &&
        a.toRow === b.toRow &&
        a.criteria.length === b.criteria.length &&
        a.criteria.every((c, i) => c.col === b.criteria[i].col && c.op === b.criteria[i].op && c.text === b.criteria[i].text)
      );
    case "ifText":
      return (
        b.t === "ifText" &&
        sameShifted(a.at, b.at, shift) &&
        a.equalsAny.length === b.equalsAny.length &&
        a.equalsAny.every((x, i) => x === b.equalsAny[i]) &&
        shiftedBy(a.then, b.then, shift) &&
        shiftedBy(a.else, b.else, shift)
      );
  }
}

// Loops rather than every(): asked of 100,000 formulas, with no closure made each time.
function allShifted(a: Expr[], b: Expr[], shift: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!shiftedBy(a[i], b[i], shift)) return false;
  return true;
}

function sameShifted(a: Ref, b: Ref, shift: number): boolean {
  return a.sheet === b.sheet && a.row !== undefined && a.col !== undefined && b.row === a.row + shift && b.col === a.col;
}
