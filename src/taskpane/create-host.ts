/**
 * Picks the host the pane talks to. Inside Excel: the Office.js host. Anywhere else (a plain browser): the
 * .xlsx-file host. Both are loaded with a dynamic import, so each becomes its own chunk and the pane's bundle
 * carries neither the Office.js host nor the .xlsx library it does not need.
 */
import type { AddinHost } from "./host-api";

/** True when office.js loaded and says we run inside Excel (call after Office.onReady). */
export function isInsideExcel(): boolean {
  return (
    typeof Office !== "undefined" &&
    Office.context !== undefined &&
    Office.context !== null &&
    Office.context.host === Office.HostType.Excel
  );
}

export async function createHost(): Promise<AddinHost> {
  if (isInsideExcel()) {
    const { createExcelHost } = await import(/* webpackChunkName: "excel-host" */ "../host/excel/addin-host");
    return createExcelHost();
  }
  const { createBrowserHost } = await import(/* webpackChunkName: "browser-host" */ "../host/browser/browser-host");
  return createBrowserHost();
}
