/**
 * The only thing the task pane knows about the workbook: a host that runs commands and returns summaries or
 * findings. The Excel (Office.js) host and the browser (.xlsx file) host implement it; the pane never sees a cell.
 */
import type { Finding } from "../core/findings";

/** Chinese summary text made by the host/core. */
export interface CommandSummary {
  message: string;
}

export interface AddinHost {
  newTemplate(): Promise<CommandSummary>;
  fill(): Promise<CommandSummary>;
  check(): Promise<Finding[]>;
  generate(): Promise<CommandSummary>;
  clearHighlights(): Promise<CommandSummary>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Stores an explanation of a warning with who gave it (may be empty) and when. */
  explain(finding: Finding, text: string, author: string): Promise<void>;
}

/**
 * protected: a sheet the command must write is protected; editing: Excel is in cell-edit mode (retry later);
 * noInputSheets: the workbook has none of the standard input sheets; badFile: the file is not a readable .xlsx;
 * other: anything else (the message is shown as is).
 */
export type HostErrorKind = "protected" | "editing" | "noInputSheets" | "badFile" | "other";

export class HostError extends Error {
  constructor(
    public kind: HostErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}

export function isHostError(e: unknown): e is HostError {
  return e instanceof HostError || (e instanceof Error && e.name === "HostError" && "kind" in e);
}
