/**
 * Each task-pane command makes the same number of context.sync() calls whatever the workbook's size, and no request
 * or response passes Excel on the web's 5 MB limit (the stand-in rejects one that does). 审核 and 清除标记 read every
 * cell's fill, which passes 5 MB in one response above about 900 projects: they are measured at 500 until the host
 * reads only the fills of the cells it highlights.
 */
import { FakeExcel } from "../../support/fake-excel";
import { createExcelHost, type Runner } from "../../../src/host/excel/addin-host";
import { applyPlan } from "../../../src/host/excel/apply-plan";
import { templatePlan } from "../../../src/core/template";
import { synthData } from "../../../bench/synthetic";

async function syncsPerCommand(projects: number, names: string[]): Promise<Record<string, number>> {
  const fx = new FakeExcel();
  fx.addSheet("Sheet1");
  await applyPlan(fx.ctx, templatePlan(synthData(projects)).plan);
  const run: Runner = (_options, batch) => batch(fx.ctx);
  const host = createExcelHost({ run, undoGrouping: false });
  const out: Record<string, number> = {};
  const commands: [string, () => Promise<unknown>][] = [
    ["fill", () => host.fill()],
    ["check", () => host.check()],
    ["generate", () => host.generate()],
    ["clearHighlights", () => host.clearHighlights()],
  ];
  for (const [name, command] of commands.filter(([n]) => names.includes(n))) {
    fx.resetCounters();
    await command();
    out[name] = fx.syncCount;
  }
  return out;
}

test("every command: the same sync counts for 10 and 2,000 projects", async () => {
  const names = ["fill", "check", "generate", "clearHighlights"];
  const small = await syncsPerCommand(10, names);
  expect(await syncsPerCommand(2000, names)).toEqual(small);
  // 计算: read 3 + apply 2. 审核: read 3 + the highlighted cells' fills 1 + apply 2.
  expect([small.fill, small.check]).toEqual([5, 6]);
}, 240000);

test("5,000 projects: every command still works, each response under 5 MB, reads banded past that size", async () => {
  const names = ["fill", "check", "generate", "clearHighlights"];
  const small = await syncsPerCommand(10, names);
  const large = await syncsPerCommand(5000, names);
  for (const name of names) expect(large[name]).toBeGreaterThanOrEqual(small[name]);
  // 计算 reads an unfilled workbook, which still fits one response.
  expect(large.fill).toBe(small.fill);
}, 300000);
