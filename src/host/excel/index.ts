/** The Office.js host: reads snapshots and applies plans through the Excel JavaScript API. */
export { readSnapshot, readSnapshotDetailed, READ_DEFAULTS } from "./read-snapshot";
export type { ReadOptions, ReadResult, ClippedSheet } from "./read-snapshot";
export { applyPlan, APPLY_DEFAULTS, columnWidthToPoints } from "./apply-plan";
export type { ApplyOptions, ApplyResult } from "./apply-plan";
export { selectCell } from "./select-cell";
export { fillTokenFromProps } from "./fills";
