/** Generated user workbooks for the property tests: a few synthetic shapes with cells blanked or (re)typed. */
import fc from "fast-check";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { templatePlan } from "../../src/core/template";
import { SETTINGS } from "../../src/core/data/layout";
import { synthData } from "../../bench/synthetic";
import { clone, snapshotOfPlan } from "./snapshot-plan";

// A few shapes made once; each run blanks, retypes or types-as-text some of their cells.
export const BASES: WorkbookSnapshot[] = [0, 1, 2, 3, 5].flatMap((n) => [0, 7].map((v) => snapshotOfPlan(templatePlan(synthData(n, v)).plan)));

export interface Edit {
  sheet: number;
  row: number;
  col: number;
  how: "blank" | "number" | "text" | "formula" | "date";
  n: number;
}
export const editArb: fc.Arbitrary<Edit> = fc.record({
  sheet: fc.nat(20),
  row: fc.nat(60),
  col: fc.nat(20),
  how: fc.constantFrom<Edit["how"]>("blank", "number", "text", "formula", "date"),
  n: fc.integer({ min: -1000, max: 100000 }),
});
/** What the 设置 sheet says a division by zero shows (null: as the base says, blank). */
const ZERO_SHOWN = [null, "空白", "—", "0"] as const;

export const caseArb = fc.record({
  base: fc.nat(BASES.length - 1),
  edits: fc.array(editArb, { maxLength: 8 }),
  zero: fc.constantFrom(...ZERO_SHOWN),
});

/**
 * The workbook as the user left it: a base with some cells blanked or (re)typed, as numbers, text, own formulas or
 * dates (a serial number under a date format, as Excel keeps a typed date).
 */
export function userWorkbook(
  base: number,
  edits: Edit[],
  from: WorkbookSnapshot[] = BASES,
  zero: (typeof ZERO_SHOWN)[number] = null,
): WorkbookSnapshot {
  const s = clone(from[base]);
  if (zero !== null) setZeroShown(s, zero);
  for (const e of edits) {
    const sheet = s.sheets[e.sheet % s.sheets.length];
    const r = e.row % Math.max(1, sheet.values.length);
    const row = sheet.values[r];
    if (!row || row.length === 0) continue;
    const c = e.col % row.length;
    if (typeof row[c] === "string" && e.how !== "blank") continue; // keep labels and headers
    row[c] = e.how === "blank" ? null : e.how === "text" ? `${e.n / 100}` : e.how === "date" ? 40000 + Math.abs(e.n % 9000) : e.n / 100;
    sheet.formulas[r] ??= [];
    sheet.formulas[r][c] = e.how === "formula" ? `=${e.n}/100` : null;
    if (e.how === "date") {
      sheet.numberFormats[r] = [...(sheet.numberFormats[r] ?? [])];
      sheet.numberFormats[r][c] = "yyyy-mm-dd";
    }
  }
  return s;
}

/** Types the 设置 sheet's choice of what a division by zero shows. */
function setZeroShown(s: WorkbookSnapshot, shown: string): void {
  const label = SETTINGS.rows!.find((r) => r.key === "zeroDivision")!.label;
  for (const sheet of s.sheets) {
    for (let r = 0; r < sheet.values.length; r++) {
      const c = sheet.values[r].indexOf(label);
      if (c >= 0) {
        sheet.values[r] = [...sheet.values[r]];
        sheet.values[r][c + 1] = shown;
        return;
      }
    }
  }
}
