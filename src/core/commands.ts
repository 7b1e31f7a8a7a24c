/**
 * The commands every host offers (task pane buttons, CLI subcommands, the browser page): snapshot in, plan out.
 * Multi-step commands (生成附表, build) are sequences of steps; a host applies each step's plan before the next
 * step reads the workbook again.
 */
import { attachmentsPlan } from "./attachments";
import { checkWorkbook } from "./check/check";
import { TEMPLATE_SHEETS } from "./data/layout";
import { format, type Language } from "./data/messages";
import { StepCache } from "./step-cache";
import { fillWorkbook } from "./fill";
import type { Finding } from "./findings";
import type { Plan } from "./plan";
import type { WorkbookSnapshot } from "./snapshot";
import { templatePlan } from "./template";

export { fillWorkbook } from "./fill";
export { checkWorkbook } from "./check/check";
export { explainFinding } from "./check/explain";
export { clearHighlights } from "./check/highlight";
export { attachmentsPlan } from "./attachments";

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

/** What a host does for a multi-step command: read the workbook (with fills when asked), apply a plan. */
export interface StepHost {
  read(options: { fills: boolean }): Promise<WorkbookSnapshot>;
  apply(plan: Plan): Promise<void>;
}

export interface BuildResult {
  summary: string;
  findings: Finding[];
}

/** 生成附表: 计算 first (the attachments link to the cells it fills), then the attachment sheets. */
export async function generate(host: StepHost, lang: Language = "zh", cache = new StepCache()): Promise<string> {
  const filled = fillWorkbook(await host.read({ fills: false }), lang, cache);
  await host.apply(filled.plan);
  const attachments = attachmentsPlan(await host.read({ fills: false }), { cache });
  await host.apply(attachments.plan);
  return [filled.summary, attachments.summary].join("\n");
}

/** The one-button path: 计算, the attachment sheets, then 审核 with highlights over all of it. */
export async function build(host: StepHost, lang: Language = "zh"): Promise<BuildResult> {
  const cache = new StepCache();
  const generated = await generate(host, lang, cache);
  const checked = checkWorkbook(await host.read({ fills: true }), { highlight: true, lang, cache });
  await host.apply(checked.plan);
  return { summary: [generated, checked.summary.text].join("\n"), findings: checked.findings };
}
