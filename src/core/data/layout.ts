/**
 * The standard input template as data: every sheet, table, row and column the add-in reads and writes, with the
 * Chinese labels people type and the synonyms the reader accepts. The template writer, the reader and the
 * attachments all work from this one description; identifiers are English, everything a person reads is here.
 */

export type ColumnKind = "amount" | "rate" | "count" | "text" | "score" | "code" | "flag" | "number";

export interface ColumnSpec {
  key: string;
  header: string;
  /** Upper header of a two-level header (merged across its columns). */
  group?: string;
  synonyms?: string[];
  groupSynonyms?: string[];
  kind: ColumnKind;
  /** Derived columns are filled with formulas; the template shades them. */
  derived?: boolean;
  width?: number;
}

export interface RowSpec {
  key: string;
  label: string;
  synonyms?: string[];
  /** Visual indent in the template (其中 lines). */
  indent?: number;
  /** The row whose part this row is (其中 ≤ parent). */
  parent?: string;
  /** For key/value tables: what the value cell holds. */
  kind?: ColumnKind;
  /** The whole row is derived (totals). */
  derived?: boolean;
  /** A note shown beside the row in the template. */
  note?: string;
  /** Columns of this row that are derived although the column is an input elsewhere (links to other sheets). */
  derivedColumns?: string[];
}

export type TableId =
  | "info"
  | "budget"
  | "expense"
  | "sangong"
  | "projects"
  | "fund"
  | "basics"
  | "buildings"
  | "thrift"
  | "goals"
  | "indicators"
  | "settings";

export interface TableSpec {
  id: TableId;
  sheet: string;
  sheetSynonyms?: string[];
  title: string;
  titleSynonyms?: string[];
  instruction: string;
  labelColumn: { key: string; header: string; synonyms?: string[]; width?: number };
  columns: ColumnSpec[];
  /** Fixed rows, in template order. Absent for dynamic tables (one row per project, item, indicator…). */
  rows?: RowSpec[];
  /** Dynamic tables end at this row (合计), which is derived. */
  totalRow?: RowSpec;
  /** Rows left for input in a blank template of a dynamic table. */
  blankRows?: number;
  /** Amounts are in 万元 and a "单位：万元" line stands above the table. */
  unitLine?: boolean;
  /** The table may occur several times on its sheet (one block per social-insurance fund). */
  repeated?: boolean;
  /** The template puts the label column after this column (科目编码 before 科目名称); first by default. */
  labelAfter?: string;
  /** A long text value: the template merges its cell across this many columns. */
  mergeValueAcross?: number;
}

const amount = (key: string, header: string, synonyms: string[] = [], derived = false): ColumnSpec => ({
  key,
  header,
  synonyms,
  kind: "amount",
  derived,
  width: 14,
});

const rate = (key: string, header: string, synonyms: string[] = []): ColumnSpec => ({
  key,
  header,
  synonyms,
  kind: "rate",
  derived: true,
  width: 12,
});

export const INFO: TableSpec = {
  id: "info",
  sheet: "基本信息",
  sheetSynonyms: ["单位基本信息", "基本情况"],
  title: "单位基本信息",
  titleSynonyms: ["基本信息", "单位基本情况"],
  instruction: "填写单位名称、评价年度和人员情况；金额单位默认为万元（填“元”时按元读取并换算）。",
  labelColumn: { key: "item", header: "项目", synonyms: ["名称", "指标"], width: 22 },
  columns: [{ key: "value", header: "内容", synonyms: ["数值", "填报内容", "值"], kind: "text", width: 40 }],
  rows: [
    { key: "unit", label: "单位名称", synonyms: ["填报单位", "部门名称", "单位"], kind: "text" },
    { key: "dept", label: "主管部门", synonyms: ["主管单位", "上级主管部门"], kind: "text" },
    { key: "year", label: "评价年度", synonyms: ["年度", "报告年度", "自评年度"], kind: "count" },
    { key: "currency", label: "金额单位", synonyms: ["单位", "计量单位"], kind: "text" },
    { key: "staffQuota", label: "编制数", synonyms: ["编制人数", "核定编制数", "编制"], kind: "count" },
    {
      key: "staffActual",
      label: "实有在编在职人数",
      synonyms: ["实际在职人数", "在职人数", "实有在编在职人员", "在编在职人数", "实有人数"],
      kind: "count",
    },
    { key: "staffHired", label: "聘用人员", synonyms: ["聘用人数", "编外聘用人员"], kind: "count" },
    { key: "retired", label: "退休人员", synonyms: ["退休人数", "离退休人员"], kind: "count" },
    {
      key: "staffControlRate",
      label: "在职人员控制率",
      synonyms: ["财政供养人员控制率", "人员控制率", "控制率"],
      kind: "rate",
      derived: true,
    },
  ],
};

export const BUDGET: TableSpec = {
  id: "budget",
  sheet: "预算执行",
  sheetSynonyms: ["一般公共预算执行", "预算执行情况", "一般公共预算支出"],
  title: "一般公共预算支出执行情况",
  titleSynonyms: ["预算执行情况表", "一般公共预算支出情况", "预算执行情况"],
  instruction: "填写年初预算、上年结转、年中调整和全年执行数；灰色单元格由“计算”填入公式。",
  labelColumn: { key: "item", header: "项目", synonyms: ["支出类别", "类别", "科目"], width: 16 },
  columns: [
    amount("initial", "年初预算数", ["年初预算", "年初数"]),
    amount("carry", "上年结转", ["上年结转数", "上年结转资金", "结转"]),
    amount("adjust", "年中调整", ["年中调整预算", "年中调整数", "追加调整", "调整预算", "本年追加"]),
    amount("total", "全年预算数", ["全年预算", "调整后预算数", "调整后预算"], true),
    amount("spent", "全年执行数", ["本年实际支出", "实际支出", "执行数", "全年支出", "决算数"]),
    amount("balance", "结余", ["结转结余", "结余数", "结余资金"], true),
    rate("rate", "执行率", ["预算执行率"]),
  ],
  rows: [
    { key: "basic", label: "基本支出", synonyms: ["基本支出经费"] },
    { key: "project", label: "项目支出", synonyms: ["项目支出经费", "项目经费"] },
    { key: "total", label: "合计", synonyms: ["总计", "年度资金总额", "支出合计"], derived: true },
  ],
  unitLine: true,
};

export const EXPENSE: TableSpec = {
  id: "expense",
  sheet: "支出明细",
  sheetSynonyms: ["经济分类支出", "支出明细表", "按经济分类"],
  title: "支出明细（按政府支出经济分类）",
  titleSynonyms: ["支出明细", "经济分类支出明细", "按经济科目划分支出"],
  instruction: "每行一个经济分类科目：类（如301）与款（如30101）；有款的类合计由“计算”求和，占比按列合计计算。",
  labelColumn: { key: "name", header: "科目名称", synonyms: ["经济科目", "项目", "支出科目"], width: 24 },
  columns: [
    { key: "code", header: "科目编码", synonyms: ["编码", "科目代码", "经济分类编码"], kind: "code", width: 10 },
    amount("basic", "基本支出", ["基本支出金额"]),
    rate("basicShare", "基本支出占比", ["占基本支出比重", "基本支出比重"]),
    amount("project", "项目支出", ["项目支出金额"]),
    rate("projectShare", "项目支出占比", ["占项目支出比重", "项目支出比重"]),
    amount("total", "合计", ["小计", "支出合计"], true),
    rate("totalShare", "合计占比", ["占总支出比重", "占比"]),
  ],
  totalRow: { key: "total", label: "合计", synonyms: ["总计", "支出合计"], derived: true },
  blankRows: 12,
  labelAfter: "code",
  unitLine: true,
};

export const SANGONG: TableSpec = {
  id: "sangong",
  sheet: "三公经费",
  sheetSynonyms: ["“三公”经费", "三公"],
  title: "“三公”经费支出情况",
  titleSynonyms: ["三公经费支出情况", "三公经费情况", "三公经费"],
  instruction: "填写年初预算数、本年和上年支出；只有合计预算时只填合计行。增减额和增减幅度由“计算”填入。",
  labelColumn: { key: "item", header: "项目", width: 24 },
  columns: [
    amount("budget", "年初预算数", ["预算数", "年初预算"]),
    amount("current", "本年支出", ["本年决算", "本年数", "本年决算数", "本年实际支出"]),
    amount("previous", "上年支出", ["上年决算", "上年数", "上年决算数", "上年同期"]),
    amount("change", "增减额", ["金额", "同比变动金额", "增减金额", "同比增减额", "增减"], true),
    rate("changeRate", "增减幅度", ["增减率", "变动率", "同比增减幅度", "增减比例", "同比变动幅度"]),
  ],
  rows: [
    { key: "abroad", label: "因公出国（境）费用", synonyms: ["因公出国（境）费", "出国经费", "因公出国费用", "出国费"] },
    { key: "reception", label: "公务接待费", synonyms: ["公务接待", "接待费"] },
    {
      key: "car",
      label: "公务用车购置及运行费",
      synonyms: ["公务用车购置和维护经费", "公务用车购置及运行维护费", "公务用车费", "公车购置及运维费"],
    },
    {
      key: "carBuy",
      label: "公务用车购置费",
      synonyms: ["公车购置", "公车购置费", "车辆购置费"],
      indent: 1,
      parent: "car",
    },
    {
      key: "carRun",
      label: "公务用车运行维护费",
      synonyms: ["公车运行维护", "公车运行维护费", "公务车运行维护费", "运行维护费"],
      indent: 1,
      parent: "car",
    },
    { key: "total", label: "合计", synonyms: ["“三公”经费合计", "三公经费合计", "总计"], derived: true },
  ],
  unitLine: true,
};

export const PROJECTS: TableSpec = {
  id: "projects",
  sheet: "项目",
  sheetSynonyms: ["项目支出", "项目情况", "项目明细"],
  title: "项目支出情况",
  titleSynonyms: ["项目支出明细", "项目明细", "项目情况表"],
  instruction:
    "每行一个项目；资金来源分当年财政拨款、上年结转资金、其他资金，合计由“计算”求和。“是否自评”填“是”的项目生成项目自评表。",
  labelColumn: { key: "name", header: "项目名称", synonyms: ["项目"], width: 22 },
  columns: [
    { key: "category", header: "项目类别", synonyms: ["类别", "项目类型"], kind: "text", width: 14 },
    { key: "evaluate", header: "是否自评", synonyms: ["开展自评", "自评"], kind: "flag", width: 8 },
    { key: "inTotal", header: "计入项目支出", synonyms: ["计入合计", "是否计入合计"], kind: "flag", width: 8 },
    ...(["initial", "annual", "spent"] as const).flatMap((group) => {
      const groupHeader = { initial: "年初预算数", annual: "全年预算数", spent: "全年执行数" }[group];
      const groupSynonyms = {
        initial: ["年初预算"],
        annual: ["全年预算", "调整后预算数"],
        spent: ["全年执行", "实际支出", "执行数"],
      }[group];
      const parts: [string, string, string[]][] = [
        ["Total", "合计", ["小计", "年度资金总额"]],
        ["Fiscal", "当年财政拨款", ["财政拨款", "本年财政拨款"]],
        ["Carry", "上年结转资金", ["上年结转"]],
        ["Other", "其他资金", ["其他"]],
      ];
      return parts.map(
        ([suffix, header, synonyms]): ColumnSpec => ({
          key: group + suffix,
          header,
          group: groupHeader,
          groupSynonyms,
          synonyms,
          kind: "amount",
          derived: suffix === "Total",
          width: 12,
        }),
      );
    }),
    amount("balance", "结余", ["结余数"], true),
    rate("rate", "执行率", ["预算执行率"]),
    { key: "score", header: "执行率得分", synonyms: ["得分", "预算执行率得分"], kind: "score", derived: true, width: 10 },
  ],
  totalRow: { key: "total", label: "合计", synonyms: ["总计", "项目合计"], derived: true },
  blankRows: 6,
  unitLine: true,
};

/** Income and expenditure lines of a social-insurance fund (财社〔2017〕144号 categories). */
export const FUND_INCOME_LINES: RowSpec[] = [
  { key: "inPremium", label: "失业保险费收入", synonyms: ["保险费收入", "社会保险费收入"] },
  { key: "inSubsidy", label: "财政补贴收入" },
  { key: "inInterest", label: "利息收入" },
  { key: "inTransfer", label: "转移收入" },
  { key: "inUpper", label: "上级补助收入" },
  { key: "inLower", label: "下级上解收入" },
  { key: "inOther", label: "其他收入" },
];

export const FUND_EXPENSE_LINES: RowSpec[] = [
  { key: "exBenefit", label: "失业保险金", synonyms: ["失业保险金支出"] },
  { key: "exMedical", label: "基本医疗保险费", synonyms: ["基本医疗保险费支出", "医疗保险费"] },
  { key: "exFuneral", label: "丧葬补助金和抚恤金", synonyms: ["丧葬补助金和抚恤金支出", "丧葬抚恤补助"] },
  {
    key: "exTraining",
    label: "职业培训和职业介绍补贴",
    synonyms: ["职业培训和职业介绍补贴支出", "职业培训补贴", "职业介绍补贴"],
  },
  { key: "exStable", label: "稳定岗位补贴", synonyms: ["稳定岗位补贴支出", "稳岗补贴", "稳岗返还"] },
  { key: "exSkill", label: "技能提升补贴", synonyms: ["技能提升补贴支出"] },
  { key: "exCosts", label: "其他费用", synonyms: ["其他费用支出"] },
  { key: "exTransfer", label: "转移支出" },
  { key: "exLower", label: "补助下级支出" },
  { key: "exUpper", label: "上解上级支出" },
  { key: "exOther", label: "其他支出" },
];

export const FUND: TableSpec = {
  id: "fund",
  sheet: "社保基金",
  sheetSynonyms: ["社会保险基金", "社会保险基金预算", "基金"],
  title: "社会保险基金预算执行情况",
  titleSynonyms: ["基金预算支出情况", "社会保险基金预算支出情况"],
  instruction:
    "每个基金一块：先填基金名称和口径（省本级/全省），再填各收支项目的预算数和执行数；合计、完成预算%、结余由“计算”填入。需要更多基金时复制整块。",
  labelColumn: { key: "item", header: "项目", width: 26 },
  columns: [
    amount("budget", "预算数", ["年初预算数", "预算"]),
    amount("actual", "执行数", ["实际数", "决算数", "执行"]),
    rate("rate", "完成预算%", ["完成预算", "完成预算比例", "执行率", "完成率"]),
  ],
  rows: [
    { key: "incomeTotal", label: "收入合计", synonyms: ["基金收入合计", "收入"], derived: true },
    ...FUND_INCOME_LINES.map((r) => ({ ...r, indent: 1, parent: "incomeTotal" })),
    { key: "expenseTotal", label: "支出合计", synonyms: ["基金支出合计", "支出"], derived: true },
    ...FUND_EXPENSE_LINES.map((r) => ({ ...r, indent: 1, parent: "expenseTotal" })),
    { key: "surplus", label: "本年收支结余", synonyms: ["本年结余", "当年收支结余", "收支结余"], derived: true },
    { key: "opening", label: "年初滚存结余", synonyms: ["期初滚存结余", "期初结余", "年初结余"] },
    { key: "closing", label: "年末滚存结余", synonyms: ["期末滚存结余", "期末结余", "年末结余"], derived: true },
  ],
  unitLine: true,
  repeated: true,
};

/** Labels of the cells above each fund block. */
export const FUND_BLOCK_LABELS = {
  name: { label: "基金名称", synonyms: ["基金", "险种"] },
  scope: { label: "口径", synonyms: ["统计口径", "范围"] },
  scopeValues: ["省本级", "全省"],
};

export const BASICS: TableSpec = {
  id: "basics",
  sheet: "基础数据",
  sheetSynonyms: ["绩效评价基础数据", "基础数据表"],
  title: "经费控制情况",
  titleSynonyms: ["部门整体支出绩效评价基础数据", "经费控制"],
  instruction:
    "附件1所需的三年数据。三公经费、项目支出和预算调整由“计算”从其他表链接；其余按决算口径填写。",
  labelColumn: { key: "item", header: "项目", width: 26 },
  columns: [
    amount("prevActual", "上年决算数", ["{Y-1}年决算数", "上年决算"]),
    amount("budget", "本年预算数", ["{Y}年预算数", "本年预算"]),
    amount("actual", "本年决算数", ["{Y}年决算数", "本年决算"]),
  ],
  rows: [
    { key: "sg", label: "三公经费", synonyms: ["“三公”经费"], derived: true },
    {
      key: "sgCar",
      label: "公务用车购置和维护经费",
      synonyms: ["公务用车购置及运行费", "公务用车购置及运行维护费"],
      indent: 1,
      parent: "sg",
      derived: true,
    },
    { key: "sgCarBuy", label: "公车购置", synonyms: ["公务用车购置费", "公车购置费"], indent: 2, parent: "sgCar", derived: true },
    {
      key: "sgCarRun",
      label: "公车运行维护",
      synonyms: ["公务用车运行维护费", "公车运行维护费"],
      indent: 2,
      parent: "sgCar",
      derived: true,
    },
    { key: "sgAbroad", label: "出国经费", synonyms: ["因公出国（境）费用", "因公出国费用"], indent: 1, parent: "sg", derived: true },
    { key: "sgReception", label: "公务接待", synonyms: ["公务接待费"], indent: 1, parent: "sg", derived: true },
    { key: "proj", label: "项目支出", derived: true },
    { key: "projBusiness", label: "业务工作专项", indent: 1, parent: "proj", derivedColumns: ["budget", "actual"] },
    { key: "projOperation", label: "运行维护专项", indent: 1, parent: "proj", derivedColumns: ["budget", "actual"] },
    {
      key: "projOther",
      label: "其他",
      synonyms: ["其他项目"],
      indent: 1,
      parent: "proj",
      derivedColumns: ["budget", "actual"],
    },
    { key: "pub", label: "公用经费", synonyms: ["日常公用经费"] },
    { key: "pubOffice", label: "办公经费", synonyms: ["办公费"], indent: 1, parent: "pub" },
    { key: "pubUtility", label: "水费、电费、差旅费", synonyms: ["水电差旅费", "水费电费差旅费"], indent: 1, parent: "pub" },
    { key: "pubMeeting", label: "会议费、培训费", synonyms: ["会议培训费", "会议费培训费"], indent: 1, parent: "pub" },
    { key: "procurement", label: "政府采购金额", synonyms: ["政府采购", "政府采购额"] },
    {
      key: "adjust",
      label: "部门整体支出预算调整",
      synonyms: ["预算调整", "部门整体支出预算"],
      derived: true,
      note: "预算数列为年初预算，决算数列为全年预算（调整后）",
    },
  ],
  unitLine: true,
};

export const BUILDINGS: TableSpec = {
  id: "buildings",
  sheet: "基础数据",
  title: "楼堂馆所控制情况",
  titleSynonyms: ["楼堂馆所控制情况（本年完工项目）", "楼堂馆所"],
  instruction: "本年没有完工的楼堂馆所项目时，在“批复规模”填“无”。",
  labelColumn: { key: "item", header: "项目", width: 26 },
  columns: [
    { key: "approvedArea", header: "批复规模（㎡）", synonyms: ["批复规模", "批准建设面积"], kind: "number", width: 12 },
    { key: "actualArea", header: "实际规模（㎡）", synonyms: ["实际规模", "实际建设面积"], kind: "number", width: 12 },
    { ...rate("areaRate", "规模控制率", ["面积控制率"]) },
    amount("budgetInvest", "预算投资", ["预算投资（万元）", "投资概算"]),
    amount("actualInvest", "实际投资", ["实际投资（万元）"]),
    { ...rate("investRate", "投资概算控制率", ["投资控制率"]) },
  ],
  rows: [{ key: "completed", label: "本年完工项目", synonyms: ["完工项目", "楼堂馆所"] }],
};

export const THRIFT: TableSpec = {
  id: "thrift",
  sheet: "基础数据",
  title: "厉行节约保障措施",
  titleSynonyms: ["厉行节约"],
  instruction: "简要填写本单位厉行节约的制度和措施。",
  labelColumn: { key: "item", header: "项目", width: 26 },
  columns: [{ key: "text", header: "内容", kind: "text", width: 14 }],
  rows: [{ key: "measures", label: "保障措施", synonyms: ["厉行节约保障措施", "措施"], kind: "text" }],
  mergeValueAcross: 6,
};

/** Who a goal or an indicator belongs to: 部门整体, a project's name, or a fund's name. */
export const WHOLE_DEPARTMENT = "部门整体";

export const GOALS: TableSpec = {
  id: "goals",
  sheet: "绩效目标与指标",
  sheetSynonyms: ["绩效目标", "绩效指标", "绩效目标和指标"],
  title: "年度总体目标",
  titleSynonyms: ["总体目标", "年度总体目标完成情况"],
  instruction: "每个评价对象（部门整体、每个自评项目、每个基金）一行：预期目标和实际完成情况。",
  labelColumn: { key: "object", header: "评价对象", synonyms: ["对象", "项目名称"], width: 18 },
  columns: [
    { key: "expected", header: "预期目标", synonyms: ["年度目标", "绩效目标"], kind: "text", width: 50 },
    { key: "achieved", header: "实际完成情况", synonyms: ["实际完成", "完成情况"], kind: "text", width: 50 },
  ],
  blankRows: 4,
};

export const INDICATORS: TableSpec = {
  id: "indicators",
  sheet: "绩效目标与指标",
  title: "绩效指标",
  titleSynonyms: ["绩效指标完成情况", "绩效指标表"],
  instruction:
    "每行一个三级指标。指标性质填 ≥、≤、= 或 定性；定量指标的得分由“计算”填入，定性指标按档次填写得分。",
  labelColumn: { key: "name", header: "三级指标", synonyms: ["指标名称", "指标"], width: 24 },
  columns: [
    { key: "object", header: "评价对象", synonyms: ["对象", "项目名称"], kind: "text", width: 16 },
    { key: "level1", header: "一级指标", kind: "text", width: 10 },
    { key: "level2", header: "二级指标", kind: "text", width: 12 },
    { key: "nature", header: "指标性质", synonyms: ["性质"], kind: "text", width: 8 },
    { key: "unit", header: "计量单位", synonyms: ["度量单位", "单位"], kind: "text", width: 8 },
    { key: "target", header: "年度指标值", synonyms: ["指标值", "年初指标值", "目标值"], kind: "number", width: 10 },
    { key: "actual", header: "实际完成值", synonyms: ["完成值", "全年完成值", "实际值"], kind: "number", width: 10 },
    { ...rate("completion", "完成率", ["完成比例"]) },
    { key: "weight", header: "分值", synonyms: ["权重", "指标权重"], kind: "score", width: 8 },
    { key: "score", header: "得分", synonyms: ["指标得分", "自评得分"], kind: "score", derived: true, width: 8 },
    { key: "reason", header: "偏差原因分析及改进措施", synonyms: ["偏差原因", "偏差原因分析"], kind: "text", width: 30 },
  ],
  blankRows: 10,
  labelAfter: "level2",
};

/** Indicator natures: positive, reverse, equal and qualitative. */
export const NATURES = {
  atLeast: ["≥", ">=", "＞＝", "正向", ">"],
  atMost: ["≤", "<=", "＜＝", "反向", "<"],
  equal: ["=", "＝"],
  qualitative: ["定性"],
};

export const SETTINGS: TableSpec = {
  id: "settings",
  sheet: "设置",
  sheetSynonyms: ["参数设置", "设置项"],
  title: "计算与审核设置",
  titleSynonyms: ["设置", "参数设置"],
  instruction: "选择规则口径；留空则使用默认值。修改后请重新“计算”。",
  labelColumn: { key: "item", header: "设置项", synonyms: ["项目"], width: 30 },
  columns: [
    { key: "value", header: "取值", synonyms: ["值", "选择"], kind: "text", width: 16 },
    { key: "options", header: "可选值", kind: "text", width: 40 },
  ],
  rows: [
    { key: "overExecution", label: "执行率超过100%的计分方式", synonyms: ["超执行计分"], kind: "text" },
    { key: "zeroDivision", label: "除数为0时显示", synonyms: ["零除显示"], kind: "text" },
    { key: "rounding", label: "舍入方式", synonyms: ["四舍五入方式"], kind: "text" },
    { key: "sangongCaliber", label: "三公经费变动率口径", synonyms: ["三公变动率口径"], kind: "text" },
    { key: "staffCaliber", label: "在职人数口径", kind: "text" },
    { key: "stepRounding", label: "预算完成率扣分步长取整", synonyms: ["扣分步长取整"], kind: "text" },
    { key: "overAchievement", label: "指标超额完成提示阈值", synonyms: ["超额完成阈值"], kind: "rate" },
    { key: "lowExecution", label: "执行率偏低提示阈值", synonyms: ["执行率下限"], kind: "rate" },
    { key: "lineDeviation", label: "基金收支项目完成预算提示区间", synonyms: ["完成预算提示区间"], kind: "rate" },
  ],
};

/** Every input table in template order; the template writes them sheet by sheet in this order. */
export const INPUT_TABLES: TableSpec[] = [
  INFO,
  BUDGET,
  EXPENSE,
  SANGONG,
  PROJECTS,
  FUND,
  BASICS,
  BUILDINGS,
  THRIFT,
  GOALS,
  INDICATORS,
  SETTINGS,
];

export const TEMPLATE_SHEETS = [...new Set(INPUT_TABLES.map((t) => t.sheet))];

/** Text marks the reader understands. */
export const MARKS = {
  yes: ["是", "Y", "YES", "√", "✓", "TRUE"],
  no: ["否", "N", "NO", "×", "FALSE"],
  none: ["无", "没有", "不涉及", "—", "-", "/"],
  unitYuan: ["元"],
  unitWan: ["万元"],
  unitLinePrefixes: ["单位", "金额单位", "计量单位", "金额计量单位"],
  totalPrefixes: ["合计", "总计"],
  ofWhich: ["其中"],
};

/** The words the reader takes apart in labels and cells, beyond the template's own labels (see text.ts, reader.ts). */
export const LABEL_WORDS = {
  /** Chinese numerals of list numbering: 一、 （二） 第三项. */
  numerals: "一二三四五六七八九十百",
  /** 第…项: the ordinal's prefix and the words it ends with. */
  ordinalPrefix: "第",
  ordinalEnds: ["项", "条", "部分"],
  /** A unit in brackets at a label's end: 金额（万元）. */
  labelUnits: ["万元", "元", "%", "㎡", "m2", "平方米", "人", "个"],
  /** The year's character (2024年) and a year cell's endings (2024年度). */
  year: "年",
  yearEndings: ["年度", "年"],
  /** Sheets whose name starts so are the attachments 生成附表 writes: never input. */
  attachmentSheetPrefix: "附件",
};

/** 项目类别 values of the 项目 sheet that 基础数据's 项目支出 lines sum by. */
export const PROJECT_CATEGORIES: Record<"projBusiness" | "projOperation" | "projOther", string> = {
  projBusiness: "业务工作专项",
  projOperation: "运行维护专项",
  projOther: "其他",
};

/** Words the template writes into cells (beyond labels). */
export const TEMPLATE_WORDS = {
  defaultCurrency: "万元",
  percentOption: "百分比",
  /** The font of the written sheets: the one Chinese government forms use. */
  font: "宋体",
};

/** The very hidden sheet where the add-in keeps what it wrote, explanations and original fills. */
export const REGISTRY_SHEET = "_selfeval";

/** Choices of the 设置 sheet: the value a clerk types, and the default (first). */
export const SETTING_CHOICES = {
  overExecution: [
    { value: "cap", label: "封顶（按100%计）" },
    { value: "deviation", label: "按偏离度扣分（|1−执行率|）" },
    { value: "manual", label: "手工填写" },
  ],
  zeroDivision: [
    { value: "blank", label: "空白" },
    { value: "dash", label: "—" },
    { value: "zero", label: "0" },
  ],
  rounding: [
    { value: "nearest", label: "四舍五入" },
    { value: "truncate", label: "截断" },
  ],
  sangongCaliber: [
    { value: "actual", label: "决算（本年决算比上年决算）" },
    { value: "budget", label: "预算（本年预算比上年预算）" },
  ],
  staffCaliber: [
    { value: "onPayroll", label: "在编在职" },
    { value: "withHired", label: "含聘用人员" },
  ],
  stepRounding: [
    { value: "floor", label: "向下取整（满5个百分点扣一次）" },
    { value: "ceil", label: "向上取整（不足5个百分点也扣）" },
  ],
} as const;

export const SETTING_DEFAULTS = {
  overAchievement: "1.2",
  lowExecution: "0.9",
  lineDeviation: "0.2",
};
