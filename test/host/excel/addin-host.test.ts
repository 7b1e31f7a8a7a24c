import { FakeExcel } from "../../support/fake-excel";
import { createExcelHost, planIsUndoable, type Runner } from "../../../src/host/excel/addin-host";
import { isHostError } from "../../../src/taskpane/host-api";

function setup(undoGrouping: boolean) {
  const fx = new FakeExcel();
  fx.addSheet("Sheet1");
  const runs: Excel.RunOptions[] = [];
  const run: Runner = (options, batch) => {
    runs.push(options);
    return batch(fx.ctx);
  };
  return { fx, runs, host: createExcelHost({ run, undoGrouping }) };
}

describe("createExcelHost (Excel.run → snapshot → core → plan)", () => {
  test("新建模板 then 计算: sheets added, formulas written, one undo group per apply where supported", async () => {
    const { fx, runs, host } = setup(true);
    const t = await host.newTemplate();
    expect(t.message).toContain("已添加输入表");
    expect(fx.sheets.length).toBeGreaterThan(3);
    fx.resetCounters();
    const f = await host.fill();
    expect(typeof f.message).toBe("string");
    const formulas = fx.sheets.flatMap((s) => [...s.cells.values()]).filter((c) => c.formula !== undefined);
    expect(formulas.length).toBeGreaterThan(20);
    // read: 2 + 4 bands; apply: sheet list + writes.
    expect(fx.syncCount).toBe(8);
    expect(runs.filter((o) => o.mergeUndoGroup).length).toBeGreaterThanOrEqual(1);
    expect(runs.every((o) => !o.delayForCellEdit)).toBe(true);
  });

  test("without ExcelApi 1.20 no run asks for undo grouping", async () => {
    const { runs, host } = setup(false);
    await host.newTemplate();
    expect(runs.some((o) => o.mergeUndoGroup)).toBe(false);
  });

  test("计算 on a workbook without input sheets is HostError noInputSheets", async () => {
    const { host } = setup(true);
    const err = await host.fill().catch((e) => e);
    expect(isHostError(err) && err.kind).toBe("noInputSheets");
  });

  test("selectCell goes through one run and one sync", async () => {
    const { fx, host } = setup(true);
    fx.addSheet("B");
    await host.selectCell("B", "C3");
    expect(fx.selection).toEqual({ sheet: "B", address: "C3" });
    expect(fx.syncCount).toBe(1);
  });

  test("plans that delete sheets or set visibility are not undo-grouped", () => {
    expect(planIsUndoable({ styles: {}, sheets: [{ name: "a", cells: [] }] })).toBe(true);
    expect(planIsUndoable({ styles: {}, sheets: [], deleteSheets: ["x"] })).toBe(false);
    expect(planIsUndoable({ styles: {}, sheets: [{ name: "a", cells: [], visibility: "hidden" }] })).toBe(false);
  });

  test("an input sheet too large to read whole stops the command with a Chinese message naming it; other sheets may be read in part", async () => {
    const { fx, host } = setup(true);
    await host.newTemplate();
    // A stray value far below 项目's table: its used range runs past the rows a read takes.
    fx.sheets.find((s) => s.name === "项目")!.set("B60001", 1);
    fx.resetCounters();
    const err = await host.fill().catch((e) => e);
    expect(isHostError(err) && err.kind).toBe("other");
    expect(err.message).toContain("工作表“项目”的已用区域是 A1:");
    expect(err.message).toContain("60001");
    expect(err.message).toContain("未做任何改动");
    expect(fx.syncCount).toBeLessThan(8); // refused after the read: nothing applied
    // The same stray value on a sheet of the user's own: the command runs.
    fx.sheets.find((s) => s.name === "项目")!.cells.delete("60000,1");
    fx.addSheet("我的草稿").set("B60001", 1);
    await expect(host.fill()).resolves.toHaveProperty("message");
    // 项目 renamed: the table is found on the sheet under its new name, so that sheet must be read whole too.
    fx.sheets.find((s) => s.name === "我的草稿")!.cells.delete("60000,1");
    const projects = fx.sheets.find((s) => s.name === "项目")!;
    projects.name = "我的项目表";
    projects.set("B60001", 1);
    const renamed = await host.fill().catch((e) => e);
    expect(isHostError(renamed) && renamed.kind).toBe("other");
    expect(renamed.message).toContain("工作表“我的项目表”的已用区域是 A1:");
  });
});
