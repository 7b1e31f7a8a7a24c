/**
 * The host the pane talks to inside Excel: the Office.js host, loaded with a dynamic import so that it is its own
 * chunk. Outside Excel, index.tsx renders the standalone page instead (src/host/browser).
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

export async function createExcelHostLazily(): Promise<AddinHost> {
  const { createExcelHost } = await import(/* webpackChunkName: "excel-host" */ "../host/excel/addin-host");
  return createExcelHost();
}
