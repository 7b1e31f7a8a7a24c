/**
 * Formulas of a table column are made from one template (OwnFormulas.rendered): they must be exactly what rendering
 * each expression gives, under every setting that shapes formulas.
 */
import { derivations, OwnFormulas } from "../../src/core/derive";
import { fillWorkbook } from "../../src/core/fill";
import { TemplatedFormulaWrite } from "../../src/core/plan";
import { add, cellAt, div, formulaTemplate, fromTemplate, matchesTemplate, num, renderFormula, shiftedBy, sum, sumIfs, sumIfsRows, type Expr } from "../../src/core/expr";
import type { Settings } from "../../src/core/model";
import { readWorkbook } from "../../src/core/reader";
import { templatePlan } from "../../src/core/template";
import { synthData } from "../../bench/synthetic";
import { snapshotOfPlan } from "../proof/snapshot-plan";
import { sampleSnapshot } from "../check/helpers";

describe("formula templates", () => {
  test("every derived cell's formula is the one its expression renders to, under every setting", async () => {
    const workbooks = [await sampleSnapshot(false), snapshotOfPlan(templatePlan(synthData(40, 3)).plan)];
    let cells = 0;
    for (const snapshot of workbooks) {
      const model = readWorkbook(snapshot);
      for (const zeroDivision of ["blank", "dash", "zero"] as const) {
        for (const overExecution of ["cap", "deviation", "manual"] as const) {
          for (const staffCaliber of ["onPayroll", "withHired"] as const) {
            const settings: Settings = { ...model.settings, zeroDivision, overExecution, staffCaliber };
            const m = { ...model, settings };
            const own = new OwnFormulas(m);
            for (const d of derivations(m)) {
              expect(own.rendered(d)).toBe(renderFormula(d.expr, d.sheet, zeroDivision));
              cells++;
            }
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(10_000);
  });

  test("计算's writes of list cells carry their template, and give the formula their expression renders to", () => {
    const snapshot = snapshotOfPlan(templatePlan(synthData(40, 3)).plan);
    const { plan } = fillWorkbook(snapshot);
    const model = readWorkbook(snapshot);
    const byCell = new Map(derivations(model).map((d) => [`${d.sheet}!${d.ref}`, d]));
    let templated = 0;
    for (const sheet of plan.sheets) {
      for (const w of sheet.cells) {
        const d = byCell.get(`${sheet.name}!${w.ref}`)!;
        expect(w.formula).toBe(renderFormula(d.expr, d.sheet, model.settings.zeroDivision));
        if (w instanceof TemplatedFormulaWrite) templated++;
      }
    }
    expect(templated).toBeGreaterThan(300);
  });

  test("a list cell's own formula is recognised on its template; its neighbour's formula is not its own", async () => {
    const model = readWorkbook(snapshotOfPlan(templatePlan(synthData(40, 3)).plan));
    const list = derivations(model);
    const own = new OwnFormulas(model);
    const zero = model.settings.zeroDivision;
    const columns = new Map<unknown, typeof list>();
    for (const d of list) if (d.from) columns.set(d.from, [...(columns.get(d.from) ?? []), d]);
    let listed = 0;
    for (const cells of columns.values()) {
      for (let i = 0; i + 1 < cells.length; i++) {
        const [d, next] = [cells[i], cells[i + 1]];
        listed++;
        expect(own.isOwn(d, renderFormula(d.expr, d.sheet, zero))).toBe(true);
        expect(own.isOwn(d, renderFormula(next.expr, next.sheet, zero))).toBe(false);
      }
    }
    expect(listed).toBeGreaterThan(300);
  });

  test("a formula matches a template moved down by n rows exactly when it is that template's text", () => {
    const e: Expr = div(add(cellAtExpr("项目", 8, 4), num("2")), sum([cellAt("项目", 8, 6), cellAt("项目", 9, 7)]));
    const t = formulaTemplate(e, "项目", "blank")!;
    for (const shift of [0, 1, 90, 991, 1_048_000]) {
      const text = fromTemplate(t, shift);
      expect(matchesTemplate(text, t, shift)).toBe(true);
      expect(matchesTemplate(text, t, shift + 1)).toBe(false);
      expect(matchesTemplate(text, t, shift + 10)).toBe(false);
      expect(matchesTemplate(text + " ", t, shift)).toBe(false);
      expect(matchesTemplate(text.slice(0, -1), t, shift)).toBe(false);
      expect(matchesTemplate(text.replace(`E${9 + shift}`, `E0${9 + shift}`), t, shift)).toBe(false);
      expect(matchesTemplate(text.toLowerCase(), t, shift)).toBe(false);
    }
  });

  test("one OwnFormulas serving two lists renders each derivation's own formula, though they share ordinals", async () => {
    const [a, b] = [await sampleSnapshot(false), snapshotOfPlan(templatePlan(synthData(40, 3)).plan)].map((s) => {
      const model = readWorkbook(s);
      return { model, list: derivations(model) };
    });
    const own = new OwnFormulas(a.model);
    const zero = a.model.settings.zeroDivision;
    let differing = 0;
    for (let k = 0; k < Math.min(a.list.length, b.list.length); k++) {
      for (const d of [a.list[k], b.list[k], a.list[k]]) expect(own.rendered(d)).toBe(renderFormula(d.expr, d.sheet, zero));
      if (renderFormula(a.list[k].expr, a.list[k].sheet, zero) !== renderFormula(b.list[k].expr, b.list[k].sheet, zero)) differing++;
    }
    expect(differing).toBeGreaterThan(50);
  });

  test("a template gives the formula of the same expression shifted down, and only such a one is shifted", () => {
    const on = (row: number): Expr =>
      div(add(cellAtExpr("项目", row, 4), cellAtExpr("基本信息", row, 5)), sum([cellAt("项目", row, 6), cellAt("项目", row, 7)]));
    const template = formulaTemplate(on(9), "项目", "blank")!;
    expect(fromTemplate(template, 0)).toBe(renderFormula(on(9), "项目", "blank"));
    expect(fromTemplate(template, 991)).toBe(renderFormula(on(1000), "项目", "blank"));
    expect(shiftedBy(on(9), on(1000), 991)).toBe(true);
    expect(shiftedBy(on(9), on(1000), 990)).toBe(false);
    // A reference that stays put (a total row) makes another formula on every row.
    const share = (row: number): Expr => div(cellAtExpr("项目", row, 4), cellAtExpr("项目", 90, 4));
    expect(shiftedBy(share(9), share(10), 1)).toBe(false);
    // Another column, another constant, another sheet: not the same shape.
    expect(shiftedBy(cellAtExpr("项目", 9, 4), cellAtExpr("项目", 10, 5), 1)).toBe(false);
    expect(shiftedBy(div(cellAtExpr("项目", 9, 4), num(2)), div(cellAtExpr("项目", 10, 4), num(3)), 1)).toBe(false);
    expect(shiftedBy(cellAtExpr("项目", 9, 4), cellAtExpr("其他", 10, 4), 1)).toBe(false);
    // SUMIFS ranges are absolute: shifted, they are another formula.
    const sumIfs: Expr = { t: "sumIfs", sheet: "项目", sumCol: 3, fromRow: 4, toRow: 90, criteria: [{ col: 2, op: "=", text: "A" }] };
    expect(shiftedBy(sumIfs, { ...sumIfs }, 0)).toBe(true);
    expect(shiftedBy(sumIfs, { ...sumIfs }, 1)).toBe(false);
    // A sheet name holding the slot marks themselves: no template, rather than a wrong formula.
    expect(formulaTemplate(div(cellAtExpr("表\uE0000\uE001", 3, 1), cellAtExpr("项目", 3, 2)), "项目", "blank")).toBeNull();
    // A reference without a known position cannot go in a template.
    expect(formulaTemplate({ t: "ref", at: { sheet: "项目", ref: "$B$5" } }, "项目", "blank")).toBeNull();
  });
});

function cellAtExpr(sheet: string, row: number, col: number): Expr {
  return { t: "ref", at: cellAt(sheet, row, col) };
}

describe("SUMIFS matching", () => {
  test("a criterion matches its own text and, as Excel's SUMIFS does, any case of it; <> is its negation", () => {
    const texts = ["是", "否", "Yes", "yes", "YES", "", "是 ", null];
    const matched = (op: "=" | "<>", text: string) => {
      const e = sumIfs("项目", 3, 0, texts.length - 1, [{ col: 2, op, text }]);
      return sumIfsRows(e as Extract<Expr, { t: "sumIfs" }>, (row, col) => (col === 2 ? (texts[row] ?? null) : "其他"));
    };
    expect(matched("=", "是")).toEqual([0]);
    expect(matched("=", "yes")).toEqual([2, 3, 4]);
    expect(matched("=", "YeS")).toEqual([2, 3, 4]);
    expect(matched("<>", "否")).toEqual([0, 2, 3, 4, 5, 6, 7]);
    expect(matched("=", "")).toEqual([5, 7]);
  });
});
