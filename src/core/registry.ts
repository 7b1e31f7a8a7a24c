/**
 * The add-in's own record in the workbook, on a very hidden sheet: sheets it created, explanations, and the original
 * fills of highlighted cells. (Formulas need no record: derive.ts's OwnFormulas recognises them by re-rendering.)
 */
import { REGISTRY_SHEET } from "./data/layout";
import type { RegistryEntry } from "./model";
import type { CellWrite, SheetPlan } from "./plan";

/**
 * The registry sheet, rewritten whole. Its visibility is set only when it is created: setting visibility cannot be
 * undone in Excel, and a plan without it can be one undo step.
 */
export function registrySheetPlan(entries: RegistryEntry[], existingSheets: string[] = []): SheetPlan {
  const cells: CellWrite[] = [
    { ref: "A1", value: "kind" },
    { ref: "B1", value: "sheet" },
    { ref: "C1", value: "cell" },
    { ref: "D1", value: "data" },
  ];
  entries.forEach((e, i) => {
    const row = i + 2;
    cells.push(
      { ref: `A${row}`, value: e.kind },
      { ref: `B${row}`, value: e.sheet },
      { ref: `C${row}`, value: e.cell },
      // Stored as text even when it looks like a number.
      { ref: `D${row}`, value: e.data, numberFormat: "@" },
    );
  });
  const exists = existingSheets.includes(REGISTRY_SHEET);
  return { name: REGISTRY_SHEET, create: true, clear: true, ...(exists ? {} : { visibility: "veryHidden" as const }), cells };
}

/** Replaces the entries of one kind (and optionally one sheet) with new ones, keeping the rest. */
export function replaceEntries(
  entries: RegistryEntry[],
  kind: RegistryEntry["kind"],
  next: RegistryEntry[],
  keep: (e: RegistryEntry) => boolean = () => false,
): RegistryEntry[] {
  return [...entries.filter((e) => e.kind !== kind || keep(e)), ...next];
}
