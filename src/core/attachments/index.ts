/**
 * 生成附表: the attachment tables of the 部门整体支出绩效自评报告, written into their own worksheets as a plan.
 *
 * 附件1 基础数据表, 附件2 部门整体自评表, then one 项目支出绩效自评表 per project marked 是否自评 = 是, then per
 * social-insurance fund its 支出绩效自评表 and 预算支出情况表. Every figure is a formula over the input sheets with its
 * value cached (expr.ts); a blank input leaves the figure blank and is reported in `missing`.
 *
 * Run it on a snapshot taken after 计算 (fill) has been applied: the attachments link to the cells 计算 writes.
 */
import type { StepCache } from "../step-cache";
import {
  ATTACHMENT_MESSAGES,
  ATTACHMENT_NAMES,
  ATTACHMENT_ROLE_PREFIX,
  FORM_TEXT,
  type AttachmentKind,
} from "../data/attachments";
import { MARKS, WHOLE_DEPARTMENT } from "../data/layout";
import type { RegistryEntry, RowModel, TableModel } from "../model";
import type { Plan, SheetPlan } from "../plan";
import { registrySheetPlan, replaceEntries } from "../registry";
import type { WorkbookSnapshot } from "../snapshot";
import { AttachmentContext } from "./context";
import {
  BASICS_WIDTHS,
  FUND_BUDGET_WIDTHS,
  basicsForm,
  fundBudgetForm,
  fundSubject,
  newSelfEvalWriter,
  projectSubject,
  selfEvalForm,
  wholeSubject,
} from "./forms";
import { ATTACHMENT_ROLE, assignNames } from "./naming";
import { ATTACHMENT_STYLES, SheetWriter } from "./sheet-writer";
import { format } from "./text";

export { ATTACHMENT_ROLE, MAX_SHEET_NAME, cleanSheetName, sheetName } from "./naming";
export { ATTACHMENT_STYLES } from "./sheet-writer";

export interface AttachmentsOptions {
  /**
   * Order of the project tables: "input" (default) keeps the order of the 项目 sheet, which the clerk controls;
   * "name" sorts by the project name in Chinese (pinyin) order.
   */
  projectOrder?: "name" | "input";
  /** Derivations kept from an earlier step of the same command. */
  cache?: StepCache;
}

export interface AttachmentSheet {
  /** The worksheet's name. */
  name: string;
  /** The registry's role: "附件4:project:就业资金". */
  role: string;
  kind: AttachmentKind;
  /** Attachment number (附件n). */
  number: number;
  title: string;
  /** The project or fund, for project and fund tables. */
  object?: string;
}

export interface AttachmentsResult {
  plan: Plan;
  sheets: AttachmentSheet[];
  /** Blank inputs behind blank figures, in Chinese, each naming the input sheet!cell and the attachments that need it. */
  missing: string[];
  /** Sheets of the previous run that are no longer needed (deleted by the plan). */
  deleted: string[];
  summary: string;
}

interface Wanted {
  kind: AttachmentKind;
  number: number;
  object?: string;
  title: string;
  project?: RowModel;
  fund?: TableModel;
}

function isYes(text: string | null | undefined): boolean {
  if (!text) return false;
  return YES_MARKS.has(text.normalize("NFKC").trim().toUpperCase());
}
/** The marks of yes as isYes compares them, normalised once rather than for each of 10,000 projects. */
const YES_MARKS = new Set(MARKS.yes.map((m) => m.normalize("NFKC").toUpperCase()));

/** The attachments a workbook calls for, numbered in order. */
function wanted(projects: TableModel | undefined, funds: TableModel[], options: AttachmentsOptions): Wanted[] {
  const list: Omit<Wanted, "number" | "title">[] = [{ kind: "basics" }, { kind: "whole", object: WHOLE_DEPARTMENT }];
  let evaluated = (projects?.rows ?? []).filter((r) => r.key !== "total" && isYes(r.cells.get("evaluate")?.text));
  if (options.projectOrder === "name") {
    const collator = new Intl.Collator("zh-Hans-CN");
    evaluated = [...evaluated].sort((a, b) => collator.compare(a.label, b.label));
  }
  for (const p of evaluated) list.push({ kind: "project", object: p.label, project: p });
  funds.forEach((f, i) => {
    const name = f.name ?? format(FORM_TEXT.unnamedFund, { i: i + 1 });
    list.push({ kind: "fund", object: name, fund: f });
    list.push({ kind: "fundBudget", object: name, fund: f });
  });
  return list.map((w, i) => ({
    ...w,
    number: i + 1,
    title: format(ATTACHMENT_NAMES[w.kind].title, { name: w.object ?? "" }),
  }));
}

const roleOf = (w: Wanted) =>
  `${ATTACHMENT_ROLE_PREFIX}${w.number}:${w.kind}${w.object !== undefined ? `:${w.object}` : ""}`;

export function attachmentsPlan(snapshot: WorkbookSnapshot, options: AttachmentsOptions = {}): AttachmentsResult {
  const ctx = new AttachmentContext(snapshot, options.cache);
  const { model } = ctx;
  if (!model.tables.get("info") && !model.tables.get("budget")) {
    return { plan: { styles: {}, sheets: [] }, sheets: [], missing: [], deleted: [], summary: ATTACHMENT_MESSAGES.noInput };
  }
  const projects = model.tables.get("projects")?.[0];
  // A fund block left blank (the template's empty block) is no fund.
  const funds = (model.tables.get("fund") ?? []).filter(
    (f) => !!f.name || f.rows.some((r) => [...r.cells.values()].some((c) => c.raw !== null)),
  );
  const list = wanted(projects, funds, options);
  const { assignments, deleted } = assignNames(
    list.map((w) => ({ role: roleOf(w), template: ATTACHMENT_NAMES[w.kind].sheet, n: w.number, object: w.object })),
    snapshot.sheets.map((s) => s.name),
    model.registry,
  );

  const sheetPlans: SheetPlan[] = [];
  const sheets: AttachmentSheet[] = [];
  list.forEach((w, i) => {
    const a = assignments[i];
    let writer: SheetWriter;
    switch (w.kind) {
      case "basics":
        writer = new SheetWriter(ctx, a.name, BASICS_WIDTHS);
        basicsForm(writer, ctx, w.number, w.title);
        break;
      case "whole":
        writer = newSelfEvalWriter(ctx, a.name);
        selfEvalForm(writer, ctx, w.number, w.title, wholeSubject(ctx, WHOLE_DEPARTMENT));
        break;
      case "project":
        writer = newSelfEvalWriter(ctx, a.name);
        selfEvalForm(writer, ctx, w.number, w.title, projectSubject(ctx, projects!, w.project!));
        break;
      case "fund":
        writer = newSelfEvalWriter(ctx, a.name);
        selfEvalForm(writer, ctx, w.number, w.title, fundSubject(w.fund!));
        break;
      case "fundBudget":
        writer = new SheetWriter(ctx, a.name, FUND_BUDGET_WIDTHS);
        fundBudgetForm(writer, ctx, w.number, w.title, w.fund!);
        break;
    }
    sheetPlans.push(writer.plan({ create: true, clear: a.reuse }));
    sheets.push({ name: a.name, role: a.role, kind: w.kind, number: w.number, title: w.title, object: w.object });
  });

  const entries: RegistryEntry[] = sheets.map((s) => ({
    kind: "sheet",
    sheet: s.name,
    cell: s.role,
    data: JSON.stringify({ kind: s.kind, number: s.number, object: s.object ?? null, title: s.title }),
  }));
  const registry = replaceEntries(model.registry, "sheet", entries, (e) => !ATTACHMENT_ROLE.test(e.cell));
  const plan: Plan = { styles: { ...ATTACHMENT_STYLES }, sheets: [...sheetPlans, registrySheetPlan(registry)] };
  if (deleted.length > 0) plan.deleteSheets = deleted;

  const missing = ctx.missing;
  const lines: string[] = [format(ATTACHMENT_MESSAGES.generated, { count: sheets.length, names: sheets.map((s) => s.name).join("、") })];
  const reused = assignments.filter((a) => a.reuse).length;
  if (reused > 0) lines.push(format(ATTACHMENT_MESSAGES.replaced, { count: reused }));
  if (deleted.length > 0) lines.push(format(ATTACHMENT_MESSAGES.deleted, { names: deleted.join("、") }));
  for (const a of assignments) {
    if (a.takenBy) lines.push(format(ATTACHMENT_MESSAGES.renamed, { taken: a.takenBy, name: a.name }));
    if (a.shortened) lines.push(format(ATTACHMENT_MESSAGES.shortened, { name: a.name }));
  }
  if (ctx.unfilled.length > 0) lines.push(format(ATTACHMENT_MESSAGES.notFilled, { count: ctx.unfilled.length }));
  if (model.settings.overExecution === "manual") lines.push(ATTACHMENT_MESSAGES.manualScore);
  if (missing.length > 0) {
    const shown = missing.slice(0, 12).join("；");
    lines.push(
      format(ATTACHMENT_MESSAGES.missing, {
        count: missing.length,
        cells: missing.length > 12 ? format(ATTACHMENT_MESSAGES.missingMore, { shown, count: missing.length }) : shown,
      }),
    );
  }
  return { plan, sheets, missing, deleted, summary: lines.join("\n") };
}
