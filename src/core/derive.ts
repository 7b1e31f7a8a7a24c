/**
 * Which cells of the input sheets are derived, and from what: every formula the 计算 command writes is defined here
 * once, as an expression over the input cells (see expr.ts), following domain-tables.md.
 */
import Decimal from "decimal.js";
import { MARKS, NATURES, PROJECT_CATEGORIES, type ColumnKind, type TableId } from "./data/layout";
import {
  abs,
  add,
  cellAt,
  refCol,
  refRow,
  div,
  evaluate,
  max,
  min,
  mul,
  num,
  round,
  sub,
  sum,
  sumIfs,
  type Expr,
  type Lookup,
  renderFormula,
  formulaTemplate,
  fromTemplate,
  matchesTemplate,
  shiftedBy,
  shiftExpr,
  type FormulaTemplate,
  type Ref,
  type Value,
  type ZeroDivision,
} from "./expr";
import type { RowModel, Settings, TableModel, WorkbookModel } from "./model";
import { sheetWidths, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";
import { decimalFromNumber, parseNumberText } from "./text";
import { CellMap } from "./cell-map";
import { cellRef } from "./address";

/** What the cells of one derived column share (a list column's 10,000 cells share one). */
interface DerivedColumn {
  table: TableId;
  tableIndex: number;
  colKey: string;
  sheet: string;
  col: number;
  kind: ColumnKind;
}

/**
 * A derived cell and its expression. A cell of a list column (a project's 全年预算数, an indicator's score) is its
 * column's first cell moved down (`from`, `shift`): its expression, address and key are made only when asked, since a
 * list of 10,000 projects has 60,000 such cells and most steps need the values alone (see DerivedValues), which are
 * worked out from the first cell's expression with the rows moved.
 */
export class Derivation {
  private madeRef: string | null = null;
  private madeKey: string | null = null;

  /** A cell of its own column; for a list column's cells moved down from the first, see below(). */
  static of(
    table: TableId,
    tableIndex: number,
    rowKey: string,
    colKey: string,
    sheet: string,
    row: number,
    col: number,
    ordinal: number,
    kind: ColumnKind,
    expr: Expr,
  ): Derivation {
    return new Derivation({ table, tableIndex, colKey, sheet, col, kind }, rowKey, row, ordinal, expr, null);
  }

  /** The cell of `first`'s list column in `row`: its column's facts are `first`'s, shared rather than copied. */
  static below(first: Derivation, rowKey: string, row: number, ordinal: number): Derivation {
    return new Derivation(first.column, rowKey, row, ordinal, null, first);
  }

  private constructor(
    private readonly column: DerivedColumn,
    readonly rowKey: string,
    /** 0-based row of the cell (its column is `col`): a Derivation is a Ref to its own cell. */
    readonly row: number,
    /** Its position in its list (see derivedSlots). */
    readonly ordinal: number,
    private madeExpr: Expr | null,
    /** The first cell of this cell's list column, when this one is it moved down; then `expr` is made from it. */
    readonly from: Derivation | null,
  ) {}

  get table(): TableId {
    return this.column.table;
  }

  /** Index of the table among tables of its kind (funds are repeated). */
  get tableIndex(): number {
    return this.column.tableIndex;
  }

  get colKey(): string {
    return this.column.colKey;
  }

  get sheet(): string {
    return this.column.sheet;
  }

  get col(): number {
    return this.column.col;
  }

  get kind(): ColumnKind {
    return this.column.kind;
  }

  /** Rows below `from`. */
  get shift(): number {
    return this.from ? this.row - this.from.row : 0;
  }

  get expr(): Expr {
    return (this.madeExpr ??= shiftExpr(this.from!.expr, this.shift));
  }

  /** The expression the cell is worked out from, moved down by `shift`: its list column's first cell's, else its own. */
  get baseExpr(): Expr {
    return this.from ? this.from.expr : this.expr;
  }

  get ref(): string {
    return (this.madeRef ??= cellRef(this.row, this.col));
  }

  /** "sheet!A1". */
  get key(): string {
    return (this.madeKey ??= `${this.sheet}!${this.ref}`);
  }
}

export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  amount: "#,##0.00",
  rate: "0.00%",
  score: "0.00",
  count: "0",
  number: "General",
};

/** Budget-execution weight of the project self-evaluation table (财预〔2020〕10号: 10 of 100). */
export const EXECUTION_WEIGHT = 10;

/** Rows a page of a DerivationIndex holds. */
const PAGE_ROWS = 256;
/** Sheets wider than this keep their derivations in a CellMap: a page is a page's rows times the sheet's width. */
const MAX_PAGE_WIDTH = 256;

/**
 * Derivations by cell, for the steps' lookups by position. Per sheet, pages of PAGE_ROWS rows, each one Int32Array of
 * its rows' cells, row by row, as wide as the sheet's tables, holding 1 + the derivation's place in its list (0: none).
 * At 10,000 projects ~93,000 derived cells take ~3 MB outside the collected heap, where a CellMap of them held ~30,000
 * arrays of pointers that the collector copied until they were promoted. A far row costs one page, not the rows
 * above it.
 */
export class DerivationIndex {
  private readonly pages = new Map<string, (Int32Array | undefined)[]>();
  private readonly wide = new CellMap<Derivation>();
  // Lookups come in runs on one sheet.
  private lastName: string | undefined;
  private lastPages: (Int32Array | undefined)[] | undefined;
  private lastWidth = 0;

  /** `list` holds each derivation at its place; `widths`: one past the rightmost column of each sheet's tables. */
  constructor(
    private readonly list: readonly Derivation[],
    private readonly widths: ReadonlyMap<string, number>,
  ) {}

  get(sheet: string, row: number, col: number): Derivation | undefined {
    if (sheet !== this.lastName) this.select(sheet);
    const width = this.lastWidth;
    if (width > MAX_PAGE_WIDTH || col >= width) return this.wide.get(sheet, row, col);
    const page = this.lastPages?.[Math.floor(row / PAGE_ROWS)];
    if (page === undefined) return undefined;
    const place = page[(row % PAGE_ROWS) * width + col];
    return place === 0 ? undefined : this.list[place - 1];
  }

  has(sheet: string, row: number, col: number): boolean {
    return this.get(sheet, row, col) !== undefined;
  }

  /** Puts the derivation at `place` in the list at its cell. */
  set(sheet: string, row: number, col: number, place: number): void {
    const width = this.widths.get(sheet) ?? 0;
    if (width > MAX_PAGE_WIDTH || col >= width) {
      this.wide.set(sheet, row, col, this.list[place]);
      return;
    }
    let pages = this.pages.get(sheet);
    if (!pages) this.pages.set(sheet, (pages = []));
    const p = Math.floor(row / PAGE_ROWS);
    // Grown in order, not by a far index, which would turn the array into a hash table.
    while (pages.length <= p) pages.push(undefined);
    const page = (pages[p] ??= new Int32Array(PAGE_ROWS * width));
    page[(row % PAGE_ROWS) * width + col] = place + 1;
    if (sheet === this.lastName) this.lastPages = pages;
  }

  private select(sheet: string): void {
    this.lastName = sheet;
    this.lastPages = this.pages.get(sheet);
    this.lastWidth = this.widths.get(sheet) ?? 0;
  }
}

class Builder {
  readonly out: Derivation[] = [];
  /** Each derivation by its cell: which cells are taken, and afterwards the list's index (derivationsByCell). */
  readonly taken: DerivationIndex;

  constructor(
    private readonly settings: Settings,
    widths: ReadonlyMap<string, number>,
  ) {
    this.taken = new DerivationIndex(this.out, widths);
  }

  at(table: TableModel, row: RowModel | undefined, colKey: string): Expr | null {
    const col = table.columns.get(colKey);
    if (!row || col === undefined) return null;
    return { t: "ref", at: cellAt(table.sheet, row.row, col) };
  }

  refOf(table: TableModel, row: RowModel | undefined, colKey: string): Ref | null {
    const e = this.at(table, row, colKey);
    return e && e.t === "ref" ? e.at : null;
  }

  private readonly kinds = new Map<TableModel, Map<string, ColumnKind>>();

  /** A column's kind (amount when the spec does not say), looked up once per table rather than per cell. */
  private kindOf(table: TableModel, colKey: string): ColumnKind {
    let kinds = this.kinds.get(table);
    if (!kinds) this.kinds.set(table, (kinds = new Map(table.spec.columns.map((c) => [c.key, c.kind]))));
    return kinds.get(colKey) ?? "amount";
  }

  /** Defines a derived cell; the first definition of a cell wins. */
  set(table: TableModel, tableIndex: number, row: RowModel | undefined, colKey: string, expr: Expr | null, kind?: ColumnKind) {
    const col = table.columns.get(colKey);
    if (col === undefined || !expr || !row) return;
    if (this.taken.has(table.sheet, row.row, col)) return;
    const d = Derivation.of(table.spec.id, tableIndex, row.key, colKey, table.sheet, row.row, col, this.out.length, kind ?? this.kindOf(table, colKey), expr);
    this.out.push(d);
    this.taken.set(table.sheet, row.row, col, d.ordinal);
  }

  /** By table and column key: a list column's first cell, or null when its expression cannot be made. */
  private readonly firsts = new Map<TableModel, Map<string, Derivation | null>>();

  /**
   * Defines a cell of a list column (one expression shape row after row): `exprOf(row)` is called for the column's
   * first cell only, and the others are that one moved down. So `exprOf` must read only cells of its own row.
   */
  listed(table: TableModel, row: RowModel, colKey: string, exprOf: (row: RowModel) => Expr | null, kind?: ColumnKind) {
    const col = table.columns.get(colKey);
    if (col === undefined || this.taken.has(table.sheet, row.row, col)) return;
    let firsts = this.firsts.get(table);
    if (!firsts) this.firsts.set(table, (firsts = new Map()));
    const first = firsts.get(colKey);
    if (first === null) return;
    if (first === undefined) {
      this.set(table, 0, row, colKey, exprOf(row), kind);
      firsts.set(colKey, this.taken.has(table.sheet, row.row, col) ? this.out[this.out.length - 1] : null);
      return;
    }
    const d = Derivation.below(first, row.key, row.row, this.out.length);
    this.out.push(d);
    this.taken.set(table.sheet, row.row, col, d.ordinal);
  }

  /** a + b + … when every part is present (a fixed set of parts: blank is not zero). */
  strictSum(parts: (Expr | null)[]): Expr | null {
    return parts.every((p) => p !== null) ? add(...(parts as Expr[])) : null;
  }

  /** Σ over a list whose unused lines may stay blank. */
  listSum(refs: (Ref | null)[]): Expr | null {
    const present = refs.filter((r): r is Ref => r !== null);
    return present.length > 0 ? sum(present) : null;
  }

  ratio(a: Expr | null, b: Expr | null): Expr | null {
    return a && b ? div(a, b) : null;
  }

  executionScore(rate: Expr | null): Expr | null {
    return rate ? executionScoreExpr(rate, this.settings.overExecution) : null;
  }
}

/** The budget-execution score of a rate under the 设置 choice; null when the score is typed by hand. */
export function executionScoreExpr(rate: Expr, mode: Settings["overExecution"]): Expr | null {
  const w = num(EXECUTION_WEIGHT);
  switch (mode) {
    case "cap":
      return round(mul(w, min(rate, num(1))), 2);
    case "deviation":
      return round(mul(w, max(num(0), sub(num(1), abs(sub(num(1), rate))))), 2);
    case "manual":
      return null;
  }
}

function info(b: Builder, t: TableModel, settings: Settings) {
  const row = (k: string) => t.rowByKey.get(k);
  const actual = b.at(t, row("staffActual"), "value");
  const staff = settings.staffCaliber === "withHired" ? b.strictSum([actual, b.at(t, row("staffHired"), "value")]) : actual;
  b.set(t, 0, row("staffControlRate"), "value", b.ratio(staff, b.at(t, row("staffQuota"), "value")), "rate");
}

function budget(b: Builder, t: TableModel) {
  for (const key of ["basic", "project"]) {
    const r = t.rowByKey.get(key);
    b.set(t, 0, r, "total", b.strictSum([b.at(t, r, "initial"), b.at(t, r, "carry"), b.at(t, r, "adjust")]));
  }
  const total = t.rowByKey.get("total");
  for (const col of ["initial", "carry", "adjust", "total", "spent"]) {
    b.set(t, 0, total, col, b.listSum([b.refOf(t, t.rowByKey.get("basic"), col), b.refOf(t, t.rowByKey.get("project"), col)]));
  }
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    b.set(t, 0, r, "balance", b.at(t, r, "total") && b.at(t, r, "spent") ? sub(b.at(t, r, "total")!, b.at(t, r, "spent")!) : null);
    b.set(t, 0, r, "rate", b.ratio(b.at(t, r, "spent"), b.at(t, r, "total")));
  }
}

/** The class code of an economic-classification row (3 digits), or null. */
export function expenseCode(row: RowModel): string | null {
  // A code typed as a number, the usual case (10,000 rows, asked in 计算 and again in 审核), is looked at without reading
  // its cell (a number reads as no text): its digits are the number's, and a code is 3 to 7 of them; the decimal's
  // text, NFKC and the pattern below would say the same.
  const n = row.cells.original("code");
  if (typeof n === "number") return Number.isInteger(n) && n >= 100 && n <= 9_999_999 ? String(n) : null;
  const cell = row.cells.get("code");
  const text = cell?.text ?? (cell?.raw ? cell.raw.toString() : null);
  if (!text) return null;
  const digits = text.normalize("NFKC").trim();
  return /^\d{3,7}$/.test(digits) ? digits : null;
}

/** Splits 支出明细 rows into classes (3-digit codes) and their items; without codes every row is a class. */
export function expenseHierarchy(t: TableModel): { classes: RowModel[]; itemsOf: Map<RowModel, RowModel[]> } {
  const body = t.rows.filter((r) => r.key !== "total");
  const codes = new Map(body.map((r) => [r, expenseCode(r)] as const));
  const coded = body.some((r) => codes.get(r)?.length === 3);
  const itemsOf = new Map<RowModel, RowModel[]>();
  if (!coded) {
    body.forEach((r) => itemsOf.set(r, []));
    return { classes: body, itemsOf };
  }
  // One pass: items grouped by their class code (the first three digits).
  const classes = body.filter((r) => codes.get(r)?.length === 3);
  const byClass = new Map<string, RowModel[]>(classes.map((c) => [codes.get(c)!, []]));
  for (let i = 0; i < body.length; i++) {
    const r = body[i];
    const code = codes.get(r);
    if (!code || code.length === 3) continue;
    byClass.get(code.slice(0, 3))?.push(r);
  }
  for (const c of classes) itemsOf.set(c, byClass.get(codes.get(c)!)!);
  return { classes, itemsOf };
}

function expense(b: Builder, t: TableModel) {
  const { classes, itemsOf } = expenseHierarchy(t);
  const total = t.rowByKey.get("total");
  for (const c of classes) {
    const items = itemsOf.get(c)!;
    if (items.length === 0) continue;
    for (const col of ["basic", "project"]) b.set(t, 0, c, col, b.listSum(items.map((i) => b.refOf(t, i, col))));
  }
  const rowTotal = (r: RowModel) => b.listSum([b.refOf(t, r, "basic"), b.refOf(t, r, "project")]);
  for (let i = 0; i < t.rows.length; i++) b.listed(t, t.rows[i], "total", rowTotal);
  for (const col of ["basic", "project", "total"]) {
    b.set(t, 0, total, col, b.listSum(classes.map((c) => b.refOf(t, c, col))));
  }
  for (const c of classes) {
    b.set(t, 0, c, "basicShare", b.ratio(b.at(t, c, "basic"), b.at(t, total, "basic")));
    b.set(t, 0, c, "projectShare", b.ratio(b.at(t, c, "project"), b.at(t, total, "project")));
    b.set(t, 0, c, "totalShare", b.ratio(b.at(t, c, "total"), b.at(t, total, "total")));
  }
}

function sangong(b: Builder, t: TableModel) {
  const row = (k: string) => t.rowByKey.get(k);
  for (const col of ["budget", "current", "previous"]) {
    b.set(t, 0, row("car"), col, b.strictSum([b.at(t, row("carBuy"), col), b.at(t, row("carRun"), col)]));
    b.set(t, 0, row("total"), col, b.strictSum([b.at(t, row("abroad"), col), b.at(t, row("reception"), col), b.at(t, row("car"), col)]));
  }
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    const current = b.at(t, r, "current");
    const previous = b.at(t, r, "previous");
    b.set(t, 0, r, "change", current && previous ? sub(current, previous) : null);
    b.set(t, 0, r, "changeRate", b.ratio(b.at(t, r, "change"), previous));
  }
}

function projects(b: Builder, t: TableModel) {
  const body = t.rows.filter((r) => r.key !== "total");
  // Column keys made once, not for each of 10,000s of rows.
  const groups = ["initial", "annual", "spent"].map((g) => {
    const parts = ["Fiscal", "Carry", "Other"].map((s) => g + s);
    return { total: `${g}Total`, sum: (row: RowModel) => b.listSum(parts.map((key) => b.refOf(t, row, key))) };
  });
  for (let i = 0; i < body.length; i++) {
    const r = body[i];
    for (let k = 0; k < groups.length; k++) b.listed(t, r, groups[k].total, groups[k].sum);
  }
  const total = t.rowByKey.get("total");
  const inTotal = t.columns.get("inTotal");
  if (total && body.length > 0) {
    const fromRow = t.headerRow + 1;
    const toRow = total.row - 1;
    for (const col of t.spec.columns.filter((c) => c.kind === "amount" && c.key !== "balance")) {
      const sumCol = t.columns.get(col.key);
      if (sumCol === undefined) continue;
      const expr: Expr =
        inTotal === undefined
          ? sum(body.map((r) => cellAt(t.sheet, r.row, sumCol)))
          : sumIfs(t.sheet, sumCol, fromRow, toRow, [{ col: inTotal, op: "<>", text: MARKS.no[0] }]);
      b.set(t, 0, total, col.key, expr);
    }
  }
  const balance = (r: RowModel) => {
    const annual = b.at(t, r, "annualTotal");
    const spent = b.at(t, r, "spentTotal");
    return annual && spent ? sub(annual, spent) : null;
  };
  const rate = (r: RowModel) => b.ratio(b.at(t, r, "spentTotal"), b.at(t, r, "annualTotal"));
  const score = (r: RowModel) => b.executionScore(b.at(t, r, "rate"));
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    b.listed(t, r, "balance", balance);
    b.listed(t, r, "rate", rate);
    if (r !== total) b.listed(t, r, "score", score, "score");
  }
}

function fund(b: Builder, t: TableModel, index: number) {
  // Lines only: "incomeTotal" and "expenseTotal" start with "in"/"ex" too, and must not sum themselves.
  const incomeLines = t.rows.filter((r) => r.key.startsWith("in") && r.key !== "incomeTotal");
  const expenseLines = t.rows.filter((r) => r.key.startsWith("ex") && r.key !== "expenseTotal");
  const row = (k: string) => t.rowByKey.get(k);
  for (const col of ["budget", "actual"]) {
    b.set(t, index, row("incomeTotal"), col, b.listSum(incomeLines.map((r) => b.refOf(t, r, col))));
    b.set(t, index, row("expenseTotal"), col, b.listSum(expenseLines.map((r) => b.refOf(t, r, col))));
    const income = b.at(t, row("incomeTotal"), col);
    const spent = b.at(t, row("expenseTotal"), col);
    b.set(t, index, row("surplus"), col, income && spent ? sub(income, spent) : null);
    b.set(t, index, row("closing"), col, b.strictSum([b.at(t, row("opening"), col), b.at(t, row("surplus"), col)]));
  }
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    if (["surplus", "opening", "closing"].includes(r.key)) continue;
    b.set(t, index, r, "rate", b.ratio(b.at(t, r, "actual"), b.at(t, r, "budget")));
  }
}

function basics(b: Builder, t: TableModel, model: WorkbookModel) {
  const sg = model.tables.get("sangong")?.[0];
  const bud = model.tables.get("budget")?.[0];
  const proj = model.tables.get("projects")?.[0];
  const row = (k: string) => t.rowByKey.get(k);
  const sgSource: Record<string, string> = { prevActual: "previous", budget: "budget", actual: "current" };
  const sgRows: Record<string, string> = {
    sg: "total",
    sgCar: "car",
    sgCarBuy: "carBuy",
    sgCarRun: "carRun",
    sgAbroad: "abroad",
    sgReception: "reception",
  };
  for (const col of ["prevActual", "budget", "actual"]) {
    if (sg) {
      for (const [key, source] of Object.entries(sgRows)) {
        b.set(t, 0, row(key), col, b.at(sg, sg.rowByKey.get(source), sgSource[col]));
      }
    }
    b.set(t, 0, row("proj"), col, b.listSum(["projBusiness", "projOperation", "projOther"].map((k) => b.refOf(t, row(k), col))));
  }
  // The current year's project lines come from the 项目 sheet by category; last year's are typed.
  const category = proj?.columns.get("category");
  const inTotal = proj?.columns.get("inTotal");
  const projTotal = proj?.rowByKey.get("total");
  if (proj && category !== undefined && projTotal) {
    for (const [key, name] of Object.entries(PROJECT_CATEGORIES)) {
      for (const [col, source] of [
        ["budget", "annualTotal"],
        ["actual", "spentTotal"],
      ] as const) {
        const sumCol = proj.columns.get(source);
        if (sumCol === undefined) continue;
        const criteria: { col: number; op: "=" | "<>"; text: string }[] = [{ col: category, op: "=", text: name }];
        if (inTotal !== undefined) criteria.push({ col: inTotal, op: "<>", text: MARKS.no[0] });
        b.set(t, 0, row(key), col, sumIfs(proj.sheet, sumCol, proj.headerRow + 1, projTotal.row - 1, criteria));
      }
    }
  }
  if (bud) {
    b.set(t, 0, row("adjust"), "budget", b.at(bud, bud.rowByKey.get("total"), "initial"));
    b.set(t, 0, row("adjust"), "actual", b.at(bud, bud.rowByKey.get("total"), "total"));
  }
}

function buildings(b: Builder, t: TableModel) {
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    b.set(t, 0, r, "areaRate", b.ratio(b.at(t, r, "actualArea"), b.at(t, r, "approvedArea")));
    b.set(t, 0, r, "investRate", b.ratio(b.at(t, r, "actualInvest"), b.at(t, r, "budgetInvest")));
  }
}

/** The nature of an indicator row: "atLeast", "atMost", "equal", "qualitative" or null. */
export function indicatorNature(row: RowModel): keyof typeof NATURES | null {
  const text = row.cells.get("nature")?.text;
  if (!text) return null;
  // Asked of every indicator row in each step: the marks are normalized once, and each distinct typed text is looked
  // up once.
  let nature = naturesByText.get(text);
  if (nature === undefined) {
    nature = NATURE_OF_MARK.get(text.normalize("NFKC").trim()) ?? null;
    if (naturesByText.size >= 1000) naturesByText.clear();
    naturesByText.set(text, nature);
  }
  return nature;
}
/** Each mark, normalized, to the first nature that lists it. */
const NATURE_OF_MARK = new Map<string, keyof typeof NATURES>();
for (const [nature, marks] of Object.entries(NATURES) as [keyof typeof NATURES, string[]][]) {
  for (const m of marks) if (!NATURE_OF_MARK.has(m.normalize("NFKC"))) NATURE_OF_MARK.set(m.normalize("NFKC"), nature);
}
const naturesByText = new Map<string, keyof typeof NATURES | null>();

function indicators(b: Builder, t: TableModel) {
  const completion = (r: RowModel) => b.ratio(b.at(t, r, "actual"), b.at(t, r, "target"));
  const score = (r: RowModel): Expr | null => {
    const target = b.at(t, r, "target");
    const actual = b.at(t, r, "actual");
    const weight = b.at(t, r, "weight");
    if (!target || !actual || !weight) return null;
    const natureCell = b.refOf(t, r, "nature")!;
    // Positive: w × min(actual/target, 1); reverse (≤): w × min(target/actual, 1) (财预〔2020〕10号).
    const positive = round(mul(weight, min(div(actual, target), num(1))), 2);
    const reverse = round(mul(weight, min(div(target, actual), num(1))), 2);
    return { t: "ifText", at: natureCell, equalsAny: [...NATURES.atMost], then: reverse, else: positive };
  };
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i];
    const nature = indicatorNature(r);
    if (nature === "qualitative" || nature === null) continue;
    b.listed(t, r, "completion", completion);
    b.listed(t, r, "score", score, "score");
  }
}

/**
 * A derivation list by cell, made once per list (every step of a command shares the list, and 计算, 附表 and 审核
 * each look derived cells up by position). Lists are never changed once made.
 */
export function derivationsByCell(list: Derivation[]): DerivationIndex {
  let index = indexes.get(list);
  if (!index) {
    const widths = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (d.col >= (widths.get(d.sheet) ?? 0)) widths.set(d.sheet, d.col + 1);
    }
    index = new DerivationIndex(list, widths);
    for (let i = 0; i < list.length; i++) index.set(list[i].sheet, list[i].row, list[i].col, i);
    indexes.set(list, index);
  }
  return index;
}
const indexes = new WeakMap<Derivation[], DerivationIndex>();

/**
 * A slot per derivation of `list`, by ordinal, for what a step works out per derived cell: one flat array where a
 * CellMap would make a row array per table row (~5 MB a map at 10,000 projects, all of it for the collector to copy).
 */
export function derivedSlots<T>(list: Derivation[]): (T | undefined)[] {
  return new Array<T | undefined>(inOrder(list).length);
}

/** derivedSlots for a flag per derivation: 0 or 1 by ordinal. */
export function derivedFlags(list: Derivation[]): Uint8Array {
  return new Uint8Array(inOrder(list).length);
}

/** `list`, when each of its derivations is at its ordinal: else a slot would hold another cell's answer. */
function inOrder(list: Derivation[]): Derivation[] {
  // Checked once per list and length (a step asks for several slot arrays; lists are not changed once made).
  if (checkedLengths.get(list) === list.length) return list;
  for (let i = 0; i < list.length; i++) {
    if (list[i].ordinal !== i) throw new Error(`derivedSlots: ${list[i].key} is not at its ordinal ${list[i].ordinal}`);
  }
  checkedLengths.set(list, list.length);
  return list;
}
const checkedLengths = new WeakMap<Derivation[], number>();

/** One past the rightmost column of each sheet's tables (see CellMap). */
function tableWidths(model: WorkbookModel): Map<string, number> {
  const widths = new Map<string, number>();
  for (const tables of model.tables.values()) {
    for (const t of tables) {
      const width = Math.max(t.labelCol, ...t.columns.values()) + 1;
      if (width > (widths.get(t.sheet) ?? 0)) widths.set(t.sheet, width);
    }
  }
  return widths;
}

/** Every derived cell of the model's input tables. */
export function derivations(model: WorkbookModel): Derivation[] {
  const b = new Builder(model.settings, tableWidths(model));
  const one = (id: TableId) => model.tables.get(id)?.[0];
  const i = one("info");
  if (i) info(b, i, model.settings);
  const bu = one("budget");
  if (bu) budget(b, bu);
  const ex = one("expense");
  if (ex) expense(b, ex);
  const sg = one("sangong");
  if (sg) sangong(b, sg);
  const pr = one("projects");
  if (pr) projects(b, pr);
  (model.tables.get("fund") ?? []).forEach((f, index) => fund(b, f, index));
  const ba = one("basics");
  if (ba) basics(b, ba, model);
  const bl = one("buildings");
  if (bl) buildings(b, bl);
  const ind = one("indicators");
  if (ind) indicators(b, ind);
  // The cells the builder took are the list's index: made once, not again by the first step that looks a cell up.
  indexes.set(b.out, b.taken);
  return b.out;
}

/** Formula text as compared: hosts may re-quote sheet names or change case and spacing. */
function formulaKey(f: string): string {
  return f.replace(/^=/, "").replace(/'/g, "").replace(/\$/g, "").replace(/\s+/g, "").toUpperCase();
}

export function sameFormula(a: string, b: string): boolean {
  return formulaKey(a) === formulaKey(b);
}

/**
 * Recognises the formulas 计算 writes, so that it may rewrite them and never a formula the user typed. A formula is
 * ours when it is what 计算 writes now, or what it writes under any other choice of the settings that shape formulas
 * (zero division, over-execution scoring, staff caliber): a changed setting must reach the formulas already written.
 * Nothing per cell is stored in the workbook.
 */
export class OwnFormulas {
  private variants: Map<string, Set<string>> | null = null;
  /**
   * By derivation (one OwnFormulas may serve more than one list): the cells rendered, few of 93,000 at 10,000 projects
   * (a list cell's formula is its template's). Arrays by ordinal were grown entry by entry to the last one rendered.
   */
  private readonly renderings = new Map<Derivation, string>();
  /** By table and column key: the column's first derivation and its formula as a template (null when it cannot be). */
  private readonly templates = new Map<TableId, Map<string, { first: Derivation; template: FormulaTemplate | null }>>();
  /** By list column's first cell: the formula as a template (null when it cannot be). Asked of every list cell. */
  private readonly listTemplates = new Map<Derivation, FormulaTemplate | null>();

  constructor(private model: WorkbookModel) {}

  /** Serves a later step's model of the same layout (StepCache): what it knows stays true; the old model is let go. */
  adopt(model: WorkbookModel): void {
    this.model = model;
  }

  /**
   * The formula 计算 writes for a derived cell under the current settings (made once per derivation): from the
   * template of its list column's first cell, or of its table column when its expression is the column's first one
   * shifted down, else rendered.
   */
  rendered(d: Derivation): string {
    let f = this.renderings.get(d);
    if (f === undefined) this.renderings.set(d, (f = d.from ? this.fromFirst(d) : this.fromColumn(d)));
    return f;
  }

  private fromFirst(d: Derivation): string {
    const template = this.listTemplate(d);
    return template ? fromTemplate(template, d.shift) : renderFormula(d.expr, d.sheet, this.model.settings.zeroDivision);
  }

  /**
   * The template a list cell's formula is made from (its column's first cell's, moved down by d.shift), or null for a
   * cell that is not in a list column or whose formula cannot be a template.
   */
  listTemplate(d: Derivation): FormulaTemplate | null {
    const first = d.from;
    if (first === null) return null;
    let template = this.listTemplates.get(first);
    if (template === undefined) this.listTemplates.set(first, (template = formulaTemplate(first.expr, first.sheet, this.model.settings.zeroDivision)));
    return template;
  }

  private fromColumn(d: Derivation): string {
    const zero = this.model.settings.zeroDivision;
    let columns = this.templates.get(d.table);
    if (columns === undefined) this.templates.set(d.table, (columns = new Map()));
    let column = columns.get(d.colKey);
    if (column === undefined) columns.set(d.colKey, (column = { first: d, template: formulaTemplate(d.expr, d.sheet, zero) }));
    const { first, template } = column;
    const shift = d.row - first.row;
    // Repeated tables (funds) share a column key: another table's cells are rendered.
    const sameTable = first.sheet === d.sheet && first.tableIndex === d.tableIndex;
    return template && sameTable && shiftedBy(first.expr, d.expr, shift) ? fromTemplate(template, shift) : renderFormula(d.expr, d.sheet, zero);
  }

  isOwn(d: Derivation, formula: string): boolean {
    // A list cell holding its column's formula is recognised on its template, its text never made.
    const template = this.listTemplate(d);
    if (template && matchesTemplate(formula, template, d.shift)) return true;
    const today = this.rendered(d);
    if (formula === today || sameFormula(formula, today)) return true;
    return this.allVariants().get(d.key)?.has(formulaKey(formula)) ?? false;
  }

  /** Built only when a formula differs from today's rendering (a setting changed): six derivation passes. */
  private allVariants(): Map<string, Set<string>> {
    if (this.variants) return this.variants;
    const out = new Map<string, Set<string>>();
    const zeros: ZeroDivision[] = ["blank", "dash", "zero"];
    for (const overExecution of ["cap", "deviation", "manual"] as const) {
      for (const staffCaliber of ["onPayroll", "withHired"] as const) {
        const settings = { ...this.model.settings, overExecution, staffCaliber };
        for (const d of derivations({ ...this.model, settings })) {
          const key = d.key;
          let set = out.get(key);
          if (!set) out.set(key, (set = new Set()));
          for (const zero of zeros) set.add(formulaKey(renderFormula(d.expr, d.sheet, zero)));
        }
      }
    }
    this.variants = out;
    return out;
  }
}

/**
 * How a derived cell is filled: blank, with the formula 计算 writes ("ours", under any setting), a number or text
 * typed there ("typed"), or a formula of the user's ("foreign"). 计算 writes the first two and never the others.
 */
export type DerivedCellState = "blank" | "ours" | "typed" | "foreign";

export function derivedCellState(sheet: SheetSnapshot | undefined, d: Derivation, own: OwnFormulas): DerivedCellState {
  if (!sheet) return "blank";
  // Asked of every derived cell: index the grids rather than build snapshotCell's object.
  const formula = sheet.formulas[d.row - sheet.originRow]?.[d.col - sheet.originCol] ?? null;
  if (formula !== null) return own.isOwn(d, formula) ? "ours" : "foreign";
  return derivedCellIsBlank(sheet, d) ? "blank" : "typed";
}

/** Whether derivedCellState is "blank", asked without recognising the cell's formula. */
export function derivedCellIsBlank(sheet: SheetSnapshot | undefined, d: Derivation): boolean {
  if (!sheet) return true;
  const r = d.row - sheet.originRow;
  const c = d.col - sheet.originCol;
  if ((sheet.formulas[r]?.[c] ?? null) !== null) return false;
  const v = sheet.values[r]?.[c] ?? null;
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** Whether 计算 writes (or has written) a derived cell in this state. */
export function writtenByFill(state: DerivedCellState): boolean {
  return state === "blank" || state === "ours";
}

/**
 * Derived values, computed on demand (memoised): a caller that needs a few cells pays for those and their inputs.
 * - "excel": as Excel will after 计算: a derived cell the user typed keeps the typed value, a foreign formula its
 *   cached value; numbers typed as text count as text (Excel's COUNT and SUM skip them).
 * - "pure": every derived cell from its expression, numbers typed as text read as numbers: what the figures should be.
 * `written(d)` says whether 计算 writes (or has written) d's formula; in "excel" mode a cell it leaves alone is an input.
 */
export class DerivedValues {
  private readonly byCell: DerivationIndex;
  private readonly sheets: Map<string, SheetSnapshot>;
  private readonly memo: (Value | typeof VISITING | undefined)[];
  // Input cells are read many times (guards, sums, every formula that uses them): convert each once.
  private readonly raw: CellMap<Decimal | null>;
  private readonly lookup: Lookup;
  /** Rows the expression being evaluated is moved down by: a list column's cell is worked out from its first one's. */
  private shift = 0;

  constructor(
    snapshot: WorkbookSnapshot,
    list: Derivation[],
    private readonly mode: "excel" | "pure",
    private readonly settings: Settings,
    private readonly written: (d: Derivation) => boolean = () => true,
  ) {
    this.byCell = derivationsByCell(list);
    this.sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
    this.memo = derivedSlots(list);
    this.raw = new CellMap(sheetWidths(snapshot));
    this.lookup = {
      number: (at) => {
        const v = this.valueAt(at.sheet, refRow(at) + this.shift, refCol(at));
        return v instanceof Decimal ? v : null;
      },
      text: (at) => {
        const value = this.cellValue(at.sheet, refRow(at) + this.shift, refCol(at));
        return typeof value === "string" ? value : null;
      },
      numberAt: (sheet, row, col) => {
        const v = this.valueAt(sheet, row + this.shift, col);
        return v instanceof Decimal ? v : null;
      },
      textAt: (sheet, row, col) => {
        const value = this.cellValue(sheet, row + this.shift, col);
        return typeof value === "string" ? value : null;
      },
    };
  }

  /** The value of a derived cell as its formula shows it. */
  value(d: Derivation): Value {
    return this.valueAt(d.sheet, d.row, d.col) ?? "blank";
  }

  private cellValue(name: string, row: number, col: number) {
    const sheet = this.sheets.get(name);
    if (!sheet) return null;
    return sheet.values[row - sheet.originRow]?.[col - sheet.originCol];
  }

  private rawNumber(sheet: string, row: number, col: number): Decimal | null {
    const known = this.raw.get(sheet, row, col);
    if (known !== undefined) return known;
    let n: Decimal | null = null;
    const value = this.cellValue(sheet, row, col);
    if (typeof value === "number") n = decimalFromNumber(value);
    else if (this.mode === "pure" && typeof value === "string") n = parseNumberText(value)?.value ?? null;
    this.raw.set(sheet, row, col, n);
    return n;
  }

  private valueAt(sheet: string, row: number, col: number): Value | null {
    const d = this.byCell.get(sheet, row, col);
    if (!d) return this.rawNumber(sheet, row, col);
    const known = this.memo[d.ordinal];
    // A cell met again while its own formula is being evaluated is a circular reference: blank.
    if (known !== undefined) return known === VISITING ? "blank" : known;
    if (this.mode === "excel" && !this.written(d)) return this.rawNumber(sheet, row, col);
    this.memo[d.ordinal] = VISITING;
    const outer = this.shift;
    this.shift = d.shift;
    let v: Value;
    try {
      v = evaluate(d.baseExpr, this.lookup, this.settings.zeroDivision);
    } finally {
      this.shift = outer;
    }
    // A typed figure whose parts are not given stands as an input (a total typed without its breakdown).
    if (v === "blank" && this.mode === "pure") v = this.rawNumber(sheet, row, col) ?? "blank";
    this.memo[d.ordinal] = v;
    return v;
  }
}

const VISITING = Symbol("visiting");

/** Every derived value at once, by "sheet!A1" (see DerivedValues). */
export function computeDerived(
  snapshot: WorkbookSnapshot,
  list: Derivation[],
  mode: "excel" | "pure",
  settings: Settings,
  writes?: Set<string>,
): Map<string, Value> {
  const values = new DerivedValues(snapshot, list, mode, settings, writes ? (d) => writes.has(d.key) : undefined);
  const out = new Map<string, Value>();
  for (const d of list) out.set(d.key, values.value(d));
  return out;
}
