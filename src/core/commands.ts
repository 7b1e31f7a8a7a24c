/**
 * The commands every host offers (task pane buttons, CLI subcommands, the browser page): snapshot in, plan out.
 */
import { TEMPLATE_SHEETS } from "./data/layout";
import { format, type Language } from "./data/messages";
import type { Plan } from "./plan";
import type { WorkbookSnapshot } from "./snapshot";
import { templatePlan } from "./template";

export { fillWorkbook } from "./fill";

export interface CommandResult {
  plan: Plan;
  summary: string;
}

/** 新建模板: adds the standard input sheets that are missing; a sheet of the same name is never touched. */
export function newTemplate(snapshot: WorkbookSnapshot, lang: Language = "zh"): CommandResult {
  const existing = TEMPLATE_SHEETS.filter((name) => snapshot.sheets.some((s) => s.name === name));
  const { plan } = templatePlan({}, existing);
  const lines = existing.map((sheet) => format("templateExists", { sheet }, lang));
  const added = plan.sheets.map((s) => s.name);
  lines.unshift(added.length > 0 ? format("templateAdded", { sheets: added.join("、") }, lang) : format("templateComplete", {}, lang));
  return { plan, summary: lines.join("\n") };
}

/** True when the workbook holds at least one of the standard input sheets (else the pane offers 新建模板). */
export function hasInputSheets(snapshot: WorkbookSnapshot): boolean {
  return snapshot.sheets.some((s) => TEMPLATE_SHEETS.includes(s.name));
}
