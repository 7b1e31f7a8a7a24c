/**
 * The engine's shortcuts give what the full computation gives, on generated workbooks (typed, partly blank, with
 * numbers typed as text and formulas of the user's, before and after 计算):
 * - the checker's blank test (no arithmetic) and its nominal values (no intervals) agree with evaluating each
 *   derived cell;
 * - the checker's sums in closed form (IntervalSum) agree with adding each term's figure and interval;
 * - the attachments' values computed on demand agree with every derived value computed at once;
 * - a read that takes unchanged cells from an earlier read gives what a fresh read gives;
 * - build, which keeps derivations between its steps, writes and finds what its steps do each on their own.
 */
import fc from "fast-check";
import Decimal from "decimal.js";
import { AttachmentContext } from "../../src/core/attachments/context";
import { CheckContext } from "../../src/core/check/evaluate";
import { add as addInterval, type Interval } from "../../src/core/check/interval";
import { computeDerived, Derivation, derivations, derivedCellState, DerivedValues, OwnFormulas } from "../../src/core/derive";
import { StepCache } from "../../src/core/step-cache";
import { attachmentsPlan, build, checkWorkbook } from "../../src/core/commands";
import { ratePercent, rateVersus } from "../../src/core/check/check";
import { textWidth } from "../../src/core/attachments/sheet-writer";
import { NATURES, REGISTRY_SHEET, type TableId } from "../../src/core/data/layout";
import { RULES } from "../../src/core/data/rules";
import { fillWorkbook, requiredInputCells } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/reader";
import { snapshotCell, type WorkbookSnapshot } from "../../src/core/snapshot";
import { parseRef } from "../../src/core/address";
import { cellAt, evaluate, inputsOf, refCoords, refKey, strictInputsOf, type Lookup, type Ref } from "../../src/core/expr";
import { compareDecimals, DecimalSum, decimalFromNumber, decimalToNumber } from "../../src/core/text";
import { BASES, caseArb, editArb, userWorkbook } from "./generated";
import { applyPlanToSnapshot, cellMap, clone, snapshotStepHost } from "./snapshot-plan";
import { modelView } from "../support/model-view";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 250);

const FILLED: WorkbookSnapshot[] = BASES.map((b) => {
  const s = clone(b);
  applyPlanToSnapshot(s, fillWorkbook(s).plan);
  return s;
});

const arb = fc.record({ c: caseArb, filled: fc.boolean() });
const workbook = ({ c, filled }: { c: { base: number; edits: Parameters<typeof userWorkbook>[1]; zero: Parameters<typeof userWorkbook>[3] }; filled: boolean }) =>
  userWorkbook(c.base, c.edits, filled ? FILLED : BASES, c.zero);

/** Two checker contexts over the same generated workbook: one asked the shortcut, one the full evaluation. */
function checkerPair(x: Parameters<typeof workbook>[0]) {
  const s = workbook(x);
  const model = readWorkbook(s);
  const list = derivations(model);
  return { list, quick: new CheckContext(s, model, list), full: new CheckContext(s, model, list), another: () => new CheckContext(s, model, list) };
}

/** A generated workbook read with the rounding mode set, and its derivations. */
function readRounded(x: Parameters<typeof workbook>[0], rounding: "nearest" | "truncate") {
  const s = workbook(x);
  const read = readWorkbook(s);
  const model = { ...read, settings: { ...read.settings, rounding } };
  return { s, model, list: derivations(model) };
}

/** Every column of every table, its cells top to bottom. */
const tableColumns = (model: ReturnType<typeof readWorkbook>) =>
  [...model.tables.values()].flat().flatMap((t) => [...t.columns.values()].map((col) => t.rows.map((r) => cellAt(t.sheet, r.row, col))));

describe("fast paths", () => {
  it("the checker's blank test agrees with evaluating every derived cell", () => {
    let blanks = 0;
    fc.assert(
      fc.property(arb, (x) => {
        const { list, quick, full, another } = checkerPair(x);
        // Asked after the nominal values, isBlank answers from them.
        const afterNominal = another();
        for (const d of list) afterNominal.nominal(d);
        for (const d of list) {
          const blank = full.evaluate(d) === "blank";
          if (blank) blanks++;
          expect([d.sheet, d.ref, quick.isBlank(d), afterNominal.isBlank(d)]).toEqual([d.sheet, d.ref, blank, blank]);
        }
      }),
      { numRuns: RUNS },
    );
    expect(blanks).toBeGreaterThan(0);
  });

  it("the required-input rule reports the empty required cells a blank derived cell reads, found from those cells", () => {
    let reported = 0;
    fc.assert(
      fc.property(arb, (x) => {
        const s = workbook(x);
        const { findings } = checkWorkbook(s);
        const got = findings.filter((f) => f.ruleId === "input.required" && f.cells.length > 0).flatMap((f) => f.cells.map((c) => `${f.sheet}!${c}`));
        // Asked of every derived cell, as the rule did before it started from the empty cells.
        const { list, quick: ctx } = checkerPair(x);
        const model = readWorkbook(s);
        const required = requiredInputCells(model);
        const notAsked = new Set(list.filter((d) => ["typed", "foreign"].includes(ctx.stateAt(d)!)).flatMap((d) => strictInputsOf(d.expr).map(refKey)));
        // The rule's own exclusions (a fund's opening budget).
        for (const sel of RULES.find((r) => r.id === "input.required")!.params!.exclude as { table: TableId; rows?: string[]; cols?: string[] }[]) {
          for (const t of model.tables.get(sel.table) ?? []) {
            for (const row of t.rows.filter((r) => !sel.rows || sel.rows.includes(r.key))) {
              for (const [col, c] of row.cells) if (!sel.cols || sel.cols.includes(col)) notAsked.add(`${c.sheet}!${c.ref}`);
            }
          }
        }
        const want = new Set<string>();
        for (const d of list) {
          if (!["blank", "ours"].includes(ctx.stateAt(d)!) || !ctx.isBlank(d)) continue;
          for (const at of strictInputsOf(d.expr)) {
            const k = refKey(at);
            const c = ctx.cell(at);
            if (!required.has(k) || notAsked.has(k) || ctx.derivationAt(at) || !c) continue;
            if (c.raw === null && c.text === null && !c.noneMark && !c.error) want.add(k);
          }
        }
        const unit = model.tables.get("info")?.[0]?.rowByKey.get("unit")?.cells.get("value");
        const unitNamed = unit && unit.text === null && unit.raw === null ? [`${unit.sheet}!${unit.ref}`] : [];
        reported += want.size;
        expect(new Set(got)).toEqual(new Set([...want, ...unitNamed]));
      }),
      { numRuns: RUNS },
    );
    expect(reported).toBeGreaterThan(0);
  });

  it("the checker's nominal values agree with its figures (value and interval) for every derived cell", () => {
    let numbers = 0;
    fc.assert(
      fc.property(arb, (x) => {
        const { list, quick, full } = checkerPair(x);
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

  it("the checker's sums in closed form equal adding each term's figure and interval, in both rounding modes", () => {
    let sums = 0;
    fc.assert(
      fc.property(arb, fc.constantFrom<"nearest" | "truncate">("nearest", "truncate"), (x, rounding) => {
        const { s, model, list } = readRounded(x, rounding);
        const quick = new CheckContext(s, model, list);
        const full = new CheckContext(s, model, list);
        // At 30 digits: a quotient's interval (a rate) is rounded at 40, and adding such bounds in another order
        // may change the 40th digit. Sums of stated figures are exact either way.
        const digits = (v: Decimal) => v.toSignificantDigits(30).toString();
        const show = (r: ReturnType<CheckContext["sumOf"]>) =>
          typeof r === "object" ? [digits(r.nom), r.iv && [digits(r.iv.lo), digits(r.iv.hi), r.iv.loOpen, r.iv.hiOpen]] : r;
        // Sums down every column of every table: stated figures (exact ones too), derived cells of every kind, blanks.
        const columns = tableColumns(model);
        for (const refs of columns) {
          // The reference: every term's figure (as figure(at) gives it) added interval by interval.
          let acc: { nom: Decimal; iv: Interval | null } | null = null;
          let zeroDiv = false;
          for (const r of refs) {
            const f = full.figure(r);
            if (f === "zeroDiv") zeroDiv = true;
            if (typeof f !== "object") continue;
            acc = acc ? { nom: acc.nom.plus(f.nom), iv: acc.iv && f.iv ? addInterval(acc.iv, f.iv) : null } : f;
          }
          const want = acc ?? (zeroDiv ? "zeroDiv" : "blank");
          if (typeof want === "object") sums++;
          const where = refs[0] && `${refs[0].sheet}!${refs[0].ref}`;
          expect([where, show(quick.sumOf(refs))]).toEqual([where, show(want)]);
        }
      }),
      { numRuns: RUNS },
    );
    expect(sums).toBeGreaterThan(0);
  });

  it("a list column's cell, worked out from its first cell moved down, reads its own row and is what its expression gives", () => {
    let listed = 0;
    fc.assert(
      fc.property(arb, (x) => {
        const s = workbook(x);
        const model = readWorkbook(s);
        const list = derivations(model);
        // Asked last to first, so that cells are worked out inside the evaluation of the cells that read them.
        const values = new DerivedValues(s, list, "excel", model.settings);
        const all = new Map([...list].reverse().map((d) => [d.key, values.value(d)]));
        // The reference: each expression made out in full (every reference where it points) and evaluated over the
        // values computed at once for derived cells and the snapshot's for the others.
        const sheets = new Map(s.sheets.map((sh) => [sh.name, sh]));
        const raw = (at: Ref) => {
          const { row, col } = refCoords(at);
          return snapshotCell(sheets.get(at.sheet)!, row, col).value;
        };
        const lookup: Lookup = {
          number: (at) => {
            const v = all.get(refKey(at)) ?? raw(at);
            return v instanceof Decimal ? v : typeof v === "number" ? decimalFromNumber(v) : null;
          },
          text: (at) => {
            const v = raw(at);
            return typeof v === "string" ? v : null;
          },
          numberAt: (sheet, row, col) => lookup.number(cellAt(sheet, row, col)),
          textAt: (sheet, row, col) => lookup.text(cellAt(sheet, row, col)),
        };
        for (const d of list) {
          if (!d.from) continue;
          listed++;
          expect([d.key, inputsOf(d.expr).filter((at) => at.sheet !== d.sheet || refCoords(at).row !== d.row)]).toEqual([d.key, []]);
          const want = evaluate(d.expr, lookup, model.settings.zeroDivision);
          const got = all.get(d.key)!;
          expect([d.key, String(got)]).toEqual([d.key, String(want)]);
        }
      }),
      { numRuns: RUNS },
    );
    expect(listed).toBeGreaterThan(0);
  });

  it("the checker works out a list column's cells from the first cell moved down as from their own expressions", () => {
    let listed = 0;
    fc.assert(
      fc.property(arb, fc.constantFrom<"nearest" | "truncate">("nearest", "truncate"), (x, rounding) => {
        const { s, model, list } = readRounded(x, rounding);
        // The reference: the same cells, each with its expression made out in full.
        const whole = list.map((d) => Derivation.of(d.table, d.tableIndex, d.rowKey, d.colKey, d.sheet, d.row, d.col, d.ordinal, d.kind, d.expr));
        const moved = new CheckContext(s, model, list);
        const full = new CheckContext(s, model, whole);
        const show = (r: ReturnType<CheckContext["evaluate"]>) =>
          typeof r === "object" ? [r.nom.toString(), r.iv && [r.iv.lo.toString(), r.iv.hi.toString(), r.iv.loOpen, r.iv.hiOpen]] : r;
        // Last to first, so that cells are worked out inside the work on the cells that read them; the blank test and
        // nominal value first, as the checker asks them before any figure.
        for (let i = list.length - 1; i >= 0; i--) {
          const [d, w] = [list[i], whole[i]];
          if (d.from) listed++;
          expect([d.key, moved.isBlank(d), String(moved.nominal(d))]).toEqual([d.key, full.isBlank(w), String(full.nominal(w))]);
          const parts = (q: ReturnType<CheckContext["quotientParts"]>) => q && [String(q.num), String(q.den)];
          expect([d.key, parts(moved.quotientParts(d))]).toEqual([d.key, parts(full.quotientParts(w))]);
        }
        for (let i = list.length - 1; i >= 0; i--) {
          expect([list[i].key, show(moved.evaluate(list[i]))]).toEqual([list[i].key, show(full.evaluate(whole[i]))]);
        }
        const columns = tableColumns(model);
        for (const refs of columns) expect(show(moved.sumOf(refs))).toEqual(show(full.sumOf(refs)));
      }),
      { numRuns: RUNS },
    );
    expect(listed).toBeGreaterThan(0);
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

  it("build (derivations kept between steps) writes and finds what fill, attachments and check do each on their own", async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (x) => {
        const kept = workbook(x);
        const fresh = clone(kept);
        const built = await build(snapshotStepHost(kept));
        const noFills = () => {
          const c = clone(fresh);
          for (const sh of c.sheets) delete sh.fills;
          return c;
        };
        applyPlanToSnapshot(fresh, fillWorkbook(noFills()).plan);
        applyPlanToSnapshot(fresh, attachmentsPlan(noFills()).plan);
        const checked = checkWorkbook(clone(fresh), { highlight: true });
        applyPlanToSnapshot(fresh, checked.plan);
        expect(cellMap(kept)).toEqual(cellMap(fresh));
        expect(built.findings).toEqual(checked.findings);
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it("a read that reuses an earlier read's cells gives what a fresh read gives", () => {
    fc.assert(
      fc.property(arb, arb, (earlier, later) => {
        const s = workbook(later);
        const before = readWorkbook(workbook(earlier));
        expect(modelView(readWorkbook(s, before))).toEqual(modelView(readWorkbook(s)));
        // The usual case: the same workbook after 计算, or after a user's edits.
        const filled = clone(s);
        applyPlanToSnapshot(filled, fillWorkbook(s).plan);
        expect(modelView(readWorkbook(filled, readWorkbook(s)))).toEqual(modelView(readWorkbook(filled)));
        expect(modelView(readWorkbook(s, readWorkbook(filled)))).toEqual(modelView(readWorkbook(s)));
      }),
      { numRuns: RUNS },
    );
  });

  it("a model patched where cells changed (the step cache's read after 计算 or an edit) equals a fresh read", () => {
    // One table cell (a figure, the year, a setting…) retyped as a number, a word, an error, a date, a link, or blanked.
    const retype = (s: WorkbookSnapshot, pick: number, how: string): WorkbookSnapshot => {
      const out = clone(s);
      const cells = [...readWorkbook(s).tables.values()].flat().flatMap((t) => t.rows.flatMap((r) => [...r.cells.values()]));
      if (cells.length === 0) return out;
      const cell = cells[pick % cells.length];
      const sheet = out.sheets.find((x) => x.name === cell.sheet)!;
      const [r, c] = [cell.row - sheet.originRow, cell.col - sheet.originCol];
      for (const grid of [sheet.values, sheet.formulas, sheet.numberFormats] as unknown[][][]) grid[r] ??= [];
      const number = typeof cell.original === "number" ? cell.original + 1 : 3;
      sheet.values[r][c] = { number, word: "待定", error: { error: "#DIV/0!" }, date: 45000, link: 5, blank: null, none: "无" }[how] ?? null;
      sheet.formulas[r][c] = how === "link" ? "=[1]Sheet1!A1" : null;
      sheet.numberFormats[r][c] = how === "date" ? "yyyy-mm-dd" : (sheet.numberFormats[r][c] ?? null);
      return out;
    };
    const retypeArb = fc.record({ pick: fc.nat(), how: fc.constantFrom("number", "word", "error", "date", "link", "blank", "none") });
    let afterFill = 0;
    let afterEdit = 0;
    fc.assert(
      fc.property(arb, fc.array(editArb, { maxLength: 4 }), retypeArb, (x, edits, { pick, how }) => {
        const s = workbook(x);
        const filled = clone(s);
        applyPlanToSnapshot(filled, fillWorkbook(s).plan);
        const edited = retype(userWorkbook(0, edits, [s]), pick, how);
        for (const later of [filled, edited]) {
          const cache = new StepCache();
          cache.model(s);
          const now = cache.model(later);
          expect(modelView(now)).toEqual(modelView(readWorkbook(later)));
          if (cache.lastRead === "patched") {
            if (later === filled) afterFill++;
            else afterEdit++;
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The fast path is the usual one after 计算, and taken after some edits too (declined after others).
    expect(afterFill).toBeGreaterThan(RUNS / 2);
    expect(afterEdit).toBeGreaterThan(0);
  });

  it("the step cache hands 计算's values to the next step only while nothing but the cells it wrote changed", () => {
    const s = clone(BASES[4]);
    for (const sh of s.sheets) delete sh.fills;
    const cache = new StepCache();
    const filled = fillWorkbook(s, "zh", cache);
    const kept = (after: WorkbookSnapshot) => {
      const { list, own } = cache.for(cache.model(after));
      return { list, values: cache.keptValues(after, list, own) };
    };
    const after = clone(s);
    applyPlanToSnapshot(after, filled.plan);
    const { list, values } = kept(after);
    expect(values).not.toBeNull();
    const written = new Set(filled.written);
    const fresh = computeDerived(after, list, "excel", readWorkbook(after).settings, written);
    for (const d of list) expect(String(values!.value(d))).toBe(String(fresh.get(d.key)));
    // A typed figure changed, or a number typed over a formula 计算 wrote: computed again.
    const typed = clone(after);
    const budget = typed.sheets.find((x) => x.name === "预算执行")!;
    const r = budget.values.findIndex((row) => typeof row[1] === "number");
    budget.values[r][1] = (budget.values[r][1] as number) + 1;
    expect(kept(typed).values).toBeNull();
    const over = clone(after);
    const [sheet, ref] = filled.written[0].split("!");
    const { row, col } = parseRef(ref);
    const target = over.sheets.find((x) => x.name === sheet)!;
    target.formulas[row - target.originRow][col - target.originCol] = null;
    target.values[row - target.originRow][col - target.originCol] = 7;
    expect(kept(over).values).toBeNull();
  });

  it("the step cache hands the derived cells' states on to 审核 while the table sheets are the ones it found 计算's", () => {
    const s = clone(BASES[4]);
    for (const sh of s.sheets) delete sh.fills;
    // A derived cell of each other state: a typed figure, a formula of the user's.
    const budget = s.sheets.find((x) => x.name === "预算执行")!;
    const model = readWorkbook(s);
    const [typedCell, foreignCell] = derivations(model).filter((d) => d.sheet === "预算执行");
    budget.values[typedCell.row - budget.originRow][typedCell.col - budget.originCol] = 5;
    budget.formulas[foreignCell.row - budget.originRow][foreignCell.col - budget.originCol] = "=1+1";
    const cache = new StepCache();
    const filled = fillWorkbook(s, "zh", cache);
    const after = clone(s);
    applyPlanToSnapshot(after, filled.plan);
    const { list, own } = cache.for(cache.model(after));
    expect(cache.keptStates(after, list)).toBeNull(); // not before the values were found 计算's
    expect(cache.keptValues(after, list, own)).not.toBeNull();
    const states = cache.keptStates(after, list)!;
    const sheets = new Map(after.sheets.map((x) => [x.name, x]));
    const fresh = list.map((d) => derivedCellState(sheets.get(d.sheet), d, new OwnFormulas(readWorkbook(after))));
    expect(list.map((d) => states[d.ordinal])).toEqual(fresh);
    expect(new Set(fresh)).toEqual(new Set(["ours", "typed", "foreign"]));
    // The same sheets read again (审核 after 附表) are served; a figure changed is not.
    expect(cache.keptStates({ sheets: [...after.sheets] }, list)).toBe(states);
    const changed = clone(after);
    const b = changed.sheets.find((x) => x.name === "预算执行")!;
    const r = b.values.findIndex((row) => typeof row[1] === "number");
    b.values[r][1] = (b.values[r][1] as number) + 1;
    expect(cache.keptStates(changed, list)).toBeNull();
  });

  it("the derivation cache derives again when the layout, a nature, a code or a setting changes", () => {
    const s = clone(BASES[4]);
    const cache = new StepCache();
    const first = cache.for(readWorkbook(s)).list;
    expect(cache.for(readWorkbook(clone(s))).list).toBe(first);
    // A quantitative indicator made qualitative loses its completion and score formulas.
    const ind = s.sheets.find((sh) => sh.name === "绩效目标与指标")!;
    const r = ind.values.findIndex((row) => row.includes(NATURES.atLeast[0]));
    ind.values[r][ind.values[r].indexOf(NATURES.atLeast[0])] = NATURES.qualitative[0];
    const second = cache.for(readWorkbook(s)).list;
    expect(second).not.toBe(first);
    expect(second.length).toBeLessThan(first.length);
    // Another over-execution setting scores with another formula.
    const model = readWorkbook(s);
    const third = cache.for({ ...model, settings: { ...model.settings, overExecution: "deviation" } }).list;
    expect(third).not.toBe(second);
    // The same tables (a model reused between steps) under the other setting again: derived again, not served.
    const fourth = cache.for(model).list;
    expect(fourth).not.toBe(third);
    expect(fourth.map((d) => d.key)).toEqual(second.map((d) => d.key));
    // An expense item's code made a class's code: the item becomes a class, summed by the total. (Edited in a copy:
    // a snapshot is never changed, and a model reads its unread cells from its own.)
    const recoded = clone(s);
    const expense = recoded.sheets.find((sh) => sh.name === "支出明细")!;
    const item = expense.values.findIndex((row) => row.some((v) => /^\d{7}$/.test(String(v))));
    const codeCol = expense.values[item].findIndex((v) => /^\d{7}$/.test(String(v)));
    expense.values[item][codeCol] = String(expense.values[item][codeCol]).slice(0, 3);
    const fifth = cache.for(readWorkbook(recoded)).list;
    expect(fifth).not.toBe(fourth);
    expect(fifth.map((d) => JSON.stringify(d.expr))).not.toEqual(fourth.map((d) => JSON.stringify(d.expr)));
    // A blank row inserted above the last indicator: the table and its header stay, the last row moves, and its
    // formulas with it.
    const moved = clone(recoded);
    const table = readWorkbook(moved).tables.get("indicators")![0];
    const indicators = moved.sheets.find((sh) => sh.name === table.sheet)!;
    const last = table.rows[table.rows.length - 1].row - indicators.originRow;
    for (const grid of [indicators.values, indicators.formulas, indicators.numberFormats] as unknown[][][]) grid.splice(last, 0, []);
    expect(readWorkbook(moved).tables.get("indicators")![0].headerRow).toBe(table.headerRow);
    const sixth = cache.for(readWorkbook(moved)).list;
    expect(sixth).not.toBe(fifth);
    expect(sixth.length).toBe(fifth.length);
    const lastRow = table.rows[table.rows.length - 1].row;
    const derivedOn = (list: Derivation[], row: number) => list.filter((d) => d.table === "indicators" && d.row === row).map((d) => d.colKey);
    expect(derivedOn(fifth, lastRow).length).toBeGreaterThan(0);
    expect(derivedOn(sixth, lastRow + 1)).toEqual(derivedOn(fifth, lastRow));
    expect(derivedOn(sixth, lastRow)).toEqual([]);
    // Nothing changed: served.
    expect(cache.for(readWorkbook(clone(moved))).list).toBe(sixth);
  });

  it("the step cache reads the model again when a sheet the reader reads changes, and only then", () => {
    const s = clone(FILLED[4]);
    const cache = new StepCache();
    const first = cache.model(s);
    // An attachment sheet and a registry entry added (what 生成附表 does): same tables, the registry read afresh.
    const later = clone(s);
    later.sheets.push({ name: "附件1 基础数据表", visibility: "visible", originRow: 0, originCol: 0, values: [["x"]], formulas: [[null]], numberFormats: [[null]] });
    later.sheets.push({ name: REGISTRY_SHEET, visibility: "veryHidden", originRow: 0, originCol: 0, values: [["sheet", "附件1 基础数据表", "", "x"]], formulas: [[null, null, null, null]], numberFormats: [[null, null, null, null]] });
    const reused = cache.model(later);
    expect(cache.lastRead).toBe("unchanged");
    expect(reused.tables).toBe(first.tables);
    expect(reused.registry).toEqual(readWorkbook(later).registry);
    expect(reused.sheetNames).toEqual(later.sheets.map((x) => x.name));
    // A typed figure changed: that cell read again (the tables patched in place), the same model as a fresh read.
    const edited = clone(later);
    const budget = edited.sheets.find((x) => x.name === "预算执行")!;
    const r = budget.values.findIndex((row) => typeof row[1] === "number");
    budget.values[r][1] = (budget.values[r][1] as number) + 1;
    const again = cache.model(edited);
    expect(cache.lastRead).toBe("patched");
    const fresh = readWorkbook(edited);
    const figures = (m: typeof fresh) => [...m.tables.values()].flat().flatMap((t) => t.rows.flatMap((row) => [...row.cells.values()].map((c) => `${c.ref}=${c.raw}`)));
    expect(figures(again)).toEqual(figures(fresh));
    // A label changed: the workbook read afresh, in new tables.
    const relabelled = clone(edited);
    const b2 = relabelled.sheets.find((x) => x.name === "预算执行")!;
    const labelRow = b2.values.findIndex((row, i) => i > r && typeof row[0] === "string" && typeof row[1] === "number");
    b2.values[labelRow][0] = `${b2.values[labelRow][0] as string}（改）`;
    const third = cache.model(relabelled);
    expect(cache.lastRead).toBe("afresh");
    expect(third.tables).not.toBe(first.tables);
    expect(figures(third)).toEqual(figures(readWorkbook(relabelled)));
  });

  it("a decimal's double without its text is the double decimal.js gives, sign of zero included", () => {
    // Decimals of every length the engine makes: typed figures, sums, quotients of 40 digits, tiny and huge ones.
    // Up to 25 digits, and often 15 to 21: the lengths where an integer of three words passes 2⁵³.
    const digits = fc.oneof(fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^[1-9][0-9]{14,20}$/));
    const decimal = fc
      .record({ negative: fc.boolean(), digits, exponent: fc.integer({ min: -30, max: 30 }) })
      .map(({ negative, digits, exponent }) => new Decimal(`${negative ? "-" : ""}${digits}e${exponent}`));
    const quotient = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e7 }))
      .map(([a, b]) => new Decimal(a).dividedBy(b));
    const double = fc.double({ noNaN: true }).map((n) => new Decimal(n));
    fc.assert(
      fc.property(fc.oneof(decimal, quotient, double), (x) => {
        expect(Object.is(decimalToNumber(x), x.toNumber())).toBe(true);
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
    for (const text of ["0", "-0", "12.5", "0.05", "123456789.12", "9007199254740991", "9007199254740993", "1e22", "1e23", "1e-22", "1e-23"]) {
      expect(Object.is(decimalToNumber(new Decimal(text)), new Decimal(text).toNumber())).toBe(true);
    }
  });

  it("a running sum comes out as adding term by term with decimal.js: value, sign of zero and constructor", () => {
    const Floor = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_FLOOR });
    // Amounts (cents to millionths, up to 2⁵³ millionths and past it), long quotients, zeros of either sign, huge and
    // tiny figures, some made by a clone with another rounding.
    const short = fc
      .record({ negative: fc.boolean(), digits: fc.stringMatching(/^[1-9][0-9]{0,15}$/), decimals: fc.integer({ min: 0, max: 8 }) })
      .map(({ negative, digits, decimals }) => new Decimal(`${negative ? "-" : ""}${digits}e-${decimals}`));
    const quotient = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e4 })).map(([a, b]) => new Decimal(a).dividedBy(b));
    const special = fc.constantFrom(new Decimal(0), new Decimal("-0"), new Decimal("1e20"), new Decimal("-1e-30"), new Decimal("9007199254.740991"));
    const term = fc
      .tuple(fc.oneof({ weight: 6, arbitrary: short }, quotient, special), fc.boolean(), fc.constantFrom(1, -1) as fc.Arbitrary<1 | -1>, fc.boolean())
      .map(([v, floor, sign, look]) => ({ v: floor ? new Floor(v) : v, sign, look }));
    const same = (got: Decimal | null, want: Decimal | null) =>
      want === null
        ? expect(got).toBeNull()
        : expect([got!.toString(), got!.isNeg(), got!.constructor === want.constructor]).toEqual([want.toString(), want.isNeg(), true]);
    const start = fc.constantFrom(null, new Decimal(0), new Decimal("-0"), new Decimal("2.5"));
    fc.assert(
      fc.property(start, fc.array(term, { maxLength: 30 }), (from, terms) => {
        const sum = new DecimalSum(from);
        let acc: Decimal | null = from;
        for (const { v, sign, look } of terms) {
          sum.add(v, sign);
          const t = sign > 0 ? v : v.neg();
          acc = acc ? acc.plus(t) : t;
          // Asked for on the way, and added to after.
          if (look) same(sum.value, acc);
        }
        same(sum.value, acc);
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
    // Long runs of zeros (of either sign), which random terms seldom make.
    const zeros = (n: number, first: string) => [first, ...Array.from({ length: n - 1 }, (_, i) => (i % 2 ? "0" : "-0"))].map((t) => new Decimal(t));
    const negativeZeros = (n: number) => Array.from({ length: n }, () => new Decimal("-0"));
    for (const terms of [negativeZeros(12), [...negativeZeros(9), new Decimal(0)], zeros(12, "-0"), zeros(12, "0"), [...zeros(9, "-0"), new Decimal("1.5"), new Decimal("-1.5"), new Decimal("-0")]]) {
      const sum = new DecimalSum();
      for (const t of terms) sum.add(t);
      same(sum.value, terms.reduce((a, b) => a.plus(b)));
    }
  });

  it("a rate is compared with a bound on doubles only when that gives what comparing the decimals gives", () => {
    const short = fc
      .record({ negative: fc.boolean(), digits: fc.stringMatching(/^[0-9]{1,16}$/), exponent: fc.integer({ min: -8, max: 8 }) })
      .map(({ negative, digits, exponent }) => new Decimal(`${negative ? "-" : ""}${digits}e${exponent}`));
    const long = fc.tuple(short, fc.integer({ min: 1, max: 999 })).map(([x, k]) => x.dividedBy(k));
    const extreme = fc.constantFrom(new Decimal("1e-320"), new Decimal("-3e-310"), new Decimal("1e400"), new Decimal("7e308"));
    const decimal = fc.oneof({ weight: 4, arbitrary: short }, long, extreme);
    const nonZero = decimal.filter((d) => !d.isZero());
    const bound = fc.oneof(fc.constantFrom(new Decimal(1), new Decimal("0.6"), new Decimal("1.2"), new Decimal(0)), decimal);
    // Often on the bound or a hair from it: num = bound × den (+ a tiny step).
    const parts = fc.oneof(
      fc.tuple(decimal, nonZero, bound).map(([num, den, b]) => ({ num, den, b })),
      fc.tuple(nonZero, bound, fc.constantFrom("0", "1e-30", "-1e-30", "1e-13", "-1e-9")).map(([den, b, step]) => ({ num: b.times(den).plus(step), den, b })),
    );
    fc.assert(
      fc.property(parts, ({ num, den, b }) => {
        const exact = compareDecimals(num, b.times(den)) * (den.isPositive() ? 1 : -1);
        expect(Math.sign(rateVersus({ num, den, stated: null }, b))).toBe(Math.sign(exact));
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
  });

  it("a rate's percent in a message is num / den rounded once, exactly, without a 40-digit quotient", () => {
    // The reference in BigInt: both scaled to integers, the quotient truncated, then rounded half away from zero.
    const exactPercent = (num: Decimal, den: Decimal) => {
      const scale = new Decimal(10).pow(Math.max(num.decimalPlaces(), den.decimalPlaces()));
      const n = BigInt(num.times(scale).toFixed(0)) * 10000n;
      const d = BigInt(den.times(scale).toFixed(0));
      const negative = n !== 0n && n < 0n !== d < 0n;
      const r = n % d;
      const q = n / d + (2n * (r < 0n ? -r : r) >= (d < 0n ? -d : d) ? (negative ? -1n : 1n) : 0n);
      const abs = q < 0n ? -q : q;
      return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}%`;
    };
    const amount = fc
      .record({ negative: fc.boolean(), digits: fc.stringMatching(/^[0-9]{1,12}$/), exponent: fc.integer({ min: -6, max: 4 }) })
      .map(({ negative, digits, exponent }) => new Decimal(`${negative ? "-" : ""}${digits}e${exponent}`));
    const nonZero = amount.filter((d) => !d.isZero());
    // On a half-hundredth of a percent exactly (rounded away from zero), a hair either side of one, and near zero.
    const onHalf = fc
      .tuple(nonZero, fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.constantFrom("0", "1e-25", "-1e-25"))
      .map(([den, k, step]) => ({ num: den.times(new Decimal(k).plus(0.5)).dividedBy(10000).plus(step), den }));
    const parts = fc.oneof(fc.tuple(amount, nonZero).map(([num, den]) => ({ num, den })), onHalf);
    fc.assert(
      fc.property(parts, ({ num, den }) => {
        expect(ratePercent({ num, den, stated: null })).toBe(exactPercent(num, den));
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
    // The 40-digit quotient 100.00005 (of 100.0000499…) rounded twice, to 10000.01%: once is 10000.00%.
    const [num, den] = [new Decimal("-200000099999999.9999999999999999999999999"), new Decimal("-2000000000000")];
    expect(`${num.dividedBy(den).times(100).toFixed(2)}%`).toBe("10000.01%");
    expect(ratePercent({ num, den, stated: null })).toBe("10000.00%");
    expect(ratePercent({ num: new Decimal("-0.00001"), den: new Decimal(1), stated: null })).toBe("-0.00%");
    expect(ratePercent({ num: new Decimal(0), den: new Decimal(-5), stated: null })).toBe("0.00%");
    expect(ratePercent({ num: new Decimal(1), den: new Decimal(3), stated: new Decimal("0.5") })).toBe("50.00%");
  });

  it("a long addition (an attachment's total of scores) evaluates to adding its terms one by one", () => {
    const term = fc.oneof(
      fc.record({ negative: fc.boolean(), digits: fc.stringMatching(/^[0-9]{1,10}$/), exponent: fc.integer({ min: -6, max: 3 }) }).map(({ negative, digits, exponent }) => new Decimal(`${negative ? "-" : ""}${digits}e${exponent}`)),
      fc.constantFrom(new Decimal("-0"), new Decimal(0), new Decimal(1).dividedBy(3), new Decimal("9007199254740993")),
    );
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 60, size: "max" }), (terms) => {
        const lookup: Lookup = {
          number: (at) => terms[refCoords(at).row],
          text: () => null,
          numberAt: (_sheet, row) => terms[row],
          textAt: () => null,
        };
        const v = evaluate({ t: "add", args: terms.map((_, i) => ({ t: "ref", at: cellAt("表", i, 0) })) }, lookup, "blank");
        const want = terms.reduce((a, b) => a.plus(b), new Decimal(0));
        expect(v instanceof Decimal && v.eq(want) && Object.is(v.isNeg(), want.isNeg()) && v.toString() === want.toString()).toBe(true);
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
  });

  it("a text's display width counted by code unit is what testing each code point gives", () => {
    const byCodePoint = (text: string) => {
      let w = 0;
      for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
      return w;
    };
    // Chinese, ASCII, full-width forms, characters outside the BMP, lone surrogates, the range's edges.
    const unit = fc.oneof(
      fc.constantFrom("项", "目", "a", "1", " ", "％", "（", "\u2e7f", "\u2e80", "\uffef", "\ufff0", "𠀀", "😀", "\ud800", "\udc00"),
      fc.string({ unit: "binary", maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }).map((parts) => parts.join("")), (text) => {
        expect(textWidth(text)).toBe(byCodePoint(text));
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
  });

  it("two decimals compare without a copy as decimal.js compares them", () => {
    // Near each other often: the same digits at another exponent or sign, one more word, a digit changed.
    const digits = fc.oneof(fc.stringMatching(/^[0-9]{1,25}$/), fc.constantFrom("0", "1", "10", "1000000", "10000000", "9999999"));
    const decimal = fc
      .record({ negative: fc.boolean(), digits, exponent: fc.integer({ min: -12, max: 12 }) })
      .map(({ negative, digits, exponent }) => new Decimal(`${negative ? "-" : ""}${digits}e${exponent}`));
    const kin = decimal.chain((x) =>
      fc.constantFrom(x, x.negated(), x.times(10), x.plus("1e-7"), x.minus("1e-20"), x.dividedBy(3), new Decimal(x.toString())).map((y) => [x, y] as const),
    );
    const special = fc.constantFrom(new Decimal(NaN), new Decimal(Infinity), new Decimal(-Infinity), new Decimal("-0"), new Decimal(0));
    fc.assert(
      fc.property(fc.oneof(fc.tuple(decimal, decimal), kin, fc.tuple(special, fc.oneof(decimal, special))), ([x, y]) => {
        expect(Object.is(compareDecimals(x, y), x.cmp(y))).toBe(true);
        expect(Object.is(compareDecimals(y, x), y.cmp(x))).toBe(true);
      }),
      { numRuns: Math.max(RUNS, 1000) },
    );
  });
});
