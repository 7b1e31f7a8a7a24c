/**
 * fill and build on generated workbooks (in memory, no ExcelJS): fill twice = fill once and build twice = build once,
 * cell by cell; no cell the user typed (a value or a formula of theirs) changes.
 */
import fc from "fast-check";
import { build, fillWorkbook } from "../../src/core/commands";
import { REGISTRY_SHEET } from "../../src/core/data/layout";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { caseArb, userWorkbook } from "./generated";
import { applyPlanToSnapshot, cellMap, clone, snapshotStepHost, type CellState } from "./snapshot-plan";

function userCells(s: WorkbookSnapshot): Map<string, CellState> {
  return new Map([...cellMap(s)].filter(([k]) => !k.startsWith(`${REGISTRY_SHEET}!`)));
}

/** The registry's rows as a sorted list: its row order is bookkeeping (entries are grouped by kind as they are replaced). */
function registryRows(s: WorkbookSnapshot): string[] {
  const reg = s.sheets.find((x) => x.name === REGISTRY_SHEET);
  return reg ? reg.values.map((row) => JSON.stringify(row)).sort() : [];
}

/** Same workbook: every sheet cell by cell, the registry as a set of rows. */
function expectSame(a: WorkbookSnapshot, b: WorkbookSnapshot) {
  expect(userCells(a)).toEqual(userCells(b));
  expect(registryRows(a)).toEqual(registryRows(b));
  expect(a.sheets.map((x) => x.name)).toEqual(b.sheets.map((x) => x.name));
}

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

function fillOnce(s: WorkbookSnapshot): WorkbookSnapshot {
  const out = clone(s);
  applyPlanToSnapshot(out, fillWorkbook(out).plan);
  return out;
}

async function buildOnce(s: WorkbookSnapshot): Promise<WorkbookSnapshot> {
  const out = clone(s);
  await build(snapshotStepHost(out));
  return out;
}

/** Cells the user typed before are the same after: same value, same formula (the engine writes only blank or own cells). */
function expectUserCellsKept(before: WorkbookSnapshot, after: WorkbookSnapshot) {
  const a = cellMap(after);
  for (const [k, cell] of userCells(before)) expect([k, a.get(k)]).toEqual([k, cell]);
}

describe("fill and build", () => {
  it("fill is idempotent and changes no cell the user typed", () => {
    fc.assert(
      fc.property(caseArb, ({ base, edits, zero }) => {
        const s0 = userWorkbook(base, edits, undefined, zero);
        const s1 = fillOnce(s0);
        expectUserCellsKept(s0, s1);
        const s2 = fillOnce(s1);
        expectSame(s2, s1);
      }),
      // 1,000 runs (~40 s here); PROPERTY_RUNS=… for a quicker or a longer look.
      { numRuns: RUNS },
    );
  });

  // build = fill + attachments + check with highlights, twice: 1,000 runs take ~75 s here.
  it("build is idempotent and changes no cell the user typed", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ base, edits, zero }) => {
        const s0 = userWorkbook(base, edits, undefined, zero);
        const s1 = await buildOnce(s0);
        expectUserCellsKept(s0, s1);
        const s2 = await buildOnce(s1);
        expectSame(s2, s1);
      }),
      { numRuns: RUNS },
    );
  });
});
