/**
 * The task pane's host inside Excel: each command reads a snapshot, runs a core command, and applies its plan.
 *
 * Two Excel.run batches per command: the read (3 syncs, no changes) and the apply. They are separate so the
 * apply's run options can depend on the plan:
 *  - Undo. With ExcelApi 1.20, Excel.run({mergeUndoGroup: true}) merges every sync of the run into one undo step
 *    (without it, each context.sync() that changes something is its own undo step). Some APIs do not support undo
 *    and make a grouped run fail with UndoNotSupported; of those we use Worksheet.delete (no host supports undo
 *    for it) and Worksheet.visibility (not undoable on Windows/Mac). So a plan that deletes sheets or sets
 *    visibility is applied ungrouped. Undo of an add-in's changes is documented for ExcelApi 1.20+ only; on older
 *    hosts we promise nothing.
 *  - Cell-edit mode: we do not set delayForCellEdit (the batch would wait silently until the user leaves the
 *    cell); the failure becomes HostError "editing" and the pane says so.
 * Core commands still to come (check, generate, clearHighlights, explain) answer HostError "other" 尚未实现.
 */
import type { AddinHost, CommandSummary } from "../../taskpane/host-api";
import { HostError } from "../../taskpane/host-api";
import type { Plan } from "../../core/plan";
import type { WorkbookSnapshot } from "../../core/snapshot";
import { fillWorkbook, hasInputSheets, newTemplate } from "../../core/commands";
import { applyPlan } from "./apply-plan";
import { hostSupports, readSnapshot } from "./read-snapshot";
import { selectCell } from "./select-cell";

/** Runs a batch against Excel; Excel.run in production, a fake context in tests. */
export type Runner = <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostDeps {
  run?: Runner;
  /** Whether the host has ExcelApi 1.20 (undo grouping); detected from office.js when omitted. */
  undoGrouping?: boolean;
}

/** True when every API a plan needs supports undo, so its run may be merged into one undo group. */
export function planIsUndoable(plan: Plan): boolean {
  return (plan.deleteSheets ?? []).length === 0 && plan.sheets.every((s) => s.visibility === undefined);
}

const notYet = (): Promise<never> => Promise.reject(new HostError("other", "尚未实现"));

export function createExcelHost(deps: ExcelHostDeps = {}): AddinHost {
  const run: Runner = deps.run ?? ((options, batch) => Excel.run(options, batch));
  const grouping = () => deps.undoGrouping ?? hostSupports("1.20");

  async function read(options: { fills?: boolean } = {}): Promise<WorkbookSnapshot> {
    return run({}, (context) => readSnapshot(context, options));
  }

  async function apply(plan: Plan): Promise<void> {
    if (plan.sheets.length === 0 && (plan.deleteSheets ?? []).length === 0) return;
    const options: Excel.RunOptions = grouping() && planIsUndoable(plan) ? { mergeUndoGroup: true } : {};
    await run(options, (context) => applyPlan(context, plan));
  }

  async function command(step: (snapshot: WorkbookSnapshot) => { plan: Plan; summary: string }, needInputs: boolean): Promise<CommandSummary> {
    const snapshot = await read();
    if (needInputs && !hasInputSheets(snapshot)) {
      throw new HostError("noInputSheets", "工作簿中没有标准输入表，请先点击「新建模板」。");
    }
    const result = step(snapshot);
    await apply(result.plan);
    return { message: result.summary };
  }

  return {
    newTemplate: () => command((s) => newTemplate(s), false),
    fill: () => command((s) => fillWorkbook(s), true),
    check: notYet,
    generate: notYet,
    clearHighlights: notYet,
    selectCell: (sheet, cell) => run({}, (context) => selectCell(context, sheet, cell)),
    explain: notYet,
  };
}
