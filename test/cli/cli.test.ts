import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { SAMPLE } from "../support/workbooks";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

const dir = () => mkdtempSync(join(tmpdir(), "selfeval-cli-"));

describe("selfeval template", () => {
  it("writes the standard input sheets", async () => {
    const out = join(dir(), "blank.xlsx");
    const t = io();
    expect(await main(["template", "-o", out], t.io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["基本信息", "预算执行", "支出明细", "三公经费", "项目", "社保基金", "基础数据", "绩效目标与指标", "设置"]),
    );
    expect(t.out.join("")).toContain("已添加输入表");
  });
});

describe("selfeval fill", () => {
  it("fills a copy, prints a Chinese summary and leaves the input untouched", async () => {
    const d = dir();
    const input = join(d, "in.xlsx");
    copyFileSync(SAMPLE, input);
    const before = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    const t = io();
    expect(await main(["fill", input, "-o", join(d, "out.xlsx")], t.io)).toBe(0);
    expect(t.out.join("")).toMatch(/已填入 \d+ 个公式单元格/);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(mtime);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(d, "out.xlsx"));
    expect(wb.getWorksheet("预算执行")!.getCell("H5").formula).toContain("F5/E5");
  });

  it("refuses to write over its input", async () => {
    const d = dir();
    const input = join(d, "in.xlsx");
    copyFileSync(SAMPLE, input);
    const before = readFileSync(input);
    const t = io();
    expect(await main(["fill", input, "-o", input], t.io)).toBe(2);
    expect(t.err.join("")).toContain("输出文件不能与输入文件相同");
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it.each([
    ["empty.xlsx", Buffer.alloc(0), "0 字节"],
    ["text.xlsx", Buffer.from("不是工作簿"), "不是 .xlsx 格式"],
    ["old.xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), "加密的工作簿或旧版 .xls"],
  ])("exits 2 with a one-line reason naming %s", async (name, bytes, reason) => {
    const d = dir();
    const input = join(d, name);
    writeFileSync(input, bytes);
    const t = io();
    expect(await main(["fill", input, "-o", join(d, "out.xlsx")], t.io)).toBe(2);
    const err = t.err.join("");
    expect(err).toContain(name);
    expect(err).toContain(reason);
    expect(err.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 for a missing file and for bad usage", async () => {
    const t = io();
    expect(await main(["fill", "/nonexistent/x.xlsx", "-o", "/tmp/x.xlsx"], t.io)).toBe(2);
    expect(t.err.join("")).toContain("文件不存在");
    expect(await main(["fill", SAMPLE], io().io)).toBe(2);
    expect(await main(["frobnicate"], io().io)).toBe(2);
  });
});
