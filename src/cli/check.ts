/**
 * selfeval check IN.xlsx [IN2.xlsx | DIR …] [--json] [--summary SUMMARY.xlsx] [--highlight [OUT_DIR]]
 *
 * Exit status: 0 when no finding is an error, 1 when one is, 2 when an input cannot be read (or an output would
 * overwrite an input). Folders: every .xlsx directly inside (not recursive; Excel's ~$ lock files skipped).
 * Nothing is ever written over an input file.
 */
import ExcelJS from "exceljs";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { basename, dirname, join, relative, resolve } from "path";
import { checkWorkbook, type CheckResult } from "../core/check/check";
import type { Finding, Severity } from "../core/findings";
import { applyPlanToWorkbook } from "../host/xlsx/apply";
import { snapshotFromWorkbook } from "../host/xlsx/snapshot";
import { loadWorkbook, saveWorkbook, UnreadableWorkbookError } from "../host/xlsx/workbook";

export interface Output {
  write(text: string): unknown;
}

const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

const USAGE = "用法：selfeval check IN.xlsx [IN2.xlsx | 文件夹 …] [--json] [--summary 汇总.xlsx] [--highlight [输出文件夹]]";

interface Options {
  inputs: string[];
  json: boolean;
  summary?: string;
  highlight?: string;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { inputs: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") o.json = true;
    else if (a === "--summary") {
      const next = args[++i];
      if (!next || next.startsWith("--")) return "--summary 需要一个输出文件名。";
      o.summary = next;
    } else if (a === "--highlight") {
      const next = args[i + 1];
      // The folder is optional: a following .xlsx file or option is not it.
      if (next && !next.startsWith("--") && !/\.xlsx$/i.test(next)) {
        o.highlight = next;
        i++;
      } else o.highlight = "已审核";
    } else if (a.startsWith("--")) return `不认识的选项 ${a}。`;
    else o.inputs.push(a);
  }
  if (o.inputs.length === 0) return "缺少要审核的文件或文件夹。";
  return o;
}

/** Files to check: each file named, and every .xlsx directly inside each folder named (sorted). */
function expandInputs(inputs: string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) {
      problems.push(`${input}：文件或文件夹不存在。`);
      continue;
    }
    if (statSync(input).isDirectory()) {
      const inside = readdirSync(input)
        .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith("~$"))
        .sort()
        .map((n) => join(input, n))
        .filter((p) => statSync(p).isFile());
      if (inside.length === 0) problems.push(`${input}：文件夹中没有 .xlsx 文件。`);
      files.push(...inside);
    } else files.push(input);
  }
  return { files: [...new Set(files)], problems };
}

interface Checked {
  file: string;
  result: CheckResult;
}

function line(f: Finding): string {
  const where = `${f.sheet}${f.cells.length ? `!${f.cells.join(",")}` : ""}`;
  const values = f.expected !== undefined && f.actual !== undefined ? `（应为 ${f.expected}，实为 ${f.actual}）` : "";
  const explained = f.explanation ? `  [已说明：${f.explanation.text}（${f.explanation.author}）]` : "";
  return `  ${SEVERITY_ZH[f.severity]} ${f.ruleId} ${where} ${f.message}${values}${explained}`;
}

function humanReport(c: Checked): string {
  const { summary, findings } = c.result;
  const out = [
    `== ${c.file}`,
    `单位：${summary.unitName ?? "（未填）"}  年度：${summary.year ?? "（未填）"}`,
    `错误 ${summary.counts.error}  警告 ${summary.counts.warning}${summary.explained ? `（已说明 ${summary.explained}）` : ""}  提示 ${summary.counts.info}`,
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
  const files = wb.addWorksheet("汇总");
  files.columns = [
    { header: "文件", key: "file", width: 36 },
    { header: "单位", key: "unit", width: 28 },
    { header: "年度", key: "year", width: 8 },
    { header: "错误", key: "error", width: 8 },
    { header: "警告", key: "warning", width: 8 },
    { header: "提示", key: "info", width: 8 },
  ];
  for (const c of checked) {
    const s = c.result.summary;
    files.addRow({ file: basename(c.file), unit: s.unitName ?? "", year: s.year ?? "", error: s.counts.error, warning: s.counts.warning, info: s.counts.info });
  }
  const list = wb.addWorksheet("问题清单");
  list.columns = [
    { header: "文件", key: "file", width: 28 },
    { header: "单位", key: "unit", width: 24 },
    { header: "严重性", key: "severity", width: 8 },
    { header: "规则", key: "rule", width: 24 },
    { header: "位置", key: "link", width: 22 },
    { header: "消息", key: "message", width: 80 },
    { header: "应为", key: "expected", width: 14 },
    { header: "实为", key: "actual", width: 14 },
    { header: "说明", key: "explanation", width: 30 },
  ];
  for (const c of checked) {
    for (const f of c.result.findings) {
      const row = list.addRow({
        file: basename(c.file),
        unit: c.result.summary.unitName ?? "",
        severity: SEVERITY_ZH[f.severity],
        rule: f.ruleId,
        message: f.message,
        expected: f.expected ?? "",
        actual: f.actual ?? "",
        explanation: f.explanation ? `${f.explanation.text}（${f.explanation.author}，${f.explanation.at}）` : "",
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
    io.stderr.write(`${options.summary}：汇总文件不能覆盖被审核的文件。\n`);
    return 2;
  }
  const checked: Checked[] = [];
  for (const file of files) {
    let wb: ExcelJS.Workbook;
    try {
      wb = await loadWorkbook(new Uint8Array(readFileSync(file)), basename(file));
    } catch (err) {
      if (err instanceof UnreadableWorkbookError) {
        problems.push(err.message.replace(basename(file), file));
        continue;
      }
      throw err;
    }
    const result = checkWorkbook(snapshotFromWorkbook(wb, { fills: options.highlight !== undefined }), {
      highlight: options.highlight !== undefined,
    });
    checked.push({ file, result });
    if (options.highlight !== undefined) {
      const target = resolve(options.highlight, basename(file));
      if (inputPaths.has(target)) {
        problems.push(`${file}：标记后的副本会覆盖输入文件，未写入；请换一个输出文件夹。`);
      } else {
        applyPlanToWorkbook(wb, result.plan);
        mkdirSync(resolve(options.highlight), { recursive: true });
        writeFileSync(target, await saveWorkbook(wb));
      }
    }
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
