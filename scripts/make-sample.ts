/** Writes samples/sample.xlsx: the standard template with the seed report's figures (samples/seed-data.json). */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { templatePlan, type TemplateData } from "../src/core/template";
import { applyPlanToWorkbook } from "../src/host/xlsx/apply";

export async function makeSample(out = join(__dirname, "..", "samples", "sample.xlsx")): Promise<string> {
  const data = JSON.parse(readFileSync(join(__dirname, "..", "samples", "seed-data.json"), "utf8")) as TemplateData & {
    _source?: string;
  };
  delete data._source;
  const wb = new ExcelJS.Workbook();
  // Fixed metadata keep the committed file byte-stable from run to run.
  wb.creator = "selfeval";
  wb.created = new Date(Date.UTC(2021, 3, 1));
  wb.modified = wb.created;
  applyPlanToWorkbook(wb, templatePlan(data).plan);
  await wb.xlsx.writeFile(out);
  return out;
}

if (require.main === module) {
  makeSample().then((out) => console.log(`已生成 ${out}`));
}
