/**
 * The reader reads by labels: inserting rows, reordering the rows of a fixed table and writing labels the way people
 * do (spaces, full width, numbering, 其中：, a trailing colon, the synonyms of data/layout.ts) leave the model's
 * projection unchanged. Snapshot edits on the seed workbook; no ExcelJS inside the property.
 */
import fc from "fast-check";
import { BUDGET, FUND, SANGONG, type RowSpec } from "../../src/core/data/layout";
import { readWorkbook } from "../../src/core/reader";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { templatePlan } from "../../src/core/template";
import { find, insertRow, setValue, sheetOf, swapRows } from "../support/snapshot-edit";
import { projection, seedData } from "../support/workbooks";
import { clone, snapshotOfPlan } from "./snapshot-plan";

const RUNS = { numRuns: 1000 };

const base: WorkbookSnapshot = snapshotOfPlan(templatePlan(seedData()).plan);
const expected = projection(readWorkbook(base));

interface Group {
  sheet: string;
  rows: RowSpec[];
}
const GROUPS: Group[] = [
  { sheet: BUDGET.sheet, rows: BUDGET.rows!.filter((r) => r.key !== "total") },
  { sheet: SANGONG.sheet, rows: SANGONG.rows!.filter((r) => ["abroad", "reception", "car"].includes(r.key)) },
  { sheet: FUND.sheet, rows: FUND.rows!.filter((r) => r.key.startsWith("in") && r.key !== "incomeTotal") },
  { sheet: FUND.sheet, rows: FUND.rows!.filter((r) => r.key.startsWith("ex") && r.key !== "expenseTotal") },
];
const ALL_ROWS = GROUPS.flatMap((g) => g.rows.map((r) => ({ sheet: g.sheet, row: r })));

const wide = (s: string) => s.replace(/[()0-9:]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const half = (s: string) => s.replace(/[（）：]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

type Edit =
  | { kind: "insertTop"; sheet: number }
  | { kind: "insertBefore"; target: number }
  | { kind: "swap"; group: number; a: number; b: number }
  | { kind: "noise"; target: number; how: number; synonym: number; numbering: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("insertTop" as const), sheet: fc.nat(GROUPS.length - 1) }),
  fc.record({ kind: fc.constant("insertBefore" as const), target: fc.nat(ALL_ROWS.length - 1) }),
  fc.record({ kind: fc.constant("swap" as const), group: fc.nat(GROUPS.length - 1), a: fc.nat(20), b: fc.nat(20) }),
  fc.record({
    kind: fc.constant("noise" as const),
    target: fc.nat(ALL_ROWS.length - 1),
    how: fc.nat(63),
    synonym: fc.nat(10),
    numbering: fc.nat(5),
  }),
);

const NUMBERINGS = ["1、", "（一）", "一、", "(2)", "①", "3."];

/** Current text of a row's label cell: the label as first typed, found again after earlier edits by position. */
function noisyLabel(row: RowSpec, e: Extract<Edit, { kind: "noise" }>): string {
  const names = [row.label, ...(row.synonyms ?? [])];
  let s = names[e.synonym % names.length];
  if (e.how & 1) s = s.split("").join(e.how & 32 ? "\u3000" : " ");
  if (e.how & 2) s = wide(s);
  else if (e.how & 4) s = half(s);
  if (e.how & 8) s = NUMBERINGS[e.numbering % NUMBERINGS.length] + s;
  if (e.how & 16) s = `其中：${s}`;
  if (e.how & 32) s += "：";
  return ` ${s} `;
}

function apply(s: WorkbookSnapshot, edits: Edit[]): void {
  // Where each target row is now: labels change under noise, so rows are tracked by position.
  const at = new Map<number, { row: number; col: number }>();
  const locate = (i: number) => {
    const t = ALL_ROWS[i];
    if (!at.has(i)) at.set(i, find(sheetOf(s, t.sheet), t.row.label));
    return at.get(i)!;
  };
  ALL_ROWS.forEach((_, i) => locate(i));
  const shiftAfter = (sheet: string, row: number) => {
    for (const [i, p] of at) if (ALL_ROWS[i].sheet === sheet && p.row >= row) at.set(i, { ...p, row: p.row + 1 });
  };
  for (const e of edits) {
    if (e.kind === "insertTop") {
      const sheet = sheetOf(s, GROUPS[e.sheet].sheet);
      insertRow(sheet, sheet.originRow);
      shiftAfter(sheet.name, sheet.originRow);
    } else if (e.kind === "insertBefore") {
      const name = ALL_ROWS[e.target].sheet;
      const sheet = sheetOf(s, name);
      const p = locate(e.target);
      // One blank line inside a table is allowed; two in a row end it (as the reader documents).
      const above = sheet.values[p.row - 1 - sheet.originRow];
      if (!above || above.every((v) => v === null || v === "")) continue;
      insertRow(sheet, p.row);
      shiftAfter(name, p.row);
    } else if (e.kind === "swap") {
      const g = GROUPS[e.group];
      const ia = ALL_ROWS.findIndex((t) => t.sheet === g.sheet && t.row === g.rows[e.a % g.rows.length]);
      const ib = ALL_ROWS.findIndex((t) => t.sheet === g.sheet && t.row === g.rows[e.b % g.rows.length]);
      if (ia === ib) continue;
      const pa = locate(ia);
      const pb = locate(ib);
      swapRows(sheetOf(s, g.sheet), pa.row, pb.row);
      at.set(ia, pb);
      at.set(ib, pa);
    } else {
      const t = ALL_ROWS[e.target];
      const p = locate(e.target);
      setValue(sheetOf(s, t.sheet), p.row, p.col, noisyLabel(t.row, e));
    }
  }
}

describe("reader invariance", () => {
  it("row insertion, reordering within fixed tables and label noise leave the projection unchanged", () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
        const s = clone(base);
        apply(s, edits);
        expect(projection(readWorkbook(s))).toEqual(expected);
      }),
      RUNS,
    );
  });
});
