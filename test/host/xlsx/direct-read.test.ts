/**
 * The direct reader (direct-read.ts) against ExcelJS: on every fixture, on a copy LibreOffice saved, and on markup
 * Excel writes that ExcelJS itself never does (shared formulas, inline and rich strings, phonetic runs, escapes, row and
 * column styles), it must give the snapshot snapshotFromWorkbook takes after ExcelJS's load, cell by cell. What it
 * declines must still read, through ExcelJS.
 */
import { promises as fs, readdirSync, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { WorkbookSnapshot } from "../../../src/core/snapshot";
import { snapshotFromPackage } from "../../../src/host/xlsx/direct-read";
import { inspectXlsx } from "../../../src/host/xlsx/guard";
import { XlsxPackage } from "../../../src/host/xlsx/package";
import { snapshotFromWorkbook } from "../../../src/host/xlsx/snapshot";
import { readSnapshot } from "../../../src/host/xlsx/read-only";
import { loadWorkbook, UnreadableWorkbookError } from "../../../src/host/xlsx/workbook";
import { resaveWithLibreOffice } from "../../support/libreoffice";
import { ROOT, SAMPLE } from "../../support/workbooks";

const BAD = path.join(ROOT, "test", "fixtures", "bad");

async function viaExcelJs(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return snapshotFromWorkbook(await loadWorkbook(bytes, "t.xlsx", { forReadingOnly: true }));
}

function direct(bytes: Uint8Array): WorkbookSnapshot | null {
  return snapshotFromPackage(XlsxPackage.open(bytes)!);
}

async function expectSameReading(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const read = direct(bytes);
  expect(read).not.toBeNull();
  expect(read).toStrictEqual(await viaExcelJs(bytes));
  return read!;
}

const cell = (s: WorkbookSnapshot, sheet: string, row: number, col: number) => {
  const sh = s.sheets.find((x) => x.name === sheet)!;
  const r = row - sh.originRow;
  const c = col - sh.originCol;
  return { value: sh.values[r]?.[c], formula: sh.formulas[r]?.[c], format: sh.numberFormats[r]?.[c] };
};

type Parts = { sheet: string; styles: string; strings: string; workbook: string };
const BUDGET = "xl/worksheets/sheet2.xml"; // 预算执行, the sample's second sheet

/** The sample with its budget sheet, styles, shared strings or workbook part edited. */
function edited(edit: (p: Parts) => Partial<Parts>): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const names: Record<keyof Parts, string> = { sheet: BUDGET, styles: "xl/styles.xml", strings: "xl/sharedStrings.xml", workbook: "xl/workbook.xml" };
  const before = Object.fromEntries(Object.entries(names).map(([k, n]) => [k, strFromU8(files[n])])) as Parts;
  for (const [k, text] of Object.entries(edit(before)) as [keyof Parts, string][]) {
    expect(text).not.toBe(before[k]);
    files[names[k]] = strToU8(text);
  }
  return zipSync(files);
}

const replaceCell = (xml: string, ref: string, markup: string) => {
  const out = xml.replace(new RegExp(`<c r="${ref}"[^>]*?(?:/>|>.*?</c>)`), markup);
  expect(out).not.toBe(xml);
  return out;
};

describe("the direct reader reads as ExcelJS does", () => {
  test("every readable fixture: the sample and the bad corpus (declining none)", async () => {
    const files = [SAMPLE, ...readdirSync(BAD).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(BAD, f))];
    let compared = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const pkg = XlsxPackage.open(bytes);
      const readable = await viaExcelJs(bytes).then(
        () => true,
        () => false,
      );
      if (!pkg || !readable || inspectXlsx(pkg, { validations: false })) continue;
      await expectSameReading(bytes);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(45);
  });

  test("a copy LibreOffice saved (its own styles, column styles and markup)", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-direct-"));
    try {
      const saved = await resaveWithLibreOffice(SAMPLE, dir);
      const bytes = new Uint8Array(readFileSync(saved));
      expect(bytes).not.toEqual(new Uint8Array(readFileSync(SAMPLE)));
      const read = await expectSameReading(bytes);
      expect(cell(read, "预算执行", 4, 5).value).toBe(1271.81);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test("shared formulas, inline and rich strings, escapes, booleans, errors, dates and custom formats", async () => {
    const bytes = edited(({ sheet, styles }) => {
      let s = sheet;
      s = replaceCell(s, "E5", `<c r="E5" s="10"><f t="shared" ref="E5:E6" si="0">B5+C5+$D$5</f><v>1273.97</v></c>`);
      s = replaceCell(s, "E6", `<c r="E6" s="10"><f t="shared" si="0"/><v>462.11</v></c>`);
      s = replaceCell(s, "F5", `<c r="F5" s="9" t="inlineStr"><is><t>1,271.81</t></is></c>`);
      s = replaceCell(s, "G6", `<c r="G6" t="inlineStr"><is><r><rPr><b/></rPr><t>85</t></r><r><t xml:space="preserve">.17_x0041_</t></r></is></c>`);
      s = replaceCell(s, "A6", `<c r="A6" s="4" t="str"><v>A &amp;amp; B &#x4E00;&#20108;</v></c>`);
      s = replaceCell(s, "B7", `<c r="B7" s="10" t="b"><v>1</v></c>`);
      s = replaceCell(s, "C7", `<c r="C7" s="10" t="e"><v>#N/A</v></c>`);
      s = replaceCell(s, "D7", `<c r="D7" s="10" t="e"><f>1/0</f><v>#DIV/0!</v></c>`);
      s = replaceCell(s, "E7", `<c r="E7" t="str"><f>"a"&amp;"&lt;b"</f><v>a&lt;b</v></c>`);
      s = replaceCell(s, "F7", `<c r="F7" s="20"><f>SUM(F5:F6)</f></c>`);
      s = replaceCell(s, "G7", `<c r="G7" s="19"><v>45000.25</v></c>`);
      s = replaceCell(s, "H7", `<c r="H7" s="19"><f>G7+1</f><v>45001.25</v></c>`);
      const st = styles
        .replace(/(<styleSheet[^>]*>)/, `$1<numFmts count="1"><numFmt numFmtId="200" formatCode="#,##0.00\\ &quot;万元&quot;"/></numFmts>`)
        .replace("</cellXfs>", `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="200" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>`);
      return { sheet: s, styles: st };
    });
    const read = await expectSameReading(bytes);
    expect(cell(read, "预算执行", 5, 4)).toEqual({ value: 462.11, formula: "=B6+C6+$D$5", format: expect.anything() });
    expect(cell(read, "预算执行", 4, 5).value).toBe("1,271.81");
    expect(cell(read, "预算执行", 5, 6).value).toBe("85.17A");
    expect(cell(read, "预算执行", 5, 0).value).toBe("A & B 一二");
    expect(cell(read, "预算执行", 6, 2).value).toEqual({ error: "#N/A" });
    expect(cell(read, "预算执行", 6, 5)).toEqual({ value: null, formula: "=SUM(F5:F6)", format: '#,##0.00 "万元"' });
    expect(cell(read, "预算执行", 6, 6).format).toBe("mm-dd-yy");
    expect(cell(read, "预算执行", 6, 6).value).toBeCloseTo(45000.25, 9);
  });

  test("rich and phonetic shared strings, an empty one, and cells ExcelJS drops or makes", async () => {
    const bytes = edited(({ sheet, strings }) => {
      const n = Number(/uniqueCount="(\d+)"/.exec(strings)![1]);
      const ss = strings.replace(
        "</sst>",
        `<si><r><t>预算</t></r><r><rPr><b/></rPr><t>执行_x0041_</t></r><rPh sb="0" eb="1"><t>よ</t></rPh></si><si/><si><t>plain&lt;</t><rPh sb="0" eb="1"><t>ふ</t></rPh></si></sst>`,
      );
      let s = sheet
        .replace(`<col min="2" max="7" width="14" customWidth="1"/>`, `<col min="2" max="7" width="14" customWidth="1" style="9"/>`)
        .replace(`<row r="3" spans="8:8"`, `<row r="3" s="10" customFormat="1" spans="8:8"`)
        .replace(`<mergeCells count="2">`, `<mergeCells count="4"><mergeCell ref="B6:C6"/><mergeCell ref="B10:C11"/>`)
        .replace(
          "</sheetData>",
          `<row r="8"><c r="A8" t="s"><v>${n}</v></c><c r="B8" t="s"><v>${n + 1}</v></c><c r="C8" t="s"><v>${n + 2}</v></c><c r="H8"/></row>` +
            `<row r="12"><c r="A12" s="0"/><c r="D12" t="s"><v>2</v></c></row></sheetData>`,
        );
      s = s.replace(`<pageMargins`, `<sheetProtection sheet="1" objects="1"/><pageMargins`);
      return { sheet: s, strings: ss };
    });
    const read = await expectSameReading(bytes);
    const sheet = read.sheets.find((x) => x.name === "预算执行")!;
    expect(sheet.protected).toBe(true);
    expect(cell(read, "预算执行", 7, 0).value).toBe("预算执行A");
    expect(cell(read, "预算执行", 7, 1).value).toBeNull();
    expect(cell(read, "预算执行", 7, 2).value).toBe("plain<");
    expect(cell(read, "预算执行", 5, 2).value).toBeNull(); // C6 under the merge B6:C6
    expect(cell(read, "预算执行", 2, 0).format).toBe(cell(read, "预算执行", 4, 4).format); // A3 takes row 3's style
    expect(sheet.values[9 - sheet.originRow]).toHaveLength(sheet.values[4 - sheet.originRow].length); // row 10: merged cells
    expect(sheet.values[8 - sheet.originRow]).toEqual([]); // row 9: none
  });

  test("comments and CDATA as ExcelJS's parser gives them: a comment skipped, CDATA text dropped", async () => {
    const bytes = edited(({ sheet }) => ({
      sheet: replaceCell(sheet.replace("<sheetData>", "<!-- note --><sheetData>"), "C5", `<c r="C5" s="9" t="inlineStr"><is><t><![CDATA[125.1]]></t></is></c>`),
    }));
    const read = await expectSameReading(bytes);
    expect(cell(read, "预算执行", 4, 1).value).toBe(969.33);
    expect(cell(read, "预算执行", 4, 2).value).toBeNull();
  });

  test("what it declines still reads, through ExcelJS", async () => {
    const declined = [
      edited(({ sheet }) => ({ sheet: sheet.replace("<pageMargins", `<hyperlinks><hyperlink ref="A5" location="'基本信息'!A1"/></hyperlinks><pageMargins`) })),
      edited(({ workbook }) => ({ workbook: workbook.replace("<workbookPr ", `<workbookPr date1904="1" `) })),
      edited(({ sheet }) => ({ sheet: replaceCell(sheet, "E6", `<c r="E6" s="10"><f t="shared" si="7"/><v>462.11</v></c>`) })),
    ];
    for (const bytes of declined) {
      expect(direct(bytes)).toBeNull();
      expect(await readSnapshot(bytes, "t.xlsx")).toStrictEqual(await viaExcelJs(bytes));
    }
  });

  test("what ExcelJS cannot load fails alike: overlapping merges, a reference to a character XML forbids", async () => {
    const failure = (p: Promise<unknown>) => p.then(() => "read", (e: Error) => (e instanceof UnreadableWorkbookError ? e.message : `crash ${e}`));
    const broken = [
      edited(({ sheet }) => ({ sheet: sheet.replace(`<mergeCells count="2">`, `<mergeCells count="3"><mergeCell ref="B1:B3"/>`) })),
      edited(({ strings }) => ({ strings: strings.replace("<t>项目</t>", "<t>项&#0;目</t>") })),
      edited(({ strings }) => ({ strings: strings.replace("<t>项目</t>", "<t>项\u0001目</t>") })),
    ];
    for (const bytes of broken) {
      expect(direct(bytes)).toBeNull();
      const message = await failure(readSnapshot(bytes, "t.xlsx"));
      expect(message).toMatch(/^t\.xlsx/);
      expect(message).toBe(await failure(loadWorkbook(bytes, "t.xlsx", { forReadingOnly: true })));
    }
  });
});
