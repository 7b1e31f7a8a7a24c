/**
 * The checker's rule catalogue, as data. Each rule names what it covers, how severe a violation is, how rounding is
 * treated, and what the finding says (Chinese and English, placeholders in braces). The engine
 * (src/core/check/check.ts) has one routine per rule kind; a finance office can add a rule of an existing kind — one
 * more pair of figures that must agree, one more 其中 line, one more derived figure — by adding an entry here.
 * docs/rules.md is generated from this file (npm run docs:rules).
 *
 * Placeholders: {sheet} {cell} {label} {column} {expected} {actual} {diff} {other} {year} {threshold} {detail}.
 *
 * Severities: error = 强制性 (must be fixed), warning = 提示性 (may stand with an explanation), info = 提示.
 * Outcomes of a comparison: exact (no finding), 尾差 (differs only within rounding: a warning, explainable — the
 * figures may come from unrounded data; the `roundingSeverity` of a rule says so), inconsistent (`severity`).
 */
import type { Severity } from "../findings";
import type { TableId } from "./layout";

export type RuleKind =
  | "sum"
  | "identity"
  | "balance"
  | "rollForward"
  | "derived"
  | "plug"
  | "ofWhich"
  | "same"
  | "yearLabel"
  | "textNumber"
  | "typedConstant"
  | "errorValue"
  | "unitScale"
  | "required"
  | "reader"
  | "plausibility";

/** Which derived cells of a table a rule covers: row keys ("item:*" = every list row) and column keys. */
export interface DerivedSelector {
  table: TableId;
  rows?: string[];
  cols?: string[];
}

/** One figure (or the sum of several columns of one row) of a table. */
export interface FigureSelector {
  table: TableId;
  /** Row key; or rows of a list found by label / economic-classification code. */
  row?: string;
  labels?: string[];
  codes?: string[];
  /** Several columns are added (blank counts as 0 when another column has a figure). */
  cols: string[];
}

export interface Rule {
  id: string;
  kind: RuleKind;
  scope: "表内" | "表间";
  /** The tables, rows and columns (or labels) covered, in words. */
  covers: { zh: string; en: string };
  /** Severity of a violation (inconsistent outcome, or the finding itself for rules without comparison). */
  severity: Severity;
  /** Severity of a 尾差 (within-rounding) outcome, for comparison rules. */
  roundingSeverity?: Severity;
  tolerance: "rounding" | "exact" | "none";
  message: { zh: string; en: string };
  /** Derived-cell rules: the derivations they cover (first matching rule wins). */
  select?: DerivedSelector[];
  /** Same-quantity rules: pairs of figures that must be equal. */
  pairs?: { a: FigureSelector; b: FigureSelector; requireAllRows?: boolean }[];
  /** Rule-specific parameters (thresholds are names of settings on the 设置 sheet). */
  params?: Record<string, unknown>;
  /** Reader rules: the reader issue codes they turn into findings. */
  readerCodes?: string[];
}

const amounts = ["initial", "carry", "adjust", "total", "spent"];

export const RULES: Rule[] = [
  // ---- totals vs parts ---------------------------------------------------------------------------------------
  {
    id: "budget.totalSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "预算执行：合计行 = 基本支出 + 项目支出（每个金额列）", en: "预算执行: 合计 row = 基本支出 + 项目支出 (each amount column)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "budget", rows: ["total"], cols: amounts }],
    message: {
      zh: "{sheet}!{cell}：{label}{column}与分项之和不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: {label} {column} does not equal the sum of its parts: expected {expected}, found {actual}.",
    },
  },
  {
    id: "expense.classSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "支出明细：类（如302）的金额 = 其下各款之和（基本支出、项目支出列）", en: "支出明细: a class (e.g. 302) = Σ its items (基本支出, 项目支出)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "expense", rows: ["item:*"], cols: ["basic", "project"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”{column}与其下各款之和不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: class “{label}” {column} does not equal the sum of its items: expected {expected}, found {actual}.",
    },
  },
  {
    id: "expense.rowSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "支出明细：合计列 = 基本支出 + 项目支出（每一行）", en: "支出明细: 合计 column = 基本支出 + 项目支出 (each row)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "expense", cols: ["total"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”合计列不等于基本支出与项目支出之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 合计 is not 基本支出 + 项目支出: expected {expected}, found {actual}.",
    },
  },
  {
    id: "expense.totalSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "支出明细：合计行 = 各类之和（基本支出、项目支出列）", en: "支出明细: 合计 row = Σ classes (基本支出, 项目支出)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "expense", rows: ["total"] }],
    message: {
      zh: "{sheet}!{cell}：支出明细合计{column}不等于各类之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: the 支出明细 total {column} is not the sum of the classes: expected {expected}, found {actual}.",
    },
  },
  {
    id: "sangong.carSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "三公经费：公务用车购置及运行费 = 购置费 + 运行维护费（有分项时）", en: "三公经费: 公务用车 = 购置费 + 运行维护费 (when the parts are given)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "sangong", rows: ["car"], cols: ["budget", "current", "previous"] }],
    message: {
      zh: "{sheet}!{cell}：公务用车购置及运行费{column}不等于购置费与运行维护费之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 公务用车 {column} is not 购置费 + 运行维护费: expected {expected}, found {actual}.",
    },
  },
  {
    id: "sangong.totalSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "三公经费：合计 = 出国 + 接待 + 公务用车（各列；只填合计预算时不核对）", en: "三公经费: 合计 = 出国 + 接待 + 公务用车 (a total without breakdown is not checked)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "sangong", rows: ["total"], cols: ["budget", "current", "previous"] }],
    message: {
      zh: "{sheet}!{cell}：三公经费合计{column}不等于三项之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: the 三公 total {column} is not the sum of its three parts: expected {expected}, found {actual}.",
    },
  },
  {
    id: "projects.sourceSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "项目：每个项目的合计 = 当年财政拨款 + 上年结转资金 + 其他资金（年初、全年预算、执行）", en: "项目: each project's 合计 = 财政拨款 + 上年结转 + 其他资金" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "projects", rows: ["item:*"], cols: ["initialTotal", "annualTotal", "spentTotal"] }],
    message: {
      zh: "{sheet}!{cell}：项目“{label}”{column}合计不等于各资金来源之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: project “{label}” {column} total is not the sum of its funding sources: expected {expected}, found {actual}.",
    },
  },
  {
    id: "projects.totalSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "项目：合计行 = 计入项目支出的各项目之和（每个金额列）", en: "项目: 合计 row = Σ projects counted in 项目支出 (each amount column)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "projects", rows: ["total"] }],
    message: {
      zh: "{sheet}!{cell}：项目合计{column}不等于各项目之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: the project total {column} is not the sum of the projects: expected {expected}, found {actual}.",
    },
  },
  {
    id: "fund.incomeSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "社保基金：收入合计 = 各收入项目之和（预算数、执行数）", en: "社保基金: 收入合计 = Σ income lines" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "fund", rows: ["incomeTotal"], cols: ["budget", "actual"] }],
    message: {
      zh: "{sheet}!{cell}：收入合计{column}不等于各收入项目之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 收入合计 {column} is not the sum of the income lines: expected {expected}, found {actual}.",
    },
  },
  {
    id: "fund.expenseSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "社保基金：支出合计 = 各支出项目之和（预算数、执行数）", en: "社保基金: 支出合计 = Σ expenditure lines" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "fund", rows: ["expenseTotal"], cols: ["budget", "actual"] }],
    message: {
      zh: "{sheet}!{cell}：支出合计{column}不等于各支出项目之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 支出合计 {column} is not the sum of the expenditure lines: expected {expected}, found {actual}.",
    },
  },
  {
    id: "basics.projSum",
    kind: "sum",
    scope: "表内",
    covers: { zh: "基础数据：项目支出 = 业务工作专项 + 运行维护专项 + 其他", en: "基础数据: 项目支出 = Σ its three lines" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "basics", rows: ["proj"] }],
    message: {
      zh: "{sheet}!{cell}：基础数据项目支出{column}不等于各分项之和，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 基础数据 项目支出 {column} is not the sum of its lines: expected {expected}, found {actual}.",
    },
  },
  // ---- identities, balances, roll-forward --------------------------------------------------------------------
  {
    id: "budget.identity",
    kind: "identity",
    scope: "表内",
    covers: { zh: "预算执行：全年预算数 = 年初预算数 + 上年结转 + 年中调整（基本支出、项目支出）", en: "预算执行: 全年预算 = 年初 + 上年结转 + 年中调整" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "budget", rows: ["basic", "project"], cols: ["total"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”全年预算数不等于年初预算 + 上年结转 + 年中调整，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 全年预算 is not 年初 + 结转 + 调整: expected {expected}, found {actual}.",
    },
  },
  {
    id: "budget.balance",
    kind: "balance",
    scope: "表内",
    covers: { zh: "预算执行：结余 = 全年预算数 − 全年执行数（每行）", en: "预算执行: 结余 = 全年预算 − 全年执行 (each row)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "budget", cols: ["balance"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”结余不等于全年预算数减全年执行数，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 结余 is not 全年预算 − 全年执行: expected {expected}, found {actual}.",
    },
  },
  {
    id: "projects.balance",
    kind: "balance",
    scope: "表内",
    covers: { zh: "项目：结余 = 全年预算数合计 − 全年执行数合计（每个项目和合计行）", en: "项目: 结余 = 全年预算 − 全年执行" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "projects", cols: ["balance"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”结余不等于全年预算数减全年执行数，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 结余 is not 全年预算 − 全年执行: expected {expected}, found {actual}.",
    },
  },
  {
    id: "sangong.change",
    kind: "balance",
    scope: "表内",
    covers: { zh: "三公经费：增减额 = 本年支出 − 上年支出（每行）", en: "三公经费: 增减额 = 本年 − 上年" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "sangong", cols: ["change"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”增减额不等于本年支出减上年支出，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 增减额 is not 本年 − 上年: expected {expected}, found {actual}.",
    },
  },
  {
    id: "fund.surplus",
    kind: "rollForward",
    scope: "表内",
    covers: { zh: "社保基金：本年收支结余 = 收入合计 − 支出合计（预算数、执行数）", en: "社保基金: 本年收支结余 = 收入合计 − 支出合计" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "fund", rows: ["surplus"] }],
    message: {
      zh: "{sheet}!{cell}：本年收支结余{column}不等于收入合计减支出合计，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 本年收支结余 {column} is not income − expenditure: expected {expected}, found {actual}.",
    },
  },
  {
    id: "fund.closing",
    kind: "rollForward",
    scope: "表内",
    covers: { zh: "社保基金：年末滚存结余 = 年初滚存结余 + 本年收支结余", en: "社保基金: 年末滚存结余 = 年初滚存结余 + 本年收支结余" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "fund", rows: ["closing"] }],
    message: {
      zh: "{sheet}!{cell}：年末滚存结余{column}不等于年初滚存结余加本年收支结余，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 年末滚存结余 {column} is not opening + surplus: expected {expected}, found {actual}.",
    },
  },
  // ---- derived figures recomputed -----------------------------------------------------------------------------
  {
    id: "info.staffRate",
    kind: "derived",
    scope: "表内",
    covers: { zh: "基本信息：在职人员控制率 = 在职人数 / 编制数", en: "基本信息: 在职人员控制率 = 在职 / 编制" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "info", rows: ["staffControlRate"] }],
    message: {
      zh: "{sheet}!{cell}：在职人员控制率与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: 在职人员控制率 differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "budget.rate",
    kind: "derived",
    scope: "表内",
    covers: { zh: "预算执行：执行率 = 全年执行数 / 全年预算数", en: "预算执行: 执行率 = 执行 / 全年预算" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "budget", cols: ["rate"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”执行率与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 执行率 differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "expense.share",
    kind: "derived",
    scope: "表内",
    covers: { zh: "支出明细：各类占比 = 该类金额 / 列合计（基本支出、项目支出、合计）", en: "支出明细: a class's share = its amount / the column total" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "expense", cols: ["basicShare", "projectShare", "totalShare"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”{column}与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” {column} differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "sangong.changeRate",
    kind: "derived",
    scope: "表内",
    covers: { zh: "三公经费：增减幅度 = 增减额 / 上年支出", en: "三公经费: 增减幅度 = 增减额 / 上年" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "sangong", cols: ["changeRate"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”增减幅度与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 增减幅度 differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "projects.rate",
    kind: "derived",
    scope: "表内",
    covers: { zh: "项目：执行率 = 全年执行数 / 全年预算数；执行率得分 = 10 × 执行率（按设置封顶或按偏离度）", en: "项目: 执行率 and 执行率得分 recomputed" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "projects", cols: ["rate", "score"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”{column}与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” {column} differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "fund.rate",
    kind: "derived",
    scope: "表内",
    covers: { zh: "社保基金：完成预算% = 执行数 / 预算数（每行）", en: "社保基金: 完成预算% = 执行 / 预算" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "fund", cols: ["rate"] }],
    message: {
      zh: "{sheet}!{cell}：“{label}”完成预算%与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: “{label}” 完成预算% differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "buildings.rate",
    kind: "derived",
    scope: "表内",
    covers: { zh: "楼堂馆所：规模控制率、投资概算控制率", en: "楼堂馆所: area and investment control rates" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "buildings" }],
    message: {
      zh: "{sheet}!{cell}：{column}与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: {column} differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  {
    id: "indicators.recompute",
    kind: "derived",
    scope: "表内",
    covers: { zh: "绩效指标：完成率 = 实际完成值 / 年度指标值；得分 = 分值 × min(完成比例, 1)（≤ 指标取倒数）", en: "绩效指标: 完成率 and 得分 recomputed (reverse for ≤ indicators)" },
    severity: "error",
    roundingSeverity: "warning",
    tolerance: "rounding",
    select: [{ table: "indicators", cols: ["completion", "score"] }],
    message: {
      zh: "{sheet}!{cell}：指标“{label}”{column}与重算结果不符，应为 {expected}，实为 {actual}。",
      en: "{sheet}!{cell}: indicator “{label}” {column} differs from its recomputation: expected {expected}, found {actual}.",
    },
  },
  // ---- the same quantity in two places ------------------------------------------------------------------------
  {
    id: "basics.link",
    kind: "same",
    scope: "表间",
    covers: {
      zh: "基础数据：三公经费各行 = 三公经费表；项目支出各类 = 项目表按类别汇总；预算调整 = 预算执行合计（手工填写时核对）",
      en: "基础数据: figures linked from 三公经费, 项目 and 预算执行 (checked where typed)",
    },
    severity: "error",
    roundingSeverity: "error",
    tolerance: "exact",
    select: [{ table: "basics" }],
    message: {
      zh: "{sheet}!{cell}：基础数据“{label}”{column}与来源表不一致，来源为 {expected}，此处为 {actual}。",
      en: "{sheet}!{cell}: 基础数据 “{label}” {column} differs from its source: source {expected}, here {actual}.",
    },
  },
  {
    id: "same.reception",
    kind: "same",
    scope: "表间",
    covers: { zh: "支出明细“公务接待费”（30217，基本+项目）= 三公经费“公务接待费”本年支出", en: "支出明细 公务接待费 = 三公经费 公务接待费 本年" },
    severity: "error",
    roundingSeverity: "error",
    tolerance: "exact",
    pairs: [
      {
        a: { table: "expense", labels: ["公务接待费", "招待费", "接待费"], codes: ["30217"], cols: ["basic", "project"] },
        b: { table: "sangong", row: "reception", cols: ["current"] },
      },
    ],
    message: {
      zh: "{sheet}!{cell}：支出明细的公务接待费 {actual} 与三公经费的公务接待费本年支出 {expected}（{other}）不一致。",
      en: "{sheet}!{cell}: 公务接待费 in 支出明细 ({actual}) differs from 三公经费 本年 ({expected}, {other}).",
    },
  },
  {
    id: "same.expenseBudget",
    kind: "same",
    scope: "表间",
    covers: { zh: "支出明细合计（基本支出、项目支出）= 预算执行的基本支出、项目支出全年执行数", en: "支出明细 totals = 预算执行 全年执行数 (基本, 项目)" },
    severity: "error",
    roundingSeverity: "error",
    tolerance: "exact",
    pairs: [
      { a: { table: "expense", row: "total", cols: ["basic"] }, b: { table: "budget", row: "basic", cols: ["spent"] } },
      { a: { table: "expense", row: "total", cols: ["project"] }, b: { table: "budget", row: "project", cols: ["spent"] } },
    ],
    message: {
      zh: "{sheet}!{cell}：支出明细合计{column} {actual} 与预算执行的全年执行数 {expected}（{other}）不一致。",
      en: "{sheet}!{cell}: the 支出明细 total {column} {actual} differs from 预算执行 全年执行数 {expected} ({other}).",
    },
  },
  {
    id: "same.projectsBudget",
    kind: "same",
    scope: "表间",
    covers: {
      zh: "项目合计（年初、全年预算、执行）= 预算执行“项目支出”对应列（每个项目都填了该列时核对）",
      en: "项目 totals = 预算执行 项目支出 (checked when every project has the figure)",
    },
    severity: "error",
    roundingSeverity: "error",
    tolerance: "exact",
    pairs: [
      { a: { table: "projects", row: "total", cols: ["initialTotal"] }, b: { table: "budget", row: "project", cols: ["initial"] }, requireAllRows: true },
      { a: { table: "projects", row: "total", cols: ["annualTotal"] }, b: { table: "budget", row: "project", cols: ["total"] }, requireAllRows: true },
      { a: { table: "projects", row: "total", cols: ["spentTotal"] }, b: { table: "budget", row: "project", cols: ["spent"] }, requireAllRows: true },
    ],
    message: {
      zh: "{sheet}!{cell}：项目合计{column} {actual} 与预算执行的项目支出 {expected}（{other}）不一致。",
      en: "{sheet}!{cell}: the project total {column} {actual} differs from 预算执行 项目支出 {expected} ({other}).",
    },
  },
  // ---- shares: the 尾差 plug ----------------------------------------------------------------------------------
  {
    id: "expense.sharePlug",
    kind: "plug",
    scope: "表内",
    covers: { zh: "支出明细：各类占比之和恰为100%，是因为某一项被调整了一个尾数单位（尾差调整）", en: "支出明细: shares add to 100% because one was bumped by one unit (尾差 plug)" },
    severity: "warning",
    tolerance: "rounding",
    params: { table: "expense", cols: ["basicShare", "projectShare", "totalShare"] },
    message: {
      zh: "{sheet}!{cell}：“{label}”{column}按金额计算应为 {expected}，填为 {actual}：为使各项占比合计为100%做了尾差调整，由此项吸收。",
      en: "{sheet}!{cell}: “{label}” {column} computes to {expected} but reads {actual}: a 尾差 plug making the shares add to 100%.",
    },
  },
  // ---- 其中 ≤ parent ------------------------------------------------------------------------------------------
  {
    id: "ofWhich.parent",
    kind: "ofWhich",
    scope: "表内",
    covers: { zh: "“其中”行不大于其上级行（三公经费公务用车、基础数据各分项、公用经费等，模板中标明上级的行）", en: "其中 rows ≤ their parent row (rows with a parent in the template)" },
    severity: "error",
    tolerance: "rounding",
    message: {
      zh: "{sheet}!{cell}：其中项“{label}”{column} {actual} 大于上级行“{other}”的 {expected}。",
      en: "{sheet}!{cell}: the 其中 row “{label}” {column} ({actual}) exceeds its parent “{other}” ({expected}).",
    },
  },
  // ---- labels, cells ------------------------------------------------------------------------------------------
  {
    id: "year.label",
    kind: "yearLabel",
    scope: "表内",
    covers: {
      zh: "输入表的表头、行名和文字中的“XXXX年”应为评价年度（上年决算数列、“编制{Y}年预算”语境和“较上年”比较除外）",
      en: "Years in headers, labels and texts of the input sheets must be the report year (except 上年 columns, 编制下年预算 contexts, comparisons)",
    },
    severity: "warning",
    tolerance: "none",
    params: {
      previousYearColumns: ["basics.prevActual", "sangong.previous"],
      previousYearContexts: ["编制{Y}年", "编制{Y}年度", "{Y}年预算编制", "{Y}年度预算编制"],
      comparisonBefore: ["较", "比", "与", "同比", "对比"],
      comparisonAfter: ["同期", "决算数", "年底", "年末", "底"],
      /** What follows the four digits of a year label (2023年). */
      yearMark: "年",
    },
    message: {
      zh: "{sheet}!{cell}：“{detail}”中的 {year}年 不是评价年度 {expected}年，请核对。",
      en: "{sheet}!{cell}: the year {year} in “{detail}” is not the report year {expected}.",
    },
  },
  {
    id: "cell.textNumberInFormula",
    kind: "textNumber",
    scope: "表内",
    covers: { zh: "以文本形式存储的数字，且被公式引用（Excel 的求和会忽略它，结果偏小）", en: "A number stored as text that a formula reads (Excel's SUM skips it)" },
    severity: "error",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：数字“{actual}”以文本形式存储，公式 {other} 不会把它计算在内；请改为数值。",
      en: "{sheet}!{cell}: “{actual}” is a number stored as text; the formula in {other} ignores it.",
    },
  },
  {
    id: "cell.textNumber",
    kind: "textNumber",
    scope: "表内",
    covers: { zh: "以文本形式存储的数字（审核按数字读取，Excel 公式不会）", en: "A number stored as text" },
    severity: "warning",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：数字“{actual}”以文本形式存储，请改为数值。",
      en: "{sheet}!{cell}: “{actual}” is a number stored as text.",
    },
  },
  {
    id: "cell.typedConstant",
    kind: "typedConstant",
    scope: "表内",
    covers: {
      zh: "应为公式的单元格里是粘贴的计算结果（位数远多于显示位数）；按报告填写的数字按数值核对，不在此列",
      en: "A computed value pasted where a formula belongs (far more digits than shown); figures typed as printed are checked by value",
    },
    severity: "info",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：此处应为公式，现为常数 {actual}（{detail}）；输入变化时它不会随之更新，可重新“计算”。",
      en: "{sheet}!{cell}: a constant {actual} where a formula belongs ({detail}); it will not follow its inputs.",
    },
  },
  {
    id: "cell.error",
    kind: "errorValue",
    scope: "表内",
    covers: { zh: "输入表中的 Excel 错误值（#DIV/0!、#REF!、#VALUE! 等）", en: "Excel error values on the input sheets" },
    severity: "error",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：单元格是错误值 {actual}。",
      en: "{sheet}!{cell}: the cell holds the error value {actual}.",
    },
  },
  {
    id: "unit.yuan",
    kind: "unitScale",
    scope: "表内",
    covers: { zh: "按元填入了万元表：一个数约为使关系成立所需值的 10⁴ 倍", en: "元 typed where 万元 is meant: a figure ≈ 10⁴ × what the relation needs" },
    severity: "error",
    tolerance: "rounding",
    message: {
      zh: "{sheet}!{cell}：{actual} 约为应有数值 {expected} 的一万倍，似乎按“元”填入了“万元”表。",
      en: "{sheet}!{cell}: {actual} is about 10⁴ × the {expected} the table needs: 元 typed where 万元 is meant?",
    },
  },
  {
    id: "input.required",
    kind: "required",
    scope: "表内",
    covers: {
      zh: "固定行的主要输入为空，相关公式只能留空（其中行、清单行和已手工填写了结果的单元格除外）；单位名称、评价年度",
      en: "A required input of a fixed row is blank, so a formula stays blank; unit name and report year",
    },
    severity: "info",
    tolerance: "none",
    params: { exclude: [{ table: "fund", rows: ["opening"], cols: ["budget"] }] },
    message: {
      zh: "{sheet}!{cell}：缺少输入“{label}”，{detail}。",
      en: "{sheet}!{cell}: the input “{label}” is missing; {detail}.",
    },
  },
  // ---- reader problems as findings ----------------------------------------------------------------------------
  {
    id: "reader.layout",
    kind: "reader",
    scope: "表内",
    covers: { zh: "找不到的表、列、行，重复的行，有数字无名称的行", en: "Missing tables, columns or rows; duplicated rows; rows without a name" },
    severity: "warning",
    tolerance: "none",
    readerCodes: ["sheetMissing", "columnMissing", "rowMissing", "rowDuplicate", "nameMissing"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  {
    id: "reader.unknownRow",
    kind: "reader",
    scope: "表内",
    covers: { zh: "不认识的行名（未读取）", en: "Unknown row labels (not read)" },
    severity: "info",
    tolerance: "none",
    readerCodes: ["rowUnknown"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  {
    id: "reader.notNumber",
    kind: "reader",
    scope: "表内",
    covers: { zh: "数字列中无法读取为数字的文字", en: "Text that is not a number in a numeric column" },
    severity: "error",
    tolerance: "none",
    readerCodes: ["notANumber"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  {
    id: "reader.textUnit",
    kind: "reader",
    scope: "表内",
    covers: { zh: "以文字填入的金额注明的单位（元/万元）与本表单位不同", en: "An amount typed as text names a unit (元/万元) other than the table's" },
    severity: "error",
    tolerance: "none",
    readerCodes: ["textUnitMismatch"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  {
    id: "reader.cellSource",
    kind: "reader",
    scope: "表内",
    covers: {
      zh: "输入单元格引用其他工作簿，或被合并单元格覆盖",
      en: "Input cells linking another workbook, or hidden under a merged range",
    },
    severity: "warning",
    tolerance: "none",
    readerCodes: ["externalLink", "mergedInput"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  {
    id: "reader.date",
    kind: "reader",
    scope: "表内",
    covers: { zh: "金额单元格是日期格式", en: "An amount formatted as a date" },
    severity: "warning",
    tolerance: "none",
    readerCodes: ["dateInAmount"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  {
    id: "reader.settings",
    kind: "reader",
    scope: "表内",
    covers: { zh: "缺少评价年度；无法识别的设置取值", en: "Report year missing; unknown setting values" },
    severity: "warning",
    tolerance: "none",
    readerCodes: ["yearMissing", "unknownSetting"],
    message: { zh: "{detail}", en: "{detail}" },
  },
  // ---- plausibility prompts (提示性: explain rather than fix) -------------------------------------------------
  {
    id: "plaus.executionHigh",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "预算执行、项目、社保基金支出合计：执行率 > 100%", en: "执行率 > 100% (预算执行, 项目, fund expenditure total)" },
    severity: "warning",
    tolerance: "none",
    params: {
      cells: [
        { table: "budget", cols: ["rate"] },
        { table: "projects", cols: ["rate"] },
        { table: "fund", rows: ["expenseTotal"], cols: ["rate"] },
      ],
    },
    message: {
      zh: "{sheet}!{cell}：“{label}”执行率 {actual}，超过100%，请说明原因。",
      en: "{sheet}!{cell}: “{label}” execution {actual} exceeds 100%; please explain.",
    },
  },
  {
    id: "plaus.executionLow",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "预算执行、项目、社保基金支出合计：执行率低于“执行率偏低提示阈值”（默认90%）", en: "执行率 below the low-execution threshold (default 90%)" },
    severity: "warning",
    tolerance: "none",
    params: {
      threshold: "lowExecution",
      cells: [
        { table: "budget", cols: ["rate"] },
        { table: "projects", cols: ["rate"] },
        { table: "fund", rows: ["expenseTotal"], cols: ["rate"] },
      ],
    },
    message: {
      zh: "{sheet}!{cell}：“{label}”执行率 {actual}，低于 {threshold}，请说明原因。",
      en: "{sheet}!{cell}: “{label}” execution {actual} is below {threshold}; please explain.",
    },
  },
  {
    id: "plaus.noExecution",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "有预算而执行数为0的行（预算执行、项目、社保基金收支项目）", en: "A budget line with no execution" },
    severity: "warning",
    tolerance: "none",
    params: {
      cells: [
        { table: "budget", cols: ["rate"] },
        { table: "projects", cols: ["rate"] },
        { table: "fund", cols: ["rate"] },
      ],
    },
    message: {
      zh: "{sheet}!{cell}：“{label}”预算 {expected}，执行数为0，请说明原因。",
      en: "{sheet}!{cell}: “{label}” has a budget of {expected} and no execution; please explain.",
    },
  },
  {
    id: "plaus.fundLine",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "社保基金收支项目：完成预算% 超出 1 ± “基金收支项目完成预算提示区间”（默认80%–120%）", en: "Fund lines: 完成预算% outside 1 ± the line deviation (default 80%–120%)" },
    severity: "warning",
    tolerance: "none",
    params: { threshold: "lineDeviation" },
    message: {
      zh: "{sheet}!{cell}：“{label}”完成预算 {actual}，超出 {threshold} 的区间，请说明原因。",
      en: "{sheet}!{cell}: “{label}” completion {actual} is outside {threshold}; please explain.",
    },
  },
  {
    id: "plaus.sangongUp",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "三公经费合计本年支出高于上年", en: "三公 total up on last year" },
    severity: "warning",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：三公经费本年支出 {actual} 高于上年 {expected}，请说明原因。",
      en: "{sheet}!{cell}: 三公 spending {actual} is up on last year's {expected}; please explain.",
    },
  },
  {
    id: "plaus.staffOverQuota",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "实有在编在职人数超过编制数", en: "在职 > 编制" },
    severity: "warning",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：实有在编在职人数 {actual} 超过编制数 {expected}，请说明原因。",
      en: "{sheet}!{cell}: staff on payroll {actual} exceed the quota {expected}; please explain.",
    },
  },
  {
    id: "plaus.overAchievement",
    kind: "plausibility",
    scope: "表内",
    covers: {
      zh: "绩效指标完成比例超过“指标超额完成提示阈值”（默认120%）；≤ 指标按 年度指标值/实际完成值 计（远低于上限）",
      en: "Indicator completion above the over-achievement threshold (default 120%); for ≤ indicators target/actual",
    },
    severity: "warning",
    tolerance: "none",
    params: { threshold: "overAchievement" },
    message: {
      zh: "{sheet}!{cell}：指标“{label}”{detail}（提示阈值 {threshold}），请分析原因（年度指标值是否设定偏低）。",
      en: "{sheet}!{cell}: indicator “{label}”: {detail}, far beyond its target (threshold {threshold}); please explain.",
    },
  },
  {
    id: "plaus.scoreCut",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "绩效指标已达到年度指标值，但得分低于分值且未填偏差原因", en: "Indicator met but scored below its weight, without a reason" },
    severity: "warning",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：指标“{label}”已完成（{detail}），得分 {actual} 低于分值 {expected}，请填写扣分原因。",
      en: "{sheet}!{cell}: indicator “{label}” was met ({detail}) but scores {actual} of {expected}; please give the reason.",
    },
  },
  {
    id: "plaus.zeroChange",
    kind: "plausibility",
    scope: "表内",
    covers: { zh: "除数为0的比率（如上年为0时的增减幅度）填成了0；应按“除数为0时显示”设置留空或填“—”", en: "A ratio over a zero base (e.g. a 0→0 change) typed as 0 instead of blank/—" },
    severity: "info",
    tolerance: "none",
    message: {
      zh: "{sheet}!{cell}：“{label}”{column}的除数为0，比率无意义，填为 {actual}；应{expected}。",
      en: "{sheet}!{cell}: “{label}” {column} has a zero base; it reads {actual} but should be {expected}.",
    },
  },
];

/**
 * Texts the checker adds to findings (notes, {detail} values), its summary line, and the errors of 说明 and of
 * highlighting. Placeholders as in the rule messages.
 */
export const CHECK_MESSAGES = {
  roundingNote: { zh: "（差异在四舍五入误差范围内，属尾差）", en: " (within rounding: 尾差)" },
  baseTooSmall: { zh: "（除数过小，无法按舍入区间判断）", en: " (base too small to judge)" },
  /** {expected} of plaus.zeroChange, by the 除数为0时显示 setting. */
  zeroDivDash: { zh: "填“—”", en: "“—”" },
  zeroDivBlank: { zh: "留空", en: "blank" },
  pastedValue: { zh: "粘贴了计算结果", en: "a pasted computed value" },
  /** {detail} of input.required: {columns} are the derived columns left blank. */
  requiredBlocks: {
    zh: "{columns}只能留空（没有时填“无”或“—”）",
    en: "so {columns} stays blank (type 无 or — when there is none)",
  },
  columnSeparator: { zh: "、", en: ", " },
  unitNameMissing: { zh: "汇总表无法显示单位", en: "the summary cannot name the unit" },
  /** {detail} of plaus.overAchievement. */
  farBelowCeiling: {
    zh: "实际完成值 {actual} 远低于上限 {target}（指标值/实际值 = {ratio}）",
    en: "actual {actual} is far below the ceiling {target} (target/actual = {ratio})",
  },
  farAboveTarget: { zh: "完成比例 {ratio}，远超年度指标值", en: "completion {ratio}" },
  summary: {
    zh: "审核完成：错误 {error} 个，警告 {warning} 个{explained}，提示 {info} 个。",
    en: "Checked: {error} errors, {warning} warnings{explained}, {info} notes.",
  },
  summaryExplained: { zh: "（已说明 {count} 个）", en: " ({count} explained)" },
  explainError: { zh: "强制性错误需要修改，不能用说明代替。", en: "An error must be fixed; it cannot be explained." },
  explainEmpty: { zh: "说明不能为空。", en: "The explanation is empty." },
  highlightNoFills: {
    zh: "审核标记需要读取单元格填充：工作表“{sheet}”的快照没有填充信息。",
    en: "Highlighting needs cell fills: the snapshot of sheet “{sheet}” has none.",
  },
};

/** docs/rules.md (src/core/check/rules-doc.ts): headings are written "中文 (English)". */
export const RULES_DOC = {
  title: { zh: "审核规则目录", en: "rule catalogue" },
  kinds: {
    sum: { zh: "合计 = 分项之和", en: "totals vs parts" },
    identity: { zh: "预算恒等式", en: "budget identity" },
    balance: { zh: "差额", en: "balances and changes" },
    rollForward: { zh: "基金结余滚存", en: "fund roll-forward" },
    derived: { zh: "派生数重算", en: "recomputed shares, rates, scores" },
    plug: { zh: "尾差调整", en: "rounding plug" },
    ofWhich: { zh: "其中 ≤ 上级", en: "part ≤ parent" },
    same: { zh: "同一数字两处一致", en: "same quantity in two places" },
    yearLabel: { zh: "年度标签", en: "year labels" },
    textNumber: { zh: "文本型数字", en: "numbers stored as text" },
    typedConstant: { zh: "公式位置的常数", en: "typed constant" },
    errorValue: { zh: "错误值", en: "Excel error values" },
    unitScale: { zh: "元/万元", en: "10⁴ off" },
    required: { zh: "必填输入", en: "required inputs" },
    reader: { zh: "读取问题", en: "reader problems" },
    plausibility: { zh: "合理性提示", en: "plausibility prompts" },
  } satisfies Record<RuleKind, { zh: string; en: string }>,
  /** The 严重性 column (Chinese only: the page's tables quote the Chinese messages). */
  severity: { error: "错误（强制性）", warning: "警告（提示性）", info: "提示" } satisfies Record<Severity, string>,
  roundingSeverity: "{severity}；尾差：{rounding}",
  /** The page's introduction (English, with the Chinese terms the tables use); {count} is the number of rules. */
  intro: [
    "{count} rules. Severity: 错误 = 强制性 (must be fixed); 警告 = 提示性 (may stand with an explanation, 说明); 提示 = note.",
    "Tolerance: `rounding` — a figure shown with d decimals stands for an interval (round-to-nearest, or truncation",
    "by the 设置 sheet); exact when the figures as shown agree, 尾差 when they differ only within the intervals,",
    "otherwise inconsistent. `exact` — any difference beyond the figures' own rounding is reported at the rule's",
    "severity. `none` — no comparison.",
  ],
  columns: ["id", "范围", "覆盖", "严重性", "容差", "消息"],
};

export const RULE_BY_ID: Map<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function rule(id: string): Rule {
  const r = RULE_BY_ID.get(id);
  if (!r) throw new Error(`unknown rule ${id}`);
  return r;
}

/** Fills a message template's {placeholders}; unknown ones stay visible. */
export function formatRuleMessage(template: string, params: Record<string, string | number | undefined>): string {
  // Split once per template: a build of 10,000 projects words ~9,000 findings from a few dozen templates.
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  const out = parts.slice();
  // Odd entries are placeholder names.
  for (let i = 1; i < out.length; i += 2) {
    const value = params[out[i]];
    out[i] = value === undefined ? `{${out[i]}}` : String(value);
  }
  return out.join("");
}
const templateParts = new Map<string, string[]>();
