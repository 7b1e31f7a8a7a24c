/**
 * Evaluates a derived cell's expression (derive.ts) over the figures as stated, twice at once: the nominal value
 * (the formula on the figures as shown) and the interval of values the inputs stand for (each stated figure with d
 * decimals is an interval, interval.ts). A derived cell that holds a typed figure or a formula of the user's is an
 * input like any other (its own relation is checked separately); a derived cell that is blank or holds our formula
 * is evaluated from its expression, so checking does not depend on whether 计算 has run. Sums are added in closed form
 * (sumOf, IntervalSum): a total over 10,000 rows makes no interval per row.
 */
import Decimal from "decimal.js";
import { derivationsByCell, derivedCellState, derivedFlags, derivedSlots, OwnFormulas, type DerivationIndex, type DerivedCellState, type Derivation } from "../derive";
import { constant, refCol, refRow, sumIfsRows, type Expr, type Ref } from "../expr";
import type { CellModel, RowModel, Settings, TableModel, WorkbookModel } from "../model";
import { CellMap } from "../cell-map";
import { isCellError, sheetWidths, snapshotCell, type SheetSnapshot, type WorkbookSnapshot } from "../snapshot";
import { DecimalSum, decimalFromNumber, parseNumberText } from "../text";
import {
  add as ivAdd,
  decimalsOf,
  div as ivDiv,
  exactInterval,
  IntervalSum,
  makeInterval,
  negate,
  roundDecimal,
  statedInterval,
  type Interval,
} from "./interval";

/** A number known as a nominal value and an interval (null when a division made it indeterminate). */
export interface Figure {
  nom: Decimal;
  iv: Interval | null;
}

export type EvalResult = Figure | "blank" | "zeroDiv";

/** A nominal value without its interval. */
export type Nominal = Decimal | "blank" | "zeroDiv";

export interface StatedFigure {
  value: Decimal;
  decimals: number;
}

/** The figure a cell states, in the sheet's own unit (rates as fractions), with the decimals it is shown with. */
export function statedFigure(cell: CellModel | undefined): StatedFigure | null {
  if (!cell || cell.raw === null || cell.isDate) return null;
  const o = cell.original;
  if (typeof o === "number") {
    const shown = decimalsOf(cell.numberFormat, undefined, o) ?? 0;
    const typed = decimalFromNumber(o);
    const own = Math.max(0, typed.decimalPlaces());
    let d = Math.max(shown, own);
    // Rates carry the precision the author typed (the seed mixes 2-dp and 1-dp): Excel shows a typed 198.3% as
    // 198.30% under its automatic 0.00% format, so zeros the percent format pads are not taken as precision
    // (never coarser than whole percents). Amounts keep their format's decimals: 11 shown as 11.00 means 11.00.
    if (own < shown && isPercentFormat(cell.numberFormat)) d = Math.max(2, own);
    // A rate under a "%" header typed as 96.85: the reader divided by 100.
    if (cell.raw !== typed && !cell.raw.eq(typed)) d += 2;
    return { value: cell.raw, decimals: Math.min(d, 12) };
  }
  if (typeof o === "string") {
    const parsed = parseNumberText(o);
    let d = cell.typedDecimals ?? parsed?.typedDecimals ?? 0;
    if (parsed && !parsed.value.eq(cell.raw)) d += 2;
    return { value: cell.raw, decimals: d };
  }
  return null;
}

/** Whether a number format shows a percentage (a % outside quoted text), worked out once per format. */
function isPercentFormat(numberFormat: string | null): boolean {
  if (numberFormat === null) return false;
  let known = percentFormats.get(numberFormat);
  if (known === undefined) {
    known = /%/.test(numberFormat.replace(/"[^"]*"/g, ""));
    if (percentFormats.size >= 10_000) percentFormats.clear();
    percentFormats.set(numberFormat, known);
  }
  return known;
}
const percentFormats = new Map<string, boolean>();

/** Whether statedFigure(cell) is a figure, without working out its decimals (the blank and nominal paths ask often). */
function states(cell: CellModel): boolean {
  return cell.raw !== null && !cell.isDate && (typeof cell.original === "number" || typeof cell.original === "string");
}

/** A table's cells by position: its rows by row number (from firstRow), its column keys by column number. */
interface TableIndex {
  table: TableModel;
  rowAt: (RowModel | undefined)[];
  keyAt: Map<number, string>;
}

/** Everything the checks look up: table cells by position, derivations, and how each derived cell is filled. */
export class CheckContext {
  /** By sheet: the tables on it (a position is looked up in them, not in a map of every cell). */
  private readonly tablesOn = new Map<string, TableIndex[]>();
  // By cell (CellMap): asked for every reference of every formula.
  private readonly derivedCells: DerivationIndex;
  private readonly statedMemo: CellMap<EvalResult>;
  // By derivation (derivedSlots).
  private readonly fillStates: readonly (DerivedCellState | undefined)[];
  private readonly memo: (EvalResult | undefined)[];
  private readonly blankMemo: (boolean | undefined)[];
  private readonly nominalMemo: (Nominal | undefined)[];
  // Flags in typed arrays (zeroed off the collected heap, nothing for the collector to trace): 1 while a derived
  // cell is being worked out; whether it is linear, 0 not yet known, 1 no, 2 yes.
  private readonly visiting: Uint8Array;
  private readonly linearMemo: Uint8Array;
  readonly sheets: Map<string, SheetSnapshot>;
  private readonly sumIfsMemo = new Map<Expr, number[]>();
  /**
   * Rows the expression being worked out is moved down by: a list column's cell is worked out from its first cell's
   * expression (see Derivation), so every reference met is moved with it. 0 outside such work.
   */
  private shift = 0;
  private readonly own: OwnFormulas;
  /**
   * Figures that are set, not measured or rounded: counts (编制数, 人数) and an indicator's target and weight.
   * They stand for themselves, not for an interval.
   */
  private readonly exact = new Set<CellModel>();

  constructor(
    readonly snapshot: WorkbookSnapshot,
    readonly model: WorkbookModel,
    readonly derivations: Derivation[],
    own?: OwnFormulas,
    /** Each derived cell's state (derivedCellState) in `snapshot`, by ordinal, when a step before found them. */
    states?: readonly DerivedCellState[] | null,
  ) {
    this.sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
    this.statedMemo = new CellMap(sheetWidths(snapshot));
    this.memo = derivedSlots(derivations);
    this.blankMemo = derivedSlots(derivations);
    this.nominalMemo = derivedSlots(derivations);
    this.visiting = derivedFlags(derivations);
    this.linearMemo = derivedFlags(derivations);
    for (const t of this.tables()) {
      const rowAt: (RowModel | undefined)[] = [];
      for (let i = 0; i < t.rows.length; i++) rowAt[t.rows[i].row - t.firstRow] = t.rows[i];
      const keyAt = new Map([...t.columns].map(([key, col]) => [col, key]));
      const on = this.tablesOn.get(t.sheet) ?? [];
      on.push({ table: t, rowAt, keyAt });
      this.tablesOn.set(t.sheet, on);
      const keyValue = t.spec.columns.length <= 2;
      const rowKinds = new Map((t.spec.rows ?? []).map((r) => [r.key, r.kind]));
      const isExact = (kind: string | undefined, colKey: string) =>
        kind === "count" || (t.spec.id === "indicators" && (colKey === "target" || colKey === "weight"));
      // Only the columns that can be exact are looked at: a list table has 10,000s of rows.
      const exactColumns = t.spec.columns.filter((c) => isExact(c.kind, c.key)).map((c) => c.key);
      for (let i = 0; i < t.rows.length; i++) {
        const row = t.rows[i];
        if (keyValue) {
          const kind = rowKinds.get(row.key);
          row.cells.forEach((c, colKey) => {
            if (isExact(kind, colKey)) this.exact.add(c);
          });
        } else {
          for (let k = 0; k < exactColumns.length; k++) {
            const c = row.cells.get(exactColumns[k]);
            if (c) this.exact.add(c);
          }
        }
      }
    }
    this.own = own ?? new OwnFormulas(model);
    this.derivedCells = derivationsByCell(derivations);
    // The states a step before found are taken as they are (never changed here).
    if (states) this.fillStates = states;
    else {
      const found = derivedSlots<DerivedCellState>(derivations);
      for (let i = 0; i < derivations.length; i++) found[i] = derivedCellState(this.sheets.get(derivations[i].sheet), derivations[i], this.own);
      this.fillStates = found;
    }
  }

  /** A reference's row, moved down with the expression being worked out (its column is refCol(at)). */
  private rowOf(at: Ref): number {
    return refRow(at) + this.shift;
  }

  /** Works on a derived cell's expression: its list column's first cell's, moved down to it. */
  private within<T>(d: Derivation, work: (e: Expr) => T): T {
    const outer = this.shift;
    this.shift = d.shift;
    try {
      return work(d.baseExpr);
    } finally {
      this.shift = outer;
    }
  }

  // Made once, not a closure per derived cell worked out (10,000s in a step).
  private readonly evOf = (e: Expr) => this.ev(e);
  private readonly blankOf = (e: Expr) => this.blankExpr(e);
  private readonly nominalOfExpr = (e: Expr) => this.nominalExpr(e);
  private readonly linearOf = (e: Expr) => this.linearExpr(e);

  /** The derivation of the cell at a reference, if it is a derived cell. */
  derivationAt(at: Ref): Derivation | undefined {
    return this.derivedCells.get(at.sheet, this.rowOf(at), refCol(at));
  }

  /** How a derived cell is filled (undefined for a cell that is not derived). */
  stateAt(at: Ref): DerivedCellState | undefined {
    const d = this.derivationAt(at);
    return d && this.fillStates[d.ordinal];
  }

  /** Whether a derived cell stands for its expression (blank, or 计算's formula) rather than for what it states. */
  isWorkedOut(d: Derivation): boolean {
    return this.evaluated(d) !== undefined;
  }

  /** The derivation of the cell at a reference when it is evaluated from its expression (blank or ours). */
  private evaluated(at: Ref): Derivation | undefined {
    return this.evaluatedAt(at.sheet, this.rowOf(at), refCol(at));
  }

  // The *At methods take a cell's place, its row already moved (rowOf): a SUMIFS adds a column by position, without
  // a Ref per row.
  private evaluatedAt(sheet: string, row: number, col: number): Derivation | undefined {
    const d = this.derivedCells.get(sheet, row, col);
    if (!d) return undefined;
    const state = this.fillStates[d.ordinal];
    return state === "blank" || state === "ours" ? d : undefined;
  }

  get settings(): Settings {
    return this.model.settings;
  }

  get mode(): "nearest" | "truncate" {
    return this.model.settings.rounding;
  }

  /** Every table of the model. */
  tables(): TableModel[] {
    return [...this.model.tables.values()].flat();
  }

  /** The table cell at a reference, if a table holds it (the table read last, should two overlap). */
  cell(at: Ref): CellModel | undefined {
    return this.cellAt(at.sheet, this.rowOf(at), refCol(at), true);
  }

  /**
   * `keep` false: an unread cell is read for the look only (RowCells.look), where what is worked out from it is kept
   * by position (statedMemo) or not at all (a nominal value).
   */
  private cellAt(sheet: string, row: number, col: number, keep = false): CellModel | undefined {
    const on = this.tablesOn.get(sheet) ?? [];
    for (let i = on.length - 1; i >= 0; i--) {
      const { table, rowAt, keyAt } = on[i];
      const colKey = keyAt.get(col);
      const r = colKey === undefined ? undefined : rowAt[row - table.firstRow];
      const c = keep ? r?.cells.get(colKey!) : r?.cells.look(colKey!);
      if (c) return c;
    }
    return undefined;
  }

  /** A cell's text as the snapshot holds it (for SUMIFS criteria and labels). */
  text(at: Ref): string | null {
    return this.textAt(at.sheet, this.rowOf(at), refCol(at));
  }

  private textAt(name: string, row: number, col: number): string | null {
    const sheet = this.sheets.get(name);
    if (!sheet) return null;
    // Indexed directly: asked for every criteria cell of every SUMIFS (snapshotCell makes an object per cell).
    const value = sheet.values[row - sheet.originRow]?.[col - sheet.originCol];
    return typeof value === "string" ? value : null;
  }

  /** The figure a cell stands for: stated if it states one, else (derived, blank or ours) its expression. */
  figure(at: Ref): EvalResult {
    const d = this.evaluated(at);
    return d ? this.evaluate(d) : this.statedAt(at);
  }

  statedAt(at: Ref): EvalResult {
    return this.statedAtCell(at.sheet, this.rowOf(at), refCol(at));
  }

  private statedAtCell(sheet: string, row: number, col: number): EvalResult {
    // An input is read by every formula over it and by several rules: its figure and interval are made once, and the
    // cell is not looked at again (only a table cell's is kept here: the memo's cells are the tables').
    let known = this.statedMemo.get(sheet, row, col);
    if (known === undefined) {
      const cell = this.cellAt(sheet, row, col);
      if (!cell) return this.statedOutsideTables(sheet, row, col);
      const stated = statedFigure(cell);
      if (!stated) known = "blank";
      else if (this.exact.has(cell)) known = exact(stated.value);
      else known = { nom: stated.value, iv: statedInterval(stated.value, stated.decimals, this.mode) };
      this.statedMemo.set(cell.sheet, cell.row, cell.col, known);
    }
    return known;
  }

  /** A figure outside every table (should not happen for derivations): read from the snapshot. */
  private statedOutsideTables(name: string, row: number, col: number): EvalResult {
    let stated: StatedFigure | null = null;
    const sheet = this.sheets.get(name);
    if (sheet) {
      const { value, numberFormat } = snapshotCell(sheet, row, col);
      if (typeof value === "number") {
        stated = { value: decimalFromNumber(value), decimals: decimalsOf(numberFormat, undefined, value) ?? 0 };
      } else if (typeof value === "string" && !isCellError(value)) {
        const p = parseNumberText(value);
        if (p) stated = { value: p.value, decimals: p.typedDecimals + (p.percent ? 2 : 0) };
      }
    }
    if (!stated) return "blank";
    return { nom: stated.value, iv: statedInterval(stated.value, stated.decimals, this.mode) };
  }

  /**
   * Computes a derived cell's answer missing from `memo` and keeps it there; `circular` when the cell is met again
   * while its own answer is being computed (a circular reference). Callers ask the memo first, so that a hit makes no
   * closure.
   */
  private once<T>(d: Derivation, memo: (T | undefined)[], circular: T, compute: (e: Expr) => T): T {
    if (this.visiting[d.ordinal] === 1) return circular;
    this.visiting[d.ordinal] = 1;
    const v = this.within(d, compute);
    this.visiting[d.ordinal] = 0;
    memo[d.ordinal] = v;
    return v;
  }

  /** The derived cell's expression over the stated figures (memoised). */
  evaluate(d: Derivation): EvalResult {
    return this.memo[d.ordinal] ?? this.once(d, this.memo, "blank", this.evOf);
  }

  /**
   * Whether the derived cell's expression is blank (an input missing), decided without arithmetic: what the
   * required-input rule asks of every derived cell. Agrees with evaluate(d) === "blank".
   */
  isBlank(d: Derivation): boolean {
    const full = this.memo[d.ordinal];
    if (full !== undefined) return full === "blank";
    // A nominal value worked out already is blank exactly when the figure is (the same parts, the same guards).
    const nominal = this.nominalMemo[d.ordinal];
    if (nominal !== undefined) return nominal === "blank";
    return this.blankMemo[d.ordinal] ?? this.once(d, this.blankMemo, true, this.blankOf);
  }

  private figureBlank(at: Ref): boolean {
    return this.figureBlankAt(at.sheet, this.rowOf(at), refCol(at));
  }

  private figureBlankAt(sheet: string, row: number, col: number): boolean {
    const d = this.evaluatedAt(sheet, row, col);
    if (d) return this.isBlank(d);
    const known = this.statedMemo.get(sheet, row, col);
    if (known !== undefined) return known === "blank";
    const cell = this.cellAt(sheet, row, col);
    if (!cell) return this.statedAtCell(sheet, row, col) === "blank";
    return !states(cell);
  }

  private blankExpr(e: Expr): boolean {
    switch (e.t) {
      case "ref":
        return this.figureBlank(e.at);
      case "num":
        return false;
      case "add":
      case "min":
      case "max":
        for (let i = 0; i < e.args.length; i++) if (this.blankExpr(e.args[i])) return true;
        return false;
      case "sub":
      case "mul":
      case "div":
        return this.blankExpr(e.a) || this.blankExpr(e.b);
      case "abs":
      case "round":
        return this.blankExpr(e.a);
      case "sum":
        for (let i = 0; i < e.refs.length; i++) if (!this.figureBlank(e.refs[i])) return false;
        return true;
      case "sumIfs": {
        const rows = this.sumIfsRows(e);
        for (let i = 0; i < rows.length; i++) if (!this.figureBlankAt(e.sheet, rows[i], e.sumCol)) return false;
        return true;
      }
      case "ifText": {
        const t = this.text(e.at);
        return this.blankExpr(t !== null && e.equalsAny.includes(t.trim()) ? e.then : e.else);
      }
    }
  }

  /**
   * The nominal value alone, without intervals: what the plausibility rules compare (a rate, a completion). Agrees
   * with figure(at): the same operations on the same decimals, in the same order.
   */
  nominal(at: Ref): Nominal {
    return this.nominalAt(at.sheet, this.rowOf(at), refCol(at));
  }

  private nominalAt(sheet: string, row: number, col: number): Nominal {
    const d = this.evaluatedAt(sheet, row, col);
    if (d) return this.nominalOf(d);
    const known = this.statedMemo.get(sheet, row, col);
    if (known !== undefined) return typeof known === "object" ? known.nom : known;
    const cell = this.cellAt(sheet, row, col);
    if (!cell) {
      const f = this.statedAtCell(sheet, row, col);
      return typeof f === "object" ? f.nom : f;
    }
    return states(cell) ? cell.raw! : "blank";
  }

  private nominalOf(d: Derivation): Nominal {
    const full = this.memo[d.ordinal];
    if (full !== undefined) return typeof full === "object" ? full.nom : full;
    return this.nominalMemo[d.ordinal] ?? this.once(d, this.nominalMemo, "blank", this.nominalOfExpr);
  }

  /**
   * The nominal values of a quotient's numerator and denominator when each is a cell or a sum (blank when it is
   * anything else), or null when the derived cell's formula is not a quotient: what a rate is made of.
   */
  quotientParts(d: Derivation): { num: Nominal; den: Nominal } | null {
    const part = (e: Expr): Nominal => (e.t === "ref" || e.t === "sum" ? this.nominalExpr(e) : "blank");
    return this.within(d, (e) => (e.t === "div" ? { num: part(e.a), den: part(e.b) } : null));
  }

  /** The nominal value of an expression (see nominal). */
  nominalExpr(e: Expr): Nominal {
    switch (e.t) {
      case "ref":
        return this.nominal(e.at);
      case "num":
        return constant(e.v);
      case "add":
        return strict(e.args.map((a) => this.nominalExpr(a)), (xs) => xs.reduce((x, y) => x.plus(y)));
      // Two parts, as strict takes them but without an array and a closure a call: every row's 结余 and 执行率.
      case "sub":
      case "mul": {
        const a = this.nominalExpr(e.a);
        const b = this.nominalExpr(e.b);
        if (a === "blank" || b === "blank") return "blank";
        if (a === "zeroDiv" || b === "zeroDiv") return "zeroDiv";
        return e.t === "sub" ? a.plus(b.negated()) : a.times(b);
      }
      case "div": {
        const a = this.nominalExpr(e.a);
        const b = this.nominalExpr(e.b);
        if (a === "blank" || b === "blank") return "blank";
        if (a === "zeroDiv" || b === "zeroDiv" || b.isZero()) return "zeroDiv";
        return a.dividedBy(b);
      }
      case "min":
      case "max": {
        const pick = e.t === "min" ? (x: Decimal, y: Decimal) => Decimal.min(x, y) : (x: Decimal, y: Decimal) => Decimal.max(x, y);
        return strict(e.args.map((a) => this.nominalExpr(a)), (xs) => xs.reduce(pick));
      }
      case "abs":
        return strict([this.nominalExpr(e.a)], ([a]) => a.abs());
      case "round":
        return strict([this.nominalExpr(e.a)], ([a]) => roundDecimal(a, e.digits));
      case "sum":
        return this.nominalSum(e.refs);
      case "sumIfs": {
        const rows = this.sumIfsRows(e);
        return this.nominalTotal(rows.length, (i) => this.nominalAt(e.sheet, rows[i], e.sumCol));
      }
      case "ifText": {
        const t = this.text(e.at);
        return this.nominalExpr(t !== null && e.equalsAny.includes(t.trim()) ? e.then : e.else);
      }
    }
  }

  /** The nominal value of a sum of cells (see sumOf). */
  nominalSum(refs: Ref[]): Nominal {
    return this.nominalTotal(refs.length, (i) => this.nominal(refs[i]));
  }

  /** Σ of n nominal values (see nominalSum). */
  private nominalTotal(n: number, term: (i: number) => Nominal): Nominal {
    const acc = new DecimalSum();
    let zeroDiv = false;
    for (let i = 0; i < n; i++) {
      const v = term(i);
      if (v === "blank") continue;
      if (v === "zeroDiv") {
        zeroDiv = true;
        continue;
      }
      acc.add(v);
    }
    const sum = acc.value;
    if (sum) return sum;
    return zeroDiv ? "zeroDiv" : "blank";
  }

  /**
   * The rows a SUMIFS adds (their cells in its sum column), matched once per check: its blank test, nominal value and
   * figure each ask. Its rows move with the expression being worked out, as a reference's do.
   */
  private sumIfsRows(e: Extract<Expr, { t: "sumIfs" }>): number[] {
    let rows = this.sumIfsMemo.get(e);
    if (!rows) {
      const shift = this.shift;
      rows = sumIfsRows(e, (row, col) => this.textAt(e.sheet, row + shift, col));
      // Never moved in practice: a SUMIFS is no list column's (Builder.listed), so it is worked out at shift 0.
      if (shift !== 0) rows = rows.map((row) => row + shift);
      this.sumIfsMemo.set(e, rows);
    }
    return rows;
  }

  private ev(e: Expr): EvalResult {
    switch (e.t) {
      case "ref":
        return this.figure(e.at);
      case "num":
        return exact(constant(e.v));
      case "add":
        return this.strict(e.args.map((a) => this.ev(a)), (xs) => xs.reduce(addF));
      case "sub":
        return this.strict([this.ev(e.a), this.ev(e.b)], ([a, b]) => addF(a, negF(b)));
      case "mul":
        return this.strict([this.ev(e.a), this.ev(e.b)], ([a, b]) => mulF(a, b));
      case "div": {
        const a = this.ev(e.a);
        const b = this.ev(e.b);
        if (a === "blank" || b === "blank") return "blank";
        if (a === "zeroDiv" || b === "zeroDiv") return "zeroDiv";
        if (b.nom.isZero()) return "zeroDiv";
        const nom = a.nom.dividedBy(b.nom);
        if (!a.iv || !b.iv) return { nom, iv: null };
        const q = ivDiv(a.iv, b.iv);
        return { nom, iv: q.kind === "interval" ? q.interval : null };
      }
      case "min":
      case "max": {
        const pick = e.t === "min" ? (x: Decimal, y: Decimal) => Decimal.min(x, y) : (x: Decimal, y: Decimal) => Decimal.max(x, y);
        return this.strict(e.args.map((a) => this.ev(a)), (xs) =>
          xs.reduce((x, y) => ({
            nom: pick(x.nom, y.nom),
            iv: x.iv && y.iv ? makeInterval(pick(x.iv.lo, y.iv.lo), pick(x.iv.hi, y.iv.hi)) : null,
          })),
        );
      }
      case "abs":
        return this.strict([this.ev(e.a)], ([a]) => ({ nom: a.nom.abs(), iv: a.iv ? absIv(a.iv) : null }));
      case "round":
        return this.strict([this.ev(e.a)], ([a]) => ({
          nom: roundDecimal(a.nom, e.digits),
          iv: a.iv ? makeInterval(roundDecimal(a.iv.lo, e.digits), roundDecimal(a.iv.hi, e.digits)) : null,
        }));
      case "sum":
        return this.sumOf(e.refs);
      case "sumIfs":
        // SUMIFS over a range with no number at all is blank, like the formula's COUNT guard.
        return this.sumOfRows(e);
      case "ifText": {
        const t = this.text(e.at);
        return this.ev(t !== null && e.equalsAny.includes(t.trim()) ? e.then : e.else);
      }
    }
  }

  private strict(parts: EvalResult[], f: (xs: Figure[]) => Figure): EvalResult {
    if (parts.some((p) => p === "blank")) return "blank";
    if (parts.some((p) => p === "zeroDiv")) return "zeroDiv";
    return f(parts as Figure[]);
  }

  /**
   * Σ of the figures at refs (blank ones left out; zeroDiv only when no figure is left), as an IntervalSum: a stated
   * figure, or a derived cell whose formula only adds and subtracts (a row's total of its parts), goes in as its value
   * and its bounds' half-units, without an interval or a figure made per term.
   */
  sumOf(refs: Ref[]): EvalResult {
    const acc = new IntervalSum(this.mode);
    let zeroDiv = false;
    for (let i = 0; i < refs.length; i++) if (this.addTerm(refs[i], 1, acc) === "zeroDiv") zeroDiv = true;
    return this.sumFigure(acc, zeroDiv);
  }

  /** sumOf of the cells of a SUMIFS's sum column in the rows it adds. */
  private sumOfRows(e: Extract<Expr, { t: "sumIfs" }>): EvalResult {
    const rows = this.sumIfsRows(e);
    const acc = new IntervalSum(this.mode);
    let zeroDiv = false;
    for (let i = 0; i < rows.length; i++) if (this.addTermAt(e.sheet, rows[i], e.sumCol, 1, acc) === "zeroDiv") zeroDiv = true;
    return this.sumFigure(acc, zeroDiv);
  }

  private sumFigure(acc: IntervalSum, zeroDiv: boolean): EvalResult {
    const nom = acc.value;
    if (nom) return { nom, iv: acc.interval() };
    return zeroDiv ? "zeroDiv" : "blank";
  }

  /** Adds sign · the figure at a reference to a sum: what figure(at) would give, worked out as sumOf says. */
  private addTerm(at: Ref, sign: 1 | -1, acc: IntervalSum): "blank" | "zeroDiv" | "added" {
    return this.addTermAt(at.sheet, this.rowOf(at), refCol(at), sign, acc);
  }

  private addTermAt(sheet: string, row: number, col: number, sign: 1 | -1, acc: IntervalSum): "blank" | "zeroDiv" | "added" {
    const d = this.evaluatedAt(sheet, row, col);
    if (d) {
      const known = this.memo[d.ordinal];
      if (known === undefined && this.isLinear(d) && this.visiting[d.ordinal] === 0) {
        if (this.isBlank(d)) return "blank";
        this.visiting[d.ordinal] = 1;
        const outer = this.shift;
        this.shift = d.shift;
        try {
          this.addLinear(d.baseExpr, sign, acc);
        } finally {
          this.shift = outer;
          this.visiting[d.ordinal] = 0;
        }
        return "added";
      }
      return this.addFigure(known ?? this.evaluate(d), sign, acc);
    }
    // A table cell's figure made already (statedAtCell) is taken before the cell is looked at again.
    const known = this.statedMemo.get(sheet, row, col);
    if (known !== undefined) return this.addFigure(known, sign, acc);
    const cell = this.cellAt(sheet, row, col);
    if (!cell) return this.addFigure(this.statedAtCell(sheet, row, col), sign, acc);
    const stated = statedFigure(cell);
    if (!stated) return "blank";
    if (this.exact.has(cell)) acc.addExact(stated.value, sign);
    else acc.addStated(stated.value, stated.decimals, sign);
    return "added";
  }

  private addFigure(f: EvalResult, sign: 1 | -1, acc: IntervalSum): "blank" | "zeroDiv" | "added" {
    if (typeof f !== "object") return f;
    acc.addInterval(f.nom, f.iv, sign);
    return "added";
  }

  /**
   * Adds a linear expression that is not blank (isLinear, isBlank): none of its parts is blank or a zero division
   * (its cells are stated figures or linear derived cells), so every part is added.
   */
  private addLinear(e: Expr, sign: 1 | -1, acc: IntervalSum): void {
    switch (e.t) {
      case "ref":
        this.addTerm(e.at, sign, acc);
        return;
      case "num":
        acc.addExact(constant(e.v), sign);
        return;
      case "add":
        for (let i = 0; i < e.args.length; i++) this.addLinear(e.args[i], sign, acc);
        return;
      case "sub":
        this.addLinear(e.a, sign, acc);
        this.addLinear(e.b, sign > 0 ? -1 : 1, acc);
        return;
      case "sum":
        for (let i = 0; i < e.refs.length; i++) this.addTerm(e.refs[i], sign, acc);
        return;
      case "sumIfs": {
        const rows = this.sumIfsRows(e);
        for (let i = 0; i < rows.length; i++) this.addTermAt(e.sheet, rows[i], e.sumCol, sign, acc);
        return;
      }
      default:
        throw new Error(`not a linear expression: ${e.t}`);
    }
  }

  /** Whether a derived cell's formula only adds and subtracts stated figures and other such cells (memoised). */
  private isLinear(d: Derivation): boolean {
    const known = this.linearMemo[d.ordinal];
    if (known !== 0) return known === 2;
    // Met again while being decided: a circular reference, left to evaluate().
    this.linearMemo[d.ordinal] = 1;
    const linear = this.within(d, this.linearOf);
    this.linearMemo[d.ordinal] = linear ? 2 : 1;
    return linear;
  }

  private linearExpr(e: Expr): boolean {
    switch (e.t) {
      case "ref":
        return this.linearRef(e.at);
      case "num":
        return true;
      case "add":
        for (let i = 0; i < e.args.length; i++) if (!this.linearExpr(e.args[i])) return false;
        return true;
      case "sub":
        return this.linearExpr(e.a) && this.linearExpr(e.b);
      case "sum":
        for (let i = 0; i < e.refs.length; i++) if (!this.linearRef(e.refs[i])) return false;
        return true;
      case "sumIfs":
        // Every row of its sum column, as its formula's range holds them all.
        for (let row = e.fromRow; row <= e.toRow; row++) if (!this.linearAt(e.sheet, row + this.shift, e.sumCol)) return false;
        return true;
      default:
        return false;
    }
  }

  private linearRef(at: Ref): boolean {
    return this.linearAt(at.sheet, this.rowOf(at), refCol(at));
  }

  private linearAt(sheet: string, row: number, col: number): boolean {
    const d = this.evaluatedAt(sheet, row, col);
    return !d || this.isLinear(d);
  }
}

const exact = (v: Decimal): Figure => ({ nom: v, iv: exactInterval(v) });

/** f of the parts, unless one is blank (then blank) or a zero division: nominalExpr's parts as figure() takes them. */
function strict(parts: Nominal[], f: (xs: Decimal[]) => Decimal): Nominal {
  if (parts.some((p) => p === "blank")) return "blank";
  if (parts.some((p) => p === "zeroDiv")) return "zeroDiv";
  return f(parts as Decimal[]);
}

function addF(a: Figure, b: Figure): Figure {
  return { nom: a.nom.plus(b.nom), iv: a.iv && b.iv ? ivAdd(a.iv, b.iv) : null };
}

function negF(a: Figure): Figure {
  return { nom: a.nom.negated(), iv: a.iv ? negate(a.iv) : null };
}

/** Closed hull of the product set (openness is not tracked through products; scores only). */
function mulF(a: Figure, b: Figure): Figure {
  const nom = a.nom.times(b.nom);
  if (!a.iv || !b.iv) return { nom, iv: null };
  const corners = [a.iv.lo.times(b.iv.lo), a.iv.lo.times(b.iv.hi), a.iv.hi.times(b.iv.lo), a.iv.hi.times(b.iv.hi)];
  return { nom, iv: makeInterval(Decimal.min(...corners), Decimal.max(...corners)) };
}

function absIv(a: Interval): Interval {
  if (a.lo.gte(0)) return a;
  if (a.hi.lte(0)) return negate(a);
  return makeInterval(0, Decimal.max(a.lo.abs(), a.hi.abs()));
}

