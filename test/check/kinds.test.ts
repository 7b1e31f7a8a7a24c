/** Each rule kind on a passing workbook (the sample) and a failing one (the sample with one edit). */
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { cellRightOf, check, clone, findingsAt, sampleSnapshot, setCell } from "./helpers";

let base: WorkbookSnapshot;
beforeAll(async () => {
  base = await sampleSnapshot(true);
});

function edited(...edits: [string, unknown, string?][]): WorkbookSnapshot {
  const s = clone(base);
  for (const [address, value, format] of edits) setCell(s, address, value as never, format);
  return s;
}

function ruleAt(s: WorkbookSnapshot, address: string): string[] {
  return findingsAt(check(s), address).map((f) => `${f.severity} ${f.ruleId}`);
}

/** Ignores the note that a typed value replaced our formula (every edit of a formula cell gets it). */
function ruleAtTyped(s: WorkbookSnapshot, address: string): string[] {
  return ruleAt(s, address).filter((r) => r !== "info cell.typedConstant");
}

/** Row of a label on a sheet (1-based), for list rows. */
function rowOf(s: WorkbookSnapshot, sheet: string, label: string): number {
  const sh = s.sheets.find((x) => x.name === sheet)!;
  const r = sh.values.findIndex((row) => row.includes(label));
  if (r < 0) throw new Error(label);
  return sh.originRow + r + 1;
}

describe("passing workbook", () => {
  it("the sample after 计算 has no error of any kind", () => {
    expect(check(base).findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("failing workbooks", () => {
  it("sum: a class that is not the sum of its items", () => {
    expect(ruleAt(edited(["支出明细!C6", 160]), "支出明细!C6")).toContain("error expense.classSum");
  });
  it("sum: fund totals", () => {
    expect(ruleAt(edited(["社保基金!C14", 35826.56]), "社保基金!C14")).toContain("error fund.expenseSum");
  });
  it("identity: 全年预算 = 年初 + 结转 + 调整", () => {
    expect(ruleAt(edited(["预算执行!E5", 1275]), "预算执行!E5")).toEqual(["error budget.identity"]);
  });
  it("balance: 结余 = 全年预算 − 执行", () => {
    expect(ruleAt(edited(["预算执行!G6", 85]), "预算执行!G6")).toEqual(["error budget.balance"]);
  });
  it("roll-forward: 年末 = 年初 + 结余 and 结余 = 收 − 支", () => {
    expect(ruleAt(edited(["社保基金!C28", 226379]), "社保基金!C28")).toEqual(["error fund.closing"]);
    expect(ruleAt(edited(["社保基金!C26", -282]), "社保基金!C26")).toContain("error fund.surplus");
  });
  it("derived: a typed 同比 and a typed 执行率 vs recomputation", () => {
    expect(ruleAt(edited(["三公经费!F6", -0.17, "0.00%"]), "三公经费!F6")).toEqual(["error sangong.changeRate"]);
    // Typed as a whole percent (−16%, shown −16.00%): consistent within its own rounding, a 尾差.
    expect(ruleAt(edited(["三公经费!F6", -0.16, "0.00%"]), "三公经费!F6")).toEqual(["warning sangong.changeRate"]);
    expect(ruleAt(edited(["预算执行!H5", 0.9, "0.00%"]), "预算执行!H5")).toContain("error budget.rate");
    expect(ruleAt(edited(["预算执行!H5", 0.9983, "0.00%"]), "预算执行!H5")).not.toContain("error budget.rate");
  });
  it("其中 ≤ parent: a purchase above the car total", () => {
    expect(ruleAt(edited(["三公经费!C8", 5]), "三公经费!C8")).toEqual(["error ofWhich.parent"]);
  });
  it("same quantity: 支出明细 公务接待费 = 三公 公务接待费 本年", () => {
    const row = rowOf(base, "支出明细", "公务接待费");
    const s = edited([`支出明细!C${row}`, 3.35]);
    const f = findingsAt(check(s), `支出明细!C${row}`).find((x) => x.ruleId === "same.reception");
    expect(f).toMatchObject({ severity: "error", expected: "3.34", actual: "3.35" });
    expect(f!.message).toContain("三公经费!C6");
  });
  it("same quantity: 支出明细 totals = 预算执行 执行数; project totals = 预算执行 项目支出", () => {
    expect(ruleAt(edited(["预算执行!F5", 1271.9]), "支出明细!C26")).toContain("error same.expenseBudget");
    expect(ruleAt(edited(["预算执行!E6", 462.5], ["预算执行!D6", 391.89]), "项目!I10")).toContain("error same.projectsBudget");
  });
  it("same quantity: a typed 基础数据 link vs its source", () => {
    expect(ruleAtTyped(edited(["基础数据!D5", 3.4]), "基础数据!D5")).toEqual(["error basics.link"]);
    expect(ruleAtTyped(edited(["基础数据!D5", 3.34]), "基础数据!D5")).toEqual([]);
  });
  it("year labels: a wrong year is flagged; {Y-1}年决算数 and 编制{Y}年预算 are not", () => {
    const goal = cellRightOf(base, "绩效目标与指标", "部门整体");
    expect(ruleAt(edited([goal, "2019年省财政批复的项目支出全年预算462.11万元。"]), goal)).toEqual(["warning year.label"]);
    expect(ruleAt(edited([goal, "存在问题：2019年编制2020年度部门预算时对项目测算不足。"]), goal)).toEqual([]);
    expect(ruleAt(edited([goal, "较2019年同期下降15.44%。"]), goal)).toEqual([]);
    expect(ruleAt(base, "基础数据!B4")).toEqual([]);
  });
  it("numbers stored as text (an error when a formula reads it)", () => {
    expect(ruleAt(edited(["基础数据!D16", "6.72"]), "基础数据!D16")).toEqual(["warning cell.textNumber"]);
    expect(ruleAt(edited(["支出明细!C7", "6.72"]), "支出明细!C7")).toEqual(["error cell.textNumberInFormula"]);
    expect(ruleAt(edited(["预算执行!B5", "969.33"]), "预算执行!B5")).toEqual(["error cell.textNumberInFormula"]);
  });
  it("typed constant pasted where our formula was (info)", () => {
    // Copy → paste values leaves the full precision of the computed 1271.81 / 1273.97.
    expect(ruleAt(edited(["预算执行!H5", 0.998304512665, "0.00%"]), "预算执行!H5")).toEqual(["info cell.typedConstant"]);
    // A figure typed as the report prints it is checked by its value, not reported as a constant.
    expect(ruleAt(edited(["预算执行!H5", 0.9983, "0.00%"]), "预算执行!H5")).toEqual([]);
  });
  it("Excel error values", () => {
    expect(ruleAt(edited(["预算执行!H5", { error: "#DIV/0!" }]), "预算执行!H5")).toEqual(["error cell.error"]);
  });
  it("元 typed where 万元 is meant", () => {
    const r = check(edited(["支出明细!C5", 9461500]));
    expect(findingsAt(r, "支出明细!C5").map((f) => f.ruleId)).toContain("unit.yuan");
    expect(findingsAt(r, "支出明细!C26")).toEqual([]);
  });
  it("required inputs (a fixed row's main input blank)", () => {
    const quota = cellRightOf(base, "基本信息", "编制数");
    expect(ruleAt(edited([quota, null]), quota)).toEqual(["info input.required"]);
  });
  it("reader problems become findings", () => {
    expect(ruleAt(edited(["支出明细!C8", "六点二五"]), "支出明细!C8")).toEqual(["error reader.notNumber"]);
    expect(ruleAt(edited(["支出明细!C8", "62500元"]), "支出明细!C8")).toContain("error reader.textUnit");
    expect(ruleAt(edited(["支出明细!C8", "6.25万元"]), "支出明细!C8")).not.toContain("error reader.textUnit");
  });
  it("plausibility: 在职 > 编制; 三公 up; score cut although met", () => {
    const staff = cellRightOf(base, "基本信息", "实有在编在职人数");
    expect(ruleAt(edited([staff, 60]), staff)).toEqual(["warning plaus.staffOverQuota"]);
    const up = edited(["三公经费!D6", 3], ["三公经费!D10", 3], ["三公经费!E6", 0.34], ["三公经费!E10", 0.34], ["三公经费!F6", 0.1133, "0.00%"], ["三公经费!F10", 0.1133, "0.00%"]);
    expect(check(up).findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(ruleAt(up, "三公经费!C10")).toEqual(["warning plaus.sangongUp"]);
    const row = rowOf(base, "绩效目标与指标", "城镇登记失业率");
    expect(ruleAtTyped(edited([`绩效目标与指标!J${row}`, 10], [`绩效目标与指标!K${row}`, 9]), `绩效目标与指标!K${row}`)).toEqual(["warning plaus.scoreCut"]);
    expect(ruleAtTyped(edited([`绩效目标与指标!J${row}`, 10], [`绩效目标与指标!K${row}`, 9], [`绩效目标与指标!L${row}`, "按偏离度调减"]), `绩效目标与指标!K${row}`)).toEqual([]);
    expect(ruleAtTyped(edited([`绩效目标与指标!J${row}`, 10], [`绩效目标与指标!K${row}`, 10]), `绩效目标与指标!K${row}`)).toEqual([]);
  });
  it("plausibility: 执行率 against 100% and the 90% threshold, exactly at the bounds, for either sign of the budget", () => {
    const rate = (...edits: [string, unknown, string?][]) =>
      findingsAt(check(edited(...edits)), "预算执行!H5")
        .filter((f) => f.ruleId.startsWith("plaus."))
        .map((f) => `${f.ruleId} ${f.actual}`);
    expect(rate(["预算执行!E5", 1000], ["预算执行!F5", 1000])).toEqual([]);
    expect(rate(["预算执行!E5", 1000], ["预算执行!F5", 1000.01])).toEqual(["plaus.executionHigh 100.00%"]);
    expect(rate(["预算执行!E5", 1000], ["预算执行!F5", 900])).toEqual([]);
    expect(rate(["预算执行!E5", 1000], ["预算执行!F5", 899.99])).toEqual(["plaus.executionLow 90.00%"]);
    // A negative budget turns the comparison round: −150 / −100 is 150 %, 50 / −100 is −50 %.
    expect(rate(["预算执行!E5", -100], ["预算执行!F5", -150])).toEqual(["plaus.executionHigh 150.00%"]);
    expect(rate(["预算执行!E5", -100], ["预算执行!F5", 50])).toEqual(["plaus.executionLow -50.00%"]);
    expect(rate(["预算执行!E5", -100], ["预算执行!F5", -95])).toEqual([]);
    // A rate typed over the formula is judged by what it states, not by F / E (99.83 %).
    expect(rate(["预算执行!H5", 1.2, "0.00%"])).toEqual(["plaus.executionHigh 120.00%"]);
    expect(rate(["预算执行!H5", 0.5, "0.00%"])).toEqual(["plaus.executionLow 50.00%"]);
  });
  it("plausibility: an indicator far over its target (设置 threshold 120%), positive or reverse, whatever the signs", () => {
    const over = (s: WorkbookSnapshot, row: number) => ruleAt(s, `绩效目标与指标!I${row}`).includes("warning plaus.overAchievement");
    // ≥: 17865 → 21438 is exactly 120% (not over), 21439 is over.
    const up = rowOf(base, "绩效目标与指标", "退捕渔民转产就业人数");
    expect(over(base, up)).toBe(false);
    expect(over(edited([`绩效目标与指标!H${up}`, 21438]), up)).toBe(false);
    expect(over(edited([`绩效目标与指标!H${up}`, 21439]), up)).toBe(true);
    // Negative figures: −130 against −100 is 130%, −110 is 110%.
    expect(over(edited([`绩效目标与指标!G${up}`, -100], [`绩效目标与指标!H${up}`, -130]), up)).toBe(true);
    expect(over(edited([`绩效目标与指标!G${up}`, -100], [`绩效目标与指标!H${up}`, -110]), up)).toBe(false);
    expect(over(edited([`绩效目标与指标!G${up}`, 100], [`绩效目标与指标!H${up}`, -130]), up)).toBe(false);
    // ≤: a ceiling of 4.5 met at 3.75 is exactly 120%; at 2.74 (the sample) far below it.
    const down = rowOf(base, "绩效目标与指标", "城镇登记失业率");
    expect(over(base, down)).toBe(true);
    expect(over(edited([`绩效目标与指标!H${down}`, 3.75]), down)).toBe(false);
    expect(over(edited([`绩效目标与指标!H${down}`, 3.74]), down)).toBe(true);
  });
  it("plausibility: 0→0 change typed as 0 is a note unless the setting says 0", () => {
    expect(ruleAt(base, "三公经费!F5")).toEqual(["info plaus.zeroChange"]);
    const zero = cellRightOf(base, "设置", "除数为0时显示");
    expect(ruleAt(edited([zero, "0"]), "三公经费!F5")).toEqual([]);
  });
});
