/** Opening and saving .xlsx bytes with ExcelJS; used by the CLI (files) and the browser page (uploads). */
import ExcelJS from "exceljs";
import { applyPlanToWorkbook } from "./apply";
import { describeXlsxProblem, inspectXlsx } from "./guard";
import { XlsxPackage } from "./package";
import { snapshotFromWorkbook } from "./snapshot";
import { format } from "../../core/data/messages";
import type { Plan } from "../../core/plan";
import type { WorkbookSnapshot } from "../../core/snapshot";

/** A file that cannot be read as a workbook; the message is Chinese and names the file. */
export class UnreadableWorkbookError extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The package of .xlsx bytes, guarded; throws UnreadableWorkbookError for what is not an .xlsx or must not be loaded. */
export function openChecked(bytes: Uint8Array, file: string, options: { validations: boolean }): XlsxPackage | null {
  if (bytes.length === 0) throw new UnreadableWorkbookError(format("fileEmpty", { file }));
  if (startsWith(bytes, OLE)) throw new UnreadableWorkbookError(format("fileOle", { file }));
  if (!startsWith(bytes, ZIP)) {
    throw new UnreadableWorkbookError(format(/\.csv$/i.test(file) ? "fileCsv" : "fileNotXlsx", { file }));
  }
  const pkg = XlsxPackage.open(bytes);
  const problem = inspectXlsx(pkg, options);
  if (problem) throw new UnreadableWorkbookError(describeXlsxProblem(problem, file));
  return pkg;
}

/** ExcelJS's load of bytes openChecked passed; throws UnreadableWorkbookError. */
export async function loadChecked(bytes: Uint8Array, file: string, readOnly: boolean): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, readOnly ? { ignoreNodes: ["dataValidations"] } : undefined);
  } catch (err) {
    throw new UnreadableWorkbookError(format("fileCorrupt", { file, reason: (err as Error).message }));
  }
  if (wb.worksheets.length === 0) throw new UnreadableWorkbookError(format("fileNoSheets", { file }));
  return wb;
}

/**
 * Opens .xlsx bytes, or throws UnreadableWorkbookError. `forReadingOnly`: the workbook will not be saved, so its data
 * validations (which the engine never reads, and which ExcelJS expands address by address) are not loaded.
 */
export async function loadWorkbook(bytes: Uint8Array, fileName: string, options: { forReadingOnly?: boolean } = {}): Promise<ExcelJS.Workbook> {
  const readOnly = options.forReadingOnly ?? false;
  openChecked(bytes, fileName, { validations: !readOnly });
  return loadChecked(bytes, fileName, readOnly);
}

export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** One engine step on a workbook: snapshot it, let the core plan, apply the plan. */
export function runOnWorkbook<T extends { plan: Plan }>(
  wb: ExcelJS.Workbook,
  step: (snapshot: WorkbookSnapshot) => T,
  options: { fills?: boolean } = {},
): T {
  const result = step(snapshotFromWorkbook(wb, options));
  applyPlanToWorkbook(wb, result.plan);
  return result;
}
