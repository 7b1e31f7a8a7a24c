/**
 * The task pane's host inside Excel: each command reads a snapshot, runs a core command, and applies its plan.
 *
 * Two Excel.run batches per command: the read (6 syncs, no changes; read-snapshot.ts) and the apply. They are
 * separate so the apply's run options can depend on the plan:
 *  - Undo. With ExcelApi 1.20, Excel.run({mergeUndoGroup: true}) merges every sync of the run into one undo step
 *    (without it, each context.sync() that changes something is its own undo step). Some APIs do not support undo
 *    and make a grouped run fail with UndoNotSupported; of those we use Worksheet.delete (no host supports undo
 *    for it) and Worksheet.visibility (not undoable on Windows/Mac). So a plan that deletes sheets or sets
 *    visibility is applied ungrouped. Undo of an add-in's changes is documented for ExcelApi 1.20+ only; on older
 *    hosts we promise nothing.
 *  - Cell-edit mode: we do not set delayForCellEdit (the batch would wait silently until the user leaves the
 *    cell); the failure becomes HostError "editing" and the pane says so.
 * 生成附表 runs two steps (计算, then the attachment sheets), each a read and an apply, as in the CLI's build; 计算's
 * read is the one that found the input sheets (nothing changed in between), so 生成附表 reads twice, not three times.
 */
import type { AddinHost, CommandSummary } from "../../taskpane/host-api";
import { HostError } from "../../taskpane/host-api";
import type { Plan } from "../../core/plan";
import type { WorkbookSnapshot } from "../../core/snapshot";
import {
  checkWorkbook,
  clearHighlights,
  explainFinding,
  fillWorkbook,
  generate,
  hasInputSheets,
  newTemplate,
  type StepHost,
} from "../../core/commands";
import { cellsNeedingFills, highlightPlan } from "../../core/check/highlight";
import { format } from "../../core/data/messages";
import { readWorkbook, sheetsNeededWhole } from "../../core/reader";
import type { Finding } from "../../core/findings";
import { applyPlan } from "./apply-plan";
import { readFillsInto } from "./read-fills";
import { hostSupports, readSnapshotDetailed } from "./read-snapshot";
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

export function createExcelHost(deps: ExcelHostDeps = {}): AddinHost {
  const run: Runner = deps.run ?? ((options, batch) => Excel.run(options, batch));
  const grouping = () => deps.undoGrouping ?? hostSupports("1.20");

  /**
   * The workbook; HostError naming each input sheet (or the add-in's registry) too large to read whole: a command
   * never works on part of one. Another sheet of the user's may be read in part; the engine does not use it.
   */
  async function read(options: { fills?: boolean } = {}): Promise<WorkbookSnapshot> {
    const { snapshot, clipped } = await run({}, (context) => readSnapshotDetailed(context, options));
    const whole = sheetsNeededWhole(snapshot, clipped.map((c) => c.sheet));
    const needed = clipped.filter((c) => whole.includes(c.sheet));
    if (needed.length > 0) {
      throw new HostError("other", needed.map((c) => format("readClipped", { ...c, readRange: c.readRange || "—" })).join("\n"));
    }
    return snapshot;
  }

  async function apply(plan: Plan): Promise<void> {
    if (plan.sheets.length === 0 && (plan.deleteSheets ?? []).length === 0) return;
    const options: Excel.RunOptions = grouping() && planIsUndoable(plan) ? { mergeUndoGroup: true } : {};
    await run(options, (context) => applyPlan(context, plan));
  }

  async function readInputs(): Promise<WorkbookSnapshot> {
    const snapshot = await read();
    if (!hasInputSheets(snapshot)) throw new HostError("noInputSheets", format("noInputSheets"));
    return snapshot;
  }

  async function command(
    step: (snapshot: WorkbookSnapshot) => { plan: Plan; summary: string },
    needInputs: boolean,
  ): Promise<CommandSummary> {
    const snapshot = needInputs ? await readInputs() : await read();
    const result = step(snapshot);
    await apply(result.plan);
    return { message: result.summary };
  }

  return {
    newTemplate: () => command((s) => newTemplate(s), false),
    fill: () => command((s) => fillWorkbook(s), true),
    async check(): Promise<Finding[]> {
      const snapshot = await readInputs();
      const result = checkWorkbook(snapshot);
      await run({}, (context) => readFillsInto(context, snapshot, cellsNeedingFills(result.model, result.findings)));
      await apply(highlightPlan(snapshot, result.model, result.findings));
      return result.findings;
    },
    async generate(): Promise<CommandSummary> {
      // The snapshot that showed the input sheets is also 计算's: nothing changed in between, so it is not read again.
      let first: WorkbookSnapshot | null = await readInputs();
      const reuseFirst: StepHost = {
        read: (options) => {
          const snapshot = first;
          first = null;
          return snapshot && !options.fills ? Promise.resolve(snapshot) : read(options);
        },
        apply,
      };
      return { message: await generate(reuseFirst) };
    },
    async clearHighlights(): Promise<CommandSummary> {
      const snapshot = await read();
      await run({}, (context) => readFillsInto(context, snapshot, cellsNeedingFills(readWorkbook(snapshot))));
      await apply(clearHighlights(snapshot));
      return { message: format("highlightsCleared") };
    },
    selectCell: (sheet, cell) => run({}, (context) => selectCell(context, sheet, cell)),
    async explain(finding: Finding, text: string, author: string): Promise<void> {
      await apply(explainFinding(await read(), finding, text, author, new Date()));
    },
  };
}
