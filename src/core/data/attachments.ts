/**
 * The attachment tables as data: titles, sheet names, headers, row labels and notes of the six (or 2 + n + 2m)
 * tables that go with the 部门整体支出绩效自评报告 (domain-tables.md §2–§6). Every Chinese word the attachment
 * generator writes is here; src/core/attachments/* only places them.
 *
 * {n} is the attachment number, {name} a project or fund name, {year} the report year.
 */

/** What kind of attachment a sheet is; the registry records it with the object's name. */
export type AttachmentKind = "basics" | "whole" | "project" | "fund" | "fundBudget";

export interface AttachmentNaming {
  /** The printed title. */
  title: string;
  /** The worksheet name (≤ 31 characters once filled in; long names are shortened by the generator). */
  sheet: string;
}

export const ATTACHMENT_NAMES: Record<AttachmentKind, AttachmentNaming> = {
  basics: { title: "部门整体支出绩效评价基础数据表", sheet: "附件{n} 基础数据表" },
  whole: { title: "部门整体支出绩效自评表", sheet: "附件{n} 部门整体自评表" },
  project: { title: "项目支出（{name}）绩效自评表", sheet: "附件{n} 项目（{name}）" },
  fund: { title: "{name}支出绩效自评表", sheet: "附件{n} {name}自评表" },
  fundBudget: { title: "{name}预算支出情况表", sheet: "附件{n} {name}预算支出" },
};

/** Lines above every table. */
export const FORM_TEXT = {
  number: "附件{n}",
  year: "（{year}年度）",
  yearUnknown: "（    年度）",
  unitPrefix: "填报单位：",
  currency: "单位：万元",
  /** Marks a cell that does not apply (分值/得分 of 其中 rows). */
  notApplicable: "—",
  /** Replaces characters Excel forbids in sheet names. */
  sheetNameReplacements: { "[": "【", "]": "】", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼" } as Record<string, string>,
  /** Marks a shortened name. */
  ellipsis: "…",
  /** The name of a fund whose block on the 基金 sheet has none ({i} counts the blocks from 1). */
  unnamedFund: "基金{i}",
};

/**
 * How the registry names an attachment sheet: this prefix, the attachment number, ":kind" and ":name" when there is
 * one ("附件4:project:就业资金"). Stored in workbooks: changing it orphans the sheets earlier runs made.
 */
export const ATTACHMENT_ROLE_PREFIX = "附件";

// ---------------------------------------------------------------------------------------------------------------
// 附件1 部门整体支出绩效评价基础数据表 (§2)

export interface BasicsRow {
  /** Row key of the 基础数据 input table (layout.ts BASICS). */
  key: string;
  /** Label printed on the form (S1 wording). */
  label: string;
  /** A part of the row above (其中, list lines): blank means "not used" and is not reported missing. */
  optional?: boolean;
  /** Columns that do not apply to the row (left blank, never reported). */
  notApplicable?: ("prevActual" | "budget" | "actual")[];
}

export const BASICS_FORM = {
  staff: {
    section: "财政供养人员情况",
    quota: "编制数",
    actual: "{year}年实际在职人数",
    actualUnknownYear: "实际在职人数",
    rate: "控制率",
  },
  control: {
    section: "经费控制情况",
    columns: {
      prevActual: "{prev}年决算数",
      budget: "{year}年预算数",
      actual: "{year}年决算数",
    },
    columnsUnknownYear: { prevActual: "上年决算数", budget: "本年预算数", actual: "本年决算数" },
    rows: [
      { key: "sg", label: "三公经费" },
      { key: "sgCar", label: "1、公务用车购置和维护经费" },
      { key: "sgCarBuy", label: "其中：公车购置", optional: true },
      { key: "sgCarRun", label: "　　　公车运行维护", optional: true },
      { key: "sgAbroad", label: "2、出国经费" },
      { key: "sgReception", label: "3、公务接待" },
      { key: "proj", label: "项目支出：" },
      { key: "projBusiness", label: "1、业务工作专项", optional: true },
      { key: "projOperation", label: "2、运行维护专项", optional: true },
      { key: "projOther", label: "3、其他", optional: true },
      { key: "pub", label: "公用经费" },
      { key: "pubOffice", label: "其中：办公经费", optional: true },
      { key: "pubUtility", label: "　　　水费、电费、差旅费", optional: true },
      { key: "pubMeeting", label: "　　　会议费、培训费", optional: true },
      { key: "procurement", label: "政府采购金额" },
      { key: "adjust", label: "部门整体支出预算调整", notApplicable: ["prevActual"] },
    ] as BasicsRow[],
  },
  buildings: {
    section: "楼堂馆所控制情况（{year}年完工项目）",
    sectionUnknownYear: "楼堂馆所控制情况（本年完工项目）",
    headers: ["批复规模（㎡）", "实际规模（㎡）", "规模控制率", "预算投资（万元）", "实际投资（万元）", "投资概算控制率"],
    /** Typed in 批复规模 when no building was completed this year. */
    noneHint: "没有本年完工的楼堂馆所项目时在批复规模填“无”",
  },
  thrift: { section: "厉行节约保障措施" },
};

// ---------------------------------------------------------------------------------------------------------------
// 附件2…: 绩效自评表 (§3b 部门整体, §4 项目, §5 基金) — one skeleton, three money blocks.

export const SELF_EVAL_FORM = {
  objectLabel: { whole: "部门（单位）名称", project: "项目名称", fund: "基金名称" },
  fundScope: "{name}（{scope}）",
  dept: "主管部门",
  implementer: "实施单位",
  moneySection: {
    whole: "部门整体支出（万元）",
    project: "项目资金（万元）",
    fund: "基金支出（万元）",
  },
  moneyHeaders: ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
  /** Rows of the money block; the first is the total that is scored. */
  moneyRows: {
    whole: [
      { key: "total", label: "年度资金总额" },
      { key: "basic", label: "其中：基本支出" },
      { key: "project", label: "　　　项目支出" },
    ],
    project: [
      { key: "Total", label: "年度资金总额" },
      { key: "Fiscal", label: "其中：当年财政拨款" },
      { key: "Carry", label: "　　　上年结转资金" },
      { key: "Other", label: "　　　其他资金" },
    ],
    fund: [{ key: "expenseTotal", label: "基金支出合计" }],
  },
  goals: { section: "年度总体目标", expected: "预期目标", achieved: "实际完成情况" },
  indicators: {
    section: "绩效指标",
    headers: ["一级指标", "二级指标", "三级指标", "指标性质", "计量单位", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
  },
  total: { label: "总分", grade: "自评等级：" },
};

/** Self-evaluation grades (财预〔2020〕10号): the first whose minimum the total reaches. */
export const GRADES: { min: number; label: string }[] = [
  { min: 90, label: "优" },
  { min: 80, label: "良" },
  { min: 60, label: "中" },
  { min: -Infinity, label: "差" },
];

/** Notes under the self-evaluation tables; the execution-score rule follows the 设置 sheet. */
export const SELF_EVAL_NOTES = {
  head: "注：",
  rate: "执行率 = 全年执行数 ÷ 全年预算数。",
  score: {
    cap: "预算执行得分 = 分值 × 执行率，执行率超过100%的按100%计（设置：封顶）。",
    deviation: "预算执行得分 = 分值 × (1 − |1 − 执行率|)，执行率超过100%的按偏离度扣分（设置：按偏离度扣分）。",
    manual: "预算执行得分按设置为手工填写，请在本表“得分”栏填写（重新生成附表时需重新填写）。",
  },
  indicators:
    "定量指标得分 = 分值 × 实际完成值 ÷ 年度指标值（反向指标为 年度指标值 ÷ 实际完成值），不超过分值；定性指标按档次在“绩效目标与指标”表填写得分。",
  grade: "总分 ≥ 90 为优，80（含）～90 为良，60（含）～80 为中，< 60 为差。",
  fundBudget: "年初预算数按全年预算数列示（社保基金表只填一个预算数，未见年中调整）。",
};

// ---------------------------------------------------------------------------------------------------------------
// {基金}预算支出情况表 (§6)

export const FUND_BUDGET_FORM = {
  headers: ["项目", "预算数", "执行数", "完成预算%"],
  incomeTotal: "一、收入合计",
  expenseTotal: "二、支出合计",
  surplus: "三、本年收支结余",
  opening: "四、年初滚存结余",
  closing: "五、年末滚存结余",
  /** Numbering of the lines under a total: 1．失业保险费收入 … */
  line: "{i}. {label}",
  /** The right-hand line above the table when the fund's 口径 is known. */
  scopeAndCurrency: "口径：{scope}　　{currency}",
};

// ---------------------------------------------------------------------------------------------------------------
// What the generator tells the user.

export const ATTACHMENT_MESSAGES = {
  generated: "已生成附表 {count} 张：{names}。",
  none: "没有可生成的附表：请先新建模板并填写输入表。",
  replaced: "已按原位置更新上次生成的附表 {count} 张。",
  deleted: "已删除不再需要的附表：{names}。",
  renamed: "工作簿中已有用户自建的工作表“{taken}”，未作改动；附表改名为“{name}”。",
  shortened: "项目或基金名称较长，工作表名已缩短为“{name}”（标题仍用全名）。",
  missing: "{count} 处输入为空，附表中相应数字留空：{cells}。",
  missingMore: "{shown} 等 {count} 处",
  missingCell: "{ref}（{what}）",
  noGoal: "绩效目标与指标：评价对象“{name}”的年度总体目标未填写",
  noIndicators: "绩效目标与指标：评价对象“{name}”没有绩效指标",
  noYear: "基本信息：评价年度",
  noBasics: "{section}（{sheet}）",
  /** A missing input and the attachments that need it. */
  missingWhere: "{text}：{where}",
  notFilled: "输入表中有 {count} 个公式单元格尚未计算，请先点“计算”再生成附表，否则附表会显示空白。",
  manualScore: "执行率得分按设置为手工填写：请在附表的“得分”栏填写。",
  noInput: "找不到输入表（基本信息、预算执行等），附表未生成。",
};
