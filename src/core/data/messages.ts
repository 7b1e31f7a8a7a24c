/**
 * Messages of the reader and of 计算 (fill), in Chinese and English. Placeholders {name} are filled by format().
 * The checker's messages live with its rules in the rule catalogue.
 */
export const MESSAGES = {
  sheetMissing: {
    zh: "找不到“{table}”（应在工作表“{sheet}”中）：请先“新建模板”或检查表头。",
    en: "Table “{table}” not found (expected on sheet “{sheet}”).",
  },
  columnMissing: {
    zh: "{sheet}!{cell}：“{table}”缺少列“{column}”。",
    en: "{sheet}!{cell}: table “{table}” lacks column “{column}”.",
  },
  rowMissing: {
    zh: "{sheet}：“{table}”缺少行“{row}”。",
    en: "{sheet}: table “{table}” lacks row “{row}”.",
  },
  rowUnknown: {
    zh: "{sheet}!{cell}：不认识的行“{label}”，未读取。",
    en: "{sheet}!{cell}: unknown row “{label}”, not read.",
  },
  rowDuplicate: {
    zh: "{sheet}!{cell}：行“{label}”重复出现，只读取了第一行（{first}）。",
    en: "{sheet}!{cell}: row “{label}” appears twice; only the first ({first}) was read.",
  },
  notANumber: {
    zh: "{sheet}!{cell}：“{text}”不是数字，无法读取。",
    en: "{sheet}!{cell}: “{text}” is not a number.",
  },
  dateInAmount: {
    zh: "{sheet}!{cell}：金额单元格是日期格式，按数字 {value} 读取，请检查。",
    en: "{sheet}!{cell}: an amount cell is formatted as a date; read as {value}.",
  },
  errorValue: {
    zh: "{sheet}!{cell}：单元格是错误值 {error}。",
    en: "{sheet}!{cell}: the cell holds the error value {error}.",
  },
  yearMissing: {
    zh: "基本信息：缺少“评价年度”，年度标签无法核对。",
    en: "Basic information: the report year is missing.",
  },
  unknownSetting: {
    zh: "{sheet}!{cell}：设置“{label}”的取值“{text}”无法识别，已使用默认值“{fallback}”。",
    en: "{sheet}!{cell}: setting “{label}” has an unknown value “{text}”; the default “{fallback}” is used.",
  },
  nameMissing: {
    zh: "{sheet}!{cell}：这一行有数字但没有名称，未读取。",
    en: "{sheet}!{cell}: this row has figures but no name; not read.",
  },
  fillSummary: {
    zh: "已填入 {count} 个公式单元格{bySheet}。",
    en: "Filled {count} formula cells{bySheet}.",
  },
  fillKeptTyped: {
    zh: "{count} 个应为公式的单元格里是手工填写的数字，已保留原样（审核会核对它们）。",
    en: "{count} derived cells hold typed values and were left as they are (审核 checks them).",
  },
  fillMissingInputs: {
    zh: "缺少输入，相关公式暂为空白：{cells}",
    en: "Missing inputs (their formulas stay blank): {cells}",
  },
  fillNothing: {
    zh: "没有需要填入的公式。",
    en: "Nothing to fill.",
  },
  noInputSheets: {
    zh: "工作簿中没有标准输入表：请先点击“新建模板”。",
    en: "The workbook has no input sheets: click 新建模板 first.",
  },
  templateExists: {
    zh: "工作表“{sheet}”已存在，未改动；模板的其他工作表已添加。",
    en: "Sheet “{sheet}” exists and was left alone.",
  },
  unitLine: { zh: "单位：万元", en: "Unit: 10,000 yuan" },
  derivedNote: {
    zh: "白色单元格填写，灰色单元格由“计算”填入公式（手工填写的数字会保留并在审核时核对）。",
    en: "Type into white cells; grey cells get formulas from 计算.",
  },
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type Language = "zh" | "en";

export function format(key: MessageKey, params: Record<string, string | number> = {}, lang: Language = "zh"): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}
