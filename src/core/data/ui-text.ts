/**
 * Every string the task pane shows, in Chinese (default) and English. Pure data: no Office, no DOM.
 * Placeholders in braces ({n}, {sheet}, …) are filled by the task pane's `format` helper.
 * To change a wording, change it here; the pane has no literal user-facing text of its own.
 */

export type UiLanguage = "zh" | "en";

export interface UiText {
  /** Shown when the pane cannot start; "{reason}" is the error. */
  startupFailed: string;
  appTitle: string;
  appSubtitle: string;
  commandsHeading: string;
  commands: {
    newTemplate: { label: string; hint: string };
    fill: { label: string; hint: string };
    check: { label: string; hint: string };
    generate: { label: string; hint: string };
    clearHighlights: { label: string; hint: string };
  };
  /** "{command}" is a command label. */
  running: string;
  ready: string;
  findingsHeading: string;
  notCheckedYet: string;
  noFindings: string;
  /** "{total}", "{error}", "{warning}", "{info}" are counts. */
  findingsSummary: string;
  severity: { error: string; warning: string; info: string };
  /** "{label}" is a severity label, "{n}" its count. */
  severityHeading: string;
  noneInGroup: string;
  rule: string;
  expected: string;
  actual: string;
  outcomeRounding: string;
  /** "{sheet}", "{cell}". */
  goToCell: string;
  /** "{sheet}", "{cell}". */
  goToCellLabel: string;
  explainLabel: string;
  explainPlaceholder: string;
  /** The optional name stored with an explanation (remembered in this browser for the next one). */
  explainAuthor: string;
  saveExplanation: string;
  explanationEmpty: string;
  explanationSaved: string;
  explained: string;
  /** "{author}", "{at}". */
  explainedBy: string;
  /** "{n}" findings. */
  checkDone: string;
  errors: {
    protected: string;
    editing: string;
    noInputSheets: string;
    badFile: string;
    /** "{message}" is the host's own message. */
    other: string;
  };
  errorTitle: string;
  retry: string;
  dismiss: string;
  /** The standalone page (the pane opened in a browser outside Office). */
  standalone: {
    fileHeading: string;
    /** Nothing leaves the computer. */
    privacy: string;
    chooseFile: string;
    dropHint: string;
    dropActive: string;
    noFile: string;
    /** "{name}", "{n}" sheets. */
    opened: string;
    newWorkbook: string;
    opening: string;
    /** "{name}" of the file that could not be read. */
    openFailedTitle: string;
    downloadHeading: string;
    download: string;
    /** "{name}" the download will be saved as. */
    downloadAs: string;
    downloadNothing: string;
    /** "{name}" the download was saved as. */
    downloaded: string;
    cellsHeading: string;
    cellsNote: string;
    /** "{sheet}", "{cell}". */
    cellShown: string;
    highlightsCleared: string;
    noHighlights: string;
    /** A command asked for before a workbook is open. */
    noWorkbook: string;
    /** The downloaded file's name: "{base}-{suffix}.xlsx", the suffix naming the last command that changed it. */
    resultSuffix: Record<"newTemplate" | "fill" | "check" | "generate" | "clearHighlights" | "explain", string>;
    /** The suffix before any command has changed the workbook. */
    copySuffix: string;
    /** The base name of a workbook made by 新建模板 without an opened file. */
    newWorkbookBase: string;
  };
}

export const uiText: Record<UiLanguage, UiText> = {
  zh: {
    startupFailed: "绩效自评助手无法启动：{reason}",
    appTitle: "绩效自评助手",
    appSubtitle: "部门整体支出绩效自评报告",
    commandsHeading: "操作",
    commands: {
      newTemplate: { label: "新建模板", hint: "在工作簿中添加空白的标准输入表" },
      fill: { label: "计算", hint: "为输入表的计算单元格写入公式，不覆盖已填写的数值" },
      check: { label: "审核", hint: "检查工作簿并标记有问题的单元格" },
      generate: { label: "生成附表", hint: "按官方格式生成六张附表（再次生成会替换，不会重复）" },
      clearHighlights: { label: "清除标记", hint: "清除审核标记，恢复原有格式" },
    },
    running: "正在{command}，请稍候…",
    ready: "就绪",
    findingsHeading: "审核结果",
    notCheckedYet: "尚未审核。点击“审核”检查当前工作簿。",
    noFindings: "未发现问题。",
    findingsSummary: "共 {total} 条：错误 {error} 条，警告 {warning} 条，提示 {info} 条",
    severity: { error: "错误（强制性）", warning: "警告（提示性）", info: "提示" },
    severityHeading: "{label}：{n} 条",
    noneInGroup: "无",
    rule: "规则",
    expected: "应为",
    actual: "实际",
    outcomeRounding: "尾差",
    goToCell: "定位 {sheet}!{cell}",
    goToCellLabel: "选择单元格 {sheet}!{cell}",
    explainLabel: "说明",
    explainPlaceholder: "请说明出现该情况的原因，说明将保存在工作簿中",
    explainAuthor: "说明人（可不填）",
    saveExplanation: "保存说明",
    explanationEmpty: "请先填写说明。",
    explanationSaved: "说明已保存。",
    explained: "已说明",
    explainedBy: "{author} {at}",
    checkDone: "审核完成，共 {n} 条结果。",
    errors: {
      protected: "工作表受保护，无法写入。请在“审阅”选项卡中撤销工作表保护，然后重试。",
      editing: "Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑，然后点击“重试”。",
      noInputSheets: "工作簿中没有找到输入表。请先点击“新建模板”添加标准输入表。",
      badFile: "无法读取该文件：它不是有效的 Excel 工作簿（.xlsx）。",
      other: "操作失败：{message}",
    },
    errorTitle: "出错了",
    retry: "重试",
    dismiss: "关闭",
    standalone: {
      fileHeading: "工作簿文件",
      privacy: "文件只在本机浏览器中处理，不会上传到任何地方；原文件不会被改动，结果另存为新文件下载。",
      chooseFile: "选择 .xlsx 文件…",
      dropHint: "或将 .xlsx 文件拖放到这里",
      dropActive: "松开鼠标以打开文件",
      noFile: "尚未打开文件。也可以直接点击“新建模板”创建一个空白工作簿。",
      opened: "已打开：{name}（{n} 张工作表）",
      newWorkbook: "新建的工作簿（尚未保存）",
      opening: "正在读取文件…",
      openFailedTitle: "无法打开文件",
      downloadHeading: "下载结果",
      download: "下载结果",
      downloadAs: "将另存为新文件：{name}",
      downloadNothing: "打开文件并执行操作后，可在这里下载结果。",
      downloaded: "已下载：{name}",
      cellsHeading: "单元格定位",
      cellsNote: "浏览器中没有 Excel 可供选中单元格：点击审核结果中的“定位”只在这里显示单元格地址。请在 Excel 中打开下载的文件查看该单元格。",
      cellShown: "请在 Excel 中查看：{sheet}!{cell}",
      highlightsCleared: "已清除审核标记，单元格恢复原有格式。",
      noHighlights: "工作簿中没有审核标记。",
      noWorkbook: "请先选择或拖入一个 .xlsx 工作簿。",
      resultSuffix: { newTemplate: "模板", fill: "已计算", check: "已审核", generate: "附表", clearHighlights: "已清除标记", explain: "已说明" },
      copySuffix: "副本",
      newWorkbookBase: "绩效自评",
    },
  },
  en: {
    startupFailed: "The add-in could not start: {reason}",
    appTitle: "Performance Self-Evaluation Assistant",
    appSubtitle: "Department-wide expenditure performance self-evaluation",
    commandsHeading: "Commands",
    commands: {
      newTemplate: { label: "New template", hint: "Add the blank standard input sheets to the workbook" },
      fill: { label: "Fill", hint: "Write formulas into the derived cells; typed values are never overwritten" },
      check: { label: "Check", hint: "Check the workbook and highlight the cells with findings" },
      generate: {
        label: "Generate attachments",
        hint: "Write the attachment tables in the official layout (running again replaces them)",
      },
      clearHighlights: { label: "Clear highlights", hint: "Remove the check highlights and restore the formatting" },
    },
    running: "Running {command}…",
    ready: "Ready",
    findingsHeading: "Findings",
    notCheckedYet: "Not checked yet. Click Check to check this workbook.",
    noFindings: "No findings.",
    findingsSummary: "{total} in all: {error} errors, {warning} warnings, {info} info",
    severity: { error: "Errors (mandatory)", warning: "Warnings (advisory)", info: "Info" },
    severityHeading: "{label}: {n}",
    noneInGroup: "None",
    rule: "Rule",
    expected: "Expected",
    actual: "Found",
    outcomeRounding: "Rounding difference",
    goToCell: "Go to {sheet}!{cell}",
    goToCellLabel: "Select cell {sheet}!{cell}",
    explainLabel: "Explanation",
    explainPlaceholder: "Explain why this happens; the explanation is stored in the workbook",
    explainAuthor: "Explained by (optional)",
    saveExplanation: "Save explanation",
    explanationEmpty: "Please write an explanation first.",
    explanationSaved: "Explanation saved.",
    explained: "Explained",
    explainedBy: "{author} {at}",
    checkDone: "Check finished: {n} findings.",
    errors: {
      protected: "The sheet is protected and cannot be written. Unprotect it (Review tab), then try again.",
      editing: "Excel is editing a cell. Press Enter or Esc to finish editing, then click Retry.",
      noInputSheets: "The workbook has no input sheets. Click New template to add the standard input sheets.",
      badFile: "This file cannot be read: it is not a valid Excel workbook (.xlsx).",
      other: "The command failed: {message}",
    },
    errorTitle: "Error",
    retry: "Retry",
    dismiss: "Dismiss",
    standalone: {
      fileHeading: "Workbook file",
      privacy:
        "The file is processed in this browser only and is sent nowhere; the original is never changed, the result is downloaded as a new file.",
      chooseFile: "Choose an .xlsx file…",
      dropHint: "or drop an .xlsx file here",
      dropActive: "Release to open the file",
      noFile: "No file open. Click New template to start a blank workbook.",
      opened: "Open: {name} ({n} sheets)",
      newWorkbook: "New workbook (not saved yet)",
      opening: "Reading the file…",
      openFailedTitle: "The file cannot be opened",
      downloadHeading: "Download",
      download: "Download result",
      downloadAs: "Saved as a new file: {name}",
      downloadNothing: "Open a file and run a command to download the result here.",
      downloaded: "Downloaded: {name}",
      cellsHeading: "Cell links",
      cellsNote:
        "There is no Excel in the browser to select a cell in: a finding's Go to link only shows its address here. Open the downloaded file in Excel to see the cell.",
      cellShown: "See in Excel: {sheet}!{cell}",
      highlightsCleared: "Highlights cleared; the cells have their original formatting again.",
      noHighlights: "The workbook has no highlights.",
      noWorkbook: "Choose or drop an .xlsx workbook first.",
      resultSuffix: { newTemplate: "template", fill: "calculated", check: "checked", generate: "attachments", clearHighlights: "unmarked", explain: "explained" },
      copySuffix: "copy",
      newWorkbookBase: "self-evaluation",
    },
  },
};
