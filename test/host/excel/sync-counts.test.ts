/**
 * Each task-pane command makes the same number of context.sync() calls for a 10-project and a 5,000-project
 * workbook, and no request or response passes Excel on the web's 5 MB limit (the stand-in rejects one that does,
 * counting UTF-8 bytes and the values of formula cells as Excel would return them). The 5,000-project workbook is
 * filled, checked and generated, then read again by every command, so the heaviest reads (attachments, the
 * registry with 审核's original fills) are measured.
 */
import { FakeExcel, WEB_PAYLOAD_LIMIT } from "../../support/fake-excel";
import { createExcelHost, type Runner } from "../../../src/host/excel/addin-host";
import { applyPlan } from "../../../src/host/excel/apply-plan";
import { templatePlan } from "../../../src/core/template";
import { synthData } from "../../../bench/synthetic";

interface Measured {
  syncs: Record<string, number>;
  maxRequest: number;
  maxResponse: number;
  sheets: string[];
}

async function measure(projects: number): Promise<Measured> {
  const fx = new FakeExcel();
  fx.addSheet("Sheet1");
  await applyPlan(fx.ctx, templatePlan(synthData(projects)).plan);
  const run: Runner = (_options, batch) => batch(fx.ctx);
  const host = createExcelHost({ run, undoGrouping: false });
  const commands: [string, () => Promise<unknown>][] = [
    ["新建模板", () => host.newTemplate()],
    ["计算", () => host.fill()],
    ["审核", () => host.check()],
    ["生成附表", () => host.generate()],
    ["审核 after 生成附表", () => host.check()],
    ["清除标记", () => host.clearHighlights()],
    ["生成附表 again", () => host.generate()],
    ["定位", () => host.selectCell("项目", "B5")],
  ];
  const out: Measured = { syncs: {}, maxRequest: 0, maxResponse: 0, sheets: [] };
  for (const [name, command] of commands) {
    fx.resetCounters();
    await command();
    out.syncs[name] = fx.syncCount;
    for (const r of fx.requests) {
      out.maxRequest = Math.max(out.maxRequest, r.bytes);
      out.maxResponse = Math.max(out.maxResponse, r.responseBytes);
    }
  }
  out.sheets = fx.sheets.map((s) => s.name);
  return out;
}

test("every command: the same sync counts for 10 and 5,000 projects, every request and response under 5 MB", async () => {
  const small = await measure(10);
  const large = await measure(5000);
  expect(large.syncs).toEqual(small.syncs);
  // A read is 2 + 4 bands; an apply 1 + its writes. 新建模板 on a complete template reads and writes nothing.
  // 计算: read 6 + apply 2. 审核 and 清除标记: read 6 + the highlighted cells' fills 1 + apply 2.
  // 生成附表: one read for 计算 (it also showed the input sheets) + apply 2, a read for the attachments + apply 2.
  expect(small.syncs).toEqual({
    新建模板: 6,
    计算: 8,
    审核: 9,
    生成附表: 16,
    "审核 after 生成附表": 9,
    清除标记: 9,
    "生成附表 again": 16,
    定位: 1,
  });
  expect(large.maxRequest).toBeLessThan(WEB_PAYLOAD_LIMIT);
  expect(large.maxResponse).toBeLessThan(WEB_PAYLOAD_LIMIT);
  // The whole workbook was read each time (a clipped registry would make 生成附表 again add "附件1 …(2)").
  expect(large.sheets).toEqual(small.sheets);
  console.log(
    `5,000 projects: largest request ${(large.maxRequest / 1e6).toFixed(2)} MB, largest response ${(large.maxResponse / 1e6).toFixed(2)} MB`,
  );
}, 300000);
