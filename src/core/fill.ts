/**
 * 计算: writes every derived cell of the input sheets as a live formula with its decimal.js value cached, and never
 * touches a cell the user typed (a number, a text or a formula of their own).
 */
import Decimal from "decimal.js";
import { INPUT_TABLES } from "./data/layout";
import { format, type Language } from "./data/messages";
import { derivationsByCell, derivedCellState, derivedFlags, DerivedValues, NUMBER_FORMATS, writtenByFill, type DerivedCellState, type Derivation } from "./derive";
import { refCoords, refKey, strictInputsOf, type Value } from "./expr";
import { derive, readModel, type StepCache } from "./step-cache";
import type { WorkbookModel } from "./model";
import { TemplatedFormulaWrite, type CellWrite, type Plan, type SheetPlan } from "./plan";
import { snapshotCell, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";
import { decimalToNumber } from "./text";

export interface FillResult {
  plan: Plan;
  /** The model 计算 read. With a step cache it is the cache's: the next step's read patches it in place (patchedModel). */
  model: WorkbookModel;
  /** Cells written, as "sheet!A1". */
  written: string[];
  /** Derived cells holding a typed value or a formula of the user's, left alone. */
  kept: string[];
  /** Input cells whose blankness leaves a formula blank. */
  missingInputs: string[];
  summary: string;
}

export function cachedValue(v: Value): CellValue {
  if (v instanceof Decimal) return decimalToNumber(v);
  return v === "dash" ? "—" : "";
}

function formatOf(sheet: SheetSnapshot | undefined, d: Derivation): string | null {
  return sheet?.numberFormats[d.row - sheet.originRow]?.[d.col - sheet.originCol] ?? null;
}

/**
 * Input cells that must be typed for their formulas to show: cells of the fixed tables' main rows. Lines of a list
 * (支出明细 items, projects, fund lines, 其中 sub-rows) may stay blank: blank there means "not used".
 */
export function requiredInputCells(model: WorkbookModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const tables of model.tables.values()) {
    for (const t of tables) {
      if (!t.spec.rows) continue;
      for (const row of t.rows) {
        const spec = t.spec.rows.find((r) => r.key === row.key);
        if (!spec || spec.parent) continue;
        for (const [colKey, cell] of row.cells) {
          const col = t.spec.columns.find((c) => c.key === colKey);
          const name = t.spec.columns.length <= 2 ? row.label : `${row.label}/${col?.header ?? colKey}`;
          out.set(`${cell.sheet}!${cell.ref}`, name);
        }
      }
    }
  }
  return out;
}

export function fillWorkbook(snapshot: WorkbookSnapshot, lang: Language = "zh", cache?: StepCache): FillResult {
  const model = readModel(snapshot, cache);
  const { list, own } = derive(model, cache);
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  // By ordinal: 1 where 计算 writes the cell.
  const writes = derivedFlags(list);
  const states: DerivedCellState[] = new Array(list.length);
  // How many cells each sheet's plan gets, counted by runs of one sheet's derivations: the plan's arrays are made at
  // their length (grown by push, 93,000 entries were copied again and again).
  const perSheet = new Map<string, number>();
  let inRun = 0;
  // Indexed loops over the derivations here and in the other steps: a build runs once, its code not yet optimized, and
  // there a for…of makes an iterator result per entry (93,000 at 10,000 projects) and runs several times slower.
  for (let i = 0; i < list.length; i++) {
    states[i] = derivedCellState(sheets.get(list[i].sheet), list[i], own);
    if (writtenByFill(states[i])) {
      writes[i] = 1;
      inRun++;
    }
    if (i + 1 === list.length || list[i + 1].sheet !== list[i].sheet) {
      perSheet.set(list[i].sheet, (perSheet.get(list[i].sheet) ?? 0) + inRun);
      inRun = 0;
    }
  }
  const isWritten = (d: Derivation) => writes[d.ordinal] === 1;
  const derived = new DerivedValues(snapshot, list, "excel", model.settings, isWritten);
  cache?.keepValues(snapshot, list, derived, writes, states);
  const derivedCells = derivationsByCell(list); // the index DerivedValues made

  // Asked only when a formula comes out blank (an input missing): a complete workbook never needs them.
  let requiredInputs: Map<string, string> | null = null;
  const sheetPlans = new Map<string, SheetPlan>();
  // Derivations come sheet by sheet: the sheet's plan and snapshot are looked up when the sheet changes.
  let sheetPlan: SheetPlan | undefined;
  let sheet: SheetSnapshot | undefined;
  // How far each sheet's plan is filled: `planned` for the current one, `filled` for one met again later.
  const filled = new Map<SheetPlan, number>();
  let planned = 0;
  const kept: string[] = [];
  const missing = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (!isWritten(d)) {
      kept.push(d.key);
      continue;
    }
    const value = derived.value(d);
    if (sheetPlan?.name !== d.sheet) {
      if (sheetPlan) filled.set(sheetPlan, planned);
      sheetPlan = sheetPlans.get(d.sheet);
      if (!sheetPlan) sheetPlans.set(d.sheet, (sheetPlan = { name: d.sheet, cells: new Array<CellWrite>(perSheet.get(d.sheet)!) }));
      planned = filled.get(sheetPlan) ?? 0;
      sheet = sheets.get(d.sheet);
    }
    // Only where the format differs: the template formats its derived cells already, and every byte counts in a
    // request to Excel on the web.
    const wantedFormat = NUMBER_FORMATS[d.kind];
    const numberFormat = wantedFormat && formatOf(sheet, d) !== wantedFormat ? wantedFormat : undefined;
    // A list cell's formula stays its column's template until a host asks for the text.
    const template = own.listTemplate(d);
    const write: CellWrite = template
      ? new TemplatedFormulaWrite(d.row, d.col, template, d.shift, cachedValue(value), numberFormat)
      : { ref: d.ref, formula: own.rendered(d), result: cachedValue(value), numberFormat };
    sheetPlan.cells[planned++] = write;
    if (value === "blank") {
      requiredInputs ??= requiredInputCells(model);
      for (const input of strictInputsOf(d.expr)) {
        const k = refKey(input);
        const { row, col } = refCoords(input);
        if (requiredInputs.has(k) && !derivedCells.has(input.sheet, row, col)) {
          const inputSheet = sheets.get(input.sheet);
          const v = inputSheet ? snapshotCell(inputSheet, row, col).value : null;
          if (v === null || v === "") missing.add(`${k}（${requiredInputs.get(k)}）`);
        }
      }
    }
  }
  const plan: Plan = { styles: {}, sheets: [...sheetPlans.values()] };
  const writtenCount = plan.sheets.reduce((n, sp) => n + sp.cells.length, 0);

  const bySheet = INPUT_TABLES.map((t) => t.sheet)
    .filter((s, i, all) => all.indexOf(s) === i)
    .map((s) => [s, sheetPlans.get(s)?.cells.length ?? 0] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  const lines: string[] = [];
  lines.push(
    writtenCount === 0
      ? format("fillNothing", {}, lang)
      : format("fillSummary", { count: writtenCount, bySheet: bySheet.length ? `（${bySheet.join("，")}）` : "" }, lang),
  );
  if (kept.length > 0) lines.push(format("fillKeptTyped", { count: kept.length }, lang));
  const missingList = [...missing];
  if (missingList.length > 0) {
    const shown =
      missingList.slice(0, 20).join("、") + (missingList.length > 20 ? format("andMore", { count: missingList.length }, lang) : "");
    lines.push(format("fillMissingInputs", { cells: shown }, lang));
  }
  let written: string[] | null = null;
  return {
    plan,
    model,
    // Named only when asked (tests, the bench): no host needs 93,000 "sheet!A1" strings at 10,000 projects.
    get written() {
      return (written ??= list.filter((d) => writes[d.ordinal] === 1).map((d) => d.key));
    },
    kept,
    missingInputs: missingList,
    summary: lines.join("\n"),
  };
}
