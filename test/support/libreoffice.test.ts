/**
 * Tests for test/support/libreoffice.ts — exactly 2 soffice runs (one recalculate, one renderPdf).
 *
 * What we found (LibreOffice 7.4.7, ExcelJS 4.4):
 * - WITHOUT the OOXMLRecalcMode=0 profile setting LibreOffice keeps the cached results ExcelJS wrote
 *   (ExcelJS stamps docProps/app.xml "Microsoft Excel", which LO trusts): {formula:"A1+A2", result:999} stays 999.
 * - LO writes every formula individually (no shared formulas in its output), so ExcelJS always has `result`;
 *   shared formulas we write ({sharedFormula: "B1"}) are expanded and recalculated correctly.
 * - Errors are written as <c t="e"><v>#DIV/0!</v>; ExcelJS reads {error: "#DIV/0!"}. #N/A, #REF!, #VALUE! likewise.
 * - A formula whose result is "" is written as <c t="str"><f/><v></v></c>; ExcelJS DROPS the empty <v>
 *   (result undefined). readValues() re-reads the sheet XML to return "" for those (null = no cached result).
 * - Date-formatted results come back from ExcelJS as Date; we return the Excel serial number (45322 = 2024-01-31).
 * - LO rewrites formula text on save: '数据'!A1 → 数据!A1, FALSE → FALSE(). Compare values, not formula strings.
 * - Each soffice run takes ~6.5 s alone on this 2-CPU box (~4 s of it with an already-initialised profile,
 *   so fresh-profile creation is ~2.5 s), 9–11 s while other jest workers run; logged below.
 * - Chinese text renders with fonts-wqy-zenhei (the only CJK font installed); without it the PDF shows boxes.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { lastSofficeMs, pdfPageSizes, pdfToPngs, recalculate, renderPdf } from "./libreoffice";

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-lo-test-"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("recalculate: LibreOffice recomputes every formula, ignoring the cached results we wrote", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("数据");
  ws.getCell("A1").value = 2;
  ws.getCell("A2").value = 3;
  ws.getCell("A3").value = { formula: "A1+A2", result: 999 }; // deliberately WRONG cached result
  ws.getCell("A4").value = { formula: "A1/0", result: 0 };
  ws.getCell("A5").value = { formula: 'IF(A1>5,"big","")', result: "stale" };
  ws.getCell("A6").value = { formula: "A1>1", result: false };
  ws.getCell("A7").value = { formula: '"合计"&A3', result: "" };
  ws.getCell("A8").value = "文本";
  ws.getCell("A9").value = { formula: "NA()" }; // no cached result at all
  ws.getCell("A10").value = { formula: "DATE(2024,1,31)", result: 0 };
  ws.getCell("A10").numFmt = "yyyy-mm-dd";
  ws.getCell("A11").value = { formula: "ROUND(1/3,4)" };
  ws.fillFormula("B1:B3", "A1*10", [1, 1, 1]); // shared formula (B2, B3 = {sharedFormula: "B1"}), wrong results
  const other = wb.addWorksheet("Other");
  other.getCell("A1").value = { formula: "'数据'!A3*2", result: 5 };
  other.getCell("A2").value = { formula: "VLOOKUP(99,'数据'!A1:A2,1,FALSE)" };
  other.getCell("A3").value = { formula: '"x"+1' };
  const file = path.join(dir, "recalc.xlsx");
  await wb.xlsx.writeFile(file);

  const res = await recalculate(file);
  console.log(`recalculate: soffice took ${lastSofficeMs} ms`);

  expect([...res.keys()]).toEqual(["数据", "Other"]);
  const d = res.get("数据")!;
  expect(d.get("A1")).toBe(2);
  expect(d.get("A3")).toBe(5); // not 999
  expect(d.get("A4")).toEqual({ error: "#DIV/0!" });
  expect(d.get("A5")).toBe(""); // empty-string result, not null / "stale"
  expect(d.get("A6")).toBe(true);
  expect(d.get("A7")).toBe("合计5");
  expect(d.get("A8")).toBe("文本");
  expect(d.get("A9")).toEqual({ error: "#N/A" });
  expect(d.get("A10")).toBe(45322);
  expect(d.get("A11")).toBe(0.3333);
  expect([d.get("B1"), d.get("B2"), d.get("B3")]).toEqual([20, 30, 50]);
  expect(d.has("C1")).toBe(false); // empty cells are absent
  const o = res.get("Other")!;
  expect(o.get("A1")).toBe(10);
  expect(o.get("A2")).toEqual({ error: "#N/A" });
  expect(o.get("A3")).toEqual({ error: "#VALUE!" });
});

test("renderPdf + pdfPageSizes + pdfToPngs: A4 landscape fit-to-width prints 1 page wide", async () => {
  const wb = new ExcelJS.Workbook();
  const cols = 30; // far wider than one A4 page at 100 %
  const fit = wb.addWorksheet("适应页宽", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const nofit = wb.addWorksheet("NoFit", { pageSetup: { paperSize: 9, orientation: "portrait" } });
  for (const ws of [fit, nofit]) {
    for (let r = 1; r <= 10; r++) {
      for (let c = 1; c <= cols; c++) ws.getCell(r, c).value = r === 1 ? `列${c}` : r * c;
    }
    for (let c = 1; c <= cols; c++) ws.getColumn(c).width = 14;
  }
  const file = path.join(dir, "print.xlsx");
  await wb.xlsx.writeFile(file);
  const outDir = path.join(dir, "pdf");

  const pdf = await renderPdf(file, outDir);
  console.log(`renderPdf: soffice took ${lastSofficeMs} ms`);
  expect(pdf).toBe(path.join(outDir, "print.pdf"));

  const { pages, sizes } = await pdfPageSizes(pdf);
  const landscape = sizes.filter((s) => s.width > s.height);
  const portrait = sizes.filter((s) => s.width < s.height);
  // Sheet 1: exactly one A4 landscape page (fit to 1 page wide, only 10 rows tall).
  expect(landscape).toHaveLength(1);
  expect(landscape[0].width).toBeCloseTo(841.89, 0);
  expect(landscape[0].height).toBeCloseTo(595.28, 0);
  // Sheet 2: not fitted → split across several portrait pages.
  expect(portrait.length).toBeGreaterThan(1);
  expect(pages).toBe(sizes.length);

  const pngs = await pdfToPngs(pdf, path.join(outDir, "page"), 40);
  expect(pngs).toHaveLength(pages);
  expect(path.basename(pngs[0])).toMatch(/^page-0*1\.png$/);
  const png = await fs.readFile(pngs[0]);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
});
