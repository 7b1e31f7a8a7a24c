/**
 * The task pane's host outside Office: the standalone page. The user picks (or drops) an .xlsx file; it is read in
 * the page with ExcelJS, every command runs the core on it in memory (snapshot → core → plan → apply, as the CLI
 * does), and the result is offered as a new file to download. Nothing is sent anywhere and no file on disk is
 * ever written over: the browser only ever saves a new download.
 *
 * This module (and ExcelJS, in a chunk of its own) is loaded only when the page is not inside Excel.
 */
import ExcelJS from "exceljs";
import type { AddinHost, CommandSummary } from "../../taskpane/host-api";
import { HostError } from "../../taskpane/host-api";
import { fillWorkbook, hasInputSheets, newTemplate } from "../../core/commands";
import { attachmentsPlan } from "../../core/attachments";
import { checkWorkbook } from "../../core/check/check";
import { explainFinding } from "../../core/check/explain";
import { clearHighlights } from "../../core/check/highlight";
import { format } from "../../core/data/messages";
import { uiText } from "../../core/data/ui-text";
import type { Finding } from "../../core/findings";
import type { Plan } from "../../core/plan";
import type { WorkbookSnapshot } from "../../core/snapshot";
import { UnreadableWorkbookError, loadWorkbook, runOnWorkbook, saveWorkbook } from "../xlsx/workbook";

/** Commands that change the workbook in the page (and so the file offered for download). */
export type BrowserCommand = "newTemplate" | "fill" | "check" | "generate" | "clearHighlights" | "explain";

export interface OpenedWorkbook {
  /** The name the file had on the user's disk. */
  fileName: string;
  sheetCount: number;
}

export type BrowserHostEvent =
  | { type: "opened"; file: OpenedWorkbook }
  | { type: "changed"; command: BrowserCommand; fileName: string }
  | { type: "cell"; sheet: string; cell: string };

export interface BrowserHost extends AddinHost {
  /** Reads an .xlsx file; rejects with HostError "badFile" and a Chinese message naming the file. */
  open(fileName: string, bytes: Uint8Array): Promise<OpenedWorkbook>;
  /** The workbook open in the page, if any. */
  current(): OpenedWorkbook | null;
  /** The name the result is offered under: "原名-已审核.xlsx" after 审核, and so on. */
  resultName(): string | null;
  /** The workbook as it is now, as .xlsx bytes, with the name to save it under. */
  result(): Promise<{ fileName: string; bytes: Uint8Array }>;
  subscribe(listener: (event: BrowserHostEvent) => void): () => void;
}

/** Suffix of the downloaded file after each command (the last command that changed the workbook names it). */
export const RESULT_SUFFIX: Record<BrowserCommand, string> = uiText.zh.standalone.resultSuffix;

/** The name a workbook created by 新建模板 without an opened file is offered under (before its suffix). */
export const NEW_WORKBOOK_BASE = uiText.zh.standalone.newWorkbookBase;

/** "报表.xlsx" + 审核 → "报表-已审核.xlsx"; a name that already carries one of our suffixes keeps only the new one. */
export function resultFileName(original: string, command: BrowserCommand | null): string {
  let base = original.replace(/\.xlsx$/i, "");
  for (const suffix of Object.values(RESULT_SUFFIX)) {
    if (base.endsWith(`-${suffix}`)) {
      base = base.slice(0, -(suffix.length + 1));
      break;
    }
  }
  return `${base || NEW_WORKBOOK_BASE}-${command ? RESULT_SUFFIX[command] : uiText.zh.standalone.copySuffix}.xlsx`;
}

export interface BrowserHostDeps {
  /** A new, empty workbook (for 新建模板 without an opened file). */
  newWorkbook?: () => ExcelJS.Workbook;
}

export function createBrowserHost(deps: BrowserHostDeps = {}): BrowserHost {
  const newWorkbook = deps.newWorkbook ?? (() => new ExcelJS.Workbook());

  let wb: ExcelJS.Workbook | null = null;
  let opened: OpenedWorkbook | null = null;
  let lastCommand: BrowserCommand | null = null;
  const listeners = new Set<(event: BrowserHostEvent) => void>();
  // One operation at a time: opening a file while a command runs waits for the command (and the other way round).
  let queue: Promise<unknown> = Promise.resolve();

  const emit = (event: BrowserHostEvent) => listeners.forEach((l) => l(event));

  function serial<T>(operation: () => Promise<T>): Promise<T> {
    const next = queue.then(operation, operation);
    queue = next.catch(() => undefined);
    return next;
  }

  function requireWorkbook(): ExcelJS.Workbook {
    if (!wb) throw new HostError("other", uiText.zh.standalone.noWorkbook);
    return wb;
  }

  function changed(command: BrowserCommand) {
    lastCommand = command;
    emit({ type: "changed", command, fileName: resultFileName(opened?.fileName ?? NEW_WORKBOOK_BASE, command) });
  }

  /**
   * Runs one core step on the open workbook (snapshot → core → plan → apply, in memory) and returns what the step
   * returned. `needInputs`: the workbook must hold the standard input sheets; `fills`: the snapshot carries cell
   * fills (highlights).
   */
  function command<T extends { plan: Plan }>(
    name: BrowserCommand,
    step: (snapshot: WorkbookSnapshot) => T,
    options: { needInputs: boolean; fills?: boolean },
  ): Promise<T> {
    return serial(async () => {
      const book = requireWorkbook();
      const result = runOnWorkbook(
        book,
        (snapshot) => {
          if (options.needInputs && !hasInputSheets(snapshot)) {
            throw new HostError("noInputSheets", format("noInputSheets"));
          }
          try {
            return step(snapshot);
          } catch (e) {
            // The core's own refusals (e.g. an error cannot be explained) are plain Errors with Chinese text.
            if (e instanceof Error && !(e instanceof HostError)) throw new HostError("other", e.message);
            throw e;
          }
        },
        { fills: options.fills },
      );
      changed(name);
      return result;
    });
  }

  const summaryOf = async (p: Promise<{ summary: string }>): Promise<CommandSummary> => ({ message: (await p).summary });
  const text = uiText.zh.standalone;

  return {
    open: (fileName, bytes) =>
      serial(async () => {
        let book: ExcelJS.Workbook;
        try {
          book = await loadWorkbook(bytes, fileName);
        } catch (e) {
          if (e instanceof UnreadableWorkbookError) throw new HostError("badFile", e.message);
          throw new HostError("badFile", format("fileCorrupt", { file: fileName, reason: e instanceof Error ? e.message : String(e) }));
        }
        wb = book;
        opened = { fileName, sheetCount: book.worksheets.length };
        lastCommand = null;
        emit({ type: "opened", file: opened });
        return opened;
      }),

    current: () => opened,

    resultName: () => (wb ? resultFileName(opened?.fileName ?? NEW_WORKBOOK_BASE, lastCommand) : null),

    result: () =>
      serial(async () => {
        const book = requireWorkbook();
        const bytes = await saveWorkbook(book);
        return { fileName: resultFileName(opened?.fileName ?? NEW_WORKBOOK_BASE, lastCommand), bytes };
      }),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    // 新建模板 without an open file starts a new workbook (to download and fill in).
    newTemplate: () =>
      serial(async () => {
        if (!wb) {
          wb = newWorkbook();
          opened = null;
        }
        return undefined;
      }).then(() => summaryOf(command("newTemplate", (s) => newTemplate(s), { needInputs: false }))),

    fill: () => summaryOf(command("fill", (s) => fillWorkbook(s), { needInputs: true })),

    // Findings are listed by the pane; the highlights are written into the workbook (and so into the download).
    check: async (): Promise<Finding[]> =>
      (await command("check", (s) => checkWorkbook(s, { highlight: true }), { needInputs: true, fills: true })).findings,

    generate: () => summaryOf(command("generate", (s) => attachmentsPlan(s), { needInputs: true })),

    clearHighlights: () =>
      summaryOf(
        command(
          "clearHighlights",
          (s) => {
            const plan = clearHighlights(s);
            return { plan, summary: plan.sheets.length > 0 ? text.highlightsCleared : text.noHighlights };
          },
          { needInputs: false, fills: true },
        ),
      ),

    // There is no Excel to select in: the page shows the address instead (the "cell" event).
    selectCell: async (sheet, cell) => {
      emit({ type: "cell", sheet, cell });
    },

    // Stored in the workbook (its registry sheet), so it travels with the download. The page knows no user name.
    explain: async (finding, explanation, author) => {
      await command("explain", (s) => ({ plan: explainFinding(s, finding, explanation, author) }), { needInputs: false });
    },
  };
}
