import { CellChanges, patchedModel, readWorkbook, sheetsNeededWhole } from "../../src/core/reader";
import { fillWorkbook } from "../../src/core/fill";
import { checkWorkbook } from "../../src/core/check/check";
import type { WorkbookModel } from "../../src/core/model";
import { modelView } from "../support/model-view";
import { cellRef } from "../../src/core/address";
import { clone, find, insertColumn, insertRow, setCell, setValue, sheetOf, swapRows } from "../support/snapshot-edit";
import { loadSample, projection, seedData, snapshot, workbookFrom } from "../support/workbooks";
import { sameCellValue, snapshotCell, type WorkbookSnapshot } from "../../src/core/snapshot";
import { applyPlanToSnapshot } from "../proof/snapshot-plan";

let base: WorkbookSnapshot;

beforeAll(async () => {
  base = snapshot(await loadSample());
});

const read = (s: WorkbookSnapshot) => readWorkbook(s);

describe("reader: the sample", () => {
  it("finds every input table and the seed's figures", () => {
    const m = read(base);
    expect(m.year).toBe(2020);
    expect(m.unitName).toBe("湖南省就业服务中心");
    const budget = m.tables.get("budget")![0];
    expect(budget.rowByKey.get("basic")!.cells.get("total")!.value!.toString()).toBe("1273.97");
    const fund = m.tables.get("fund")!;
    expect(fund).toHaveLength(1);
    expect(fund[0].name).toBe("失业保险基金");
    expect(fund[0].scope).toBe("省本级");
    expect(fund[0].rowByKey.get("closing")!.cells.get("actual")!.value!.toString()).toBe("226379.16");
    const projects = m.tables.get("projects")![0];
    expect(projects.rows.map((r) => r.label)).toEqual(["运行维护经费", "办公设备购置", "普惠金融发展专项资金", "就业资金", "合计"]);
    expect(m.tables.get("expense")![0].rows).toHaveLength(22);
    expect(m.issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("reader: by labels, not addresses", () => {
  it("reads the same model after rows and columns are inserted", () => {
    const s = clone(base);
    const budget = sheetOf(s, "预算执行");
    const basic = find(budget, "基本支出");
    insertRow(budget, basic.row); // a blank row inside the table
    insertRow(budget, 0); // a row above the title
    insertColumn(budget, 0); // a column before the labels
    insertColumn(budget, 3); // a column between two value columns
    const fund = sheetOf(s, "社保基金");
    insertColumn(fund, 2);
    expect(projection(read(s))).toEqual(projection(read(base)));
  });

  it("reads the same model after rows are reordered", () => {
    const s = clone(base);
    const sg = sheetOf(s, "三公经费");
    swapRows(sg, find(sg, "因公出国（境）费用").row, find(sg, "公务接待费").row);
    const budget = sheetOf(s, "预算执行");
    swapRows(budget, find(budget, "基本支出").row, find(budget, "项目支出").row);
    const fund = sheetOf(s, "社保基金");
    swapRows(fund, find(fund, "利息收入").row, find(fund, "下级上解收入").row);
    expect(projection(read(s))).toEqual(projection(read(base)));
  });

  it.each([
    ["三公经费", "公务接待费", "2、公务接待费："],
    ["三公经费", "公务接待费", "（二）公务 接待费"],
    ["三公经费", "公务用车购置及运行费", "3、公务用车购置和维护经费"],
    ["三公经费", "公务用车购置费", "其中：公车购置"],
    ["三公经费", "因公出国（境）费用", "1、因公出国(境)费用"],
    ["预算执行", "基本支出", "一、基本支出"],
    ["预算执行", "全年预算数", "调整后预算数"],
    ["预算执行", "全年执行数", "本年实际支出："],
    ["社保基金", "失业保险费收入", "１、失业保险费收入"],
    ["社保基金", "本年收支结余", "三、本年收支结余"],
    ["基本信息", "实有在编在职人数", "实际在职人数："],
    ["支出明细", "基本支出", "基本支出（万元）"],
  ])("on %s, “%s” written as “%s”", (sheetName, label, variant) => {
    const s = clone(base);
    const sheet = sheetOf(s, sheetName);
    const at = find(sheet, label);
    setValue(sheet, at.row, at.col, variant);
    const edited = projection(read(s));
    const original = projection(read(base));
    expect(edited).toEqual(original);
  });

  it("reads an added project and an added fund", () => {
    const data = seedData();
    data.projects![0].rows.splice(1, 0, {
      label: "新增项目",
      values: { category: "业务工作专项", evaluate: "是", inTotal: "是", annualFiscal: 12, spentFiscal: 10 },
    });
    data.fund!.push({
      name: "工伤保险基金",
      scope: "省本级",
      rows: [{ key: "inPremium", values: { budget: 100, actual: 90 } }],
    });
    const m = read(snapshot(workbookFrom(data)));
    const projects = m.tables.get("projects")![0];
    expect(projects.rowByKey.get("item:新增项目")!.cells.get("annualFiscal")!.value!.toString()).toBe("12");
    const funds = m.tables.get("fund")!;
    expect(funds.map((f) => f.name)).toEqual(["失业保险基金", "工伤保险基金"]);
    expect(funds[1].rowByKey.get("inPremium")!.cells.get("actual")!.value!.toString()).toBe("90");
  });
});

describe("reader: where a table ends", () => {
  const withProjectNamed = (label: string, values: Record<string, string | number>) => {
    const data = seedData();
    data.projects![0].rows.splice(1, 0, { label, values });
    return read(snapshot(workbookFrom(data))).tables.get("projects")![0];
  };

  it("reads on past a project named like another table's title, its row holding more than the name", () => {
    const projects = withProjectNamed("三公经费", { category: "业务工作专项", evaluate: "是", inTotal: "是", annualFiscal: 12 });
    expect(projects.rowByKey.get("item:三公经费")!.cells.get("annualFiscal")!.value!.toString()).toBe("12");
    expect(projects.rows.map((r) => r.label)).toContain("就业资金");
  });

  it("ends at a row holding another table's title alone", () => {
    const projects = withProjectNamed("三公经费", {});
    expect(projects.rows.map((r) => r.label)).toEqual(["运行维护经费"]);
  });
});

describe("reader: numbers typed as text", () => {
  it.each([
    ["1,273.97", "1273.97"],
    ["１２７３．９７", "1273.97"],
    ["(0.61)", "-0.61"],
    ["−0.61", "-0.61"],
  ])("reads %p as %s and remembers it was text", (text, value) => {
    const s = clone(base);
    const budget = sheetOf(s, "预算执行");
    const basic = find(budget, "基本支出");
    const col = find(budget, "全年预算数").col;
    setValue(budget, basic.row, col, text);
    const cell = read(s).tables.get("budget")![0].rowByKey.get("basic")!.cells.get("total")!;
    expect(cell.value!.toString()).toBe(value);
    expect(cell.typedAsText).toBe(true);
  });

  it("reads a percentage typed as text as a fraction", () => {
    const s = clone(base);
    const sg = sheetOf(s, "三公经费");
    const row = find(sg, "公务接待费").row;
    const col = find(sg, "增减幅度").col;
    setValue(sg, row, col, "-15.44%");
    const cell = read(s).tables.get("sangong")![0].rowByKey.get("reception")!.cells.get("changeRate")!;
    expect(cell.value!.toString()).toBe("-0.1544");
    expect(cell.typedAsText).toBe(true);
    expect(cell.typedDecimals).toBe(4);
  });

  it("reports text that is not a number, naming sheet and cell", () => {
    const s = clone(base);
    const budget = sheetOf(s, "预算执行");
    const row = find(budget, "基本支出").row;
    const col = find(budget, "年初预算数").col;
    setValue(budget, row, col, "九百六十九");
    const issues = read(s).issues.filter((i) => i.code === "notANumber");
    expect(issues).toHaveLength(1);
    expect(issues[0].sheet).toBe("预算执行");
    expect(issues[0].cells).toEqual([cellRef(row, col)]);
    expect(issues[0].message).toContain(`预算执行!${cellRef(row, col)}`);
  });
});

describe("reader: units", () => {
  /**
   * A copy of the sample whose sheet says `line` where it says 单位：万元 (null: says nothing), with `value` in the cell
   * of `rowLabel` and `colLabel`.
   */
  function withUnitLine(sheetName: string, line: string | null, rowLabel: string, colLabel: string, value: string | number) {
    const s = clone(base);
    const sheet = sheetOf(s, sheetName);
    const unit = find(sheet, "单位：万元");
    setValue(sheet, unit.row, unit.col, line);
    const row = find(sheet, rowLabel).row;
    const col = find(sheet, colLabel).col;
    setValue(sheet, row, col, value);
    return { s, ref: cellRef(row, col) };
  }

  it.each(["单位：元", "金额单位:元", "计量单位： 元", "金额计量单位：元"])("reads a sheet in 元 (%s) and scales it to 万元", (line) => {
    const { s } = withUnitLine("预算执行", line, "基本支出", "全年预算数", 12739700);
    const cell = read(s).tables.get("budget")![0].rowByKey.get("basic")!.cells.get("total")!;
    expect(cell.value!.toString()).toBe("1273.97");
    expect(cell.raw!.toString()).toBe("12739700");
  });

  it("a read that reuses an earlier read's cells reads them again once the unit changed", () => {
    // A figure under a merge is read at once (its issue is reported), so a later read may reuse it when nothing it
    // depends on changed; here the sheet's unit did.
    const { s } = withUnitLine("预算执行", "单位：万元", "基本支出", "全年预算数", 12739700);
    const sheet = sheetOf(s, "预算执行");
    const row = find(sheet, "基本支出").row;
    const col = find(sheet, "全年预算数").col;
    sheet.merges = [...(sheet.merges ?? []), `${cellRef(row, col - 1)}:${cellRef(row, col)}`];
    const before = readWorkbook(s);
    expect(before.tables.get("budget")![0].rowByKey.get("basic")!.cells.peek("total")?.value?.toString()).toBe("12739700");
    const after = clone(s);
    const afterSheet = sheetOf(after, "预算执行");
    const unit = find(afterSheet, "单位：万元");
    setValue(afterSheet, unit.row, unit.col, "单位：元");
    const reread = readWorkbook(after, before);
    expect(reread.tables.get("budget")![0].rowByKey.get("basic")!.cells.get("total")!.value!.toString()).toBe("1273.97");
    expect(modelView(reread)).toEqual(modelView(readWorkbook(after)));
  });

  it.each([
    ["33400元", "单位：万元", true],
    ["3.34万元", "单位：万元", false],
    ["3.34万元", "单位：元", true],
    ["33400元", "单位：元", false],
  ])("an amount typed as text, %s, in a table of %s: a unit other than the table's is reported with its cell", (text, line, reported) => {
    const { s, ref } = withUnitLine("三公经费", line, "公务接待费", "本年支出", text);
    const m = read(s);
    const issues = m.issues.filter((i) => i.code === "textUnitMismatch");
    if (reported) {
      expect(issues).toHaveLength(1);
      expect(issues[0].cells).toEqual([ref]);
      expect(issues[0].message).toContain(`三公经费!${ref}`);
      expect(issues[0].message).toContain(text);
    } else expect(issues).toEqual([]);
    // Read in the table's unit either way: the number as typed.
    expect(m.tables.get("sangong")![0].rowByKey.get("reception")!.cells.get("current")!.raw!.toString()).toBe(text.replace(/万?元$/, ""));
  });

  it("reads a workbook whose 金额单位 is 元", () => {
    const { s } = withUnitLine("三公经费", null, "公务接待费", "本年支出", 33400);
    const info = sheetOf(s, "基本信息");
    const at = find(info, "金额单位");
    setValue(info, at.row, at.col + 1, "元");
    const m = read(s);
    expect(m.tables.get("sangong")![0].rowByKey.get("reception")!.cells.get("current")!.value!.toString()).toBe("3.34");
  });
});

describe("reader: what cannot be read is reported", () => {
  it("a missing sheet", () => {
    const s = clone(base);
    s.sheets = s.sheets.filter((x) => x.name !== "三公经费");
    const m = read(s);
    expect(m.tables.has("sangong")).toBe(false);
    const issue = m.issues.find((i) => i.code === "sheetMissing" && i.sheet === "三公经费");
    expect(issue?.message).toContain("三公经费");
  });

  it("a sheet renamed but still holding its table is found by its header", () => {
    const s = clone(base);
    sheetOf(s, "三公经费").name = "Sheet3";
    const m = read(s);
    expect(m.tables.get("sangong")![0].sheet).toBe("Sheet3");
    expect(projection(m)["sangong#0"]).toEqual(projection(read(base))["sangong#0"]);
  });

  it("a missing row label", () => {
    const s = clone(base);
    const sg = sheetOf(s, "三公经费");
    const at = find(sg, "公务接待费");
    setValue(sg, at.row, at.col, "招待相关");
    const m = read(s);
    expect(m.tables.get("sangong")![0].rowByKey.has("reception")).toBe(false);
    expect(m.issues.some((i) => i.code === "rowMissing" && i.message.includes("公务接待费"))).toBe(true);
    expect(m.issues.some((i) => i.code === "rowUnknown" && i.cells[0] === cellRef(at.row, at.col))).toBe(true);
  });

  it("a missing column header", () => {
    const s = clone(base);
    const budget = sheetOf(s, "预算执行");
    const at = find(budget, "上年结转");
    setValue(budget, at.row, at.col, "备注");
    const m = read(s);
    expect(m.tables.get("budget")![0].columns.has("carry")).toBe(false);
    expect(m.issues.some((i) => i.code === "columnMissing" && i.message.includes("上年结转"))).toBe(true);
  });

  it("an Excel error value", () => {
    const s = clone(base);
    const budget = sheetOf(s, "预算执行");
    const row = find(budget, "基本支出").row;
    const col = find(budget, "年初预算数").col;
    setValue(budget, row, col, { error: "#REF!" });
    const issues = read(s).issues.filter((i) => i.code === "errorValue");
    expect(issues.map((i) => i.cells[0])).toEqual([cellRef(row, col)]);
  });

  it("a date in an amount cell", () => {
    const s = clone(base);
    const budget = sheetOf(s, "预算执行");
    const row = find(budget, "基本支出").row;
    const col = find(budget, "年初预算数").col;
    setCell(budget, cellRef(row, col), 44197, "yyyy-mm-dd");
    expect(read(s).issues.some((i) => i.code === "dateInAmount" && i.cells[0] === cellRef(row, col))).toBe(true);
  });

  it("an empty workbook reads as no tables, with the missing tables named", () => {
    const m = read({ sheets: [{ name: "Sheet1", visibility: "visible", originRow: 0, originCol: 0, values: [], formulas: [], numberFormats: [] }] });
    expect(m.tables.size).toBe(0);
    expect(m.issues.filter((i) => i.code === "sheetMissing").length).toBeGreaterThan(5);
  });
});

describe("reader: cells left unread until asked for", () => {
  it("leaves a blank or a plain number unread and reads it as its table does when asked; reads at once every cell that reports", () => {
    const s = clone(base);
    const sheet = sheetOf(s, "预算执行");
    const before = read(s).tables.get("budget")![0];
    const at = (key: string) => ({ row: before.rowByKey.get("basic")!.row, col: before.columns.get(key)! });
    const set = (key: string, value: string | number | { error: string }, format: string | null = null, formula: string | null = null) => {
      const { row, col } = at(key);
      setCell(sheet, cellRef(row, col), value, format);
      sheet.formulas[row - sheet.originRow][col - sheet.originCol] = formula;
    };
    set("initial", "1,000.50");
    set("carry", { error: "#REF!" });
    set("adjust", 44197, "yyyy-mm-dd");
    set("spent", 12, null, "=[1]Sheet1!A1");
    sheet.merges = [...(sheet.merges ?? []), `${cellRef(at("balance").row, at("balance").col - 1)}:${cellRef(at("balance").row, at("balance").col)}`];
    const m = read(s);
    const basic = m.tables.get("budget")![0].rowByKey.get("basic")!.cells;
    for (const key of ["initial", "carry", "adjust", "spent", "balance"]) expect([key, basic.peek(key)]).toEqual([key, expect.anything()]);
    expect(basic.peek("total")).toBeUndefined();
    expect(m.issues.map((i) => i.code)).toEqual(expect.arrayContaining(["errorValue", "dateInAmount", "externalLink", "mergedInput"]));
    expect(basic.get("initial")!.typedAsText).toBe(true);
    // Read when asked: the figure in the table's unit, and the same cell each time.
    const total = basic.get("total")!;
    expect(basic.get("total")).toBe(total);
    expect(total.ref).toBe(cellRef(at("total").row, at("total").col));
    expect(total.original).toBe(sheet.values[at("total").row - sheet.originRow][at("total").col - sheet.originCol]);
    expect(total.value!.toString()).toBe(before.rowByKey.get("basic")!.cells.get("total")!.value!.toString());
  });

  it("leaves a text in a column of texts unread and reads it as readCell does; a text in a figure column is read at once", () => {
    const s = clone(base);
    const sheet = sheetOf(s, "项目");
    const projects = read(s).tables.get("projects")![0];
    const first = projects.rows[0];
    const at = (key: string) => ({ row: first.row, col: projects.columns.get(key)! });
    const set = (key: string, value: string) => setCell(sheet, cellRef(at(key).row, at(key).col), value, null);
    set("category", "  专项业务类 ");
    set("evaluate", "无");
    set("inTotal", "   ");
    set("annualFiscal", "12.5");
    const m = read(s);
    const cells = m.tables.get("projects")![0].rowByKey.get(first.key)!.cells;
    for (const key of ["category", "evaluate", "inTotal"]) expect([key, cells.peek(key)]).toEqual([key, undefined]);
    expect(cells.peek("annualFiscal")?.typedAsText).toBe(true);
    const category = cells.get("category")!;
    expect([category.text, category.noneMark, category.raw, category.ref]).toEqual(["专项业务类", false, null, cellRef(at("category").row, at("category").col)]);
    expect(category.original).toBe("  专项业务类 ");
    expect([cells.get("evaluate")!.text, cells.get("evaluate")!.noneMark]).toEqual(["无", true]);
    expect([cells.get("inTotal")!.text, cells.get("inTotal")!.raw]).toEqual([null, null]);
    // Every project's category as the snapshot holds it, trimmed.
    const col = projects.columns.get("category")! - sheet.originCol;
    const texts = m.tables.get("projects")![0].rows.map((r) => r.cells.get("category")?.text ?? null);
    expect(texts).toEqual(projects.rows.map((r) => {
      const v = sheet.values[r.row - sheet.originRow][col];
      return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
    }));
  });

  function unreadShare(model: WorkbookModel): number {
    let unread = 0;
    let cells = 0;
    for (const tables of model.tables.values()) {
      for (const t of tables) {
        for (const row of t.rows) {
          for (const key of t.columns.keys()) {
            cells++;
            if (row.cells.peek(key) === undefined) unread++;
          }
        }
      }
    }
    return unread / cells;
  }

  it("计算 reads the tables' figures from the workbook, leaving most of the model's cells unread", () => {
    expect(unreadShare(fillWorkbook(base).model)).toBeGreaterThan(0.6);
  });

  it("审核 looks at the figures it works out without keeping them read in the model", () => {
    // The sample's rules name some cells, which stay read; a checker keeping what it looks at leaves a third unread.
    expect(unreadShare(checkWorkbook(base).model)).toBeGreaterThan(0.45);
  });
});

describe("reader: sheets needed whole", () => {
  it("are the registry, the tables' home sheets and any sheet a table was found on; not another sheet of the user's", () => {
    const s = clone(base);
    sheetOf(s, "项目").name = "我的项目表";
    expect(read(s).tables.get("projects")![0].sheet).toBe("我的项目表");
    s.sheets.push({ name: "草稿", visibility: "visible", originRow: 0, originCol: 0, values: [["备忘"]], formulas: [[null]], numberFormats: [[null]] });
    const partly = ["草稿", "我的项目表", "_selfeval", "预算执行", "预算执行情况", "附件1 部门整体支出绩效自评基础数据表"];
    expect(sheetsNeededWhole(s, partly)).toEqual(["我的项目表", "_selfeval", "预算执行", "预算执行情况"]);
    expect(sheetsNeededWhole(s, [])).toEqual([]);
  });
});

describe("reader: a model patched where cells changed", () => {
  it("reads a fund block's scope afresh when a changed figure sits on the row its scope is taken from", () => {
    const s = clone(base);
    const fund = sheetOf(s, "社保基金");
    // A second block right below the first, without its name row: its scope is looked for in the rows above its header,
    // and found on the first block's line labelled 口径 (a row of the first block: a scope label does not end it).
    for (const grid of [fund.values, fund.formulas, fund.numberFormats] as unknown[][][]) {
      for (let r = 4; r < 28; r++) grid.push([...(grid[r] ?? [])]);
    }
    setValue(fund, 24, 0, "口径");
    const before = readWorkbook(s);
    expect(before.tables.get("fund")![0].rowByKey.has("exExtra:口径")).toBe(true);
    expect(before.tables.get("fund")![1].scope).toBe("4000");
    const after = clone(s);
    setValue(sheetOf(after, "社保基金"), 24, 1, 5000);
    const viewBefore = modelView(before);
    expect(patchedModel(after, before, CellChanges.of([{ sheet: "社保基金", row: 24, col: 1 }]))).toBeNull();
    // Declined, it changed nothing of the model it was given.
    expect(modelView(before)).toEqual(viewBefore);
    expect(readWorkbook(after).tables.get("fund")![1].scope).toBe("5000");
    // Another figure of that block is patched, and reads as a fresh read does.
    const other = clone(s);
    setValue(sheetOf(other, "社保基金"), 22, 2, 24751);
    const patched = patchedModel(other, before, CellChanges.of([{ sheet: "社保基金", row: 22, col: 2 }]));
    expect(patched).not.toBeNull();
    expect(modelView(patched!)).toEqual(modelView(readWorkbook(other)));
  });

  it("patches 计算's writes given in any order as a fresh read reads them, and declines a change outside every table", () => {
    const before = readWorkbook(base);
    const filled = clone(base);
    applyPlanToSnapshot(filled, fillWorkbook(base).plan);
    // The cells whose value or formula 计算 changed (the sheets' origins may move when written).
    const changes = filled.sheets.flatMap((sheet) => {
      const was = sheetOf(base, sheet.name);
      const out: { sheet: string; row: number; col: number }[] = [];
      sheet.values.forEach((cells, r) =>
        cells.forEach((_, c) => {
          const [row, col] = [sheet.originRow + r, sheet.originCol + c];
          const [now, then] = [snapshotCell(sheet, row, col), snapshotCell(was, row, col)];
          if (!sameCellValue(now.value, then.value) || now.formula !== then.formula) out.push({ sheet: sheet.name, row, col });
        }),
      );
      return out;
    });
    expect(changes.length).toBeGreaterThan(100);
    const fresh = modelView(readWorkbook(filled));
    // In row order, as the step cache finds them; reversed; and the sheets interleaved.
    const interleaved = [...changes].sort((a, b) => (a.row % 7) - (b.row % 7) || a.col - b.col);
    for (const order of [changes, [...changes].reverse(), interleaved]) {
      const earlier = readWorkbook(base);
      const patched = patchedModel(filled, earlier, CellChanges.of(order));
      expect(patched).not.toBeNull();
      expect(modelView(patched!)).toEqual(fresh);
      // In place: the tables are the earlier model's, brought up to the filled workbook, no row copied.
      expect(patched!.tables).toBe(earlier.tables);
      expect(modelView(earlier).tables).toEqual(fresh.tables);
    }
    // A figure typed far below every table is no table's cell: the workbook is read afresh.
    const below = clone(filled);
    const sheet = sheetOf(below, "项目");
    const row = sheet.originRow + sheet.values.length + 5;
    setCell(sheet, cellRef(row, sheet.originCol + 2), 7);
    expect(patchedModel(below, before, CellChanges.of([...changes, { sheet: "项目", row, col: sheet.originCol + 2 }]))).toBeNull();
  });

  it("reads afresh when a changed cell is a setting or the year, which the whole model depends on", () => {
    const before = readWorkbook(base);
    for (const [table, row] of [["settings", "overAchievement"], ["info", "year"]] as const) {
      const cell = before.tables.get(table)![0].rowByKey.get(row)!.cells.get("value")!;
      const after = clone(base);
      const sheet = sheetOf(after, cell.sheet);
      setValue(sheet, cell.row, cell.col, Number(cell.original) + 1);
      const viewBefore = modelView(before);
      expect(patchedModel(after, before, CellChanges.of([{ sheet: cell.sheet, row: cell.row, col: cell.col }]))).toBeNull();
      expect(modelView(before)).toEqual(viewBefore);
    }
  });
});
