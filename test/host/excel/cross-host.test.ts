/**
 * The same plan through the Office.js host (on the fake Excel) and through the .xlsx host (ExcelJS) gives the
 * same cells: values, formulas, number formats, merges, sheet names and visibility. Formula *values* are not
 * compared: the fake does not calculate, and the .xlsx host stores the plan's cached result.
 */
import ExcelJS from "exceljs";
import { FakeExcel } from "../../support/fake-excel";
import { applyPlan, readSnapshot } from "../../../src/host/excel";
import { applyPlanToWorkbook } from "../../../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../../../src/host/xlsx/snapshot";
import { templatePlan } from "../../../src/core/template";
import { fillWorkbook } from "../../../src/core/fill";
import { cellRef } from "../../../src/core/address";
import type { Plan } from "../../../src/core/plan";
import type { CellValue, WorkbookSnapshot } from "../../../src/core/snapshot";

interface Cell {
  value?: CellValue;
  formula: string | null;
  numberFormat: string;
}

function cells(snapshot: WorkbookSnapshot, sheetName: string): Map<string, Cell> {
  const sheet = snapshot.sheets.find((s) => s.name === sheetName)!;
  const out = new Map<string, Cell>();
  sheet.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const formula = sheet.formulas[r]?.[c] ?? null;
      // Known difference, reported: the .xlsx host stores a plan's "" as an empty-string cell; Excel has no such
      // constant (writing "" through Office.js clears the cell). Both are blank to the engine.
      if ((v === null || v === "") && formula === null) return;
      const nf = sheet.numberFormats[r]?.[c] ?? null;
      const cell: Cell = { formula, numberFormat: nf === null || nf === "" ? "General" : nf };
      if (formula === null) cell.value = v;
      out.set(cellRef(sheet.originRow + r, sheet.originCol + c), cell);
    }),
  );
  return out;
}

function expectSame(a: WorkbookSnapshot, b: WorkbookSnapshot) {
  expect(a.sheets.map((s) => [s.name, s.visibility])).toEqual(b.sheets.map((s) => [s.name, s.visibility]));
  for (const s of a.sheets) {
    expect({ sheet: s.name, cells: Object.fromEntries(cells(a, s.name)) }).toEqual({ sheet: s.name, cells: Object.fromEntries(cells(b, s.name)) });
    const other = b.sheets.find((x) => x.name === s.name)!;
    expect([...(s.merges ?? [])].sort()).toEqual([...(other.merges ?? [])].sort());
  }
}

async function throughBoth(plans: ((snapshot: WorkbookSnapshot) => Plan)[], firstSheet = "Sheet1") {
  const fx = new FakeExcel();
  fx.addSheet(firstSheet);
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(firstSheet);
  for (const make of plans) {
    await applyPlan(fx.ctx, make(await readSnapshot(fx.ctx, { merges: true })));
    applyPlanToWorkbook(wb, make(snapshotFromWorkbook(wb)));
  }
  return { office: await readSnapshot(fx.ctx, { merges: true }), xlsx: snapshotFromWorkbook(wb) };
}

describe("Office.js host and .xlsx host agree", () => {
  test("a hand-written plan with text that looks like numbers, errors, booleans, formulas, merges", async () => {
    const plan: Plan = {
      styles: { money: { numberFormat: "#,##0.00", border: "thin" }, head: { fill: "#DDEBF7", font: { bold: true } } },
      sheets: [
        {
          name: "附表1",
          create: true,
          cells: [
            { ref: "A1", value: "标题", style: "head" },
            { ref: "A2", value: "001" },
            { ref: "B2", value: 12.5, style: "money" },
            { ref: "C2", formula: "=B2*2", result: 25, numberFormat: "0.00" },
            { ref: "A3", value: "2020年" },
            { ref: "B3", value: "=不是公式" },
            { ref: "C3", value: { error: "#DIV/0!" } },
            { ref: "D3", value: false },
            { ref: "E3", value: "TRUE" },
            { ref: "F3", value: "12%" },
            { ref: "G3", value: "（一）基本支出" },
            { ref: "H3", value: "'引号" },
          ],
          merges: ["A1:D1"],
        },
        { name: "隐藏", create: true, visibility: "hidden", cells: [{ ref: "B2", value: 1, numberFormat: "0.0%" }] },
      ],
    };
    const { office, xlsx } = await throughBoth([() => plan]);
    expectSame(office, xlsx);
  });

  test("the standard template, then 计算 (fill) on what each host reads back", async () => {
    const { office, xlsx } = await throughBoth([() => templatePlan().plan, (snap) => fillWorkbook(snap).plan]);
    expect(office.sheets.length).toBeGreaterThan(3);
    const formulas = office.sheets.flatMap((s) => s.formulas.flat()).filter((f) => f !== null);
    expect(formulas.length).toBeGreaterThan(20);
    expectSame(office, xlsx);
  });
});

describe("a snapshot handed to the core is never changed afterwards (read cells look their values up in it)", () => {
  test("neither host changes an earlier read when it applies 计算's plan", async () => {
    const fx = new FakeExcel();
    fx.addSheet("Sheet1");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    const template = templatePlan({}).plan;
    await applyPlan(fx.ctx, template);
    applyPlanToWorkbook(wb, template);
    for (const [read, apply] of [
      [() => readSnapshot(fx.ctx, { merges: true }), (p: Plan) => applyPlan(fx.ctx, p)],
      [async () => snapshotFromWorkbook(wb, { fills: true }), async (p: Plan) => applyPlanToWorkbook(wb, p)],
    ] as const) {
      const before = await read();
      const copy = JSON.parse(JSON.stringify(before)) as WorkbookSnapshot;
      const plan = fillWorkbook(before).plan;
      expect(plan.sheets.flatMap((s) => s.cells).length).toBeGreaterThan(20);
      await apply(plan);
      expect(before).toEqual(copy);
      expect(await read()).not.toEqual(copy);
    }
  });
});
