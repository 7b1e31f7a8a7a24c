/**
 * Reads the model from a snapshot by labels, not addresses: a table is found by its header row, a column by its
 * header, a row by its label. What cannot be read is reported with sheet and cell, never guessed.
 */
import Decimal from "decimal.js";
import { cellRef, COLUMNS, parseRange } from "./address";
import {
  FUND_BLOCK_LABELS,
  INPUT_TABLES,
  LABEL_WORDS,
  MARKS,
  REGISTRY_SHEET,
  SETTING_CHOICES,
  SETTING_DEFAULTS,
  type ColumnSpec,
  type RowSpec,
  type TableId,
  type TableSpec,
} from "./data/layout";
import { format, type MessageKey } from "./data/messages";
import { ColumnIndex, RowCells, type DeferredReading } from "./row-cells";
import type { CellModel, ReaderIssue, RegistryEntry, RowModel, Settings, TableModel, WorkbookModel } from "./model";
import { isCellError, sameCellValue, sheetExtent, snapshotCell, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";
import { AMOUNT_UNITS, amountUnit, anyOf, decimalFromNumber, isNoneMark, normalizeLabel, parseNumberText, yearTokens, YUAN_PER_WAN } from "./text";

/** A reference into another workbook: [1]Sheet1!A1 or [预算.xlsx]Sheet1!A1. */
const EXTERNAL_LINK = /\[[^\]]+\][^!]*!/;

/** "单位：万元" above a table, and the unit it names; "2024年度" in the year cell. */
const UNIT_LINE = new RegExp(`^${anyOf(MARKS.unitLinePrefixes)}[:：](${AMOUNT_UNITS})`);
const YEAR_ENDING = new RegExp(`${anyOf(LABEL_WORDS.yearEndings)}$`);

const NUMERIC_KINDS = new Set(["amount", "rate", "count", "score", "number"]);

function cellText(sheet: SheetSnapshot, row: number, col: number): string | null {
  return hasText(sheet, row, col) ? String(sheet.values[row - sheet.originRow][col - sheet.originCol]).trim() : null;
}

/** Whether cellText would give a text, without making it. */
function hasText(sheet: SheetSnapshot, row: number, col: number): boolean {
  // Hot path (every cell of every table): index the grid directly rather than through snapshotCell's object.
  const value = sheet.values[row - sheet.originRow]?.[col - sheet.originCol];
  if (value === undefined || value === null || isCellError(value)) return false;
  return typeof value !== "string" || value.trim() !== "";
}

function labelMatches(text: string | null, label: string, synonyms: string[] = [], year: number | null = null): boolean {
  if (text === null) return false;
  // Asked for every cell of every candidate header row, against every column: the year rewrite only when a year is
  // there, and each synonym list normalised once.
  const normalized = comparedForm(text, year);
  if (normalizeLabel(label) === normalized) return true;
  if (synonyms.length === 0) return false;
  let set = synonymSets.get(synonyms);
  if (!set) synonymSets.set(synonyms, (set = new Set(synonyms.map(normalizeLabel))));
  return set.has(normalized);
}

/** A label as compared: years as tokens relative to the report year, normalised (every header and row cell asks). */
function comparedForm(text: string, year: number | null): string {
  return normalizeLabel(yearTokens(text, year));
}
const synonymSets = new WeakMap<string[], Set<string>>();

/** A fixed table's row labels and synonyms, normalised once: label → the first row spec it names. */
function rowLabels(rows: RowSpec[]): Map<string, RowSpec> {
  let labels = rowLabelsOf.get(rows);
  if (!labels) {
    labels = new Map();
    for (const rs of rows) {
      for (const label of [rs.label, ...(rs.synonyms ?? [])]) {
        const key = normalizeLabel(label);
        if (!labels.has(key)) labels.set(key, rs);
      }
    }
    rowLabelsOf.set(rows, labels);
  }
  return labels;
}
const rowLabelsOf = new WeakMap<RowSpec[], Map<string, RowSpec>>();

/** The row spec a label names (as labelMatches compares), looked up rather than compared row by row. */
function rowSpecNamed(rows: RowSpec[], text: string | null, year: number | null): RowSpec | undefined {
  if (text === null) return undefined;
  return rowLabels(rows).get(comparedForm(text, year));
}

/** A table's column labels, normalised once: label → the indexes of the columns it names (headers; groups). */
interface ColumnLabels {
  headers: Map<string, number[]>;
  groups: Map<string, number[]>;
}
const columnLabelsOf = new WeakMap<ColumnSpec[], ColumnLabels>();

function columnLabels(columns: ColumnSpec[]): ColumnLabels {
  let labels = columnLabelsOf.get(columns);
  if (!labels) {
    labels = { headers: new Map(), groups: new Map() };
    const add = (map: Map<string, number[]>, label: string, i: number) => {
      const key = normalizeLabel(label);
      const list = map.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      map.set(key, list);
    };
    columns.forEach((col, i) => {
      for (const label of [col.header, ...(col.synonyms ?? [])]) add(labels!.headers, label, i);
      if (col.group) for (const label of [col.group, ...(col.groupSynonyms ?? [])]) add(labels!.groups, label, i);
    });
    columnLabelsOf.set(columns, labels);
  }
  return labels;
}

/**
 * The words that can name part of a table's header row, normalised: its label column's labels, its columns' headers
 * and groups. Whether a number's or a TRUE's text could be one: only a word of ASCII letters, digits and signs could.
 */
function headerWords(spec: TableSpec): { words: Set<string>; numbersCanName: boolean } {
  let known = headerWordsOf.get(spec);
  if (!known) {
    const { headers, groups } = columnLabels(spec.columns);
    const words = new Set([...headers.keys(), ...groups.keys(), ...[spec.labelColumn.header, ...(spec.labelColumn.synonyms ?? [])].map(normalizeLabel)]);
    known = { words, numbersCanName: [...words].some((w) => /^[ -~]*$/.test(w)) };
    headerWordsOf.set(spec, known);
  }
  return known;
}
const headerWordsOf = new WeakMap<TableSpec, { words: Set<string>; numbersCanName: boolean }>();

/** A header cell's text as labels are compared: years as tokens relative to the report year, normalised. */
function normalizedHeader(text: string | null, year: number | null): string | null {
  if (text === null) return null;
  return comparedForm(text, year);
}

/**
 * The column a header cell names: the first column (in the table's order) whose header the text is, and whose group
 * the group above is when the column has one; a blank cell under a label names that label's column; a single-level
 * header naming a group stands for the group's derived total column. Every cell of every candidate header row asks,
 * so the labels are looked up (columnLabels), not compared column by column.
 */
export function matchColumn(
  columns: ColumnSpec[],
  text: string | null,
  group: string | null,
  above: string | null,
  year: number | null,
): ColumnSpec | undefined {
  const { headers, groups } = columnLabels(columns);
  const t = normalizedHeader(text, year);
  const g = normalizedHeader(group, year);
  const a = normalizedHeader(above, year);
  // Index loops: asked for every cell of every candidate header row (each row of a table sharing a sheet with another).
  let best = Infinity;
  const named = (t !== null && headers.get(t)) || NONE;
  for (let k = 0; k < named.length; k++) {
    const i = named[k];
    if (!columns[i].group || (g !== null && (groups.get(g) ?? NONE).includes(i))) best = Math.min(best, i);
  }
  if (text === null && a !== null) {
    const namedAbove = headers.get(a) ?? NONE;
    for (let k = 0; k < namedAbove.length; k++) if (!columns[namedAbove[k]].group) best = Math.min(best, namedAbove[k]);
  }
  if (best < Infinity) return columns[best];
  // A single-level header naming a group ("全年预算数") stands for the group's total column.
  const either = t ?? a;
  const inGroup = (either !== null && groups.get(either)) || NONE;
  for (let k = 0; k < inGroup.length; k++) if (columns[inGroup[k]].derived) best = Math.min(best, inGroup[k]);
  return best < Infinity ? columns[best] : undefined;
}

/** No columns: shared, as every cell of every candidate header row that names none asks (read only). */
const NONE: readonly number[] = [];

/** The normalised sheet names that are home to a table other than spec's (template data: computed once a spec). */
function otherHomes(spec: TableSpec): Set<string> {
  let homes = otherHomesOf.get(spec);
  if (!homes) {
    homes = new Set(
      INPUT_TABLES.filter((t) => t.sheet !== spec.sheet)
        .flatMap((t) => [t.sheet, ...(t.sheetSynonyms ?? [])])
        .map(normalizeLabel),
    );
    otherHomesOf.set(spec, homes);
  }
  return homes;
}
const otherHomesOf = new Map<TableSpec, Set<string>>();

function isDateFormat(numberFormat: string | null): boolean {
  if (!numberFormat) return false;
  // Asked for every number read; a workbook uses a handful of formats.
  let known = dateFormats.get(numberFormat);
  if (known === undefined) {
    const f = numberFormat.replace(/"[^"]*"|\[[^\]]*\]/g, "");
    known = /[ymd]/i.test(f) && !/^[#0.,%]+$/.test(f) && !/General/i.test(f);
    if (dateFormats.size >= 10_000) dateFormats.clear();
    dateFormats.set(numberFormat, known);
  }
  return known;
}
const dateFormats = new Map<string, boolean>();

function isPercentFormat(numberFormat: string | null): boolean {
  return !!numberFormat && numberFormat.replace(/"[^"]*"/g, "").includes("%");
}

interface HeaderMatch {
  row: number;
  labelCol: number;
  columns: Map<string, number>;
  score: number;
}

/**
 * A cell as read. Its address is made when asked for: a build reads ~261,000 of the tables' 363,731 cells at 10,000
 * projects (RowCells leaves the plain figures unread until asked for) and few are ever named.
 */
class ReadCell implements CellModel {
  value: Decimal | null = null;
  raw: Decimal | null = null;
  text: string | null = null;
  // Rarely set: kept on the prototype until a cell sets its own (a table's cells are most of a read's memory).
  declare typedAsText: boolean;
  declare typedDecimals: number | undefined;
  declare error: string | null;
  declare noneMark: boolean;
  declare isDate: boolean;

  constructor(
    /** The sheet read (snapshots are never changed): what the cell held is looked up there, not copied into each cell. */
    private readonly source: SheetSnapshot,
    readonly row: number,
    readonly col: number,
  ) {}

  get sheet(): string {
    return this.source.name;
  }

  get original(): CellValue {
    return this.entryOf(this.source.values);
  }

  get formula(): string | null {
    return this.entryOf(this.source.formulas);
  }

  get numberFormat(): string | null {
    return this.entryOf(this.source.numberFormats);
  }

  /** This cell's entry in one of the sheet's grids (blank when the row is short). */
  private entryOf<T>(grid: (T | null)[][]): T | null {
    return grid[this.row - this.source.originRow]?.[this.col - this.source.originCol] ?? null;
  }

  get ref(): string {
    return cellRef(this.row, this.col);
  }
}
Object.assign(ReadCell.prototype, { typedAsText: false, typedDecimals: undefined, error: null, noneMark: false, isDate: false });

/** A text in a column of texts (text, code, flag) as readCell reads it: it can report nothing. */
function readText(sheet: SheetSnapshot, row: number, col: number, value: string): ReadCell {
  const cell = new ReadCell(sheet, row, col);
  const text = value.trim();
  if (text === "") return cell;
  if (isNoneMark(text)) cell.noneMark = true;
  cell.text = text;
  return cell;
}

/** A blank or a number as readCell reads it. It reports nothing but a date in an amount cell, which readTable does. */
function readFigure(sheet: SheetSnapshot, row: number, col: number, kind: ColumnSpec["kind"], scale: number, percentHeader: boolean): ReadCell {
  const cell = new ReadCell(sheet, row, col);
  const r = row - sheet.originRow;
  const c = col - sheet.originCol;
  const value = sheet.values[r]?.[c];
  if (typeof value !== "number") return cell;
  const numberFormat = sheet.numberFormats[r]?.[c] ?? null;
  let raw = decimalFromNumber(value);
  if (readsAsDate(kind, numberFormat)) cell.isDate = true;
  if (kind === "rate" && percentHeader && !isPercentFormat(numberFormat)) raw = raw.dividedBy(100);
  cell.raw = raw;
  cell.value = kind === "amount" && scale !== 1 ? raw.dividedBy(scale) : raw;
  return cell;
}

/** Whether a number under this format is a date in a figure cell (readTable reports it). */
function readsAsDate(kind: ColumnSpec["kind"], numberFormat: string | null): boolean {
  return NUMERIC_KINDS.has(kind) && kind !== "rate" && isDateFormat(numberFormat);
}

/**
 * Whether a table cell may be left unread until asked for (RowCells): it reads as a blank, a number or a text that
 * reports nothing (no error, date or number typed as text, no link to another workbook), and as its column's kind,
 * which TableReading reads it by (a key/value table's row may name its own). A cell a merge hides is not asked here.
 */
function leavesUnread(sheet: SheetSnapshot, row: number, col: number, kind: ColumnSpec["kind"], columnKind: ColumnSpec["kind"]): boolean {
  if (kind !== columnKind) return false;
  const r = row - sheet.originRow;
  const c = col - sheet.originCol;
  const value = sheet.values[r]?.[c] ?? null;
  // A text in a figure column may be a number typed as text, which the checker looks for among the cells read.
  if (value !== null && typeof value !== "number" && (typeof value !== "string" || NUMERIC_KINDS.has(kind))) return false;
  if ((sheet.formulas[r]?.[c] ?? null)?.includes("[")) return false;
  return typeof value !== "number" || !readsAsDate(kind, sheet.numberFormats[r]?.[c] ?? null);
}

/**
 * How a table's cells are read besides the cell itself: its unit scale, and per column its key, position, kind and
 * whether its header says %. It reads the cells readTable left unread, when first asked for, and tells whether a later
 * read may reuse this table's readings (only under the same).
 */
class TableReading implements DeferredReading {
  constructor(
    private sheet: SheetSnapshot,
    /** By position in the table's column index. */
    readonly keys: readonly string[],
    readonly cols: readonly number[],
    readonly kinds: readonly ColumnSpec["kind"][],
    readonly percent: readonly boolean[],
    private readonly scale: number,
  ) {}

  read(row: number, i: number): CellModel {
    const value = this.sheet.values[row - this.sheet.originRow]?.[this.cols[i] - this.sheet.originCol];
    if (typeof value === "string") return readText(this.sheet, row, this.cols[i], value);
    return readFigure(this.sheet, row, this.cols[i], this.kinds[i], this.scale, this.percent[i]);
  }

  original(row: number, i: number): CellValue {
    return this.sheet.values[row - this.sheet.originRow]?.[this.cols[i] - this.sheet.originCol] ?? null;
  }

  /** Reads the cells still unread from a later snapshot of the sheet (patchedModel: only quiet figures changed). */
  moveTo(sheet: SheetSnapshot): void {
    this.sheet = sheet;
  }

  /** Whether a cell reads alike under both (the kinds follow from the keys under one table spec). */
  readsLike(other: TableReading): boolean {
    const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    return this.scale === other.scale && same(this.keys, other.keys) && same(this.cols, other.cols) && same(this.percent, other.percent);
  }
}

/** By table: how its cells are read (a patched table reads its unread cells from the later snapshot). */
const tableReadings = new WeakMap<TableModel, TableReading>();

/**
 * Whether reading the cell now would give the earlier reading `known` of the same table cell: the same value,
 * formula and number format. Text readings are read again, as reading them may report an issue.
 */
function readsTheSame(known: CellModel, sheet: SheetSnapshot, row: number, col: number): boolean {
  if (known.text !== null) return false;
  const r = row - sheet.originRow;
  const c = col - sheet.originCol;
  if ((sheet.formulas[r]?.[c] ?? null) !== known.formula || (sheet.numberFormats[r]?.[c] ?? null) !== known.numberFormat) return false;
  return sameCellValue(sheet.values[r]?.[c], known.original);
}

/** How a table cell is read: a key/value table's row may name its own kind. */
function cellKind(spec: TableSpec, rowSpec: RowSpec | undefined, colKey: string, columnKind: ColumnSpec["kind"]): ColumnSpec["kind"] {
  return rowSpec?.kind && spec.columns.length <= 2 && colKey === spec.columns[0].key ? rowSpec.kind : columnKind;
}

/** A rate column whose header says % holds percent figures (12.5 means 12.5 %). */
function percentHeader(sheet: SheetSnapshot, headerRow: number, col: number): boolean {
  return (cellText(sheet, headerRow, col) ?? "").includes("%");
}

class Reader {
  readonly issues: ReaderIssue[] = [];
  private readonly mergeCache = new Map<SheetSnapshot, Map<number, string>>();
  year: number | null = null;
  currencyScale = 1;

  constructor(
    private readonly snapshot: WorkbookSnapshot,
    private readonly previous?: WorkbookModel,
  ) {}

  private readonly extents = new Map<SheetSnapshot, { rows: number; cols: number }>();

  /** sheetExtent scans every row; the snapshot does not change during a read, so compute it once per sheet. */
  extent(sheet: SheetSnapshot): { rows: number; cols: number } {
    let e = this.extents.get(sheet);
    if (!e) {
      e = sheetExtent(sheet);
      this.extents.set(sheet, e);
    }
    return e;
  }

  issue(severity: ReaderIssue["severity"], code: MessageKey, sheet: string, cells: string[], params: Record<string, string | number>) {
    this.issues.push({ severity, code, sheet, cells, message: format(code, { sheet, ...params }) });
  }

  candidateSheets(spec: TableSpec): SheetSnapshot[] {
    const names = [spec.sheet, ...(spec.sheetSynonyms ?? [])].map(normalizeLabel);
    const byName = tableSheets(this.snapshot).filter((s) => names.includes(normalizeLabel(s.name)));
    // A table whose sheet was renamed is looked for on the other sheets, but not on a sheet that is the home of a
    // different table (with 预算执行 deleted, the 项目 sheet's headers would otherwise pass for the budget table).
    const homes = otherHomes(spec);
    const others = tableSheets(this.snapshot).filter((s) => !byName.includes(s) && !homes.has(normalizeLabel(s.name)));
    return [...byName, ...others];
  }

  /** Scores a row as the header of a table: how many of its columns it names. */
  matchHeader(sheet: SheetSnapshot, spec: TableSpec, row: number): HeaderMatch {
    const { cols } = this.extent(sheet);
    const last = sheet.originCol + cols;
    const columns = new Map<string, number>();
    let labelCol = -1;
    let group: string | null = null;
    for (let c = sheet.originCol; c < last; c++) {
      const text = cellText(sheet, row, c);
      const above = row > 0 ? cellText(sheet, row - 1, c) : null;
      if (above !== null) group = above;
      else if (text === null && above === null && !spec.columns.some((col) => col.group)) group = null;
      if (labelCol < 0 && (labelMatches(text, spec.labelColumn.header, spec.labelColumn.synonyms) ||
        (text === null && labelMatches(above, spec.labelColumn.header, spec.labelColumn.synonyms)))) {
        labelCol = c;
        continue;
      }
      const spec1 = this.matchColumn(spec.columns, text, group, above);
      if (spec1 && !columns.has(spec1.key)) columns.set(spec1.key, c);
    }
    return { row, labelCol, columns, score: columns.size + (labelCol >= 0 ? 1 : 0) };
  }

  matchColumn(columns: ColumnSpec[], text: string | null, group: string | null, above: string | null): ColumnSpec | undefined {
    return matchColumn(columns, text, group, above, this.year);
  }

  headerThreshold(spec: TableSpec): number {
    return Math.min(spec.columns.length + 1, spec.columns.length <= 2 ? 2 : 3);
  }

  findHeaders(sheet: SheetSnapshot, spec: TableSpec): HeaderMatch[] {
    const { rows } = this.extent(sheet);
    const found: HeaderMatch[] = [];
    const threshold = this.headerThreshold(spec);
    for (let r = sheet.originRow; r < sheet.originRow + rows; r++) {
      const m = this.headerWordsIn(sheet, spec, r, threshold) >= threshold ? this.matchHeader(sheet, spec, r) : null;
      if (m && m.score >= threshold) {
        // Two-level headers match on both rows; keep the lower, which names the most columns.
        const prev = found[found.length - 1];
        if (prev && prev.row === r - 1) {
          if (m.score >= prev.score) found[found.length - 1] = m;
        } else found.push(m);
      } else if (!spec.repeated && found.length > 0) {
        break;
      }
    }
    return found;
  }

  /**
   * At most how many cells of a row could count towards matchHeader's score for `spec` (its label column, a column's
   * header or group), counted up to `enough`: a cell counts only when its text, or the text above it when it is blank,
   * is one of the table's header words. Most rows name none, and counting asks no more than a lookup per text cell.
   */
  headerWordsIn(sheet: SheetSnapshot, spec: TableSpec, row: number, enough: number): number {
    const { words, numbersCanName } = headerWords(spec);
    const { cols } = this.extent(sheet);
    let count = 0;
    for (let c = sheet.originCol; c < sheet.originCol + cols && count < enough; c++) {
      const at = hasText(sheet, row, c) ? row : row > 0 && hasText(sheet, row - 1, c) ? row - 1 : -1;
      if (at < 0) continue;
      const value = sheet.values[at - sheet.originRow][c - sheet.originCol];
      if (typeof value !== "string" && !numbersCanName) continue;
      const text = String(value).trim();
      // As labelMatches compares (no year) and as matchColumn does (years as tokens: another text only with a year).
      const withYears = yearTokens(text, this.year);
      if (words.has(normalizeLabel(text)) || (withYears !== text && words.has(normalizeLabel(withYears)))) count++;
    }
    return count;
  }

  /** A row that starts another table (its title or its header) ends the table above it. */
  startsOtherTable(sheet: SheetSnapshot, spec: TableSpec, row: number): boolean {
    const { cols } = this.extent(sheet);
    // Asked of every row of every table: only the first text and whether there are more than two matter, so the
    // row's texts are counted, not collected (a number's text is made only when it comes first).
    let first: string | null = null;
    let count = 0;
    for (let c = sheet.originCol; c < sheet.originCol + cols && count <= 2; c++) {
      if (!hasText(sheet, row, c)) continue;
      first ??= cellText(sheet, row, c);
      count++;
    }
    if (first === null) return false;
    if (spec.rows && rowSpecNamed(spec.rows, first, this.year)) return false;
    if (spec.repeated && labelMatches(first, FUND_BLOCK_LABELS.name.label, FUND_BLOCK_LABELS.name.synonyms)) return true;
    if (count <= 2) {
      for (let i = 0; i < INPUT_TABLES.length; i++) {
        const other = INPUT_TABLES[i];
        if (other === spec) continue;
        if (labelMatches(first, other.title, other.titleSynonyms)) return true;
      }
    }
    for (let i = 0; i < INPUT_TABLES.length; i++) {
      const other = INPUT_TABLES[i];
      if (other === spec || other.sheet !== spec.sheet) continue;
      const needed = Math.max(this.headerThreshold(other), 3);
      if (this.headerWordsIn(sheet, other, row, needed) >= needed && this.matchHeader(sheet, other, row).score >= needed) return true;
    }
    return false;
  }

  rowIsBlank(sheet: SheetSnapshot, row: number): boolean {
    const r = sheet.values[row - sheet.originRow];
    return !r || r.every((v) => v === null || v === "" || (typeof v === "string" && v.trim() === ""));
  }

  scaleFor(sheet: SheetSnapshot, headerRow: number): number {
    for (let r = headerRow - 1; r >= Math.max(sheet.originRow, headerRow - 4); r--) {
      const { cols } = this.extent(sheet);
      for (let c = sheet.originCol; c < sheet.originCol + cols; c++) {
        const t = cellText(sheet, r, c);
        if (!t) continue;
        const m = UNIT_LINE.exec(t.normalize("NFKC").replace(/\s/g, ""));
        if (m) return amountUnit(m[1]) === "yuan" ? YUAN_PER_WAN : 1;
      }
    }
    return this.currencyScale;
  }

  readCell(sheet: SheetSnapshot, row: number, col: number, kind: ColumnSpec["kind"], scale: number, percentHeader: boolean): CellModel {
    // Every cell of every table: index the grids directly (snapshotCell would allocate an object per cell).
    const r = row - sheet.originRow;
    const c = col - sheet.originCol;
    const value = sheet.values[r]?.[c] ?? null;
    if (value === null || typeof value === "number") return readFigure(sheet, row, col, kind, scale, percentHeader);
    if (typeof value === "boolean") return readText(sheet, row, col, value ? "TRUE" : "FALSE");
    if (isCellError(value)) {
      const failed = new ReadCell(sheet, row, col);
      failed.error = value.error;
      return failed;
    }
    const text = value.trim();
    // A text column's text, a blank or a 无 mark anywhere: read alike whether read now or when first asked for.
    if (!NUMERIC_KINDS.has(kind) || text === "" || isNoneMark(text)) return readText(sheet, row, col, value);
    const cell = new ReadCell(sheet, row, col);
    const parsed = parseNumberText(text);
    if (!parsed) {
      cell.text = text;
      if ((sheet.formulas[r]?.[c] ?? null) === null) {
        this.issue("error", "notANumber", sheet.name, [cell.ref], { cell: cell.ref, text });
      }
      return cell;
    }
    // "33400元" typed into a 万元 table: read in the table's unit, as Excel would if it read text at all, and said.
    if (kind === "amount" && parsed.unit !== null && (parsed.unit === "yuan") !== (scale === YUAN_PER_WAN)) {
      const [typed, table] = parsed.unit === "yuan" ? [MARKS.unitYuan[0], MARKS.unitWan[0]] : [MARKS.unitWan[0], MARKS.unitYuan[0]];
      this.issue("error", "textUnitMismatch", sheet.name, [cell.ref], { cell: cell.ref, text, unit: typed, tableUnit: table });
    }
    cell.raw = kind === "rate" && percentHeader && !parsed.percent ? parsed.value.dividedBy(100) : parsed.value;
    cell.typedAsText = true;
    cell.typedDecimals = parsed.typedDecimals + (parsed.percent ? 2 : 0);
    cell.value = kind === "amount" && scale !== 1 ? cell.raw.dividedBy(scale) : cell.raw;
    return cell;
  }

  readTable(sheet: SheetSnapshot, spec: TableSpec, header: HeaderMatch, endBefore: number, previous?: TableModel): TableModel {
    const scale = this.scaleFor(sheet, header.row - (spec.columns.some((c) => c.group) ? 1 : 0));
    const labelCol = header.labelCol >= 0 ? header.labelCol : sheet.originCol;
    const table: TableModel = {
      spec,
      sheet: sheet.name,
      headerRow: header.row,
      labelCol,
      firstRow: header.row + 1,
      lastRow: header.row,
      columns: header.columns,
      rows: [],
      rowByKey: new Map(),
      scale,
    };
    const columnSpecs = new Map(spec.columns.map((c) => [c.key, c]));
    // Per column, once per table rather than once per cell.
    const columnInfo = [...header.columns].map(([colKey, c]) => ({
      colKey,
      c,
      colSpec: columnSpecs.get(colKey)!,
      percentHeader: percentHeader(sheet, header.row, c),
    }));
    const columnIndex = new ColumnIndex(columnInfo.map((info) => info.colKey));
    const reading = new TableReading(
      sheet,
      columnInfo.map((info) => info.colKey),
      columnInfo.map((info) => info.c),
      columnInfo.map((info) => info.colSpec.kind),
      columnInfo.map((info) => info.percentHeader),
      scale,
    );
    tableReadings.set(table, reading);
    const hidden = this.hiddenUnderMerges(sheet);
    const earlierReading = previous && previous.spec === spec && previous.sheet === sheet.name ? tableReadings.get(previous) : undefined;
    const earlier = earlierReading?.readsLike(reading) ? previous : undefined;
    let blanks = 0;
    let section: "income" | "expense" | null = null;
    for (let r = header.row + 1; r < endBefore; r++) {
      if (this.rowIsBlank(sheet, r)) {
        if (++blanks >= 2) break;
        continue;
      }
      blanks = 0;
      if (this.startsOtherTable(sheet, spec, r)) break;
      table.lastRow = r;
      const label = cellText(sheet, r, labelCol);
      const key = this.rowKey(spec, label, section);
      if (spec.id === "fund") {
        if (key === "incomeTotal") section = "income";
        if (key === "expenseTotal") section = "expense";
        if (key === "surplus" || key === "opening" || key === "closing") section = null;
      }
      if (label === null) {
        const hasFigures = [...header.columns.values()].some((c) => cellText(sheet, r, c) !== null);
        if (hasFigures && !spec.rows) {
          this.issue("warning", "nameMissing", sheet.name, [cellRef(r, labelCol)], { cell: cellRef(r, labelCol) });
        }
        continue;
      }
      if (key === null) {
        this.issue("info", "rowUnknown", sheet.name, [cellRef(r, labelCol)], { cell: cellRef(r, labelCol), label });
        continue;
      }
      const existing = table.rowByKey.get(key);
      if (existing) {
        this.issue("warning", "rowDuplicate", sheet.name, [cellRef(r, labelCol)], {
          cell: cellRef(r, labelCol),
          label,
          first: cellRef(existing.row, labelCol),
        });
        continue;
      }
      // Made at its length: grown by push, a row's array kept room for ~17 cells (30,000 rows at 10,000 projects).
      const cells: (CellModel | undefined)[] = new Array(columnInfo.length);
      const rowSpec = spec.rows?.find((rs) => rs.key === key);
      const earlierRow = earlier?.rowByKey.get(key);
      const earlierCells = earlierRow?.row === r ? earlierRow.cells : undefined;
      for (let i = 0; i < columnInfo.length; i++) {
        const { colKey, c, colSpec, percentHeader } = columnInfo[i];
        const kind = cellKind(spec, rowSpec, colKey, colSpec.kind);
        // Left unread: a blank or a plain number, read as the table reads its column when asked for.
        if (leavesUnread(sheet, r, c, kind, colSpec.kind) && (hidden.size === 0 || !hidden.has(r * COLUMNS + c))) continue;
        const known = earlierCells?.peek(colKey);
        cells[i] = known && readsTheSame(known, sheet, r, c) ? known : this.readCell(sheet, r, c, kind, scale, percentHeader);
      }
      const rowModel: RowModel = { key, label, row: r, cells: new RowCells(columnIndex, cells, reading, r) };
      table.rows.push(rowModel);
      table.rowByKey.set(key, rowModel);
      if (!spec.rows && spec.totalRow && key === spec.totalRow.key) break;
    }
    // The cells left unread are blanks and plain numbers, which report none of these.
    for (let i = 0; i < table.rows.length; i++) {
      table.rows[i].cells.forEachRead((cell) => {
        if (cell.error) this.issue("error", "errorValue", cell.sheet, [cell.ref], { cell: cell.ref, error: cell.error });
        if (cell.isDate && cell.raw) {
          this.issue("warning", "dateInAmount", cell.sheet, [cell.ref], { cell: cell.ref, value: cell.raw.toString() });
        }
        // A link to another workbook names it in brackets; most formulas have none, so look closer only then.
        if (cell.formula?.includes("[") && EXTERNAL_LINK.test(cell.formula.replace(/"[^"]*"/g, ""))) {
          this.issue("warning", "externalLink", cell.sheet, [cell.ref], { cell: cell.ref, formula: cell.formula });
        }
        const range = hidden.size > 0 ? hidden.get(cell.row * COLUMNS + cell.col) : undefined;
        if (range) this.issue("warning", "mergedInput", cell.sheet, [cell.ref], { cell: cell.ref, range });
      });
    }
    return table;
  }

  /**
   * Cells covered by a merged range other than its top-left one, by position (row * COLUMNS + col) → the range: asked
   * for every table cell, which by address would make a string each.
   */
  hiddenUnderMerges(sheet: SheetSnapshot): Map<number, string> {
    let known = this.mergeCache.get(sheet);
    if (!known) {
      known = new Map();
      for (const range of sheet.merges ?? []) {
        const r = parseRange(range);
        // Only a small merge can hide inputs; a title merged across a row hides nothing (and must stay cheap).
        if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 400) continue;
        for (let row = r.top; row <= r.bottom; row++) {
          for (let col = r.left; col <= r.right; col++) {
            if (row !== r.top || col !== r.left) known.set(row * COLUMNS + col, range);
          }
        }
      }
      this.mergeCache.set(sheet, known);
    }
    return known;
  }

  rowKey(spec: TableSpec, label: string | null, section: "income" | "expense" | null): string | null {
    if (label === null) return null;
    if (spec.rows) {
      const found = rowSpecNamed(spec.rows, label, this.year);
      if (found) return found.key;
      // A fund may carry lines the standard list lacks; they count in their section's total.
      if (spec.id === "fund" && section) return `${section === "income" ? "inExtra" : "exExtra"}:${normalizeLabel(label)}`;
      return null;
    }
    if (spec.totalRow && labelMatches(label, spec.totalRow.label, spec.totalRow.synonyms, this.year)) return spec.totalRow.key;
    return `item:${normalizeLabel(label)}`;
  }

  readTables(spec: TableSpec): TableModel[] {
    const result: TableModel[] = [];
    for (const sheet of this.candidateSheets(spec)) {
      const headers = this.findHeaders(sheet, spec);
      if (headers.length === 0) continue;
      const chosen = spec.repeated ? headers : [headers[0]];
      chosen.forEach((h, i) => {
        const next = chosen[i + 1]?.row ?? sheet.originRow + this.extent(sheet).rows;
        const table = this.readTable(sheet, spec, h, next, this.previous?.tables.get(spec.id)?.[result.length]);
        if (spec.repeated) this.readBlockName(sheet, table);
        result.push(table);
      });
      if (result.length > 0) break;
    }
    return result;
  }

  readBlockName(sheet: SheetSnapshot, table: TableModel) {
    const { cols } = this.extent(sheet);
    for (let r = table.headerRow - 1; r >= Math.max(sheet.originRow, table.headerRow - 5); r--) {
      for (let c = sheet.originCol; c < sheet.originCol + cols; c++) {
        const t = cellText(sheet, r, c);
        const next = () => {
          for (let c2 = c + 1; c2 < sheet.originCol + cols; c2++) {
            const v = cellText(sheet, r, c2);
            // A blank name or scope: the next label (口径, 基金名称) is not its value.
            if (
              labelMatches(v, FUND_BLOCK_LABELS.scope.label, FUND_BLOCK_LABELS.scope.synonyms) ||
              labelMatches(v, FUND_BLOCK_LABELS.name.label, FUND_BLOCK_LABELS.name.synonyms)
            ) {
              return null;
            }
            if (v !== null) return { v, ref: cellRef(r, c2) };
          }
          return null;
        };
        if (table.name === undefined && labelMatches(t, FUND_BLOCK_LABELS.name.label, FUND_BLOCK_LABELS.name.synonyms)) {
          const found = next();
          if (found) {
            table.name = found.v;
            table.nameCell = found.ref;
          }
        }
        if (table.scope === undefined && labelMatches(t, FUND_BLOCK_LABELS.scope.label, FUND_BLOCK_LABELS.scope.synonyms)) {
          table.scope = next()?.v;
        }
      }
    }
  }

  readInfo(): TableModel | undefined {
    const [info] = this.readKeyValue(INPUT_TABLES.find((t) => t.id === "info")!);
    if (!info) return undefined;
    const yearCell = info.rowByKey.get("year")?.cells.get("value");
    const yearValue = yearCell?.value ?? (yearCell?.text ? parseNumberText(yearCell.text.replace(YEAR_ENDING, ""))?.value : null);
    this.year = yearValue ? yearValue.toNumber() : null;
    const currency = info.rowByKey.get("currency")?.cells.get("value")?.text;
    if (currency && MARKS.unitYuan.includes(currency.trim())) this.currencyScale = YUAN_PER_WAN;
    return info;
  }

  /** Key/value tables may come without a header row: then rows are found by their labels. */
  readKeyValue(spec: TableSpec): TableModel[] {
    const withHeader = this.readTables(spec);
    if (withHeader.length > 0 || !spec.rows) return withHeader;
    for (const sheet of this.candidateSheets(spec)) {
      const { rows, cols } = this.extent(sheet);
      for (let c = sheet.originCol; c < sheet.originCol + cols; c++) {
        const hits: number[] = [];
        for (let r = sheet.originRow; r < sheet.originRow + rows; r++) {
          if (this.rowKey(spec, cellText(sheet, r, c), null)) hits.push(r);
        }
        if (hits.length >= Math.min(2, spec.rows.length)) {
          const header: HeaderMatch = { row: hits[0] - 1, labelCol: c, columns: new Map(), score: 0 };
          spec.columns.forEach((col, i) => header.columns.set(col.key, c + 1 + i));
          return [this.readTable(sheet, spec, header, hits[hits.length - 1] + 1, this.previous?.tables.get(spec.id)?.[0])];
        }
      }
    }
    return [];
  }

  readRegistry(): RegistryEntry[] {
    const sheet = this.snapshot.sheets.find((s) => s.name === REGISTRY_SHEET);
    if (!sheet) return [];
    const entries: RegistryEntry[] = [];
    const { rows } = this.extent(sheet);
    for (let r = sheet.originRow; r < sheet.originRow + rows; r++) {
      const kind = cellText(sheet, r, 0);
      // Older workbooks also list every formula 计算 wrote ("formula"): no longer needed, dropped on the next write.
      if (kind !== "sheet" && kind !== "explanation" && kind !== "fill") continue;
      entries.push({
        kind,
        sheet: cellText(sheet, r, 1) ?? "",
        cell: cellText(sheet, r, 2) ?? "",
        data: String(snapshotCell(sheet, r, 3).value ?? ""),
      });
    }
    return entries;
  }

  readSettings(table: TableModel | undefined): Settings {
    const choice = <K extends keyof typeof SETTING_CHOICES>(key: K): (typeof SETTING_CHOICES)[K][number]["value"] => {
      const options = SETTING_CHOICES[key];
      const cell = table?.rowByKey.get(key)?.cells.get("value");
      const text = cell?.text ?? (cell?.raw ? cell.raw.toString() : null);
      if (!text) return options[0].value;
      const n = normalizeLabel(text);
      const found = options.find(
        (o) => normalizeLabel(o.label) === n || normalizeLabel(o.value) === n || normalizeLabel(o.label).startsWith(n),
      );
      if (!found) {
        this.issue("warning", "unknownSetting", cell!.sheet, [cell!.ref], {
          cell: cell!.ref,
          label: table!.rowByKey.get(key)!.label,
          text,
          fallback: options[0].label,
        });
        return options[0].value;
      }
      return found.value;
    };
    const fraction = (key: keyof typeof SETTING_DEFAULTS): Decimal => {
      const cell = table?.rowByKey.get(key)?.cells.get("value");
      return cell?.value ?? new Decimal(SETTING_DEFAULTS[key]);
    };
    return {
      overExecution: choice("overExecution"),
      zeroDivision: choice("zeroDivision"),
      rounding: choice("rounding"),
      sangongCaliber: choice("sangongCaliber"),
      staffCaliber: choice("staffCaliber"),
      stepRounding: choice("stepRounding"),
      overAchievement: fraction("overAchievement"),
      lowExecution: fraction("lowExecution"),
      lineDeviation: fraction("lineDeviation"),
    };
  }
}

function reportGaps(reader: Reader, table: TableModel) {
  const { spec } = table;
  for (const col of spec.columns) {
    if (!table.columns.has(col.key)) {
      const cell = cellRef(table.headerRow, table.labelCol);
      reader.issue("warning", "columnMissing", table.sheet, [cell], {
        cell,
        table: spec.title,
        column: col.group ? `${col.group}/${col.header}` : col.header,
      });
    }
  }
  for (const row of spec.rows ?? []) {
    if (!table.rowByKey.has(row.key)) {
      reader.issue("warning", "rowMissing", table.sheet, [], { table: spec.title, row: row.label });
    }
  }
}

/**
 * The sheets readWorkbook looks for tables in: all but the add-in's registry and the attachment sheets (附件…). The
 * model depends on these, the registry and the sheet names alone.
 */
export function tableSheets(snapshot: WorkbookSnapshot): SheetSnapshot[] {
  return snapshot.sheets.filter((s) => s.name !== REGISTRY_SHEET && !s.name.startsWith(LABEL_WORDS.attachmentSheetPrefix));
}

/**
 * Of the sheets a host could read only in part, those the engine needs whole: the add-in's registry, the home of an
 * input table (by its name or a synonym), and any sheet an input table was found on (a renamed 项目 sheet). Working
 * on part of one would get totals wrong. Another sheet of the user's holds nothing the engine reads.
 */
export function sheetsNeededWhole(snapshot: WorkbookSnapshot, partlyRead: string[]): string[] {
  if (partlyRead.length === 0) return [];
  const homes = new Set(INPUT_TABLES.flatMap((t) => [t.sheet, ...(t.sheetSynonyms ?? [])]).map(normalizeLabel));
  const withTables = new Set([...readWorkbook(snapshot).tables.values()].flat().map((t) => t.sheet));
  return partlyRead.filter((name) => name === REGISTRY_SHEET || homes.has(normalizeLabel(name)) || withTables.has(name));
}

/**
 * A row's score as the header of `spec` and the bound headerWordsIn puts on it before matching (for the property test
 * that holds the bound: a row the bound passes over must never have been a header).
 */
export function headerScoreAndBound(sheet: SheetSnapshot, spec: TableSpec, row: number, year: number | null): { score: number; bound: number } {
  const reader = new Reader({ sheets: [sheet] });
  reader.year = year;
  return { score: reader.matchHeader(sheet, spec, row).score, bound: reader.headerWordsIn(sheet, spec, row, Infinity) };
}

/** The registry entries of a snapshot (see registry.ts). */
export function readRegistry(snapshot: WorkbookSnapshot): RegistryEntry[] {
  return new Reader(snapshot).readRegistry();
}

/**
 * Reads every input table of the standard template from a snapshot. Given the model of an earlier snapshot of the
 * same workbook (a step before), table cells that read the same are taken from it rather than read again: the
 * tables themselves are always found anew.
 */
export function readWorkbook(snapshot: WorkbookSnapshot, previous?: WorkbookModel): WorkbookModel {
  const reader = new Reader(snapshot, previous);
  const tables = new Map<TableId, TableModel[]>();
  const info = reader.readInfo();
  if (info) tables.set("info", [info]);
  if (reader.year === null && info) reader.issue("warning", "yearMissing", info.sheet, [], {});
  for (const spec of INPUT_TABLES) {
    if (spec.id === "info") continue;
    const found = spec.rows && spec.columns.length <= 2 ? reader.readKeyValue(spec) : reader.readTables(spec);
    if (found.length > 0) tables.set(spec.id, found);
  }
  for (const spec of INPUT_TABLES) {
    const found = tables.get(spec.id) ?? [];
    // Funds are 0..n; settings fall back to defaults.
    if (found.length === 0 && !spec.repeated && spec.id !== "settings") {
      reader.issue("warning", "sheetMissing", spec.sheet, [], { table: spec.title });
    }
    for (const table of found) reportGaps(reader, table);
  }
  const settingsTable = tables.get("settings")?.[0];
  const unitName = info?.rowByKey.get("unit")?.cells.get("value")?.text ?? null;
  return {
    tables,
    year: reader.year,
    unitName,
    settings: reader.readSettings(settingsTable),
    issues: reader.issues,
    registry: reader.readRegistry(),
    sheetNames: snapshot.sheets.map((s) => s.name),
  };
}

/** The 基本信息 rows the reader reads for the whole model (readInfo, readWorkbook). */
const READER_SET_INFO = new Set(["year", "currency", "unit"]);

/** A cell whose change `patchedModel` takes in place of a fresh read. */
export interface ChangedCell {
  sheet: string;
  row: number;
  col: number;
}

/**
 * Changed cells as columns of positions in typed arrays, their sheets by runs: after 计算 ~90,000 cells changed at
 * 10,000 projects, and a step cache holds them into the next step, where an object a cell (or a pointer a cell) was
 * copied by the garbage collector twice over.
 */
export class CellChanges {
  private rowAt = new Int32Array(1024);
  private colAt = new Int32Array(1024);
  private count = 0;
  /** Each run of changes on one sheet: its sheet and the index of its first change. */
  private readonly runs: { sheet: string; from: number }[] = [];

  static of(cells: readonly ChangedCell[]): CellChanges {
    const out = new CellChanges();
    for (const c of cells) out.add(c.sheet, c.row, c.col);
    return out;
  }

  get length(): number {
    return this.count;
  }

  add(sheet: string, row: number, col: number): void {
    if (this.count === this.rowAt.length) {
      const rows = new Int32Array(this.count * 2);
      const cols = new Int32Array(this.count * 2);
      rows.set(this.rowAt);
      cols.set(this.colAt);
      this.rowAt = rows;
      this.colAt = cols;
    }
    if (this.runs.length === 0 || this.runs[this.runs.length - 1].sheet !== sheet) this.runs.push({ sheet, from: this.count });
    this.rowAt[this.count] = row;
    this.colAt[this.count] = col;
    this.count++;
  }

  row(i: number): number {
    return this.rowAt[i];
  }

  col(i: number): number {
    return this.colAt[i];
  }

  /** Calls `each` with every run of changes on one sheet: its sheet and its changes' indices [from, to). */
  forEachRun(each: (sheet: string, from: number, to: number) => void): void {
    for (let k = 0; k < this.runs.length; k++) {
      each(this.runs[k].sheet, this.runs[k].from, k + 1 < this.runs.length ? this.runs[k + 1].from : this.count);
    }
  }
}

/** A reading that reported nothing and can report nothing (a blank, a number, a 无/— mark, no link elsewhere). */
function readsQuietly(cell: CellModel): boolean {
  return cell.error === null && !cell.isDate && !cell.typedAsText && (cell.text === null || cell.noneMark) && !cell.formula?.includes("[");
}

/**
 * The model of `snapshot`, made from `previous` (the model of the same table sheets before `changes`) by reading the
 * changed cells alone; null when a change could read as more than that cell, and the workbook must be read afresh.
 * The usual case is 计算's writes: a number, a formula's result or a 无 mark where a derived cell was blank.
 *
 * A cell qualifies when it is a figure of an input table's row (right of the label; not a setting, nor the year,
 * currency or unit of 基本信息), it read quietly before and reads quietly now, and its row does not name a fund block
 * (the block's name is the next cell after that label). A number or a 无 mark names no header, group, title, row or
 * unit, and a row with a label is not blank either way, so the tables are found and end where they did.
 *
 * The patch takes `previous` over: its tables are brought up to `snapshot` in place and shared by the model returned
 * (the steps of one command follow one workbook, and `previous` is the model of the step before). A patch that
 * declines changes nothing.
 */
export function patchedModel(snapshot: WorkbookSnapshot, previous: WorkbookModel, changes: CellChanges): WorkbookModel | null {
  const reader = new Reader(snapshot);
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const blockHeaders = new Map<string, number[]>();
  for (const t of [...previous.tables.values()].flat()) {
    if (t.spec.repeated) blockHeaders.set(t.sheet, [...(blockHeaders.get(t.sheet) ?? []), t.headerRow]);
  }
  // Changes by sheet (as indices) in row order, each row's found by a binary search: after 计算 every row of a list
  // table changed, and a Map of 20,000 rows to their changes cost more than the patching itself in a build's first,
  // unoptimized run.
  const bySheet = new Map<string, number[]>();
  let declined = false;
  changes.forEachRun((name, from, to) => {
    if (declined) return;
    const sheet = sheets.get(name);
    if (!sheet) return void (declined = true);
    const headers = blockHeaders.get(name);
    let inSheet = bySheet.get(name);
    if (!inSheet) bySheet.set(name, (inSheet = []));
    for (let i = from; i < to; i++) {
      const row = changes.row(i);
      const nearBlock = headers !== undefined && headers.some((h) => row >= h - 5 && row < h);
      if (nearBlock && namesFundBlock(reader, sheet, row)) return void (declined = true);
      inSheet.push(i);
    }
  });
  if (declined) return null;
  for (const inSheet of bySheet.values()) {
    if (!inRowOrder(inSheet, changes)) inSheet.sort((a, b) => changes.row(a) - changes.row(b) || changes.col(a) - changes.col(b));
  }
  // What the patch does is found before anything is changed, so that a patch that declines changes nothing: each
  // changed cell's row, column key and reading now (undefined: left unread, to be read from this snapshot).
  // Made at their full length (one entry a change): grown entry by entry, each copy of a long array outlived a
  // collection and was promoted.
  const movedReadings: TableReading[] = [];
  const movedTo: SheetSnapshot[] = [];
  const editedRows: RowCells[] = new Array(changes.length);
  const editedKeys: string[] = new Array(changes.length);
  const editedCells: (CellModel | undefined)[] = new Array(changes.length);
  let edited = 0;
  for (const [id, list] of previous.tables) {
    for (const table of list) {
      const inSheet = bySheet.get(table.sheet);
      if (!inSheet) continue;
      const sheet = sheets.get(table.sheet)!;
      // It knows each column's key, kind and % header. (Every table read has one; one without is left as it was, its
      // changes uncounted, and the patch declines.)
      const reading = tableReadings.get(table);
      if (!reading) continue;
      movedReadings.push(reading);
      movedTo.push(sheet);
      for (let n = 0; n < table.rows.length; n++) {
        const row = table.rows[n];
        let k = firstChangeAtOrBelow(inSheet, changes, row.row);
        if (k === inSheet.length || changes.row(inSheet[k]) !== row.row) continue;
        // Left unpatched, so declined below: cells that set the settings, the year, the currency or the unit.
        if (id === "settings" || (id === "info" && READER_SET_INFO.has(row.key))) continue;
        const rowSpec = table.spec.rows?.find((rs) => rs.key === row.key);
        for (; k < inSheet.length && changes.row(inSheet[k]) === row.row; k++) {
          const col = changes.col(inSheet[k]);
          const i = reading.cols.indexOf(col);
          if (i < 0 || col <= table.labelCol) continue;
          const key = reading.keys[i];
          // A cell left unread was a blank or a plain number: it read quietly.
          const before = row.cells.peek(key);
          if (before !== undefined && !readsQuietly(before)) continue;
          const kind = cellKind(table.spec, rowSpec, key, reading.kinds[i]);
          let now: CellModel | undefined;
          if (!leavesUnread(sheet, row.row, col, kind, reading.kinds[i])) {
            now = reader.readCell(sheet, row.row, col, kind, table.scale, reading.percent[i]);
            if (!readsQuietly(now) || reader.issues.length > 0) continue;
          }
          // More edits than changes: the same cell listed twice, which differences() never does.
          if (edited === changes.length) return null;
          editedRows[edited] = row.cells;
          editedKeys[edited] = key;
          editedCells[edited] = now;
          edited++;
        }
      }
    }
  }
  if (edited !== changes.length) return null;
  // Taken over in place: copying each changed row (20,000 after 计算 at 10,000 projects) cost ~180 ms a build.
  for (let i = 0; i < movedReadings.length; i++) movedReadings[i].moveTo(movedTo[i]);
  for (let i = 0; i < edited; i++) editedRows[i].replace(editedKeys[i], editedCells[i]);
  return { ...previous, registry: reader.readRegistry(), sheetNames: snapshot.sheets.map((s) => s.name) };
}

/** Whether the changes at `indices` run by row, and by column within a row. */
function inRowOrder(indices: number[], changes: CellChanges): boolean {
  for (let i = 1; i < indices.length; i++) {
    const a = indices[i - 1];
    const b = indices[i];
    if (changes.row(a) > changes.row(b) || (changes.row(a) === changes.row(b) && changes.col(a) > changes.col(b))) return false;
  }
  return true;
}

/** The position in `indices` (changes in row order) of the first change at `row` or below it; indices.length when none. */
function firstChangeAtOrBelow(indices: number[], changes: CellChanges, row: number): number {
  let lo = 0;
  let hi = indices.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changes.row(indices[mid]) < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A row holding a fund block's name or scope label, which readBlockName reads the next cell after. */
function namesFundBlock(reader: Reader, sheet: SheetSnapshot, row: number): boolean {
  const { cols } = reader.extent(sheet);
  for (let c = sheet.originCol; c < sheet.originCol + cols; c++) {
    const t = cellText(sheet, row, c);
    if (labelMatches(t, FUND_BLOCK_LABELS.name.label, FUND_BLOCK_LABELS.name.synonyms)) return true;
    if (labelMatches(t, FUND_BLOCK_LABELS.scope.label, FUND_BLOCK_LABELS.scope.synonyms)) return true;
  }
  return false;
}
