/** The work one command's steps share (see StepCache). */
import { derivations, derivationsByCell, expenseCode, OwnFormulas, type DerivedValues, type Derivation } from "./derive";
import type { WorkbookModel } from "./model";
import { patchedModel, readRegistry, readWorkbook, tableSheets, type ChangedCell } from "./reader";
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
  private layout: string | null = null;
  /** The model `layout` was worked out for. */
  private keyed: WorkbookModel | null = null;
  private cached: { list: Derivation[]; own: OwnFormulas } | null = null;
  private read: { sheets: SheetSnapshot[]; model: WorkbookModel } | null = null;
  private kept: { values: DerivedValues; list: Derivation[]; written: Uint8Array; sheets: SheetSnapshot[] } | null = null;

  private compared: { snapshot: WorkbookSnapshot; before: SheetSnapshot[]; changed: Change[] | null } | null = null;

  /** differences() between a snapshot's table sheets and earlier ones, worked out once for both of its askers. */
  private changes(snapshot: WorkbookSnapshot, before: SheetSnapshot[]): Change[] | null {
    const c = this.compared;
    if (c && c.snapshot === snapshot && c.before.length === before.length && c.before.every((s, i) => s === before[i])) return c.changed;
    const changed = differences(tableSheets(snapshot), before);
    this.compared = { snapshot, before, changed };
    return changed;
  }

  model(snapshot: WorkbookSnapshot): WorkbookModel {
    const sheets = tableSheets(snapshot);
    const changed = this.read ? this.changes(snapshot, this.read.sheets) : null;
    if (this.read && changed?.length === 0) {
      return { ...this.read.model, registry: readRegistry(snapshot), sheetNames: snapshot.sheets.map((s) => s.name) };
    }
    // After 计算: only the derived cells it wrote changed, and only they are read again.
    const patched = this.read && changed ? patchedModel(snapshot, this.read.model, changed) : null;
    if (patched) {
      this.read = { sheets, model: patched };
      return patched;
    }
    const model = readWorkbook(snapshot, this.read?.model);
    this.read = { sheets, model };
    return model;
  }

  for(model: WorkbookModel): { list: Derivation[]; own: OwnFormulas } {
    // The same tables and settings (审核 after 附表: the model reused) need no layout key, which reads every row.
    if (this.cached && this.keyed?.tables === model.tables && this.keyed.settings === model.settings) {
      this.cached.own.adopt(model);
      return this.cached;
    }
    const layout = layoutKey(model);
    this.keyed = model;
    if (!this.cached || layout !== this.layout) {
      this.layout = layout;
      this.cached = { list: derivations(model), own: new OwnFormulas(model) };
    } else this.cached.own.adopt(model);
    return this.cached;
  }

  /**
   * 计算 keeps the values it wrote for the steps after it. `written`: 1 for each derivation it writes, by ordinal.
   */
  keepValues(snapshot: WorkbookSnapshot, list: Derivation[], values: DerivedValues, written: Uint8Array): void {
    this.kept = { values, list, written, sheets: tableSheets(snapshot) };
  }

  /** 计算's values, when `snapshot` is its workbook with its writes applied and nothing else changed; else null. */
  keptValues(snapshot: WorkbookSnapshot, list: Derivation[], own: OwnFormulas): DerivedValues | null {
    const kept = this.kept;
    if (!kept || kept.list !== list) return null;
    const changed = this.changes(snapshot, kept.sheets);
    if (!changed) return null;
    // The changed cells are looked up by position, without naming them.
    const byCell = derivationsByCell(list);
    for (let i = 0; i < changed.length; i++) {
      const { sheet, row, col, formula } = changed[i];
      const d = byCell.get(sheet, row, col);
      if (!d || kept.written[d.ordinal] !== 1 || formula === null || !own.isOwn(d, formula)) return null;
    }
    return kept.values;
  }
}

/** A cell whose value, formula or number format changed, with its formula now. */
interface Change extends ChangedCell {
  formula: string | null;
}

/** The cells that changed between two reads of the same sheets, or null when the sheets differ: names, positions, merges. */
function differences(now: SheetSnapshot[], before: SheetSnapshot[]): Change[] | null {
  if (now.length !== before.length) return null;
  const out: Change[] = [];
  for (let i = 0; i < now.length; i++) {
    const a = now[i];
    const b = before[i];
    if (a.name !== b.name || a.originRow !== b.originRow || a.originCol !== b.originCol) return null;
    if ((a.merges ?? []).join() !== (b.merges ?? []).join()) return null;
    const rows = Math.max(a.values.length, b.values.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(a.values[r]?.length ?? 0, b.values[r]?.length ?? 0, a.formulas[r]?.length ?? 0, b.formulas[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const formula = a.formulas[r]?.[c] ?? null;
        if (
          !sameCellValue(a.values[r]?.[c], b.values[r]?.[c]) ||
          formula !== (b.formulas[r]?.[c] ?? null) ||
          (a.numberFormats[r]?.[c] ?? null) !== (b.numberFormats[r]?.[c] ?? null)
        ) {
          out.push({ sheet: a.name, row: a.originRow + r, col: a.originCol + c, formula });
        }
      }
    }
  }
  return out;
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
