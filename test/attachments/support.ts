/** Test support for the attachment tables: workbooks built from the seed data, fill + attachments on ExcelJS. */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { attachmentsPlan, type AttachmentsOptions, type AttachmentsResult } from "../../src/core/attachments";
import { fillWorkbook } from "../../src/core/fill";
import { templatePlan, type TemplateData } from "../../src/core/template";
import { applyPlanToWorkbook } from "../../src/host/xlsx/apply";
import { runOnWorkbook } from "../../src/host/xlsx/workbook";

export const ROOT = join(__dirname, "..", "..");

/** The seed's figures as the sample types them (samples/seed-data.json), to be varied by a test. */
export function seedData(): TemplateData {
  const data = JSON.parse(readFileSync(join(ROOT, "samples", "seed-data.json"), "utf8")) as TemplateData & { _source?: string };
  delete data._source;
  return data;
}

export function workbookFrom(data: TemplateData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb, templatePlan(data).plan);
  return wb;
}

export async function sampleWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(ROOT, "samples", "sample.xlsx"));
  return wb;
}

/** 计算 then 生成附表, as `selfeval build` composes them. */
export function build(wb: ExcelJS.Workbook, options?: AttachmentsOptions): AttachmentsResult {
  runOnWorkbook(wb, (s) => fillWorkbook(s));
  return runOnWorkbook(wb, (s) => attachmentsPlan(s, options));
}

/** Everything a sheet holds that a person sees or prints: cells (value, formula, cached result, style), merges, sizes. */
export function sheetPicture(ws: ExcelJS.Worksheet): unknown {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      // Reading a snapshot touches every cell of the used range; an untouched empty cell is no difference.
      if (cell.value === null && Object.keys(cell.style ?? {}).length === 0) return;
      cells[cell.address] = { value: cell.value, style: cell.style, type: cell.type };
    });
  });
  const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges ?? {})
    .map((m) => m.range)
    .sort();
  const widths = (ws.columns ?? []).map((c) => c.width ?? null);
  const heights: Record<number, number | undefined> = {};
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    heights[n] = row.height;
  });
  return { name: ws.name, state: ws.state, cells, merges, widths, heights, pageSetup: ws.pageSetup };
}

/** The cells of a worksheet as plain values (formula cells → cached result) by address. */
export function cachedValues(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      const v = cell.value as unknown;
      if (v && typeof v === "object" && "formula" in (v as object)) {
        // ExcelJS hides a cached 0 (it writes it to the file, though): read it from the model.
        const result = (cell as unknown as { model: { result?: unknown } }).model.result;
        out.set(cell.address, result === undefined ? null : result);
      } else out.set(cell.address, v);
    });
  });
  return out;
}
