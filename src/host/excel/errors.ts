/**
 * Maps Office.js (RichApi) errors to the task pane's HostError kinds. Office errors carry a string `code`
 * (Excel.ErrorCodes); we compare strings, not the runtime enum, so this module also runs where no `Excel` global
 * exists (Jest with the fake object model).
 */
import { format } from "../../core/data/messages";
import { HostError } from "../../taskpane/host-api";

/** Quoted sheet names, one after the other: 「甲」「乙」. */
export function quotedSheets(names: string[]): string {
  return names.map((sheet) => format("hostSheetName", { sheet })).join("");
}

function protectedError(sheets: string, detail = ""): HostError {
  return new HostError("protected", format("hostProtected", { sheets, detail }));
}

export function officeErrorCode(e: unknown): string | undefined {
  if (e && typeof e === "object" && "code" in e) {
    const code = (e as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/**
 * @param protectedTargets names of protected sheets the failing operation was going to write; an AccessDenied or
 *   InvalidOperation error while any such sheet is a target is reported as "protected".
 */
export function toHostError(e: unknown, protectedTargets: string[] = []): HostError {
  if (e instanceof HostError) return e;
  const code = officeErrorCode(e);
  const text = e instanceof Error ? e.message : String(e);
  if (code === "InvalidOperationInCellEditMode") {
    return new HostError("editing", format("hostEditing"));
  }
  if (code === "AccessDenied" || (code === "InvalidOperation" && protectedTargets.length > 0)) {
    const sheets =
      protectedTargets.length > 0 ? format("hostSheets", { names: quotedSheets(protectedTargets) }) : format("hostTargetSheets");
    return protectedError(sheets, format("hostProtectedDetail", { reason: text }));
  }
  return new HostError("other", code ? `${text} (${code})` : text);
}

export function protectedSheetError(names: string[]): HostError {
  return protectedError(format("hostSheets", { names: quotedSheets(names) }));
}
