/**
 * Reading .xlsx bytes for commands that only read (selfeval check without highlighted copies). Node only: the direct
 * reader uses ExcelJS's library sources, which the browser page's bundle does not carry.
 */
import type { WorkbookSnapshot } from "../../core/snapshot";
import { snapshotFromPackage } from "./direct-read";
import { snapshotFromWorkbook } from "./snapshot";
import { loadChecked, openChecked } from "./workbook";

/**
 * The snapshot of .xlsx bytes for a command that only reads, or UnreadableWorkbookError. Read straight from the
 * package's XML (direct-read.ts) where that reader takes the file, else through ExcelJS; the same snapshot either way.
 */
export async function readSnapshot(bytes: Uint8Array, fileName: string): Promise<WorkbookSnapshot> {
  const pkg = openChecked(bytes, fileName, { validations: false });
  return (pkg && snapshotFromPackage(pkg)) ?? snapshotFromWorkbook(await loadChecked(bytes, fileName, true));
}
