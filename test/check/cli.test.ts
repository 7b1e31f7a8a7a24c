/** selfeval check: exit codes, --json, folders, --summary, --highlight, never writing an input. */
import ExcelJS from "exceljs";
import { createHash } from "crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { runCheck } from "../../src/cli/check";
import { defaultJobs, workerScript } from "../../src/cli/check-files";
import { SAMPLE } from "./helpers";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } } };
}

const sha = (p: string) => createHash("sha256").update(readFileSync(p)).digest("hex");

let dir: string;
let good: string;
let bad: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "selfeval-check-"));
  good = join(dir, "good.xlsx");
  copyFileSync(SAMPLE, good);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  wb.getWorksheet("预算执行")!.getCell("E5").value = 1300; // 全年预算 ≠ 年初 + 结转 + 调整
  bad = join(dir, "bad.xlsx");
  await wb.xlsx.writeFile(bad);
});

describe("selfeval check", () => {
  it("exits 0 on the sample and prints unit, year, counts and each finding", async () => {
    const t = io();
    expect(await runCheck([good], t.io)).toBe(0);
    const text = t.out.join("");
    expect(text).toContain("单位：湖南省就业服务中心");
    expect(text).toContain("年度：2020");
    expect(text).toContain("错误 0  警告 15  提示 2");
    expect(text).toMatch(/警告 expense\.sharePlug 支出明细!D20 .*（应为 13\.13%，实为 13\.14%）/);
  });

  it("exits 1 when a finding is an error; --json prints one array of findings", async () => {
    const t = io();
    expect(await runCheck([bad, "--json"], t.io)).toBe(1);
    const findings = JSON.parse(t.out.join("")) as Record<string, unknown>[];
    expect(Array.isArray(findings)).toBe(true);
    const f = findings.find((x) => x.ruleId === "budget.identity")!;
    expect(f).toMatchObject({ severity: "error", sheet: "预算执行", cells: ["E5"], expected: "1273.97", actual: "1300.00", file: bad });
    expect(typeof f.message).toBe("string");
    for (const x of findings) expect(Object.keys(x).every((k) => ["file", "ruleId", "severity", "sheet", "cells", "message", "expected", "actual", "outcome", "explanation"].includes(k))).toBe(true);
  });

  it("exits 2 with a one-line Chinese reason naming an unreadable file", async () => {
    const junk = join(dir, "junk.xlsx");
    writeFileSync(junk, "not a workbook");
    const t = io();
    expect(await runCheck([junk], t.io)).toBe(2);
    expect(t.err.join("").trim().split("\n")).toHaveLength(1);
    expect(t.err.join("")).toContain(junk);
    expect(t.err.join("")).toMatch(/无法读取/);
    const missing = io();
    expect(await runCheck([join(dir, "nope.xlsx")], missing.io)).toBe(2);
  });

  it("checks every .xlsx in a folder (skipping ~$ lock files) and writes a summary with links", async () => {
    const folder = mkdtempSync(join(tmpdir(), "selfeval-folder-"));
    copyFileSync(good, join(folder, "a.xlsx"));
    copyFileSync(bad, join(folder, "b.xlsx"));
    writeFileSync(join(folder, "~$a.xlsx"), "lock");
    writeFileSync(join(folder, "notes.txt"), "x");
    const summary = join(dir, "summary.xlsx");
    const before = [sha(join(folder, "a.xlsx")), sha(join(folder, "b.xlsx"))];
    const t = io();
    expect(await runCheck([folder, "--summary", summary], t.io)).toBe(1);
    expect(t.out.join("")).toContain("a.xlsx");
    expect([sha(join(folder, "a.xlsx")), sha(join(folder, "b.xlsx"))]).toEqual(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summary);
    const files = wb.getWorksheet("汇总")!;
    expect(files.getRow(1).values).toEqual([undefined, "文件", "单位", "年度", "错误", "警告", "提示"]);
    expect(files.getRow(2).values).toEqual([undefined, "a.xlsx", "湖南省就业服务中心", 2020, 0, 15, 2]);
    expect((files.getRow(3).values as unknown[])[1]).toBe("b.xlsx");
    expect((files.getRow(3).values as unknown[])[4]).toBeGreaterThan(0);
    const list = wb.getWorksheet("问题清单")!;
    let link: ExcelJS.CellFormulaValue | null = null;
    list.eachRow((row) => {
      if (row.getCell(4).value === "expense.sharePlug" && row.getCell(1).value === "a.xlsx") link = row.getCell(5).value as ExcelJS.CellFormulaValue;
    });
    expect(link).not.toBeNull();
    expect(link!.formula).toMatch(/^HYPERLINK\("\[.*a\.xlsx\]'支出明细'!D20","支出明细!D20"\)$/);
    expect(link!.result).toBe("支出明细!D20");
  });

  it("refuses a summary path that is an input, and writes nothing", async () => {
    const before = sha(good);
    const t = io();
    expect(await runCheck([good, "--summary", good], t.io)).toBe(2);
    expect(t.err.join("")).toContain("不能覆盖");
    expect(sha(good)).toBe(before);
  });

  it("--highlight writes highlighted copies into a folder, never over the input", async () => {
    const out = join(dir, "highlighted");
    const before = sha(good);
    const t = io();
    expect(await runCheck([good, "--highlight", out], t.io)).toBe(0);
    expect(sha(good)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, "good.xlsx"));
    const fill = wb.getWorksheet("支出明细")!.getCell("D20").fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe("FFFFEB9C");
    const same = io();
    expect(await runCheck([good, "--highlight", dir], same.io)).toBe(2);
    expect(sha(good)).toBe(before);
  });

  it("--jobs 2 checks a folder in worker threads with the same output, problems, copies and exit status as one at a time", async () => {
    expect(workerScript()?.path).toMatch(/check-worker\.ts$/); // else --jobs would quietly run one at a time
    const folder = mkdtempSync(join(tmpdir(), "selfeval-jobs-"));
    copyFileSync(good, join(folder, "a.xlsx"));
    copyFileSync(bad, join(folder, "b.xlsx"));
    copyFileSync(good, join(folder, "c.xlsx"));
    writeFileSync(join(folder, "d.xlsx"), "not a workbook");
    const runs = [];
    for (const jobs of ["1", "2"]) {
      const t = io();
      const out = join(folder, `marked-${jobs}`);
      const code = await runCheck([folder, "--json", "--jobs", jobs, "--highlight", out], t.io);
      runs.push({ code, out: t.out.join(""), err: t.err.join(""), copies: ["a", "b", "c"].map((f) => sha(join(out, `${f}.xlsx`)).length) });
    }
    expect(runs[0].code).toBe(2); // d.xlsx cannot be read
    expect(JSON.parse(runs[0].out).some((f: { ruleId: string; file: string }) => f.ruleId === "budget.identity" && f.file.endsWith("b.xlsx"))).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
    const t = io();
    expect(await runCheck([folder, "--jobs", "0"], t.io)).toBe(2);
    expect(t.err.join("")).toContain("--jobs 需要一个正整数");
  });

  it("checks one file at a time by default, in workers only for a large folder on a machine with cores to spare", () => {
    expect(defaultJobs(200, 2)).toBe(1);
    expect(defaultJobs(50, 8)).toBe(1);
    expect(defaultJobs(200, 8)).toBe(4);
    expect(defaultJobs(200, 4)).toBe(3);
  });
});
