/**
 * What every attachment builder needs: the model, the values the input cells have (typed, or computed by 计算's
 * formulas), and a record of the inputs found blank.
 */
import Decimal from "decimal.js";
import { ATTACHMENT_MESSAGES } from "../data/attachments";
import { derivationsByCell, derivedCellIsBlank, derivedCellState, derivedSlots, DerivedValues, writtenByFill, type DerivationIndex, type DerivedCellState, type Derivation } from "../derive";
import { derive, readModel, type StepCache } from "../step-cache";
import { refCol, refCoords, refKey, refRow, strictInputsOf, type Expr, type Lookup, type Ref } from "../expr";
import type { WorkbookModel } from "../model";
import { isCellError, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../snapshot";
import { decimalFromNumber } from "../text";
import { format } from "./text";
import { CellMap } from "../cell-map";

export class AttachmentContext {
  readonly model: WorkbookModel;
  private readonly derived: DerivationIndex;
  /** Values of the input sheets' derived cells as Excel shows them after 计算, computed when asked for. */
  private readonly derivedValues: DerivedValues;
  /** Derived cells 计算 has not written yet (blank in the workbook): the attachments would show blank there. */
  readonly unfilled: string[] = [];
  /** Cells of the attachment sheets written so far, and their values. */
  private readonly own = new CellMap<Decimal | string | null>();
  /** Blank inputs: input key → description and the attachments that need it. */
  private readonly missingInputs = new Map<string, { text: string; where: Set<string> }>();
  private readonly sheets: Map<string, SheetSnapshot>;

  constructor(snapshot: WorkbookSnapshot, cache?: StepCache) {
    this.sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
    this.model = readModel(snapshot, cache);
    const { list, own } = derive(this.model, cache);
    this.derived = derivationsByCell(list);
    // As 计算 does: a derived cell holding a typed value or a formula of the user's keeps it (each state found once).
    const states = derivedSlots<DerivedCellState>(list);
    const stateOf = (d: Derivation): DerivedCellState => (states[d.ordinal] ??= derivedCellState(this.sheets.get(d.sheet), d, own));
    this.derivedValues =
      cache?.keptValues(snapshot, list, own) ?? new DerivedValues(snapshot, list, "excel", this.model.settings, (d) => writtenByFill(stateOf(d)));
    // Cells computed but blank in the workbook matter only when their value is not blank. Blankness alone is asked:
    // whose formula a cell holds does not matter here.
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (derivedCellIsBlank(this.sheets.get(d.sheet), d) && this.derivedValues.value(d) instanceof Decimal) this.unfilled.push(d.key);
    }
  }

  /** The value of a cell as the host read it (null when blank or on no sheet). */
  private rawValue(sheetName: string, row: number, col: number): CellValue {
    const sheet = this.sheets.get(sheetName);
    return sheet?.values[row - sheet.originRow]?.[col - sheet.originCol] ?? null;
  }

  /** Records what an attachment cell shows, for the attachment cells that read it. */
  wrote(sheet: string, row: number, col: number, shown: Decimal | string | null): void {
    this.own.set(sheet, row, col, shown);
  }

  /** The number a cell holds as Excel will compute it, or null (blank, text, error). */
  number(at: Ref): Decimal | null {
    return this.numberAt(at.sheet, refRow(at), refCol(at));
  }

  private numberAt(sheet: string, row: number, col: number): Decimal | null {
    const v = this.own.get(sheet, row, col);
    if (v !== undefined) return v instanceof Decimal ? v : null;
    const d = this.derived.get(sheet, row, col);
    if (d) {
      const v = this.derivedValues.value(d);
      return v instanceof Decimal ? v : null;
    }
    const value = this.rawValue(sheet, row, col);
    // Read as 计算 reads a typed number (Excel's 15 digits), so an attachment's cached figure is 计算's.
    return typeof value === "number" ? decimalFromNumber(value) : null;
  }

  /** What a cell shows: a number, a text, or null when blank. */
  shown(at: Ref): Decimal | string | null {
    return this.shownAt(at.sheet, refRow(at), refCol(at));
  }

  private shownAt(sheet: string, row: number, col: number): Decimal | string | null {
    const v = this.own.get(sheet, row, col);
    if (v !== undefined) return v;
    const d = this.derived.get(sheet, row, col);
    if (d) {
      const v = this.derivedValues.value(d);
      return v instanceof Decimal ? v : v === "dash" ? "—" : null;
    }
    const value = this.rawValue(sheet, row, col);
    if (value === null || isCellError(value)) return null;
    if (typeof value === "number") return decimalFromNumber(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    return value === "" ? null : value;
  }

  readonly lookup: Lookup = {
    number: (at) => this.number(at),
    text: (at) => {
      const v = this.shown(at);
      return typeof v === "string" ? v : null;
    },
    numberAt: (sheet, row, col) => this.numberAt(sheet, row, col),
    textAt: (sheet, row, col) => {
      const v = this.shownAt(sheet, row, col);
      return typeof v === "string" ? v : null;
    },
  };

  /**
   * Records the blank inputs behind a blank figure. Links made by 计算 (基础数据 → 三公经费) are followed to the
   * cell a person types; a total (项目 合计) is reported itself, since people type totals too.
   */
  reportBlank(expr: Expr, where: string): void {
    for (const input of strictInputsOf(expr)) this.reportBlankRef(input, where, 0);
    if (expr.t === "sum" && expr.refs.every((r) => this.number(r) === null)) {
      for (const r of expr.refs) this.reportBlankRef(r, where, 0);
    }
  }

  reportBlankRef(at: Ref, where: string, depth: number): void {
    if (this.shown(at) !== null && this.number(at) !== null) return;
    if (this.shown(at) !== null && typeof this.shown(at) === "string") return; // text such as 无 is an answer
    const { row, col } = refCoords(at);
    const d = this.derived.get(at.sheet, row, col);
    if (d && depth < 5) {
      const inner = d.expr;
      if (inner.t === "ref") return this.reportBlankRef(inner.at, where, depth + 1);
    }
    this.addMissing(refKey(at), format(ATTACHMENT_MESSAGES.missingCell, { ref: refKey(at), what: this.describe(at) }), where);
  }

  /** A missing input that is not one cell (a goal or indicator list). */
  addMissing(key: string, text: string, where: string): void {
    const entry = this.missingInputs.get(key) ?? { text, where: new Set<string>() };
    entry.where.add(where);
    this.missingInputs.set(key, entry);
  }

  get missing(): string[] {
    return [...this.missingInputs.values()].map((m) =>
      format(ATTACHMENT_MESSAGES.missingWhere, { text: m.text, where: [...m.where].join("、") }),
    );
  }

  /** A cell's row label and column header in its input table. */
  describe(at: Ref): string {
    for (const tables of this.model.tables.values()) {
      for (const t of tables) {
        if (t.sheet !== at.sheet) continue;
        for (const row of t.rows) {
          for (const [colKey, cell] of row.cells) {
            if (cell.ref !== at.ref) continue;
            const spec = t.spec.columns.find((c) => c.key === colKey);
            const header = spec ? (spec.group ? `${spec.group}${spec.header}` : spec.header) : colKey;
            const prefix = t.name ? `${t.name} ` : "";
            return t.spec.columns.length <= 2 && t.spec.rows ? `${prefix}${row.label}` : `${prefix}${row.label}/${header}`;
          }
        }
      }
    }
    return at.ref;
  }
}
