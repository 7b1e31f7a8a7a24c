/**
 * Renders one attachment of the sample to a PNG for the README: sample → 计算 → 生成附表 → LibreOffice PDF → pdftoppm.
 * Usage: npx tsx scripts/attachment-picture.ts [attachment number, default 2] [out.png, default docs/attachment-2.png]
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import { mkdtempSync, copyFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { attachmentsPlan } from "../src/core/attachments";
import { fillWorkbook } from "../src/core/fill";
import { runOnWorkbook } from "../src/host/xlsx/workbook";
import { renderPdf } from "../test/support/libreoffice";

async function main() {
  const n = Number(process.argv[2] ?? 2);
  const out = process.argv[3] ?? join(__dirname, "..", "docs", `attachment-${n}.png`);
  const dir = mkdtempSync(join(tmpdir(), "selfeval-picture-"));
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(__dirname, "..", "samples", "sample.xlsx"));
    runOnWorkbook(wb, (s) => fillWorkbook(s));
    const { sheets } = runOnWorkbook(wb, (s) => attachmentsPlan(s));
    const wanted = sheets.find((s) => s.number === n);
    if (!wanted) throw new Error(`附件${n} 不存在`);
    // Print that one sheet only: every other sheet hidden, it active.
    for (const ws of wb.worksheets) if (ws.name !== wanted.name && ws.state === "visible") ws.state = "hidden";
    const index = wb.worksheets.findIndex((ws) => ws.name === wanted.name);
    wb.views = [{ x: 0, y: 0, width: 20000, height: 15000, firstSheet: index, activeTab: index, visibility: "visible" }];
    const xlsx = join(dir, "picture.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const pdf = await renderPdf(xlsx, dir);
    execFileSync("pdftoppm", ["-png", "-r", "110", "-singlefile", "-f", "1", "-l", "1", pdf, join(dir, "page")]);
    copyFileSync(join(dir, "page.png"), out);
    console.log(`${wanted.name} → ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
