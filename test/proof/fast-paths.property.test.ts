/**
 * The engine's shortcuts give what the full computation gives, on generated workbooks (typed, partly blank, with
 * numbers typed as text and formulas of the user's, before and after 计算):
 * - the checker's blank test (no arithmetic) and its nominal values (no intervals) agree with evaluating each
 *   derived cell;
 * - the attachments' values computed on demand agree with every derived value computed at once.
 */
import fc from "fast-check";
import Decimal from "decimal.js";
import { AttachmentContext } from "../../src/core/attachments/context";
import { CheckContext } from "../../src/core/check/evaluate";
import { computeDerived, derivations, OwnFormulas } from "../../src/core/derive";
import { fillWorkbook } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/reader";
import { snapshotCell, type WorkbookSnapshot } from "../../src/core/snapshot";
import { parseRef } from "../../src/core/address";
import { BASES, caseArb, userWorkbook } from "./generated";
import { applyPlanToSnapshot, clone } from "./snapshot-plan";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 250);

const FILLED: WorkbookSnapshot[] = BASES.map((b) => {
  const s = clone(b);
  applyPlanToSnapshot(s, fillWorkbook(s).plan);
  return s;
});

const arb = fc.record({ c: caseArb, filled: fc.boolean() });
const workbook = ({ c, filled }: { c: { base: number; edits: Parameters<typeof userWorkbook>[1] }; filled: boolean }) =>
  userWorkbook(c.base, c.edits, filled ? FILLED : BASES);

describe("fast paths", () => {
  it("the checker's blank test agrees with evaluating every derived cell", () => {
    let blanks = 0;
    fc.assert(
      fc.property(arb, (x) => {
        const s = workbook(x);
        const model = readWorkbook(s);
        const list = derivations(model);
        const quick = new CheckContext(s, model, list);
        const full = new CheckContext(s, model, list);
        for (const d of list) {
          const blank = full.evaluate(d) === "blank";
          if (blank) blanks++;
          expect([d.sheet, d.ref, quick.isBlank(d)]).toEqual([d.sheet, d.ref, blank]);
        }
      }),
      { numRuns: RUNS },
    );
    expect(blanks).toBeGreaterThan(0);
  });

  it("the checker's nominal values agree with its figures (value and interval) for every derived cell", () => {
    let numbers = 0;
    fc.assert(
      fc.property(arb, (x) => {
        const s = workbook(x);
        const model = readWorkbook(s);
        const list = derivations(model);
        const quick = new CheckContext(s, model, list);
        const full = new CheckContext(s, model, list);
        for (const d of list) {
          const f = full.figure(d);
          const n = quick.nominal(d);
          if (typeof f === "object") numbers++;
          expect([d.sheet, d.ref, typeof n === "object" ? n.toString() : n]).toEqual([d.sheet, d.ref, typeof f === "object" ? f.nom.toString() : f]);
        }
      }),
      { numRuns: RUNS },
    );
    expect(numbers).toBeGreaterThan(0);
  });

  it("the attachments' values computed on demand equal all derived values computed at once", () => {
    fc.assert(
      fc.property(arb, (x) => {
        const s = workbook(x);
        const ctx = new AttachmentContext(s);
        // The reference: as 计算 decides for every cell at once, a blank cell or our formula is computed.
        const model = readWorkbook(s);
        const list = derivations(model);
        const own = new OwnFormulas(model);
        const sheets = new Map(s.sheets.map((sh) => [sh.name, sh]));
        const writes = new Set<string>();
        for (const d of list) {
          const { row, col } = parseRef(d.ref);
          const cell = snapshotCell(sheets.get(d.sheet)!, row, col);
          const blank = cell.value === null || (typeof cell.value === "string" && cell.value.trim() === "");
          if (cell.formula !== null ? own.isOwn(d, cell.formula) : blank) writes.add(`${d.sheet}!${d.ref}`);
        }
        const all = computeDerived(s, list, "excel", model.settings, writes);
        for (const d of list) {
          const v = all.get(`${d.sheet}!${d.ref}`)!;
          const want = v instanceof Decimal ? v.toString() : null;
          expect([d.sheet, d.ref, ctx.number(d)?.toString() ?? null]).toEqual([d.sheet, d.ref, want]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
