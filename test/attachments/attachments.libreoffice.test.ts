/**
 * The attachments of the sample, checked by a real spreadsheet program: LibreOffice recalculates every formula (our
 * cached values ignored) and prints the attachment sheets to PDF. Two soffice runs in all.
 */
import { execFile } from "child_process";
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import type { AttachmentsResult } from "../../src/core/attachments";
import { pdfPageSizes, readValues, recalculate, renderPdf, type PdfPageSizes, type RecalcResult, type RecalcValue } from "../support/libreoffice";
import { build, sampleWorkbook } from "./support";

const run = promisify(execFile);

let dir: string;
let result: AttachmentsResult;
let lo: RecalcResult;
let cached: RecalcResult;
let pdf: string;
let pages: PdfPageSizes;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-attachments-"));
  const wb = await sampleWorkbook();
  result = build(wb);
  const xlsx = path.join(dir, "built.xlsx");
  await wb.xlsx.writeFile(xlsx);
  // A copy that prints only the attachments: the input sheets hidden, the first attachment active.
  const print = new ExcelJS.Workbook();
  await print.xlsx.readFile(xlsx);
  for (const ws of print.worksheets) if (!ws.name.startsWith("附件") && ws.state === "visible") ws.state = "hidden";
  const first = print.worksheets.findIndex((ws) => ws.name.startsWith("附件"));
  print.views = [{ x: 0, y: 0, width: 20000, height: 15000, firstSheet: first, activeTab: first, visibility: "visible" }];
  const printPath = path.join(dir, "print.xlsx");
  await print.xlsx.writeFile(printPath);
  [lo, pdf] = await Promise.all([recalculate(xlsx), renderPdf(printPath, dir)]);
  cached = await readValues(xlsx);
  pages = await pdfPageSizes(pdf);
}, 180_000);

afterAll(async () => {
  if (process.env.KEEP_ATTACHMENT_PDF) await fs.copyFile(pdf, process.env.KEEP_ATTACHMENT_PDF);
  await fs.rm(dir, { recursive: true, force: true });
});

const sheetOf = (n: number) => result.sheets[n - 1].name;
/** A value as LibreOffice computed it. */
const at = (n: number, ref: string): RecalcValue | undefined => lo.get(sheetOf(n))!.get(ref);
/** A number rounded as the form prints it (2 decimals; rates as percentages with 2 decimals). */
const amount = (n: number, ref: string) => Number((at(n, ref) as number).toFixed(2));
const percent = (n: number, ref: string) => Number(((at(n, ref) as number) * 100).toFixed(2));
const blank = (n: number, ref: string) => expect(at(n, ref) ?? "").toBe("");

test("附件1 基础数据表: headers with the year, 控制率, 三公 three columns, 项目支出, 预算调整", () => {
  expect(at(1, "A2")).toBe("部门整体支出绩效评价基础数据表");
  expect(at(1, "A3")).toBe("（2020年度）");
  expect(at(1, "A4")).toBe("填报单位：湖南省就业服务中心");
  expect(at(1, "E4")).toBe("单位：万元");
  expect([at(1, "A5"), at(1, "B5"), at(1, "D5"), at(1, "F5")]).toEqual(["财政供养人员情况", "编制数", "2020年实际在职人数", "控制率"]);
  expect([at(1, "B6"), at(1, "D6"), percent(1, "F6")]).toEqual([53, 46, 86.79]);
  expect([at(1, "A7"), at(1, "B7"), at(1, "D7"), at(1, "F7")]).toEqual(["经费控制情况", "2019年决算数", "2020年预算数", "2020年决算数"]);
  expect(at(1, "A8")).toBe("三公经费");
  expect([amount(1, "B8"), amount(1, "D8"), amount(1, "F8")]).toEqual([3.95, 11, 3.34]);
  expect(at(1, "A13")).toBe("3、公务接待");
  expect([amount(1, "B13"), amount(1, "F13")]).toEqual([3.95, 3.34]);
  blank(1, "D13"); // the seed gives the 2020 budget only as a total
  expect(at(1, "A14")).toBe("项目支出：");
  blank(1, "B14");
  expect([amount(1, "D14"), amount(1, "F14")]).toEqual([462.11, 376.94]);
  expect(at(1, "A23")).toBe("部门整体支出预算调整");
  expect([amount(1, "D23"), amount(1, "F23")]).toEqual([977.83, 1736.08]);
  expect(at(1, "A24")).toBe("楼堂馆所控制情况（2020年完工项目）");
  expect(at(1, "A26")).toBe("厉行节约保障措施");
  expect(String(at(1, "B26"))).toMatch(/^制订了《湖南省就业服务局财务管理办法》/);
});

test("附件2 部门整体自评表: 年度资金总额 977.83 / 1736.08 / 1648.75, 94.97 %, 9.50; 基本 99.83 %, 项目 81.57 %", () => {
  expect(at(2, "A2")).toBe("部门整体支出绩效自评表");
  expect([at(2, "E7"), at(2, "G7"), at(2, "H7"), at(2, "I7"), at(2, "J7"), at(2, "K7")]).toEqual([
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
  ]);
  expect(at(2, "C8")).toBe("年度资金总额");
  expect([amount(2, "E8"), amount(2, "G8"), amount(2, "H8"), at(2, "I8"), percent(2, "J8"), amount(2, "K8")]).toEqual([
    977.83, 1736.08, 1648.75, 10, 94.97, 9.5,
  ]);
  expect([amount(2, "E9"), amount(2, "G9"), amount(2, "H9"), percent(2, "J9")]).toEqual([969.33, 1273.97, 1271.81, 99.83]);
  expect([amount(2, "E10"), amount(2, "G10"), amount(2, "H10"), percent(2, "J10")]).toEqual([8.5, 462.11, 376.94, 81.57]);
  expect(at(2, "A11")).toBe("年度总体目标");
  expect(String(at(2, "C12"))).toMatch(/^突出能力提升/);
  expect([at(2, "D13"), at(2, "K13")]).toEqual(["三级指标", "偏差原因分析及改进措施"]);
  expect([at(2, "D14"), at(2, "E14"), at(2, "F14"), at(2, "G14"), at(2, "H14")]).toEqual(["职业培训人次", "≥", "万人次", 70, 138.8]);
  expect([at(2, "D16"), at(2, "E16"), at(2, "G16"), at(2, "H16")]).toEqual(["城镇登记失业率", "≤", 4.5, 2.74]);
  // No 分值 in the seed: indicator scores, 总分 and grade stay blank rather than invented.
  expect(at(2, "A18")).toBe("总分");
  blank(2, "J18");
  blank(2, "K18");
});

test("附件3 办公设备购置: 执行 4.32, budget unknown → 执行率 and 得分 blank", () => {
  expect(at(3, "A2")).toBe("项目支出（办公设备购置）绩效自评表");
  expect(at(3, "C5")).toBe("办公设备购置");
  expect(amount(3, "H8")).toBe(4.32);
  blank(3, "G8");
  blank(3, "J8");
  blank(3, "K8");
  expect(result.missing.some((m) => /^项目!I\d+（办公设备购置\/全年预算数合计）/.test(m))).toBe(true);
});

test("附件4 就业资金: 全年预算 381.48, 执行 366.6, 执行率 96.10 %, 得分 9.61", () => {
  expect(at(4, "A2")).toBe("项目支出（就业资金）绩效自评表");
  expect([at(4, "A5"), at(4, "C5"), at(4, "A6"), at(4, "C6"), at(4, "F6"), at(4, "H6")]).toEqual([
    "项目名称",
    "就业资金",
    "主管部门",
    "湖南省人力资源和社会保障厅",
    "实施单位",
    "湖南省就业服务中心",
  ]);
  expect([at(4, "C8"), at(4, "C9"), at(4, "C10"), at(4, "C11")]).toEqual(["年度资金总额", "其中：当年财政拨款", "　　　上年结转资金", "　　　其他资金"]);
  expect([amount(4, "G8"), amount(4, "H8"), percent(4, "J8"), amount(4, "K8")]).toEqual([381.48, 366.6, 96.1, 9.61]);
  blank(4, "E8");
});

test("附件5 失业保险基金: 执行率 126.74 %, capped score 10 with the note saying so", () => {
  expect(at(5, "A2")).toBe("失业保险基金支出绩效自评表");
  expect(at(5, "C5")).toBe("失业保险基金（省本级）");
  expect([amount(5, "E8"), amount(5, "G8"), amount(5, "H8"), percent(5, "J8"), amount(5, "K8")]).toEqual([
    28266.36, 28266.36, 35826.06, 126.74, 10,
  ]);
  expect(String(at(5, "A15"))).toContain("执行率超过100%的按100%计");
  expect(String(at(5, "A15"))).toContain("年初预算数按全年预算数列示");
});

test("附件6 失业保险基金预算支出情况表: 收入 96.85 %, 支出 126.74 %, 结余 −282.51, 年末 226,379.16, lines", () => {
  expect(at(6, "A2")).toBe("失业保险基金预算支出情况表");
  expect([at(6, "A5"), at(6, "B5"), at(6, "C5"), at(6, "D5")]).toEqual(["项目", "预算数", "执行数", "完成预算%"]);
  expect([at(6, "A6"), amount(6, "B6"), amount(6, "C6"), percent(6, "D6")]).toEqual(["一、收入合计", 36698.63, 35543.55, 96.85]);
  expect([at(6, "A14"), amount(6, "B14"), amount(6, "C14"), percent(6, "D14")]).toEqual(["二、支出合计", 28266.36, 35826.06, 126.74]);
  expect([at(6, "A26"), amount(6, "B26"), amount(6, "C26")]).toEqual(["三、本年收支结余", 8432.27, -282.51]);
  expect([at(6, "A27"), amount(6, "C27")]).toEqual(["四、年初滚存结余", 226661.67]);
  expect([at(6, "A28"), amount(6, "C28")]).toEqual(["五、年末滚存结余", 226379.16]);
  const line = (row: number) => [at(6, `A${row}`), percent(6, `D${row}`)];
  expect([7, 9, 12, 13].map(line)).toEqual([
    ["1. 失业保险费收入", 87.47],
    ["3. 利息收入", 101.12],
    ["6. 下级上解收入", 108.27],
    ["7. 其他收入", 2113.33],
  ]);
  expect([15, 16, 18, 19, 20, 21, 23, 24, 25].map((r) => percent(6, `D${r}`))).toEqual([
    113.61, 101.55, 0, 181.09, 208.45, 449.49, 129.24, 100.61, 77.68,
  ]);
  blank(6, "D8"); // 财政补贴收入: a line the fund does not use
});

test("every cached value is the value LibreOffice computes from the formulas", () => {
  let compared = 0;
  for (const s of result.sheets) {
    const mine = cached.get(s.name)!;
    const theirs = lo.get(s.name)!;
    const refs = new Set([...mine.keys(), ...theirs.keys()]);
    for (const ref of refs) {
      // ExcelJS writes no cached value for a formula whose result is "": read back as null.
      const a = mine.get(ref) ?? "";
      const b = theirs.get(ref) ?? "";
      if (typeof a === "number" && typeof b === "number") {
        expect({ ref: `${s.name}!${ref}`, close: Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) }).toEqual({
          ref: `${s.name}!${ref}`,
          close: true,
        });
      } else {
        expect({ ref: `${s.name}!${ref}`, v: a }).toEqual({ ref: `${s.name}!${ref}`, v: b });
      }
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(400);
});

test("printed to A4 by LibreOffice, each attachment is one page wide (and here one page tall)", async () => {
  // One page per sheet: a sheet wider than its page would print on two or more pages side by side.
  expect(pages.pages).toBe(result.sheets.length);
  const rightmost: Record<string, string> = {
    basics: "投资概算控制率",
    whole: "偏差原因分析及改进措施",
    project: "偏差原因分析及改进措施",
    fund: "偏差原因分析及改进措施",
    fundBudget: "完成预算%",
  };
  for (const [i, s] of result.sheets.entries()) {
    const size = pages.sizes[i];
    const portrait = s.kind === "basics" || s.kind === "fundBudget";
    expect({ sheet: s.name, w: Math.round(size.width), h: Math.round(size.height) }).toEqual({
      sheet: s.name,
      w: portrait ? 595 : 842,
      h: portrait ? 842 : 595,
    });
    const { stdout } = await run("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), pdf, "-"]);
    const text = stdout.replace(/\s+/g, "");
    // The page holds the title and the last column: the whole width is on it.
    expect({ sheet: s.name, title: text.includes(s.title), last: text.includes(rightmost[s.kind]) }).toEqual({
      sheet: s.name,
      title: true,
      last: true,
    });
  }
});
