/**
 * 生成附表 without LibreOffice: which sheets, their names, the cached figures, the missing-input report, regeneration
 * in place, users' sheets left alone. (attachments.libreoffice.test.ts recalculates the formulas.)
 */
import ExcelJS from "exceljs";
import Decimal from "decimal.js";
import { parseRef } from "../../src/core/address";
import { attachmentsPlan, cleanSheetName, sheetName } from "../../src/core/attachments";
import { REGISTRY_SHEET } from "../../src/core/data/layout";
import type { TemplateData } from "../../src/core/template";
import { runOnWorkbook } from "../../src/host/xlsx/workbook";
import { build, cachedValues, sampleWorkbook, seedData, sheetPicture, workbookFrom } from "./support";
import { SAMPLE_ATTACHMENT_SHEETS } from "../support/workbooks";

function attachmentNames(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.filter((ws) => ws.name.startsWith("附件")).map((ws) => ws.name);
}

/** The cell of a row (by its label in column A) under a header (by its text). */
function findCell(ws: ExcelJS.Worksheet, rowLabel: string, header: string): ExcelJS.Cell {
  let row = 0;
  let col = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === rowLabel) row = n;
    r.eachCell((c, k) => {
      if (c.value === header && col === 0) col = k;
    });
  });
  if (!row || !col) throw new Error(`no ${rowLabel}/${header} on ${ws.name}`);
  return ws.getCell(row, col);
}

function registryRows(wb: ExcelJS.Workbook): string[][] {
  const ws = wb.getWorksheet(REGISTRY_SHEET)!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push([1, 2, 3].map((c) => String(row.getCell(c).value ?? ""))));
  return rows;
}

describe("the sample (湖南省就业服务中心 FY2020)", () => {
  let wb: ExcelJS.Workbook;
  let result: ReturnType<typeof build>;
  beforeAll(async () => {
    wb = await sampleWorkbook();
    result = build(wb);
  });

  test("six attachments, numbered in the seed's order, with the seed's titles", () => {
    expect(result.sheets.map((s) => s.name)).toEqual(SAMPLE_ATTACHMENT_SHEETS);
    expect(attachmentNames(wb)).toEqual(SAMPLE_ATTACHMENT_SHEETS);
    expect(result.sheets.map((s) => s.title)).toEqual([
      "部门整体支出绩效评价基础数据表",
      "部门整体支出绩效自评表",
      "项目支出（办公设备购置）绩效自评表",
      "项目支出（就业资金）绩效自评表",
      "失业保险基金支出绩效自评表",
      "失业保险基金预算支出情况表",
    ]);
    for (const s of result.sheets) {
      const ws = wb.getWorksheet(s.name)!;
      expect(ws.getCell("A1").value).toBe(`附件${s.number}`);
      expect(ws.getCell("A2").value).toBe(s.title);
      expect(cachedValues(ws).get("A3")).toBe("（2020年度）");
      expect(cachedValues(ws).get("A4")).toBe("填报单位：湖南省就业服务中心");
    }
  });

  test("each sheet's cells are planned row by row, left to right (hosts write them as rectangles)", async () => {
    const { plan } = runOnWorkbook(await sampleWorkbook(), (s) => attachmentsPlan(s));
    for (const sheet of plan.sheets) {
      const positions = sheet.cells.map((c) => parseRef(c.ref));
      expect(positions.length).toBeGreaterThan(1);
      expect(positions).toEqual([...positions].sort((a, b) => a.row - b.row || a.col - b.col));
    }
  });

  test("the registry records each sheet with its role, and nothing per formula", () => {
    const rows = registryRows(wb);
    const sheets = rows.filter((r) => r[0] === "sheet");
    expect(sheets.map((r) => [r[1], r[2]])).toEqual([
      ["附件1 基础数据表", "附件1:basics"],
      ["附件2 部门整体自评表", "附件2:whole:部门整体"],
      ["附件3 项目（办公设备购置）", "附件3:project:办公设备购置"],
      ["附件4 项目（就业资金）", "附件4:project:就业资金"],
      ["附件5 失业保险基金自评表", "附件5:fund:失业保险基金"],
      ["附件6 失业保险基金预算支出", "附件6:fundBudget:失业保险基金"],
    ]);
    expect(rows.filter((r) => r[0] !== "sheet" && r[0] !== "kind")).toEqual([]);
  });

  test("cached figures (the values Excel shows before recalculating)", () => {
    const v = (sheet: string) => cachedValues(wb.getWorksheet(sheet)!);
    const a1 = v("附件1 基础数据表");
    expect(a1.get("F6")).toBeCloseTo(46 / 53, 12);
    expect([a1.get("B8"), a1.get("D8"), a1.get("F8")]).toEqual([3.95, 11, 3.34]);
    expect([a1.get("D14"), a1.get("F14")]).toEqual([462.11, 376.94]);
    expect([a1.get("D23"), a1.get("F23")]).toEqual([977.83, 1736.08]);
    const a2 = v("附件2 部门整体自评表");
    expect([a2.get("E8"), a2.get("G8"), a2.get("H8"), a2.get("K8")]).toEqual([977.83, 1736.08, 1648.75, 9.5]);
    const a4 = v("附件4 项目（就业资金）");
    expect([a4.get("G8"), a4.get("H8"), a4.get("K8")]).toEqual([381.48, 366.6, 9.61]);
    const a6 = v("附件6 失业保险基金预算支出");
    expect([a6.get("C26"), a6.get("C28")]).toEqual([-282.51, 226379.16]);
  });

  test("formats: amounts #,##0.00, rates 0.00%, scores 0.00; bordered, wrapped; A4 fit to one page wide", () => {
    const a2 = wb.getWorksheet("附件2 部门整体自评表")!;
    expect(a2.getCell("G8").numFmt).toBe("#,##0.00");
    expect(a2.getCell("J8").numFmt).toBe("0.00%");
    expect(a2.getCell("K8").numFmt).toBe("0.00");
    expect(a2.getCell("G8").border?.left?.style).toBe("thin");
    expect(a2.getCell("C12").alignment?.wrapText).toBe(true);
    for (const s of result.sheets) {
      const p = wb.getWorksheet(s.name)!.pageSetup;
      expect(p.paperSize).toBe(9);
      expect(p.fitToPage).toBe(true);
      expect(p.fitToWidth).toBe(1);
      expect(p.fitToHeight).toBe(0);
      expect(p.printTitlesRow).toMatch(/^1:\d+$/);
      expect(p.orientation).toBe(s.kind === "basics" || s.kind === "fundBudget" ? "portrait" : "landscape");
    }
  });

  test("every figure is a formula over the input sheets", () => {
    const a4 = wb.getWorksheet("附件4 项目（就业资金）")!;
    expect((a4.getCell("G8").value as ExcelJS.CellFormulaValue).formula).toMatch(/^IF\(COUNT\('项目'!I(\d+)\)<1,"",'项目'!I\1\)$/);
    expect((a4.getCell("J8").value as ExcelJS.CellFormulaValue).formula).toBe(`IF(COUNT(H8,G8)<2,"",IF(G8=0,"",H8/G8))`);
    expect((a4.getCell("K8").value as ExcelJS.CellFormulaValue).formula).toBe(`IF(COUNT(J8)<1,"",ROUND(10*MIN(J8,1),2))`);
  });

  test("a blank input leaves the figure blank and is reported, naming the input cell", () => {
    const a3 = cachedValues(wb.getWorksheet("附件3 项目（办公设备购置）")!);
    expect(a3.get("H8")).toBe(4.32);
    expect(a3.get("G8") ?? "").toBe("");
    expect(a3.get("J8") ?? "").toBe("");
    expect(result.missing).toContainEqual(expect.stringMatching(/^项目!I\d+（办公设备购置\/全年预算数合计）：附件3 项目（办公设备购置）$/));
    expect(result.missing).toContainEqual(expect.stringMatching(/^绩效目标与指标!J\d+（职业培训人次\/分值）/));
    expect(result.missing).toContainEqual(expect.stringContaining("评价对象“就业资金”没有绩效指标"));
    expect(result.missing).toContainEqual(expect.stringContaining("三公经费!B6（公务接待费/年初预算数）"));
    // Figures the seed has are not reported; unused lines (其中, fund lines) are not either.
    expect(result.missing.join("\n")).not.toMatch(/预算执行!|社保基金!B8|基本信息!/);
    expect(result.summary).toContain("已生成附表 6 张");
    expect(result.summary).toContain(`${result.missing.length} 处输入为空`);
  });

  test("generating again replaces the sheets in place: the same workbook, cell by cell", async () => {
    const again = await sampleWorkbook();
    build(again);
    const second = build(again);
    expect(second.summary).toContain("已按原位置更新上次生成的附表 6 张");
    expect(again.worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
    for (const ws of wb.worksheets) expect(sheetPicture(again.getWorksheet(ws.name)!)).toEqual(sheetPicture(ws));
  });
});

describe("sheets for other units", () => {
  test("a unit with no fund: four sheets; the template's blank fund block is no fund", () => {
    const data = seedData();
    delete data.fund;
    const wb = workbookFrom(data);
    const r = build(wb);
    expect(r.sheets.map((s) => s.name)).toEqual(SAMPLE_ATTACHMENT_SHEETS.slice(0, 4));
    expect(attachmentNames(wb)).toEqual(SAMPLE_ATTACHMENT_SHEETS.slice(0, 4));
  });

  test("three projects and two funds: 2 + 3 + 2×2 sheets, numbered in order", () => {
    const data: TemplateData = seedData();
    const projects = data.projects![0].rows;
    for (const p of projects) if (p.label !== "合计" && p.label !== "办公设备购置") p.values.evaluate = "是";
    projects.find((p) => p.label === "办公设备购置")!.values.evaluate = "否";
    projects.find((p) => p.label === "运行维护经费")!.label = "全省公共就业服务信息化平台运行维护及数据治理经费";
    data.fund!.push({
      name: "工伤保险基金",
      scope: "省本级",
      rows: [
        { key: "inPremium", values: { budget: 100, actual: 90 } },
        { key: "exBenefit", values: { budget: 80, actual: 88 } },
        { key: "opening", values: { actual: 500 } },
      ],
    });
    const wb = workbookFrom(data);
    const r = build(wb);
    const names = [
      "附件1 基础数据表",
      "附件2 部门整体自评表",
      "附件3 项目（全省公共就业服务信息化平台运行维护及数据治理…）",
      "附件4 项目（普惠金融发展专项资金）",
      "附件5 项目（就业资金）",
      "附件6 失业保险基金自评表",
      "附件7 失业保险基金预算支出",
      "附件8 工伤保险基金自评表",
      "附件9 工伤保险基金预算支出",
    ];
    expect(r.sheets.map((s) => s.name)).toEqual(names);
    expect(attachmentNames(wb)).toEqual(names);
    for (const n of names) expect([...n].length).toBeLessThanOrEqual(31);
    // The title keeps the full name; the summary says the sheet name was shortened.
    expect(wb.getWorksheet(names[2])!.getCell("A2").value).toBe("项目支出（全省公共就业服务信息化平台运行维护及数据治理经费）绩效自评表");
    expect(r.summary).toContain("工作表名已缩短为“附件3 项目（全省公共就业服务信息化平台运行维护及数据治理…）”");
    const fund2 = cachedValues(wb.getWorksheet("附件9 工伤保险基金预算支出")!);
    expect([fund2.get("B6"), fund2.get("C6"), fund2.get("C28")]).toEqual([100, 90, 502]);
  });

  test("project tables follow the 项目 sheet's order by default, or the names' order when asked", async () => {
    const wb = await sampleWorkbook();
    const ws = wb.getWorksheet("项目")!;
    // Move 就业资金 above 办公设备购置 in the 项目 sheet: the attachments follow.
    const rowOf = (name: string) => ws.getColumn(1).values.findIndex((v) => v === name);
    const a = ws.getRow(rowOf("办公设备购置"));
    const b = ws.getRow(rowOf("就业资金"));
    const va = a.values;
    a.values = b.values as ExcelJS.CellValue[];
    b.values = va as ExcelJS.CellValue[];
    expect(build(wb).sheets.slice(2, 4).map((s) => s.name)).toEqual(["附件3 项目（就业资金）", "附件4 项目（办公设备购置）"]);
    const byName = build(wb, { projectOrder: "name" });
    expect(byName.sheets.slice(2, 4).map((s) => s.name)).toEqual(["附件3 项目（办公设备购置）", "附件4 项目（就业资金）"]);
  });
});

describe("regenerating", () => {
  test("a user's sheet named like an attachment is never touched; the attachment takes another name", async () => {
    const wb = await sampleWorkbook();
    const mine = wb.addWorksheet("附件1 基础数据表");
    mine.getCell("A1").value = "我自己的表";
    mine.getCell("B2").value = 42;
    const before = sheetPicture(mine);
    const first = build(wb);
    expect(first.sheets[0].name).toBe("附件1 基础数据表(2)");
    expect(first.summary).toContain("工作簿中已有用户自建的工作表“附件1 基础数据表”，未作改动；附表改名为“附件1 基础数据表(2)”");
    const second = build(wb);
    expect(second.sheets[0].name).toBe("附件1 基础数据表(2)");
    expect(second.deleted).toEqual([]);
    expect(sheetPicture(wb.getWorksheet("附件1 基础数据表")!)).toEqual(before);
    expect(wb.worksheets.filter((w) => w.name.startsWith("附件1")).map((w) => w.name)).toEqual(["附件1 基础数据表", "附件1 基础数据表(2)"]);
  });

  test("an attachment no longer needed is deleted; sheets the add-in did not make are kept", async () => {
    const wb = await sampleWorkbook();
    build(wb);
    wb.addWorksheet("附件9 说明").getCell("A1").value = "用户的附件";
    // 就业资金 is no longer evaluated: 附件4 goes, the fund tables move up to 附件4 and 附件5.
    const projects = wb.getWorksheet("项目")!;
    findCell(projects, "就业资金", "是否自评").value = "否";
    const r = build(wb);
    expect(r.sheets.map((s) => s.name)).toEqual([
      "附件1 基础数据表",
      "附件2 部门整体自评表",
      "附件3 项目（办公设备购置）",
      "附件4 失业保险基金自评表",
      "附件5 失业保险基金预算支出",
    ]);
    expect(r.deleted.sort()).toEqual(["附件4 项目（就业资金）", "附件5 失业保险基金自评表", "附件6 失业保险基金预算支出"].sort());
    expect(attachmentNames(wb).sort()).toEqual([...r.sheets.map((s) => s.name), "附件9 说明"].sort());
    expect(registryRows(wb).filter((x) => x[0] === "sheet").map((x) => x[1])).toEqual(r.sheets.map((s) => s.name));
  });
});

describe("scores and grade", () => {
  test("with 分值 typed, 总分 = 执行得分 + Σ 指标得分 and the grade follows (优 ≥ 90)", () => {
    const data = seedData();
    const weights: Record<string, number> = { 职业培训人次: 30, 就业见习人数: 20, 城镇登记失业率: 20, 退捕渔民转产就业人数: 20 };
    for (const row of data.indicators![0].rows) {
      if (row.label && row.label in weights) row.values.weight = weights[row.label];
      if (row.label === "就业见习人数") row.values.target = 11000;
    }
    const wb = workbookFrom(data);
    const r = build(wb);
    const a2 = cachedValues(wb.getWorksheet("附件2 部门整体自评表")!);
    // 9.50 + 30 + 20 + 20 (reverse: 4.5 ÷ 2.74 capped) + 20 × 17859 ÷ 17865 = 19.99
    expect([a2.get("J14"), a2.get("J15"), a2.get("J16"), a2.get("J17")]).toEqual([30, 20, 20, 19.99]);
    expect(a2.get("I18")).toBe(100);
    expect(a2.get("J18")).toBeCloseTo(99.49, 10);
    expect(a2.get("K18")).toBe("自评等级：优");
    expect(r.missing.join("\n")).not.toContain("职业培训人次/分值");
  });
});

describe("settings", () => {
  test("执行率 over 100% scored by deviation when 设置 says so, and the note says which rule", async () => {
    const wb = await sampleWorkbook();
    findCell(wb.getWorksheet("设置")!, "执行率超过100%的计分方式", "取值").value = "按偏离度扣分";
    build(wb);
    const a5 = cachedValues(wb.getWorksheet("附件5 失业保险基金自评表")!);
    // 35826.06 / 28266.36 = 126.74 % → 10 × (1 − 0.2674…) = 7.33
    expect(a5.get("K8")).toBe(7.33);
    expect(String(wb.getWorksheet("附件5 失业保险基金自评表")!.getCell("A15").value)).toContain("按偏离度扣分");
  });
});

describe("inputs", () => {
  test("a sheet kept in 元 is shown in 万元 (÷ 10000 in the formula)", () => {
    const wb = workbookFrom(seedData());
    // The 项目 sheet's unit line says 元: its figures (the seed's, here read as 元) are 10⁴ smaller in 万元.
    wb.getWorksheet("项目")!.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === "单位：万元") c.value = "单位：元";
      }),
    );
    build(wb);
    const a4 = wb.getWorksheet("附件4 项目（就业资金）")!;
    expect((a4.getCell("G8").value as ExcelJS.CellFormulaValue).formula).toMatch(/'项目'!I\d+\/10000/);
    expect(cachedValues(a4).get("G8")).toBeCloseTo(0.038148, 12);
    expect(cachedValues(a4).get("J8")).toBeCloseTo(366.6 / 381.48, 12);
  });

  test("a typed number is read as 计算 reads it (Excel's 15 digits), so an attachment's figure adds up with 计算's total", async () => {
    const wb = await sampleWorkbook();
    // 969.33 typed, then computed elsewhere and pasted as a value: one binary step off, 16 significant digits.
    const typed = 969.33 + 2 ** -43;
    expect(String(typed)).not.toBe("969.33");
    wb.getWorksheet("预算执行")!.getCell("B5").value = typed;
    build(wb);
    const a2 = cachedValues(wb.getWorksheet("附件2 部门整体自评表")!);
    expect((wb.getWorksheet("附件2 部门整体自评表")!.getCell("E9").value as ExcelJS.CellFormulaValue).formula).toContain("'预算执行'!B5");
    expect(a2.get("E9")).toBe(969.33);
    // 年初预算 合计 (计算's B7 = B5 + B6) and its parts, as the attachment shows them.
    expect(new Decimal(a2.get("E9") as number).plus(a2.get("E10") as number).toNumber()).toBe(a2.get("E8"));
  });

  test("run before 计算: the summary asks for 计算 first", async () => {
    const wb = await sampleWorkbook();
    const r = runOnWorkbook(wb, (s) => attachmentsPlan(s));
    expect(r.summary).toMatch(/个公式单元格尚未计算，请先点“计算”再生成附表/);
  });
});

describe("sheet names", () => {
  test("forbidden characters replaced, long names shortened with …, at most 31 characters", () => {
    expect(cleanSheetName("a/b:c*d?e[f]g\\h")).toBe("a／b：c＊d？e【f】g＼h");
    expect(sheetName("附件{n} 项目（{name}）", 12, "一二三四五六七八九十一二三四五六七八九十一二三四五").name).toBe(
      "附件12 项目（一二三四五六七八九十一二三四五六七八九十一…）",
    );
    expect([...sheetName("附件{n} 项目（{name}）", 12, "x".repeat(40), "(2)").name].length).toBe(31);
  });

  test("no input sheets: nothing generated", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = 1;
    const r = runOnWorkbook(wb, (s) => attachmentsPlan(s));
    expect(r.sheets).toEqual([]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sheet1"]);
  });
});
