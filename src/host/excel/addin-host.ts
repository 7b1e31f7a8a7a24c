// PLACEHOLDER written by the task-pane work (issue 5) so that the pane builds; the Office.js host replaces this
// whole file. It must keep exporting createExcelHost(): AddinHost.
import type { AddinHost } from "../../taskpane/host-api";
import { HostError } from "../../taskpane/host-api";

const notYet = (): Promise<never> => Promise.reject(new HostError("other", "尚未实现"));

export function createExcelHost(): AddinHost {
  return {
    newTemplate: notYet,
    fill: notYet,
    check: notYet,
    generate: notYet,
    clearHighlights: notYet,
    selectCell: notYet,
    explain: notYet,
  };
}
