/**
 * The check before ExcelJS loads a file (guard.ts): what real workbooks hold passes, what would exhaust memory or hang
 * ExcelJS 4.4.0 is refused with a Chinese message naming sheet and range. The CLI's answers on whole files are in
 * test/fixtures/bad (test/proof/bad-corpus.test.ts).
 */
import JSZip from "jszip";
import { readFileSync } from "fs";
import { inspectXlsx } from "../../../src/host/xlsx/guard";
import { loadWorkbook, UnreadableWorkbookError } from "../../../src/host/xlsx/workbook";
import { SAMPLE } from "../../support/workbooks";

const BUDGET_SHEET = "xl/worksheets/sheet2.xml"; // 预算执行, the sample's second sheet

async function edited(edit: (xml: { sheet: string; workbook: string }) => { sheet?: string; workbook?: string }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
  const sheet = await zip.file(BUDGET_SHEET)!.async("string");
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const out = edit({ sheet, workbook });
  if (out.sheet !== undefined) {
    expect(out.sheet).not.toBe(sheet);
    zip.file(BUDGET_SHEET, out.sheet);
  }
  if (out.workbook !== undefined) {
    expect(out.workbook).not.toBe(workbook);
    zip.file("xl/workbook.xml", out.workbook);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const validations = (...sqrefs: string[]) => ({ sheet }: { sheet: string }) => ({
  sheet: sheet.replace(
    /<pageMargins/,
    `<dataValidations count="${sqrefs.length}">${sqrefs
      .map((q) => `<dataValidation type="list" allowBlank="1" sqref="${q}"><formula1>"是,否"</formula1></dataValidation>`)
      .join("")}</dataValidations><pageMargins`,
  ),
});
const merges = (...refs: string[]) => ({ sheet }: { sheet: string }) => ({
  sheet: sheet.replace(/<mergeCells count="(\d+)">/, (_, n: string) => `<mergeCells count="${Number(n) + refs.length}">${refs.map((r) => `<mergeCell ref="${r}"/>`).join("")}`),
});
const definedName = (text: string) => ({ workbook }: { workbook: string }) => ({
  workbook: workbook.replace("<definedNames>", `<definedNames><definedName name="范围">${text}</definedName>`),
});
const extraRow = (r: string, cell: string) => ({ sheet }: { sheet: string }) => ({
  sheet: sheet.replace("</sheetData>", `<row r="${r}"><c r="${cell}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`),
});

const both = { validations: true };

describe("inspectXlsx", () => {
  test("the sample and what real workbooks hold pass: whole-column validations and names, merges, the last row", async () => {
    expect(await inspectXlsx(readFileSync(SAMPLE), both)).toBeNull();
    expect(await inspectXlsx(await edited(validations("B1:B1048576 C1:C1048576", "D:D", "E1:E1048576")), both)).toBeNull();
    expect(await inspectXlsx(await edited(definedName("'预算执行'!$A:$A,'预算执行'!$1:$3")), both)).toBeNull();
    expect(await inspectXlsx(await edited(merges("J1:Z100")), both)).toBeNull();
    expect(await inspectXlsx(await edited(extraRow("1048576", "XFD1048576")), both)).toBeNull();
  });

  test("a row or cell past the grid, and a column span past XFD, are refused naming sheet and place", async () => {
    expect(await inspectXlsx(await edited(extraRow("1048577", "A1048577")), both)).toEqual({ key: "fileBeyondGrid", params: { sheet: "预算执行", range: "1048577:1048577" } });
    expect(await inspectXlsx(await edited(extraRow("7", "XFE7")), both)).toEqual({ key: "fileBeyondGrid", params: { sheet: "预算执行", range: "XFE7" } });
    const cols = await edited(({ sheet }) => ({ sheet: sheet.replace(/<cols>/, '<cols><col min="2" max="16385" width="9"/>') }));
    expect(await inspectXlsx(cols, both)).toEqual({ key: "fileBeyondGrid", params: { sheet: "预算执行", range: "B:XFE" } });
  });

  test("merges, validations and names over more cells than the limits are refused, naming the largest range", async () => {
    const merged = await inspectXlsx(await edited(merges("J1:J100000", "K1:K100001")), both);
    // The sample's own merges (titles) add a few hundred cells.
    expect(merged).toMatchObject({ key: "fileMergesTooLarge", params: { sheet: "预算执行", range: "K1:K100001" } });
    expect(merged!.params.total).toBeGreaterThan(200_001);
    expect(merged!.params.total).toBeLessThan(201_000);
    const five = validations("B:B", "C:C", "D:D", "E:E", "F1:F2");
    expect(await inspectXlsx(await edited(five), both)).toMatchObject({ key: "fileValidationsTooLarge", params: { range: "B:B", total: 4 * 1048576 + 2 } });
    // Validations ExcelJS is told not to load do not count.
    expect(await inspectXlsx(await edited(five), { validations: false })).toBeNull();
    const named = await inspectXlsx(await edited(definedName("'预算执行'!$A$1:$XFD$1048576")), both);
    expect(named).toMatchObject({ key: "fileNamesTooLarge", params: { sheet: "预算执行", range: "$A$1:$XFD$1048576" } });
  });

  test("a sheet numbered past 1,000,000 is refused; 1,000,000 passes", async () => {
    const numbered = (id: number) => edited(({ workbook }) => ({ workbook: workbook.replace('sheetId="2"', `sheetId="${id}"`) }));
    expect(await inspectXlsx(await numbered(1_000_000), both)).toBeNull();
    expect(await inspectXlsx(await numbered(2147483000), both)).toEqual({ key: "fileSheetId", params: { sheet: "预算执行", id: "2147483000" } });
  });
});

describe("loadWorkbook", () => {
  test("refuses with the Chinese message, or loads without validations when the workbook will not be saved", async () => {
    const bytes = await edited(validations("A1:XFD1048576"));
    const err = await loadWorkbook(bytes, "单位.xlsx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableWorkbookError);
    expect((err as Error).message).toBe(
      `单位.xlsx：数据验证共覆盖 ${16384 * 1048576} 个单元格（超过 4194304），读取会耗尽内存；最大的是工作表“预算执行”的 A1:XFD1048576。请在 Excel 中缩小这个范围后再试，未读取。`,
    );
    // ExcelJS keeps a sheet's validations by address (not in its type declarations).
    const validationsOf = (wb: Awaited<ReturnType<typeof loadWorkbook>>) =>
      (wb.getWorksheet("预算执行") as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(validationsOf(await loadWorkbook(bytes, "单位.xlsx", { forReadingOnly: true }))).toEqual({});
    // Saved copies keep the user's validations.
    expect(validationsOf(await loadWorkbook(await edited(validations("B2:B9")), "单位.xlsx"))["B2"]).toMatchObject({ type: "list" });
  });
});
