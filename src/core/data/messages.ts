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
  andMore: { zh: " 等 {count} 处", en: " and more ({count} in all)" },
  highlightsCleared: { zh: "已清除审核标记，单元格恢复原来的底色。", en: "Highlights cleared; cells have their own fills back." },
  templateAdded: { zh: "已添加输入表：{sheets}。", en: "Input sheets added: {sheets}." },
  templateComplete: { zh: "标准输入表都已存在，未做改动。", en: "All input sheets exist; nothing changed." },
  fileEmpty: { zh: "{file}：文件是空的（0 字节），不是 Excel 工作簿。", en: "{file}: the file is empty (0 bytes)." },
  fileOle: {
    zh: "{file}：这是加密的工作簿或旧版 .xls 文件，无法读取；请在 Excel 中取消密码并另存为 .xlsx。",
    en: "{file}: an encrypted workbook or an old .xls; remove the password and save as .xlsx.",
  },
  fileCsv: { zh: "{file}：CSV 文件，无法读取；请在 Excel 中另存为 .xlsx。", en: "{file}: a CSV file; save it as .xlsx." },
  fileNotXlsx: { zh: "{file}：不是 .xlsx 格式，无法读取；请在 Excel 中另存为 .xlsx。", en: "{file}: not an .xlsx file." },
  fileCorrupt: {
    zh: "{file}：文件已损坏或不是 Excel 工作簿（{reason}）。",
    en: "{file}: the file is damaged or not a workbook ({reason}).",
  },
  fileNoSheets: { zh: "{file}：工作簿中没有工作表。", en: "{file}: the workbook has no sheets." },
  fileMissing: { zh: "{file}：文件不存在。", en: "{file}: no such file." },
  outputIsInput: {
    zh: "{file}：输出文件不能与输入文件相同，输入文件从不被改写。",
    en: "{file}: the output may not be an input; inputs are never written.",
  },
  sheetNotFound: { zh: "工作表“{sheet}”不存在。", en: "Sheet “{sheet}” does not exist." },
  cliWritten: { zh: "已写入 {file}", en: "Written: {file}" },
  cliUsage: {
    zh: "用法：\n  selfeval template -o blank.xlsx\n  selfeval fill   IN.xlsx -o OUT.xlsx\n  selfeval check  IN.xlsx [IN2.xlsx | DIR …] [--json] [--summary SUMMARY.xlsx]\n  selfeval build  IN.xlsx -o OUT.xlsx",
    en: "usage: selfeval template|fill|check|build …",
  },
  cliUnknownCommand: { zh: "未知命令：{command}", en: "unknown command: {command}" },
  cliNeedsValue: { zh: "{option} 后面需要一个文件名。", en: "{option} needs a file name." },
  cliNeedsOutput: { zh: "缺少输出文件：-o {example}", en: "missing output: -o {example}" },
  cliOneInput: { zh: "需要且只需要一个输入文件。", en: "exactly one input file is needed." },
  cliInternal: { zh: "内部错误：{reason}", en: "internal error: {reason}" },
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
