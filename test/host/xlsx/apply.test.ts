/** The .xlsx host's writing and reading: styles shared between cells yet never changed through one of them; rows shared in a snapshot. */
import ExcelJS from "exceljs";
import { build, type StepHost } from "../../../src/core/commands";
import { fillWorkbook } from "../../../src/core/fill";
import { checkWorkbook } from "../../../src/core/check/check";
import { attachmentsPlan } from "../../../src/core/attachments";
import type { Plan } from "../../../src/core/plan";
import { NO_FORMULAS, type WorkbookSnapshot } from "../../../src/core/snapshot";
import { applyPlanToWorkbook } from "../../../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../../../src/host/xlsx/snapshot";
import { loadWorkbook, saveWorkbook } from "../../../src/host/xlsx/workbook";
import { loadSample } from "../../support/workbooks";

const STYLES: Plan["styles"] = {
  head: { font: { bold: true }, border: "thin" },
  input: { fill: "#FFFBE6", border: "thin" },
};

function planOf(cells: Plan["sheets"][number]["cells"]): Plan {
  return { styles: STYLES, sheets: [{ name: "表", create: true, cells }] };
}

describe("applyPlanToWorkbook: styles", () => {
  test("cells written alike share one style; an ExcelJS setter on one throws rather than change the other", async () => {
    const wb = new ExcelJS.Workbook();
    applyPlanToWorkbook(wb, planOf([
      { ref: "A1", value: 1, style: "input" },
      { ref: "A2", value: 2, style: "input" },
    ]));
    const ws = wb.getWorksheet("表")!;
    expect(ws.getCell("A1").style).toBe(ws.getCell("A2").style);
    expect(() => (ws.getCell("A1").numFmt = "yyyy-mm-dd")).toThrow(TypeError);
    expect(() => (ws.getCell("A1").font = { italic: true })).toThrow(TypeError);
    expect(() => ((ws.getCell("A1").fill as ExcelJS.FillPattern).pattern = "none")).toThrow(TypeError);
    expect(ws.getCell("A2").numFmt).toBeUndefined();
    expect(ws.getCell("A2").font).toBeUndefined();
    // What a script meant to change goes through a new style, as make-bad-corpus does.
    ws.getCell("A1").style = { ...ws.getCell("A1").style, numFmt: "yyyy-mm-dd" };
    const back = (await loadWorkbook(await saveWorkbook(wb), "t.xlsx")).getWorksheet("表")!;
    expect(back.getCell("A1").numFmt).toBe("yyyy-mm-dd");
    expect(back.getCell("A2").numFmt).toBeUndefined();
    expect(back.getCell("A2").fill).toEqual({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFBE6" } });
  });

  test("a write over cells of different styles keeps each one's own; a format or fill of the write is the cell's alone", () => {
    const wb = new ExcelJS.Workbook();
    applyPlanToWorkbook(wb, planOf([
      { ref: "A1", value: "合计", style: "head" },
      { ref: "B1", value: 5, style: "input" },
      { ref: "C1", value: 6, style: "input", numberFormat: "0.00%" },
    ]));
    // A highlight: the same fill on all three.
    applyPlanToWorkbook(wb, { styles: {}, sheets: [{ name: "表", cells: ["A1", "B1", "C1"].map((ref) => ({ ref, fill: "#FFC7CE" })) }] });
    const ws = wb.getWorksheet("表")!;
    const red = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A1").fill).toEqual(red);
    expect(ws.getCell("B1").font?.bold).toBeFalsy();
    expect(ws.getCell("B1").fill).toEqual(red);
    expect(ws.getCell("B1").numFmt).toBeUndefined();
    expect(ws.getCell("C1").numFmt).toBe("0.00%");
    // And taken off again: each cell back to no fill, its font and format kept.
    applyPlanToWorkbook(wb, { styles: {}, sheets: [{ name: "表", cells: ["A1", "B1", "C1"].map((ref) => ({ ref, fill: null })) }] });
    expect(ws.getCell("A1").fill).toBeUndefined();
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("C1").fill).toBeUndefined();
    expect(ws.getCell("C1").numFmt).toBe("0.00%");
  });
});

/** Every array and object of a snapshot frozen: a write into it throws (tests run in strict mode). */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe("snapshotFromWorkbook shares rows, which the core only reads", () => {
  test("rows without formulas are one frozen row; a row of formats or fills like the one above is that row", async () => {
    const wb = await loadSample();
    const s = snapshotFromWorkbook(wb, { fills: true });
    const projects = s.sheets.find((x) => x.name === "项目")!;
    expect(projects.formulas.filter((r) => r === NO_FORMULAS).length).toBeGreaterThan(3);
    expect(Object.isFrozen(NO_FORMULAS)).toBe(true);
    const shared = projects.numberFormats.filter((r, i) => i > 0 && r === projects.numberFormats[i - 1]);
    expect(shared.length).toBeGreaterThan(0);
    const fillRows = projects.fills!.filter((r, i) => i > 0 && r === projects.fills![i - 1]);
    expect(fillRows.length).toBeGreaterThan(0);
  });

  test("every command runs on a frozen snapshot and gives what it gives on a fresh one", async () => {
    const wb = await loadSample();
    const fresh = () => snapshotFromWorkbook(wb, { fills: true });
    const frozen = (): WorkbookSnapshot => deepFreeze(fresh());
    expect(fillWorkbook(frozen()).plan).toEqual(fillWorkbook(fresh()).plan);
    expect(attachmentsPlan(frozen()).plan).toEqual(attachmentsPlan(fresh()).plan);
    expect(checkWorkbook(frozen(), { highlight: true }).findings).toEqual(checkWorkbook(fresh(), { highlight: true }).findings);
    const hostOn = (book: ExcelJS.Workbook, freeze: boolean): StepHost => ({
      read: async ({ fills }) => {
        const s = snapshotFromWorkbook(book, { fills });
        return freeze ? deepFreeze(s) : s;
      },
      apply: async (plan) => applyPlanToWorkbook(book, plan),
    });
    const [a, b] = [await loadSample(), await loadSample()];
    const built = await build(hostOn(a, true));
    expect(built).toEqual(await build(hostOn(b, false)));
    expect(built.findings.length).toBeGreaterThan(0);
    expect(snapshotFromWorkbook(a, { fills: true })).toEqual(snapshotFromWorkbook(b, { fills: true }));
  });
});

describe("snapshotFromWorkbook: formulas", () => {
  test("hand back the text a cell was given, and what ExcelJS holds once the cell is given another", async () => {
    const wb = new ExcelJS.Workbook();
    applyPlanToWorkbook(wb, planOf([
      { ref: "A1", value: 2 },
      { ref: "B1", formula: "=A1*2", result: 4 },
      { ref: "C1", formula: "=IF(A1=\"\",\"\",A1)", result: 2 },
    ]));
    const formulas = () => snapshotFromWorkbook(wb, { fills: false }).sheets.find((x) => x.name === "表")!.formulas[0];
    expect(formulas()).toEqual([null, "=A1*2", '=IF(A1="","",A1)']);
    const ws = wb.getWorksheet("表")!;
    // Changed by other means than a plan (a script, the user's copy reloaded): ExcelJS's formula is read.
    ws.getCell("B1").value = { formula: "A1*3", result: 6 } as ExcelJS.CellFormulaValue;
    ws.getCell("C1").value = { formula: "F(A1=\"\",\"\",A1)", result: 2 } as ExcelJS.CellFormulaValue;
    expect(formulas()).toEqual([null, "=A1*3", '=F(A1="","",A1)']);
    // Written again by a plan: its text.
    applyPlanToWorkbook(wb, planOf([{ ref: "B1", formula: "=A1*4", result: 8 }]));
    expect(formulas()[1]).toBe("=A1*4");
    const reloaded = (await loadWorkbook(await saveWorkbook(wb), "t.xlsx")).getWorksheet("表")!;
    expect(reloaded.getCell("B1").formula).toBe("A1*4");
  });
});
