/** The work one command's steps share (see StepCache). */
import { derivations, expenseCode, OwnFormulas, type Derivation } from "./derive";
import type { WorkbookModel } from "./model";
import { readRegistry, readWorkbook, tableSheets } from "./reader";
import { isCellError, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";

/**
 * What the steps of one command (生成附表, build) share, each step reading the workbook its predecessor wrote:
 * - the model, when the sheets the reader reads are unchanged (审核 after 附表: only 附件 sheets, the registry and
 *   fills differ); else the readings of the cells that did not change (附表 after 计算: only derived cells did);
 * - derivations and their rendered formulas, which depend only on the tables' layout, the indicator natures and
 *   expense codes, and the settings, none of which a step changes.
 */
export class StepCache {
  private layout: string | null = null;
  private cached: { list: Derivation[]; own: OwnFormulas } | null = null;
  private read: { sheets: SheetSnapshot[]; model: WorkbookModel } | null = null;

  model(snapshot: WorkbookSnapshot): WorkbookModel {
    const sheets = tableSheets(snapshot);
    if (this.read && sameSheets(sheets, this.read.sheets)) {
      return { ...this.read.model, registry: readRegistry(snapshot), sheetNames: snapshot.sheets.map((s) => s.name) };
    }
    const model = readWorkbook(snapshot, this.read?.model);
    this.read = { sheets, model };
    return model;
  }

  for(model: WorkbookModel): { list: Derivation[]; own: OwnFormulas } {
    const layout = layoutKey(model);
    if (!this.cached || layout !== this.layout) {
      this.layout = layout;
      this.cached = { list: derivations(model), own: new OwnFormulas(model) };
    } else this.cached.own.adopt(model);
    return this.cached;
  }
}

/** Same names, positions, values, formulas, number formats and merges, cell by cell. */
function sameSheets(a: SheetSnapshot[], b: SheetSnapshot[]): boolean {
  return a.length === b.length && a.every((s, i) => sameSheet(s, b[i]));
}

function sameSheet(a: SheetSnapshot, b: SheetSnapshot): boolean {
  if (a.name !== b.name || a.originRow !== b.originRow || a.originCol !== b.originCol) return false;
  const sameCell = (x: CellValue | undefined, y: CellValue | undefined) =>
    x === y || ((x ?? null) === null && (y ?? null) === null) || (!!x && !!y && isCellError(x) && isCellError(y) && x.error === y.error);
  const sameGrid = (x: CellValue[][], y: CellValue[][]) => {
    const rows = Math.max(x.length, y.length);
    for (let r = 0; r < rows; r++) {
      const xr = x[r] ?? [];
      const yr = y[r] ?? [];
      const cols = Math.max(xr.length, yr.length);
      for (let c = 0; c < cols; c++) if (!sameCell(xr[c], yr[c])) return false;
    }
    return true;
  };
  return (
    sameGrid(a.values, b.values) &&
    sameGrid(a.formulas, b.formulas) &&
    sameGrid(a.numberFormats, b.numberFormats) &&
    (a.merges ?? []).join() === (b.merges ?? []).join()
  );
}

/** The model of a snapshot, from the cache when one is given. */
export function readModel(snapshot: WorkbookSnapshot, cache?: StepCache): WorkbookModel {
  return cache ? cache.model(snapshot) : readWorkbook(snapshot);
}

/** Everything derivations() reads of a model, as one string. */
function layoutKey(model: WorkbookModel): string {
  const parts = [JSON.stringify(model.settings)];
  for (const [id, tables] of model.tables) {
    tables.forEach((t, i) => {
      parts.push(`${id}#${i}@${t.sheet}:${t.headerRow}:${[...t.columns].join(";")}`);
      for (const r of t.rows) parts.push(`${r.key}@${r.row}|${r.cells.get("nature")?.text ?? ""}|${expenseCode(r) ?? ""}`);
    });
  }
  return parts.join("\n");
}

/** Derivations and formula recognition for a model, from the cache when one is given. */
export function derive(model: WorkbookModel, cache?: StepCache): { list: Derivation[]; own: OwnFormulas } {
  return cache ? cache.for(model) : { list: derivations(model), own: new OwnFormulas(model) };
}
