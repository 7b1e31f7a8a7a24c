/** The embedded sample (the seed report's figures): no error, the 13.14% plug, the prompts the seed deserves. */
import { at, check, findingsAt, sampleSnapshot } from "./helpers";

const EXPECTED = [
  "warning plaus.executionLow 预算执行!H6",
  "warning expense.sharePlug 支出明细!D20",
  "warning plaus.noExecution 项目!R8",
  "warning plaus.executionLow 项目!R10",
  "warning plaus.fundLine 社保基金!D13",
  "warning plaus.executionHigh 社保基金!D14",
  "warning plaus.noExecution 社保基金!D18",
  "warning plaus.fundLine 社保基金!D19",
  "warning plaus.fundLine 社保基金!D20",
  "warning plaus.fundLine 社保基金!D21",
  "warning plaus.fundLine 社保基金!D23",
  "warning plaus.fundLine 社保基金!D25",
  "warning plaus.overAchievement 绩效目标与指标!I10",
  "warning plaus.overAchievement 绩效目标与指标!I11",
  "warning plaus.overAchievement 绩效目标与指标!I12",
  "info plaus.zeroChange 三公经费!F5",
  "info input.required 基础数据!B25",
];

describe.each([
  ["as typed", false],
  ["after 计算", true],
])("the sample %s", (_name, filled) => {
  it("has exactly the findings a careful reviewer expects, and no error", async () => {
    const r = check(await sampleSnapshot(filled));
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.findings.map((f) => `${f.severity} ${f.ruleId} ${at(f)}`)).toEqual(EXPECTED);
    expect(r.summary.counts).toEqual({ error: 0, warning: 15, info: 2 });
    expect(r.summary.unitName).toBe("湖南省就业服务中心");
    expect(r.summary.year).toBe(2020);
  });

  it("reports 13.14% as ONE 尾差 plug warning on its own cell, and nothing else there", async () => {
    const r = check(await sampleSnapshot(filled));
    const d20 = findingsAt(r, "支出明细!D20");
    expect(d20).toHaveLength(1);
    expect(d20[0]).toMatchObject({ ruleId: "expense.sharePlug", severity: "warning", outcome: "rounding", expected: "13.13%", actual: "13.14%" });
    expect(findingsAt(r, "支出明细!D5")).toEqual([]);
    expect(findingsAt(r, "支出明细!D6")).toEqual([]);
  });

  it("names the seed's figures in its prompts", async () => {
    const r = check(await sampleSnapshot(filled));
    const msg = (address: string) => findingsAt(r, address).map((f) => f.message).join(" ");
    expect(msg("社保基金!D14")).toContain("126.74%");
    expect(msg("项目!R8")).toContain("普惠金融发展专项资金");
    expect(msg("绩效目标与指标!I10")).toContain("198.3%");
    expect(msg("社保基金!D21")).toContain("449.49%");
    expect(msg("项目!R10")).toContain("81.57%");
    // A reverse (≤) indicator: far below its ceiling.
    expect(msg("绩效目标与指标!I12")).toContain("远低于上限");
  });

  it("answers in English when asked", async () => {
    const r = check(await sampleSnapshot(filled), { lang: "en" });
    expect(findingsAt(r, "支出明细!D20")[0].message).toContain("尾差 plug");
  });
});
