/**
 * Writes test/fixtures/bad/: workbooks people really send (and files that are not workbooks at all), each made from
 * the seed report's template by one damage. test/fixtures/bad/expected.json (kept by hand, checked by
 * test/proof/bad-corpus.test.ts) says what the CLI must answer for each. Run: npx tsx scripts/make-bad-corpus.ts
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { templatePlan, type TemplateData } from "../src/core/template";
import { applyPlanToWorkbook } from "../src/host/xlsx/apply";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "test", "fixtures", "bad");

function seed(): TemplateData {
  const data = JSON.parse(readFileSync(join(ROOT, "samples", "seed-data.json"), "utf8")) as TemplateData & { _source?: string };
  delete data._source;
  return data;
}

function book(data: TemplateData = seed()): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb, templatePlan(data).plan);
  // Fixed dates, so regenerating gives the same bytes where ExcelJS allows.
  wb.created = new Date(Date.UTC(2021, 0, 1));
  wb.modified = new Date(Date.UTC(2021, 0, 1));
  return wb;
}

/** The cell in the row labelled `label` (first column that has it) and the column headed `header`. */
function cellAt(ws: ExcelJS.Worksheet, label: string, header: string): ExcelJS.Cell {
  let row = -1;
  let col = -1;
  ws.eachRow((r, rn) => {
    r.eachCell((c, cn) => {
      const t = typeof c.value === "string" ? c.value.trim() : "";
      if (t === label && row < 0) row = rn;
      if (t === header && col < 0) col = cn;
    });
  });
  if (row < 0 || col < 0) throw new Error(`${ws.name}: ${label} / ${header} not found`);
  return ws.getRow(row).getCell(col);
}

function rowOf(ws: ExcelJS.Worksheet, label: string): number {
  let row = -1;
  ws.eachRow((r, rn) => r.eachCell((c) => {
    if (row < 0 && typeof c.value === "string" && c.value.trim() === label) row = rn;
  }));
  if (row < 0) throw new Error(`${ws.name}: ${label} not found`);
  return row;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;
const budgetSpent = (wb: ExcelJS.Workbook) => cellAt(sheet(wb, "预算执行"), "基本支出", "全年执行数");

type Maker = () => ExcelJS.Workbook | Uint8Array | string | Promise<Uint8Array>;

/** The seed workbook's zip, with one sheet's XML (or workbook.xml) edited: damage ExcelJS cannot write itself. */
async function crafted(edit: (parts: { zip: JSZip; sheetXml: (name: string) => Promise<[string, string]> }) => Promise<void>, wb = book()) {
  const zip = await JSZip.loadAsync(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const sheetXml = async (name: string): Promise<[string, string]> => {
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
    const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1]
      ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    return [path, await zip.file(path)!.async("string")];
  };
  await edit({ zip, sheetXml });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** One sheet's XML edited. */
const onSheet = (name: string, edit: (xml: string) => string, wb?: () => ExcelJS.Workbook): Maker => () =>
  crafted(async ({ zip, sheetXml }) => {
    const [path, xml] = await sheetXml(name);
    const edited = edit(xml);
    if (edited === xml) throw new Error(`${name}: edit changed nothing`);
    zip.file(path, edited);
  }, wb?.());


const text = (v: string): Maker => () => {
  const wb = book();
  budgetSpent(wb).value = v;
  return wb;
};
const error = (e: string): Maker => () => {
  const wb = book();
  budgetSpent(wb).value = { error: e } as ExcelJS.CellErrorValue;
  return wb;
};

const CASES: Record<string, Maker> = {
  // ---- structure
  "missing-sheet-budget.xlsx": () => {
    const wb = book();
    wb.removeWorksheet(sheet(wb, "预算执行").id);
    return wb;
  },
  "missing-sheet-sangong.xlsx": () => {
    const wb = book();
    wb.removeWorksheet(sheet(wb, "三公经费").id);
    return wb;
  },
  "missing-sheets-all-but-info.xlsx": () => {
    const wb = book();
    for (const ws of [...wb.worksheets]) if (ws.name !== "基本信息") wb.removeWorksheet(ws.id);
    return wb;
  },
  "renamed-sheet-synonym.xlsx": () => {
    const wb = book();
    sheet(wb, "预算执行").name = "预算执行情况";
    return wb;
  },
  "renamed-sheet-other.xlsx": () => {
    const wb = book();
    sheet(wb, "三公经费").name = "Sheet3";
    return wb;
  },
  "empty-workbook.xlsx": () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    return wb;
  },
  "unrelated-workbook.xlsx": () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("工资表");
    ws.addRow(["姓名", "基本工资", "绩效"]);
    ws.addRow(["张三", 5000, 1200]);
    return wb;
  },
  "headers-only.xlsx": () => book({}),
  "missing-column.xlsx": () => {
    const wb = book();
    const c = cellAt(sheet(wb, "预算执行"), "基本支出", "全年执行数");
    const ws = sheet(wb, "预算执行");
    ws.spliceColumns(Number(c.col), 1);
    return wb;
  },
  "merged-over-inputs.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "预算执行");
    const r = rowOf(ws, "基本支出");
    ws.mergeCells(r, 2, r, 4);
    return wb;
  },
  "duplicate-labels.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "三公经费");
    const r = rowOf(ws, "公务接待费");
    ws.getRow(r + 1).getCell(1).value = "公务接待费";
    return wb;
  },
  "two-tables-one-sheet.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "预算执行");
    const last = ws.rowCount;
    ws.getRow(last + 3).getCell(1).value = "一般公共预算支出执行情况（上年）";
    ws.getRow(last + 4).values = ["项目", "年初预算数", "上年结转", "年中调整", "全年预算数", "全年执行数", "结余", "执行率"];
    ws.getRow(last + 5).values = ["基本支出", 1, 2, 3, 6, 5];
    ws.getRow(last + 6).values = ["项目支出", 1, 2, 3, 6, 5];
    return wb;
  },
  "hidden-rows.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "预算执行");
    ws.getRow(rowOf(ws, "项目支出")).hidden = true;
    return wb;
  },
  "hidden-sheet.xlsx": () => {
    const wb = book();
    sheet(wb, "三公经费").state = "hidden";
    return wb;
  },
  "very-hidden-sheet.xlsx": () => {
    const wb = book();
    sheet(wb, "社保基金").state = "veryHidden";
    return wb;
  },
  "protected-sheet.xlsx": () => {
    const wb = book();
    // A protected sheet without a password: ExcelJS writes sheetProtection.
    void sheet(wb, "预算执行").protect("", { selectLockedCells: true });
    return wb;
  },
  "used-range-to-last-row.xlsx": () => {
    const wb = book();
    sheet(wb, "预算执行").getCell("A1048576").value = "x";
    return wb;
  },
  "label-noise.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "三公经费");
    ws.getRow(rowOf(ws, "公务接待费")).getCell(1).value = "（二）公务 接待费：";
    const b = sheet(wb, "预算执行");
    b.getRow(rowOf(b, "基本支出")).getCell(1).value = "一、基本支出";
    return wb;
  },
  "unknown-row.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "三公经费");
    ws.getRow(rowOf(ws, "公务接待费")).getCell(1).value = "招待费用（其他）";
    return wb;
  },
  // ---- numbers typed as text
  "text-number-thousands.xlsx": text("1,271.81"),
  "text-number-fullwidth.xlsx": text("１２７１．８１"),
  "text-number-parentheses.xlsx": text("(1271.81)"),
  "text-number-unicode-minus.xlsx": text("−1271.81"),
  "text-number-with-unit.xlsx": text("1271.81万元"),
  "text-number-in-yuan.xlsx": text("12718100元"),
  "text-number-spaces.xlsx": text(" 1 271.81 "),
  "text-not-a-number-chinese.xlsx": text("一千二百七十一"),
  "text-not-a-number-two-points.xlsx": text("1271..81"),
  "text-not-a-number-na.xlsx": text("N/A"),
  "text-percent-in-amount.xlsx": text("15%"),
  // ---- Excel error values
  "error-div0.xlsx": error("#DIV/0!"),
  "error-ref.xlsx": error("#REF!"),
  "error-na.xlsx": error("#N/A"),
  "error-value.xlsx": error("#VALUE!"),
  // ---- formulas
  "external-link.xlsx": () => {
    const wb = book();
    budgetSpent(wb).value = { formula: "[1]Sheet1!A1", result: 1271.81 } as ExcelJS.CellFormulaValue;
    return wb;
  },
  "circular-reference.xlsx": () => {
    const wb = book();
    const c = budgetSpent(wb);
    c.value = { formula: `${c.address}+1`, result: 0 } as ExcelJS.CellFormulaValue;
    return wb;
  },
  // ---- amounts
  "amount-1e15.xlsx": () => {
    const wb = book();
    budgetSpent(wb).value = 1e15;
    return wb;
  },
  "amount-negative.xlsx": () => {
    const wb = book();
    budgetSpent(wb).value = -1271.81;
    return wb;
  },
  "date-in-amount.xlsx": () => {
    const wb = book();
    const c = budgetSpent(wb);
    c.value = new Date(Date.UTC(2020, 11, 31));
    c.style = { ...c.style, numFmt: "yyyy-mm-dd" }; // a cell's style may be shared: replaced, not changed
    return wb;
  },
  "yuan-typed-as-wan.xlsx": () => {
    const wb = book();
    budgetSpent(wb).value = 12718100;
    return wb;
  },
  "yuan-declared.xlsx": () => {
    const data = seed();
    const scale = (rows: { values: Record<string, unknown> }[]) =>
      rows.forEach((r) => {
        for (const [k, v] of Object.entries(r.values)) if (typeof v === "number" && k !== "code") r.values[k] = Math.round(v * 10000);
      });
    data.info![0].rows.find((r) => r.key === "currency")!.values.value = "元";
    scale(data.budget![0].rows as never);
    const wb = book(data);
    const ws = sheet(wb, "预算执行");
    ws.eachRow((r) => r.eachCell((c) => {
      if (c.value === "单位：万元") c.value = "单位：元";
    }));
    return wb;
  },
  "wrong-total.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "预算执行");
    cellAt(ws, "基本支出", "全年预算数").value = 1300;
    return wb;
  },
  "wrong-year-label.xlsx": () => {
    const wb = book();
    const ws = sheet(wb, "基础数据");
    ws.eachRow((r) => r.eachCell((c) => {
      if (c.value === "2020年预算数") c.value = "2019年预算数";
    }));
    return wb;
  },
  // ---- ranges that make ExcelJS 4.4.0 run out of memory or hang while loading (CVE-2026-128338 to -128344)
  "col-beyond-grid.xlsx": onSheet("预算执行", (xml) =>
    xml.replace(/<cols>/, '<cols><col min="1" max="200000000" width="9" customWidth="1"/>'),
  ),
  "row-beyond-grid.xlsx": onSheet("预算执行", (xml) =>
    xml.replace("</sheetData>", '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'),
  ),
  "merge-whole-sheet.xlsx": onSheet("预算执行", (xml) =>
    xml.replace(/<mergeCells count="(\d+)">/, (_, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="H100:XFD1048576"/>`),
  ),
  "validation-whole-sheet.xlsx": onSheet("预算执行", (xml) =>
    xml.replace(
      /<pageMargins/,
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"是,否"</formula1></dataValidation></dataValidations><pageMargins',
    ),
  ),
  "name-whole-sheet.xlsx": () =>
    crafted(async ({ zip }) => {
      const xml = await zip.file("xl/workbook.xml")!.async("string");
      const name = "<definedName name=\"全表\">'预算执行'!$A$1:$XFD$1048576</definedName>";
      const edited = xml.includes("<definedNames>") ? xml.replace("<definedNames>", `<definedNames>${name}`) : xml.replace("</sheets>", `</sheets><definedNames>${name}</definedNames>`);
      zip.file("xl/workbook.xml", edited);
    }),
  "sheet-id-huge.xlsx": () =>
    crafted(async ({ zip }) => {
      const xml = await zip.file("xl/workbook.xml")!.async("string");
      zip.file("xl/workbook.xml", xml.replace(/(<sheet [^>]*name="预算执行"[^>]*)sheetId="\d+"|sheetId="\d+"([^>]*name="预算执行")/, (_, a?: string, b?: string) => (a ? `${a}sheetId="2147483000"` : `sheetId="2147483000"${b}`)));
    }),
  // ---- not workbooks
  "zero-byte.xlsx": () => new Uint8Array(0),
  "text-file.xlsx": () => "这不是工作簿，只是一个改了扩展名的文本文件。\n",
  "encrypted.xlsx": () => cfb(),
  "old-format.xls": () => cfb(),
  "table.csv": () => "项目,年初预算数,全年执行数\n基本支出,969.33,1271.81\n",
  "truncated-zip.xlsx": () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xde, 0xad]),
};

/** An OLE compound file (what Excel writes for an encrypted .xlsx, and what .xls is): the CFB header, then padding. */
function cfb(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 24); // minor/major version, byte order, sector shift
  return bytes;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f !== "expected.json") rmSync(join(OUT, f));
  for (const [name, make] of Object.entries(CASES)) {
    const made = await make();
    const bytes =
      made instanceof ExcelJS.Workbook
        ? new Uint8Array((await made.xlsx.writeBuffer()) as ArrayBuffer)
        : typeof made === "string"
          ? new TextEncoder().encode(made)
          : made;
    writeFileSync(join(OUT, name), bytes);
  }
  process.stdout.write(`${Object.keys(CASES).length} files in ${OUT}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
