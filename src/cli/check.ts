/**
 * selfeval check IN.xlsx [IN2.xlsx | DIR …] [--json] [--summary SUMMARY.xlsx] [--highlight [OUT_DIR]]
 *
 * Exit status: 0 when no finding is an error, 1 when one is, 2 when an input cannot be read (or an output would
 * overwrite an input). Folders: every .xlsx directly inside (not recursive; Excel's ~$ lock files skipped).
 * Nothing is ever written over an input file.
 */
import ExcelJS from "exceljs";
import { existsSync, readdirSync, statSync, writeFileSync } from "fs";
import { basename, dirname, join, relative, resolve } from "path";
import { CHECK_SUMMARY_BOOK, format, SEVERITY_NAMES } from "../core/data/messages";
import type { Finding } from "../core/findings";
import { saveWorkbook } from "../host/xlsx/workbook";
import { checkFiles, type Checked } from "./check-files";

export interface Output {
  write(text: string): unknown;
}

const USAGE = format("checkUsage");
const COLUMNS = CHECK_SUMMARY_BOOK.columns;

interface Options {
  inputs: string[];
  json: boolean;
  summary?: string;
  highlight?: string;
  jobs?: number;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { inputs: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") o.json = true;
    else if (a === "--summary") {
      const next = args[++i];
      if (!next || next.startsWith("--")) return format("checkNeedsOutput", { option: a });
      o.summary = next;
    } else if (a === "--highlight") {
      const next = args[i + 1];
      // The folder is optional: a following .xlsx file or option is not it.
      if (next && !next.startsWith("--") && !/\.xlsx$/i.test(next)) {
        o.highlight = next;
        i++;
      } else o.highlight = format("checkHighlightFolder");
    } else if (a === "--jobs") {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 1) return format("checkJobs");
      o.jobs = n;
    } else if (a.startsWith("--")) return format("checkUnknownOption", { option: a });
    else o.inputs.push(a);
  }
  if (o.inputs.length === 0) return format("checkNoInput");
  return o;
}

/** Files to check: each file named, and every .xlsx directly inside each folder named (sorted). */
function expandInputs(inputs: string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      problems.push(format("checkInputMissing", { input }));
      continue;
    }
    if (statSync(input).isDirectory()) {
      const inside = readdirSync(input)
        .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith("~$"))
        .sort()
        .map((n) => join(input, n))
        .filter((p) => statSync(p).isFile());
      if (inside.length === 0) problems.push(format("checkFolderEmpty", { input }));
      files.push(...inside);
    } else files.push(input);
  }
  return { files: [...new Set(files)], problems };
}


function line(f: Finding): string {
  const where = `${f.sheet}${f.cells.length ? `!${f.cells.join(",")}` : ""}`;
  const { expected, actual, explanation } = f;
  const values = expected !== undefined && actual !== undefined ? format("checkValues", { expected, actual }) : "";
  const explained = explanation ? format("checkExplained", { text: explanation.text, author: explanation.author }) : "";
  return `  ${SEVERITY_NAMES[f.severity].zh} ${f.ruleId} ${where} ${f.message}${values}${explained}`;
}

function humanReport(c: Checked): string {
  const { summary, findings } = c.result;
  const blank = format("checkBlank");
  const out = [
    `== ${c.file}`,
    format("checkUnitYear", { unit: summary.unitName ?? blank, year: summary.year ?? blank }),
    format("checkCounts", {
      ...summary.counts,
      explained: summary.explained ? format("checkCountExplained", { count: summary.explained }) : "",
    }),
    ...findings.map(line),
  ];
  return out.join("\n") + "\n";
}

const quoteFormula = (s: string) => s.replace(/"/g, '""');

/** An external link Excel follows: HYPERLINK("[book.xlsx]'Sheet'!B7", "…"), relative to the summary's folder. */
export function linkFormula(summaryPath: string, file: string, sheet: string, cell: string | undefined): string {
  const rel = relative(dirname(resolve(summaryPath)), resolve(file)).split("\\").join("/");
  const target = `[${rel}]'${sheet.replace(/'/g, "''")}'!${cell ?? "A1"}`;
  return `HYPERLINK("${quoteFormula(target)}","${quoteFormula(`${sheet}!${cell ?? "A1"}`)}")`;
}

async function writeSummary(path: string, checked: Checked[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "selfeval";
  const files = wb.addWorksheet(CHECK_SUMMARY_BOOK.filesSheet.zh);
  files.columns = [
    { header: COLUMNS.file.zh, key: "file", width: 36 },
    { header: COLUMNS.unit.zh, key: "unit", width: 28 },
    { header: COLUMNS.year.zh, key: "year", width: 8 },
    { header: SEVERITY_NAMES.error.zh, key: "error", width: 8 },
    { header: SEVERITY_NAMES.warning.zh, key: "warning", width: 8 },
    { header: SEVERITY_NAMES.info.zh, key: "info", width: 8 },
  ];
  for (const c of checked) {
    const s = c.result.summary;
    files.addRow({ file: basename(c.file), unit: s.unitName ?? "", year: s.year ?? "", error: s.counts.error, warning: s.counts.warning, info: s.counts.info });
  }
  const list = wb.addWorksheet(CHECK_SUMMARY_BOOK.findingsSheet.zh);
  list.columns = [
    { header: COLUMNS.file.zh, key: "file", width: 28 },
    { header: COLUMNS.unit.zh, key: "unit", width: 24 },
    { header: COLUMNS.severity.zh, key: "severity", width: 8 },
    { header: COLUMNS.rule.zh, key: "rule", width: 24 },
    { header: COLUMNS.link.zh, key: "link", width: 22 },
    { header: COLUMNS.message.zh, key: "message", width: 80 },
    { header: COLUMNS.expected.zh, key: "expected", width: 14 },
    { header: COLUMNS.actual.zh, key: "actual", width: 14 },
    { header: COLUMNS.explanation.zh, key: "explanation", width: 30 },
  ];
  for (const c of checked) {
    for (const f of c.result.findings) {
      const row = list.addRow({
        file: basename(c.file),
        unit: c.result.summary.unitName ?? "",
        severity: SEVERITY_NAMES[f.severity].zh,
        rule: f.ruleId,
        message: f.message,
        expected: f.expected ?? "",
        actual: f.actual ?? "",
        explanation: f.explanation ? format("checkExplanationCell", { ...f.explanation }) : "",
      });
      row.getCell("link").value = {
        formula: linkFormula(path, c.file, f.sheet, f.cells[0]),
        result: `${f.sheet}!${f.cells[0] ?? "A1"}`,
      } as ExcelJS.CellFormulaValue;
      row.getCell("link").font = { color: { argb: "FF0563C1" }, underline: true };
    }
  }
  for (const ws of [files, list]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1, xSplit: 0 }];
  }
  writeFileSync(path, await saveWorkbook(wb));
}

export async function runCheck(args: string[], io: { stdout: Output; stderr: Output }): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === "string") {
    io.stderr.write(`${options}\n${USAGE}\n`);
    return 2;
  }
  const { files, problems } = expandInputs(options.inputs);
  const inputPaths = new Set(files.map((f) => resolve(f)));
  if (options.summary && inputPaths.has(resolve(options.summary))) {
    io.stderr.write(`${format("checkSummaryIsInput", { file: options.summary })}\n`);
    return 2;
  }
  const outcomes = await checkFiles(files, { highlight: options.highlight, inputPaths: [...inputPaths] }, options.jobs);
  const checked: Checked[] = [];
  for (const o of outcomes) {
    if (o.checked) checked.push(o.checked);
    problems.push(...o.problems);
  }
  if (options.json) {
    const all = checked.flatMap((c) => c.result.findings.map((f) => ({ file: c.file, ...f })));
    io.stdout.write(JSON.stringify(all, null, 2) + "\n");
  } else {
    for (const c of checked) io.stdout.write(humanReport(c));
  }
  if (options.summary) await writeSummary(options.summary, checked);
  for (const p of problems) io.stderr.write(`${p}\n`);
  if (problems.length > 0) return 2;
  return checked.some((c) => c.result.summary.counts.error > 0) ? 1 : 0;
}
