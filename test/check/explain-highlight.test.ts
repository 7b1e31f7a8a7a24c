/** Explanations that survive and lapse; highlights that are removed exactly. */
import ExcelJS from "exceljs";
import { checkWorkbook } from "../../src/core/check/check";
import { explainFinding } from "../../src/core/check/explain";
import { clearHighlights, HIGHLIGHT_COLORS } from "../../src/core/check/highlight";
import { REGISTRY_SHEET } from "../../src/core/data/layout";
import { fillWorkbook } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/reader";
import { applyPlanToWorkbook } from "../../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../../src/host/xlsx/snapshot";
import { cellRightOf, sampleWorkbook } from "./helpers";

const snap = (wb: ExcelJS.Workbook) => snapshotFromWorkbook(wb, { fills: true });
const fillsOf = (wb: ExcelJS.Workbook) =>
  snap(wb)
    .sheets.filter((s) => s.name !== REGISTRY_SHEET)
    .map((s) => ({ name: s.name, fills: s.fills }));

describe("explanations", () => {
  it("mark a warning as explained until a figure it covers changes", async () => {
    const wb = await sampleWorkbook(true);
    const target = checkWorkbook(snap(wb)).findings.find((f) => f.ruleId === "plaus.fundLine" && f.cells[0] === "D21")!;
    applyPlanToWorkbook(wb, explainFinding(snap(wb), target, "农民合同制工人一次性生活补助等政策性支出增加", "张三", "2021-04-01T08:00:00Z"));
    const again = checkWorkbook(snap(wb));
    const explained = again.findings.find((f) => f.ruleId === "plaus.fundLine" && f.cells[0] === "D21")!;
    expect(explained.explanation).toEqual({ text: "农民合同制工人一次性生活补助等政策性支出增加", author: "张三", at: "2021-04-01T08:00:00Z" });
    expect(again.summary.explained).toBe(1);
    // Other warnings are not explained by it.
    expect(again.findings.filter((f) => f.explanation)).toHaveLength(1);

    // An unrelated figure changes: the explanation survives.
    wb.getWorksheet("基本信息")!.getCell(cellRightOf(snap(wb), "基本信息", "退休人员").split("!")[1]).value = 50;
    expect(checkWorkbook(snap(wb)).findings.find((f) => f.cells[0] === "D21" && f.sheet === "社保基金")!.explanation).toBeDefined();

    // An input of the explained rate changes: it lapses and the warning is back.
    wb.getWorksheet("社保基金")!.getCell("C21").value = 340;
    const lapsed = checkWorkbook(snap(wb)).findings.find((f) => f.ruleId === "plaus.fundLine" && f.cells[0] === "D21")!;
    expect(lapsed.explanation).toBeUndefined();
    // Changing it back revives it: the explanation is keyed by the values.
    wb.getWorksheet("社保基金")!.getCell("C21").value = 333.75;
    expect(checkWorkbook(snap(wb)).findings.find((f) => f.ruleId === "plaus.fundLine" && f.cells[0] === "D21")!.explanation).toBeDefined();
  });

  it("re-explaining replaces the earlier text; errors cannot be explained", async () => {
    const wb = await sampleWorkbook(true);
    const plug = checkWorkbook(snap(wb)).findings.find((f) => f.ruleId === "expense.sharePlug")!;
    applyPlanToWorkbook(wb, explainFinding(snap(wb), plug, "第一次", "甲", "2021-04-01T00:00:00Z"));
    applyPlanToWorkbook(wb, explainFinding(snap(wb), plug, "尾差调整，合计保持100%", "乙", "2021-04-02T00:00:00Z"));
    expect(readWorkbook(snap(wb)).registry.filter((e) => e.kind === "explanation")).toHaveLength(1);
    expect(checkWorkbook(snap(wb)).findings.find((f) => f.ruleId === "expense.sharePlug")!.explanation!.author).toBe("乙");
    expect(() => explainFinding(snap(wb), { ...plug, severity: "error" }, "x", "y")).toThrow(/强制性/);
  });
});

describe("highlights", () => {
  it("colour cells by worst severity, record original fills once, and clear back exactly", async () => {
    const wb = await sampleWorkbook(true);
    // A flagged cell without any fill of its own, and one with a fill of its own (the template's input colour).
    wb.getWorksheet("支出明细")!.getCell("D20").style = { ...wb.getWorksheet("支出明细")!.getCell("D20").style, fill: undefined };
    wb.getWorksheet("三公经费")!.getCell("C6").value = 3.35; // same.reception error on 支出明细 (a cell with a fill)
    const before = fillsOf(wb);
    const ownBefore = fillWorkbook(snap(wb)).written.length;
    expect(snap(wb).sheets.find((s) => s.name === "支出明细")!.fills![19][3]).toBeNull();

    const first = checkWorkbook(snap(wb), { highlight: true });
    expect(first.findings.some((f) => f.severity === "error")).toBe(true);
    applyPlanToWorkbook(wb, first.plan);
    const after = snap(wb);
    const fillAt = (sheet: string, r: number, c: number) => after.sheets.find((s) => s.name === sheet)!.fills![r][c];
    expect(fillAt("支出明细", 19, 3)).toContain(HIGHLIGHT_COLORS.warning.slice(1)); // D20 plug: amber
    expect(fillAt("社保基金", 13, 3)).toContain(HIGHLIGHT_COLORS.warning.slice(1)); // D14 126.74%
    expect(fillAt("三公经费", 4, 5)).toContain(HIGHLIGHT_COLORS.info.slice(1)); // F5 0→0: blue
    const err = first.findings.find((f) => f.ruleId === "same.reception")!;
    const { row, col } = { row: parseInt(err.cells[0].slice(1), 10) - 1, col: err.cells[0].charCodeAt(0) - 65 };
    expect(fillAt(err.sheet, row, col)).toContain(HIGHLIGHT_COLORS.error.slice(1));
    const recorded = readWorkbook(after).registry.filter((e) => e.kind === "fill");
    expect(recorded.length).toBeGreaterThan(10);
    expect(recorded.find((e) => e.sheet === "支出明细" && e.cell === "D20")!.data).toBe("null");

    // A re-check must not record its own highlight as the original.
    applyPlanToWorkbook(wb, checkWorkbook(snap(wb), { highlight: true }).plan);
    const again = readWorkbook(snap(wb)).registry.filter((e) => e.kind === "fill");
    expect(again).toEqual(recorded);

    // Fix the error and re-check: that cell gets its own fill back at once.
    wb.getWorksheet("三公经费")!.getCell("C6").value = 3.34;
    applyPlanToWorkbook(wb, checkWorkbook(snap(wb), { highlight: true }).plan);
    expect(snap(wb).sheets.find((s) => s.name === err.sheet)!.fills![row][col]).toBe(before.find((s) => s.name === err.sheet)!.fills![row][col]);

    applyPlanToWorkbook(wb, clearHighlights(snap(wb)));
    expect(fillsOf(wb)).toEqual(before);
    expect(readWorkbook(snap(wb)).registry.filter((e) => e.kind === "fill")).toEqual([]);
    // 计算 still recognises every formula it wrote as its own.
    expect(fillWorkbook(snap(wb)).written.length).toBe(ownBefore);
  });

  it("survive a save and reload, and clearing twice is harmless", async () => {
    const wb = await sampleWorkbook(true);
    const before = fillsOf(wb);
    applyPlanToWorkbook(wb, checkWorkbook(snap(wb), { highlight: true }).plan);
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    applyPlanToWorkbook(reloaded, clearHighlights(snap(reloaded)));
    applyPlanToWorkbook(reloaded, clearHighlights(snap(reloaded)));
    expect(fillsOf(reloaded)).toEqual(before);
  });

  it("refuse a snapshot taken without fills", async () => {
    const wb = await sampleWorkbook(true);
    expect(() => checkWorkbook(snapshotFromWorkbook(wb), { highlight: true })).toThrow(/填充/);
  });
});
