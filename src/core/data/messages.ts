/**
 * Messages of the reader, of 计算 (fill), of the CLI and of the Excel host, in Chinese and English. Placeholders
 * {name} are filled by format(). The checker's messages live with its rules in the rule catalogue.
 */
import type { Severity } from "../findings";

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
  textUnitMismatch: {
    zh: "{sheet}!{cell}：“{text}”注明单位“{unit}”，本表单位是“{tableUnit}”；已按本表单位读取数字，请换算后填入。",
    en: "{sheet}!{cell}: “{text}” names the unit {unit} but the table is in {tableUnit}; the number was read in the table's unit. Convert it.",
  },
  dateInAmount: {
    zh: "{sheet}!{cell}：金额单元格是日期格式，按数字 {value} 读取，请检查。",
    en: "{sheet}!{cell}: an amount cell is formatted as a date; read as {value}.",
  },
  errorValue: {
    zh: "{sheet}!{cell}：单元格是错误值 {error}。",
    en: "{sheet}!{cell}: the cell holds the error value {error}.",
  },
  externalLink: {
    zh: "{sheet}!{cell}：公式引用了其他工作簿（{formula}），其值可能已过期，审核无法核实来源；请改为直接填写数字。",
    en: "{sheet}!{cell}: the formula links another workbook ({formula}); its value may be stale.",
  },
  mergedInput: {
    zh: "{sheet}!{cell}：输入单元格被合并到 {range} 中，其中的数字不可见也无法读取；请取消合并后填写。",
    en: "{sheet}!{cell}: an input cell lies under the merged range {range}; it cannot be read.",
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
  /** A used range too large to read whole: the add-in refuses rather than work on part of the sheet. */
  readClipped: {
    zh: "工作表“{sheet}”的已用区域是 {usedRange}，超出一次能读取的范围（只能读到 {readRange}）。只处理其中一部分会算错合计，因此未做任何改动。请删除该表下方或右侧多余的内容（例如远处误输入的单元格），然后重试。",
    en: "The used range of sheet “{sheet}” is {usedRange}, more than can be read at once (only {readRange}). Nothing was changed, since working on part of it would get totals wrong. Delete what lies below or right of the table (a cell typed far away, say), then try again.",
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
  fileBeyondGrid: {
    zh: "{file}：工作表“{sheet}”中的 {range} 超出 Excel 的行列范围（最多 1048576 行、16384 列），文件已损坏或被改动过，未读取。",
    en: "{file}: {range} on sheet '{sheet}' lies beyond Excel's grid (1,048,576 rows, 16,384 columns); the file is damaged, not read.",
  },
  fileSheetId: {
    zh: "{file}：工作表“{sheet}”的内部编号 {id} 不合常理，文件已损坏或被改动过，未读取；请在 Excel 中另存为新文件后再试。",
    en: "{file}: sheet '{sheet}' has an implausible internal number {id}; the file is damaged, not read. Save it anew in Excel.",
  },
  fileMergesTooLarge: {
    zh: "{file}：合并单元格共覆盖 {total} 个单元格（超过 {limit}），读取会耗尽内存；最大的是工作表“{sheet}”的 {range}。请在 Excel 中取消这个合并后再试，未读取。",
    en: "{file}: merged cells cover {total} cells (over {limit}); the largest is {range} on sheet '{sheet}'. Unmerge it and try again.",
  },
  fileValidationsTooLarge: {
    zh: "{file}：数据验证共覆盖 {total} 个单元格（超过 {limit}），读取会耗尽内存；最大的是工作表“{sheet}”的 {range}。请在 Excel 中缩小这个范围后再试，未读取。",
    en: "{file}: data validations cover {total} cells (over {limit}); the largest is {range} on sheet '{sheet}'. Narrow it and try again.",
  },
  fileNamesTooLarge: {
    zh: "{file}：定义的名称共覆盖 {total} 个单元格（超过 {limit}），读取会耗尽内存；最大的是工作表“{sheet}”的 {range}。请在 Excel 的名称管理器中缩小这个范围后再试，未读取。",
    en: "{file}: defined names cover {total} cells (over {limit}); the largest is {range} on sheet '{sheet}'. Narrow it in the Name Manager and try again.",
  },
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
  checkUsage: {
    zh: "用法：selfeval check IN.xlsx [IN2.xlsx | 文件夹 …] [--json] [--summary 汇总.xlsx] [--highlight [输出文件夹]] [--jobs N]",
    en: "usage: selfeval check IN.xlsx [IN2.xlsx | DIR …] [--json] [--summary SUMMARY.xlsx] [--highlight [OUT_DIR]] [--jobs N]",
  },
  checkJobs: { zh: "--jobs 需要一个正整数（同时审核的文件数）。", en: "--jobs needs a positive whole number (files checked at once)." },
  checkNeedsOutput: { zh: "{option} 需要一个输出文件名。", en: "{option} needs an output file name." },
  checkUnknownOption: { zh: "不认识的选项 {option}。", en: "unknown option {option}." },
  checkNoInput: { zh: "缺少要审核的文件或文件夹。", en: "no file or folder to check." },
  /** The folder --highlight writes marked copies to when none is named. */
  checkHighlightFolder: { zh: "已审核", en: "checked" },
  checkInputMissing: { zh: "{input}：文件或文件夹不存在。", en: "{input}: no such file or folder." },
  checkFolderEmpty: { zh: "{input}：文件夹中没有 .xlsx 文件。", en: "{input}: no .xlsx files in the folder." },
  checkSummaryIsInput: {
    zh: "{file}：汇总文件不能覆盖被审核的文件。",
    en: "{file}: the summary may not overwrite a checked file.",
  },
  checkCopyIsInput: {
    zh: "{file}：标记后的副本会覆盖输入文件，未写入；请换一个输出文件夹。",
    en: "{file}: the marked copy would overwrite an input; not written. Choose another folder.",
  },
  checkValues: { zh: "（应为 {expected}，实为 {actual}）", en: " (expected {expected}, found {actual})" },
  checkExplained: { zh: "  [已说明：{text}（{author}）]", en: "  [explained: {text} ({author})]" },
  checkUnitYear: { zh: "单位：{unit}  年度：{year}", en: "Unit: {unit}  Year: {year}" },
  checkBlank: { zh: "（未填）", en: "(blank)" },
  checkCounts: {
    zh: "错误 {error}  警告 {warning}{explained}  提示 {info}",
    en: "errors {error}  warnings {warning}{explained}  notes {info}",
  },
  checkCountExplained: { zh: "（已说明 {count}）", en: " ({count} explained)" },
  checkExplanationCell: { zh: "{text}（{author}，{at}）", en: "{text} ({author}, {at})" },
  hostEditing: {
    zh: "Excel 正处于单元格编辑状态，请先按 Enter 或 Esc 结束编辑后重试。",
    en: "Excel is editing a cell: press Enter or Esc, then try again.",
  },
  /** One sheet in a list of sheets ({names} below): the quoted names follow each other. */
  hostSheetName: { zh: "「{sheet}」", en: "“{sheet}”" },
  hostSheets: { zh: "工作表{names}", en: "Sheet {names}" },
  hostTargetSheets: { zh: "要写入的工作表", en: "A sheet to be written" },
  hostProtected: {
    zh: "{sheets}受保护，无法写入。请先撤销工作表保护后重试。{detail}",
    en: "{sheets} is protected and cannot be written; unprotect it and try again.{detail}",
  },
  hostProtectedDetail: { zh: "（{reason}）", en: " ({reason})" },
  hostSheetsMissing: { zh: "工作簿中没有工作表{names}。", en: "The workbook has no sheet {names}." },
  derivedNote: {
    zh: "白色单元格填写，灰色单元格由“计算”填入公式（手工填写的数字会保留并在审核时核对）。",
    en: "Type into white cells; grey cells get formulas from 计算.",
  },
} as const;

/** Severity names in the CLI's report and summary workbook. */
export const SEVERITY_NAMES: Record<Severity, { zh: string; en: string }> = {
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "note" },
};

/** The workbook `selfeval check --summary` writes: sheet names and column headers. */
export const CHECK_SUMMARY_BOOK = {
  filesSheet: { zh: "汇总", en: "Summary" },
  findingsSheet: { zh: "问题清单", en: "Findings" },
  columns: {
    file: { zh: "文件", en: "File" },
    unit: { zh: "单位", en: "Unit" },
    year: { zh: "年度", en: "Year" },
    severity: { zh: "严重性", en: "Severity" },
    rule: { zh: "规则", en: "Rule" },
    link: { zh: "位置", en: "Cell" },
    message: { zh: "消息", en: "Message" },
    expected: { zh: "应为", en: "Expected" },
    actual: { zh: "实为", en: "Actual" },
    explanation: { zh: "说明", en: "Explanation" },
  },
};

export type MessageKey = keyof typeof MESSAGES;
export type Language = "zh" | "en";

export function format(key: MessageKey, params: Record<string, string | number> = {}, lang: Language = "zh"): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}
