/**
 * Maps Office.js (RichApi) errors to the task pane's HostError kinds. Office errors carry a string `code`
 * (Excel.ErrorCodes); we compare strings, not the runtime enum, so this module also runs where no `Excel` global
 * exists (Jest with the fake object model).
 */
import { HostError } from "../../taskpane/host-api";

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
    return new HostError("editing", "Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑后重试。");
  }
  if (code === "AccessDenied" || (code === "InvalidOperation" && protectedTargets.length > 0)) {
    const which = protectedTargets.length > 0 ? `工作表「${protectedTargets.join("」「")}」` : "要写入的工作表";
    return new HostError("protected", `${which}受保护，无法写入。请先撤销工作表保护后重试。（${text}）`);
  }
  return new HostError("other", code ? `${text} (${code})` : text);
}

export function protectedSheetError(names: string[]): HostError {
  return new HostError("protected", `工作表「${names.join("」「")}」受保护，无法写入。请先撤销工作表保护后重试。`);
}
