/** The task pane's commands through the Office.js host on the Excel stand-in: 审核, 生成附表, 清除标记, 说明. */
import { FakeExcel } from "../../support/fake-excel";
import { createExcelHost, type Runner } from "../../../src/host/excel/addin-host";
import { applyPlan } from "../../../src/host/excel/apply-plan";
import { templatePlan } from "../../../src/core/template";
import { SAMPLE_ATTACHMENT_SHEETS, seedData } from "../../support/workbooks";

async function sampleInFake() {
  const fx = new FakeExcel();
  fx.addSheet("Sheet1");
  await applyPlan(fx.ctx, templatePlan(seedData()).plan);
  const run: Runner = (_options, batch) => batch(fx.ctx);
  const host = createExcelHost({ run, undoGrouping: false });
  await host.fill();
  fx.resetCounters();
  return { fx, host };
}

describe("审核 through the Office.js host", () => {
  test("lists the sample's findings, highlights their cells, and 清除标记 restores the fills exactly", async () => {
    const { fx, host } = await sampleInFake();
    const expense = fx.sheets.find((s) => s.name === "支出明细")!;
    const before = JSON.stringify(expense.cell("D20")?.fill ?? null);
    const findings = await host.check();
    // One read (2 + 4 bands), the fills of the cells to highlight (1) and one apply (2), whatever the workbook's size.
    expect(fx.syncCount).toBe(9);
    const plug = findings.find((f) => f.ruleId === "expense.sharePlug");
    expect(plug).toMatchObject({ severity: "warning", sheet: "支出明细", cells: ["D20"] });
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(expense.cell("D20")!.fill!.color).toBe("#FFEB9C");
    await host.clearHighlights();
    expect(JSON.stringify(expense.cell("D20")?.fill ?? null)).toBe(before);
  });

  test("an explanation is stored with who gave it and shown on the next check", async () => {
    const { host } = await sampleInFake();
    const plug = (await host.check()).find((f) => f.ruleId === "expense.sharePlug")!;
    await host.explain(plug, "三项占比合计须为100%，尾差计入最后一项。", "李审核");
    const again = (await host.check()).find((f) => f.ruleId === "expense.sharePlug")!;
    expect(again.explanation).toMatchObject({ text: "三项占比合计须为100%，尾差计入最后一项。", author: "李审核" });
  });
});

describe("生成附表 through the Office.js host", () => {
  test("writes the six attachment sheets, and again without duplicating them", async () => {
    const { fx, host } = await sampleInFake();
    const first = await host.generate();
    expect(first.message).toContain("已生成附表 6 张");
    const names = () => fx.sheets.map((s) => s.name).filter((n) => n.startsWith("附件"));
    expect(names()).toEqual(SAMPLE_ATTACHMENT_SHEETS);
    await host.generate();
    expect(names()).toHaveLength(6);
  });
});
