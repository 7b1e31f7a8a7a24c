import Decimal from "decimal.js";
import { fillWorkbook } from "../../src/core/fill";
import { computeDerived, derivations } from "../../src/core/derive";
import { readWorkbook } from "../../src/core/reader";
import { clone, find, setValue, sheetOf } from "../support/snapshot-edit";
import { fill, loadSample, seedData, snapshot, valueAt, workbookFrom } from "../support/workbooks";
import type ExcelJS from "exceljs";
import type { WorkbookSnapshot } from "../../src/core/snapshot";

/** The value the engine cached for a derived cell of the filled sample, by table/row/column. */
function derivedValue(wb: ExcelJS.Workbook, table: string, rowKey: string, colKey: string, index = 0): unknown {
  const m = readWorkbook(snapshot(wb));
  const t = m.tables.get(table as never)![index];
  const cell = t.rowByKey.get(rowKey)!.cells.get(colKey)!;
  return valueAt(wb, cell.sheet, cell.ref);
}

const cents = (v: unknown) => new Decimal(v as number).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const pct = (v: unknown) => new Decimal(v as number).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

describe("fill: the sample's derived figures against seed-arithmetic.md", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await loadSample();
    fill(wb);
  });

  it.each([
    ["budget", "basic", "rate", pct, "99.83"], // B2
    ["budget", "basic", "balance", cents, "2.16"], // B3
    ["budget", "project", "rate", pct, "81.57"], // D4
    ["budget", "total", "total", cents, "1736.08"], // E1
    ["budget", "total", "spent", cents, "1648.75"], // E2
    ["budget", "total", "rate", pct, "94.97"], // E3
    ["budget", "total", "balance", cents, "87.33"], // E4
    ["budget", "total", "initial", cents, "977.83"], // E5
    ["budget", "total", "carry", cents, "187.21"],
    ["budget", "total", "adjust", cents, "571.04"],
    ["info", "staffControlRate", "value", pct, "86.79"], // A1
    ["projects", "item:就业资金", "rate", pct, "96.10"], // D7
    ["projects", "item:就业资金", "score", cents, "9.61"],
    ["projects", "item:运行维护经费", "rate", pct, "97.27"],
    ["projects", "item:普惠金融发展专项资金", "rate", pct, "0.00"],
    ["projects", "total", "rate", pct, "81.57"],
    ["fund", "inPremium", "rate", pct, "87.47"], // F10
    ["fund", "inInterest", "rate", pct, "101.12"],
    ["fund", "inOther", "rate", pct, "2113.33"],
    ["fund", "inLower", "rate", pct, "108.27"],
    ["fund", "exBenefit", "rate", pct, "113.61"], // F11
    ["fund", "exStable", "rate", pct, "181.09"],
    ["fund", "exSkill", "rate", pct, "208.45"],
    ["fund", "exCosts", "rate", pct, "449.49"],
    ["fund", "exOther", "rate", pct, "77.68"],
    ["fund", "exLower", "rate", pct, "129.24"],
    ["fund", "exUpper", "rate", pct, "100.61"],
    ["fund", "exTraining", "rate", pct, "0.00"],
    ["fund", "surplus", "budget", cents, "8432.27"], // F9
    ["basics", "proj", "budget", cents, "462.11"],
    ["basics", "proj", "actual", cents, "376.94"],
    ["basics", "sg", "prevActual", cents, "3.95"],
    ["basics", "sg", "budget", cents, "11.00"],
    ["basics", "sg", "actual", cents, "3.34"],
    ["basics", "adjust", "budget", cents, "977.83"],
    ["basics", "adjust", "actual", cents, "1736.08"],
    ["expense", "item:商品和服务支出", "total", cents, "531.24"],
    ["sangong", "car", "change", cents, "0.00"],
  ])("%s %s %s", (table, row, col, show, expected) => {
    expect(show(derivedValue(wb, table, row, col))).toBe(expected);
  });

  it("keeps blank what depends on a blank, and never shows #DIV/0!", () => {
    const blankFormula = (table: string, row: string, col: string) => {
      const m = readWorkbook(snapshot(wb));
      const cell = m.tables.get(table as never)![0].rowByKey.get(row)!.cells.get(col)!;
      expect(cell.formula).toMatch(/^=IF\(/);
      expect([null, ""]).toContain(valueAt(wb, cell.sheet, cell.ref));
    };
    // 公务用车 0 → 0: the change rate is undefined and stays blank.
    blankFormula("sangong", "car", "changeRate");
    // 2020 三公 budget has no breakdown: the 公车 budget stays blank.
    blankFormula("sangong", "car", "budget");
    // The fund's opening balance has no budget figure: neither has the closing balance.
    blankFormula("fund", "closing", "budget");
    // 办公设备购置 has no budget: no 执行率, no score.
    blankFormula("projects", "item:办公设备购置", "rate");
    blankFormula("projects", "item:办公设备购置", "score");
  });

  it("recomputes the figures the seed states, to the cent", () => {
    const s = snapshot(wb);
    const m = readWorkbook(s);
    const pure = computeDerived(s, derivations(m), "pure", m.settings);
    const at = (table: string, row: string, col: string) => {
      const cell = m.tables.get(table as never)![0].rowByKey.get(row)!.cells.get(col)!;
      return pure.get(`${cell.sheet}!${cell.ref}`) as Decimal;
    };
    expect(at("sangong", "reception", "changeRate").times(100).toFixed(2)).toBe("-15.44"); // C4
    expect(at("fund", "incomeTotal", "rate").times(100).toFixed(2)).toBe("96.85"); // F3
    expect(at("fund", "expenseTotal", "rate").times(100).toFixed(2)).toBe("126.74"); // F6
    expect(at("fund", "surplus", "actual").toFixed(2)).toBe("-282.51"); // F7
    expect(at("fund", "closing", "actual").toFixed(2)).toBe("226379.16"); // F8
    expect(at("expense", "item:对个人和家庭的补助", "basicShare").times(100).toFixed(2)).toBe("13.13"); // B9
    expect(at("expense", "item:工资福利支出", "basicShare").times(100).toFixed(2)).toBe("74.39"); // B7
    expect(at("budget", "basic", "total").toFixed(2)).toBe("1273.97"); // B1
    expect(at("projects", "total", "balance").toFixed(2)).toBe("85.17"); // D3
  });
});

describe("fill: nothing the user typed changes", () => {
  function cells(s: WorkbookSnapshot): Map<string, string> {
    const out = new Map<string, string>();
    for (const sheet of s.sheets) {
      sheet.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const f = sheet.formulas[r]?.[c];
          out.set(`${sheet.name}!${r + sheet.originRow},${c + sheet.originCol}`, JSON.stringify([v, f, sheet.numberFormats[r]?.[c]]));
        }),
      );
    }
    return out;
  }

  it("leaves every non-derived cell of the sample identical", async () => {
    const wb = await loadSample();
    const before = cells(snapshot(wb));
    const result = fill(wb);
    const after = cells(snapshot(wb));
    const written = new Set(result.written);
    let compared = 0;
    for (const [key, value] of before) {
      const [sheet, pos] = key.split("!");
      const [r, c] = pos.split(",").map(Number);
      const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
      if (written.has(`${sheet}!${ref}`)) continue;
      expect([key, after.get(key)]).toEqual([key, value]);
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
    expect(result.kept.length).toBeGreaterThan(30);
  });

  it("leaves a typed value and a user formula in a derived cell alone", async () => {
    const wb = await loadSample();
    const ws = wb.getWorksheet("预算执行")!;
    const m = readWorkbook(snapshot(wb));
    const b = m.tables.get("budget")![0];
    const rateRef = b.rowByKey.get("project")!.cells.get("rate")!.ref;
    const balanceRef = b.rowByKey.get("basic")!.cells.get("balance")!.ref;
    ws.getCell(rateRef).value = 0.8157;
    ws.getCell(balanceRef).value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    const result = fill(wb);
    expect(ws.getCell(rateRef).value).toBe(0.8157);
    expect(ws.getCell(balanceRef).value).toEqual({ formula: "1+1", result: 2 });
    expect(result.kept).toEqual(expect.arrayContaining([`预算执行!${rateRef}`, `预算执行!${balanceRef}`]));
    // The plan's arrays, made at the length counted before the cells were kept, hold every write and nothing else.
    const writes = result.plan.sheets.flatMap((sp) => [...sp.cells]);
    expect(writes.every((w) => w !== undefined && typeof w.ref === "string")).toBe(true);
    expect(writes.length).toBe(result.written.length);
    expect(writes.map((w) => `${result.plan.sheets.find((sp) => sp.cells.includes(w))!.name}!${w.ref}`).sort()).toEqual([...result.written].sort());
  });

  it("is idempotent and updates its own formulas when a setting changes", async () => {
    const wb = await loadSample();
    fill(wb);
    const once = JSON.stringify(snapshot(wb));
    const again = fill(wb);
    expect(JSON.stringify(snapshot(wb))).toBe(once);
    expect(again.kept.length).toBeLessThan(60);
    // Switch the zero-division setting to "—": 0→0 change rates now show a dash, through our own formulas.
    const settings = wb.getWorksheet("设置")!;
    const m = readWorkbook(snapshot(wb));
    const cell = m.tables.get("settings")![0].rowByKey.get("zeroDivision")!.cells.get("value")!;
    settings.getCell(cell.ref).value = "—";
    fill(wb);
    expect(derivedValue(wb, "sangong", "car", "changeRate")).toBe("—");
  });
});


describe("fill: settings", () => {
  it("scores over-execution by deviation when asked", () => {
    const data = seedData();
    data.projects![0].rows = [
      { label: "超支项目", values: { category: "其他", evaluate: "是", inTotal: "是", annualFiscal: 100, spentFiscal: 120 } },
    ];
    data.settings = [{ rows: [{ key: "overExecution", values: { value: "按偏离度扣分（|1−执行率|）" } }] }];
    const wb = workbookFrom(data);
    fill(wb);
    expect(derivedValue(wb, "projects", "item:超支项目", "rate")).toBeCloseTo(1.2, 12);
    expect(derivedValue(wb, "projects", "item:超支项目", "score")).toBe(8);
  });

  it("caps the score at the weight by default", () => {
    const data = seedData();
    data.projects![0].rows = [
      { label: "超支项目", values: { category: "其他", evaluate: "是", inTotal: "是", annualFiscal: 100, spentFiscal: 120 } },
    ];
    const wb = workbookFrom(data);
    fill(wb);
    expect(derivedValue(wb, "projects", "item:超支项目", "score")).toBe(10);
  });

  it("reports the missing inputs of fixed rows, naming sheet, cell and label", async () => {
    const wb = await loadSample();
    const result = fill(wb);
    expect(result.missingInputs.some((m) => m.startsWith("三公经费!") && m.includes("公务接待费/年初预算数"))).toBe(true);
    expect(result.summary).toContain("缺少输入");
  });

  it("writes nothing into a blank template but the formulas, and says what is missing", () => {
    const wb = workbookFrom({});
    const s = snapshot(wb);
    const result = fillWorkbook(s);
    expect(result.written.length).toBeGreaterThan(50);
    for (const sheet of result.plan.sheets) {
      for (const w of sheet.cells) {
        if (sheet.name !== "_selfeval") expect(w.formula).toBeDefined();
      }
    }
    const edited = clone(s);
    const budget = sheetOf(edited, "预算执行");
    const at = find(budget, "基本支出");
    setValue(budget, at.row, at.col + 1, 10);
    expect(fillWorkbook(edited).missingInputs.some((m) => m.includes("基本支出/上年结转"))).toBe(true);
  });
});
