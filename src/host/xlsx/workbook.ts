/** Opening and saving .xlsx bytes with ExcelJS; used by the CLI (files) and the browser page (uploads). */
import ExcelJS from "exceljs";
import { applyPlanToWorkbook } from "./apply";
import { snapshotFromWorkbook } from "./snapshot";
import type { Plan } from "../../core/plan";
import type { WorkbookSnapshot } from "../../core/snapshot";

/** A file that cannot be read as a workbook; the message is Chinese and names the file. */
export class UnreadableWorkbookError extends Error {}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export async function loadWorkbook(bytes: Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw new UnreadableWorkbookError(`${fileName}：文件是空的（0 字节），不是 Excel 工作簿。`);
  if (startsWith(bytes, OLE)) {
    throw new UnreadableWorkbookError(
      `${fileName}：这是加密的工作簿或旧版 .xls 文件，无法读取；请在 Excel 中取消密码并另存为 .xlsx。`,
    );
  }
  if (!startsWith(bytes, ZIP)) {
    const hint = /\.csv$/i.test(fileName) ? "CSV 文件" : "不是 .xlsx 格式";
    throw new UnreadableWorkbookError(`${fileName}：${hint}，无法读取；请在 Excel 中另存为 .xlsx。`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableWorkbookError(`${fileName}：文件已损坏或不是 Excel 工作簿（${(err as Error).message}）。`);
  }
  if (wb.worksheets.length === 0) throw new UnreadableWorkbookError(`${fileName}：工作簿中没有工作表。`);
  return wb;
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
