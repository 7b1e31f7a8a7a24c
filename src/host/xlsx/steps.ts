/** Multi-step commands on an ExcelJS workbook in memory. */
import type ExcelJS from "exceljs";
import type { StepHost } from "../../core/commands";
import { applyPlanToWorkbook } from "./apply";
import { snapshotFromWorkbook } from "./snapshot";

export function workbookStepHost(wb: ExcelJS.Workbook): StepHost {
  return {
    read: async ({ fills }) => snapshotFromWorkbook(wb, { fills }),
    apply: async (plan) => applyPlanToWorkbook(wb, plan),
  };
}
