/** Multi-step commands on an ExcelJS workbook in memory. */
import type ExcelJS from "exceljs";
import type { StepHost } from "../../core/commands";
import type { SheetSnapshot } from "../../core/snapshot";
import { applyPlanToWorkbook } from "./apply";
import { snapshotFromWorksheet, withFillsRead } from "./snapshot";

/**
 * A step host over `wb`. A sheet no plan has written since the host last read it is handed over again as it was read
 * (snapshots are never changed once handed over), with its fills added when a step asks for them: a build reads the
 * input sheets' 360,000 cells at 10,000 projects once after 计算, not again for 审核, and the engine sees by the
 * grids' identity that nothing in them changed.
 */
export function workbookStepHost(wb: ExcelJS.Workbook): StepHost {
  const unchanged = new Map<ExcelJS.Worksheet, SheetSnapshot>();
  return {
    read: async ({ fills }) => {
      const fillTexts = new Map<string, string>();
      const sheets = wb.worksheets.map((ws) => {
        const before = unchanged.get(ws);
        const sheet = !before ? snapshotFromWorksheet(ws, fills, fillTexts) : fills && !before.fills ? withFillsRead(ws, before, fillTexts) : before;
        unchanged.set(ws, sheet);
        return sheet;
      });
      return { sheets };
    },
    apply: async (plan) => {
      // Every sheet a plan touches is one of its sheet plans or deleted; a new sheet has not been read.
      for (const name of [...plan.sheets.map((s) => s.name), ...(plan.deleteSheets ?? [])]) {
        const ws = wb.getWorksheet(name);
        if (ws) unchanged.delete(ws);
      }
      applyPlanToWorkbook(wb, plan);
    },
  };
}
