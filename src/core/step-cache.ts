/** The work one command's steps share (see StepCache). */
import { derivations, derivationsByCell, expenseCode, OwnFormulas, type DerivedCellState, type DerivedValues, type Derivation } from "./derive";
import type { TableModel, WorkbookModel } from "./model";
import { CellChanges, patchedModel, readRegistry, readWorkbook, tableSheets } from "./reader";
import { sameCellValue, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";

/**
 * What the steps of one command (生成附表, build) share, each step reading the workbook its predecessor wrote:
 * - the model, when the sheets the reader reads are unchanged (审核 after 附表: only 附件 sheets, the registry and
 *   fills differ); patched where only table figures changed quietly (附表 after 计算: only derived cells did); else
 *   the readings of the cells that did not change;
 * - derivations and their rendered formulas, which depend only on the tables' layout, the indicator natures and
 *   expense codes, and the settings, none of which a step changes;
 * - 计算's derived values, as Excel shows them after 计算, while the only cells that changed are the ones it wrote
 *   and they still hold its formulas.
 */
export class StepCache {
  /** The model the cached derivations were last found right for. */
  private keyed: WorkbookModel | null = null;
  private cached: { list: Derivation[]; own: OwnFormulas } | null = null;
  private read: { sheets: SheetSnapshot[]; model: WorkbookModel } | null = null;
  private kept: {
    values: DerivedValues;
    list: Derivation[];
    written: Uint8Array;
    /** Each derived cell's state as 计算 found it, by ordinal. */
    states: DerivedCellState[];
    sheets: SheetSnapshot[];
  } | null = null;
  /** Table sheets found to be 计算's workbook with its writes applied (keptValues), and their cells' states. */
  private verified: { sheets: SheetSnapshot[]; states: DerivedCellState[] } | null = null;

  private compared: { snapshot: WorkbookSnapshot; before: SheetSnapshot[]; changed: CellChanges | null } | null = null;

  /** differences() between a snapshot's table sheets and earlier ones, worked out once for both of its askers. */
  private changes(snapshot: WorkbookSnapshot, before: SheetSnapshot[]): CellChanges | null {
    const c = this.compared;
    if (c && c.snapshot === snapshot && c.before.length === before.length && c.before.every((s, i) => s === before[i])) return c.changed;
    const changed = differences(tableSheets(snapshot), before);
    this.compared = { snapshot, before, changed };
    return changed;
  }

  /** How model() came by its last model: the tables of the one before, patched, or read afresh. */
  lastRead: "unchanged" | "patched" | "afresh" | null = null;

  /**
   * The model of a step's snapshot. A model it handed out before is the cache's: patched in place when only quiet
   * table figures changed (see patchedModel), since a command's steps read one workbook in turn.
   */
  model(snapshot: WorkbookSnapshot): WorkbookModel {
    const sheets = tableSheets(snapshot);
    const changed = this.read ? this.changes(snapshot, this.read.sheets) : null;
    if (this.read && changed?.length === 0) {
      this.lastRead = "unchanged";
      return { ...this.read.model, registry: readRegistry(snapshot), sheetNames: snapshot.sheets.map((s) => s.name) };
    }
    // After 计算: only the derived cells it wrote changed, and only they are read again.
    const patched = this.read && changed ? patchedModel(snapshot, this.read.model, changed) : null;
    if (patched) {
      this.read = { sheets, model: patched };
      this.lastRead = "patched";
      return patched;
    }
    const model = readWorkbook(snapshot, this.read?.model);
    this.read = { sheets, model };
    this.lastRead = "afresh";
    return model;
  }

  for(model: WorkbookModel): { list: Derivation[]; own: OwnFormulas } {
    if (this.cached && this.keyed && sameLayout(this.keyed, model)) this.cached.own.adopt(model);
    else this.cached = { list: derivations(model), own: new OwnFormulas(model) };
    this.keyed = model;
    return this.cached;
  }

  /**
   * 计算 keeps the values it wrote for the steps after it. `written`: 1 for each derivation it writes, by ordinal;
   * `states`: each derived cell's state in the workbook it read.
   */
  keepValues(snapshot: WorkbookSnapshot, list: Derivation[], values: DerivedValues, written: Uint8Array, states: DerivedCellState[]): void {
    this.kept = { values, list, written, states, sheets: tableSheets(snapshot) };
    this.verified = null;
  }

  /** 计算's values, when `snapshot` is its workbook with its writes applied and nothing else changed; else null. */
  keptValues(snapshot: WorkbookSnapshot, list: Derivation[], own: OwnFormulas): DerivedValues | null {
    const kept = this.kept;
    if (!kept || kept.list !== list) return null;
    const changed = this.changes(snapshot, kept.sheets);
    if (!changed) return null;
    // The changed cells are looked up by position, without naming them.
    const byCell = derivationsByCell(list);
    const states = kept.states.slice();
    const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
    let mine = true;
    changed.forEachRun((name, from, to) => {
      const sheet = sheets.get(name)!;
      for (let i = from; i < to && mine; i++) {
        const row = changed.row(i);
        const col = changed.col(i);
        const d = byCell.get(name, row, col);
        const formula = sheet.formulas[row - sheet.originRow]?.[col - sheet.originCol] ?? null;
        if (!d || kept.written[d.ordinal] !== 1 || formula === null || !own.isOwn(d, formula)) mine = false;
        // It holds 计算's formula now; every other cell is as 计算 found it.
        else states[d.ordinal] = "ours";
      }
    });
    if (!mine) return null;
    this.verified = { sheets: tableSheets(snapshot), states };
    return kept.values;
  }

  /**
   * Each derived cell's state (derivedCellState, by ordinal) when `snapshot`'s table sheets are unchanged since a
   * workbook keptValues found to be 计算's with its writes applied (审核 after 附表); else null.
   */
  keptStates(snapshot: WorkbookSnapshot, list: Derivation[]): DerivedCellState[] | null {
    // Found for 计算's derivations (keepValues lets go of what was found for earlier ones).
    const verified = this.verified;
    if (!verified || this.kept?.list !== list) return null;
    return this.changes(snapshot, verified.sheets)?.length === 0 ? verified.states : null;
  }
}

const NO_CELLS: readonly never[] = [];

/**
 * The cells whose value, formula or number format changed between two reads of the same sheets; null when the
 * sheets differ: names, positions, merges.
 */
function differences(now: SheetSnapshot[], before: SheetSnapshot[]): CellChanges | null {
  if (now.length !== before.length) return null;
  const out = new CellChanges();
  for (let i = 0; i < now.length; i++) {
    const a = now[i];
    const b = before[i];
    // A host hands a sheet it has not written since over again as it was: nothing in it changed.
    if (a === b || sameGrids(a, b)) continue;
    if (a.name !== b.name || a.originRow !== b.originRow || a.originCol !== b.originCol) return null;
    if ((a.merges ?? []).join() !== (b.merges ?? []).join()) return null;
    const rows = Math.max(a.values.length, b.values.length);
    for (let r = 0; r < rows; r++) {
      // Every cell of every table sheet, twice a build: each grid's row looked up once, and a cell compared by identity
      // before the call that also takes blank and error values as equal.
      const valuesA = a.values[r] ?? NO_CELLS;
      const valuesB = b.values[r] ?? NO_CELLS;
      const formulasA = a.formulas[r] ?? NO_CELLS;
      const formulasB = b.formulas[r] ?? NO_CELLS;
      const formatsA = a.numberFormats[r] ?? NO_CELLS;
      const formatsB = b.numberFormats[r] ?? NO_CELLS;
      const cols = Math.max(valuesA.length, valuesB.length, formulasA.length, formulasB.length);
      for (let c = 0; c < cols; c++) {
        const formula = formulasA[c] ?? null;
        const x = valuesA[c];
        const y = valuesB[c];
        if (
          (x !== y && !sameCellValue(x, y)) ||
          formula !== (formulasB[c] ?? null) ||
          (formatsA[c] ?? null) !== (formatsB[c] ?? null)
        ) {
          out.add(a.name, a.originRow + r, a.originCol + c);
        }
      }
    }
  }
  return out;
}

/** Whether two reads of a sheet share its name, place, merges and grids (a read with its fills added to another). */
function sameGrids(a: SheetSnapshot, b: SheetSnapshot): boolean {
  return (
    a.values === b.values &&
    a.formulas === b.formulas &&
    a.numberFormats === b.numberFormats &&
    a.merges === b.merges &&
    a.name === b.name &&
    a.originRow === b.originRow &&
    a.originCol === b.originCol
  );
}

/** The model of a snapshot, from the cache when one is given. */
export function readModel(snapshot: WorkbookSnapshot, cache?: StepCache): WorkbookModel {
  return cache ? cache.model(snapshot) : readWorkbook(snapshot);
}

/**
 * Whether derivations() reads the same of both models: settings, tables and their places and columns, rows and their
 * places, indicator natures and expense codes. Compared part by part, as a patched or reused model shares most of its
 * parts with the model before it (after 计算 each row of a list table is a new row, with the same nature and code
 * cells), where a key made of every row would be 30,000 strings at 10,000 projects.
 */
function sameLayout(a: WorkbookModel, b: WorkbookModel): boolean {
  if (a.settings !== b.settings && JSON.stringify(a.settings) !== JSON.stringify(b.settings)) return false;
  if (a.tables === b.tables) return true;
  if (a.tables.size !== b.tables.size) return false;
  const idsA = [...a.tables.keys()];
  const idsB = [...b.tables.keys()];
  for (let k = 0; k < idsA.length; k++) {
    const tablesA = a.tables.get(idsA[k])!;
    const tablesB = b.tables.get(idsB[k])!;
    if (idsA[k] !== idsB[k] || tablesA.length !== tablesB.length) return false;
    for (let i = 0; i < tablesA.length; i++) if (!sameTableLayout(tablesA[i], tablesB[i])) return false;
  }
  return true;
}

function sameTableLayout(a: TableModel, b: TableModel): boolean {
  if (a === b) return true;
  if (a.sheet !== b.sheet || a.headerRow !== b.headerRow || a.rows.length !== b.rows.length) return false;
  if (a.columns !== b.columns) {
    if (a.columns.size !== b.columns.size) return false;
    const colsA = [...a.columns];
    const colsB = [...b.columns];
    for (let c = 0; c < colsA.length; c++) if (colsA[c][0] !== colsB[c][0] || colsA[c][1] !== colsB[c][1]) return false;
  }
  for (let r = 0; r < a.rows.length; r++) {
    const x = a.rows[r];
    const y = b.rows[r];
    if (x === y) continue;
    if (x.key !== y.key || x.row !== y.row) return false;
    const natureX = x.cells.get("nature");
    const natureY = y.cells.get("nature");
    if (natureX !== natureY && (natureX?.text ?? "") !== (natureY?.text ?? "")) return false;
    if (x.cells.get("code") !== y.cells.get("code") && expenseCode(x) !== expenseCode(y)) return false;
  }
  return true;
}

/** Derivations and formula recognition for a model, from the cache when one is given. */
export function derive(model: WorkbookModel, cache?: StepCache): { list: Derivation[]; own: OwnFormulas } {
  return cache ? cache.for(model) : { list: derivations(model), own: new OwnFormulas(model) };
}
