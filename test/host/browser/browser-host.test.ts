/** The standalone page's host: the core on an .xlsx file held in memory, the result as a new file. */
import { readFileSync } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import { createBrowserHost, resultFileName, type BrowserHostEvent } from "../../../src/host/browser/browser-host";
import { isHostError } from "../../../src/taskpane/host-api";

const sample = () => new Uint8Array(readFileSync(path.join(__dirname, "../../../samples/sample.xlsx")));

async function rejection(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isHostError(e)) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("resultFileName", () => {
  it("adds the last command's suffix and never repeats one", () => {
    expect(resultFileName("报表.xlsx", "check")).toBe("报表-已审核.xlsx");
    expect(resultFileName("报表-已审核.xlsx", "generate")).toBe("报表-附表.xlsx");
    expect(resultFileName("报表.XLSX", null)).toBe("报表-副本.xlsx");
    expect(resultFileName(".xlsx", "fill")).toBe("绩效自评-已计算.xlsx");
  });
});

describe("browser host", () => {
  it("opens the sample, fills, checks (the 13.14% 尾差 plug), generates, and offers a new file", async () => {
    const host = createBrowserHost();
    const events: BrowserHostEvent[] = [];
    host.subscribe((e) => events.push(e));
    expect(host.resultName()).toBeNull();
    const opened = await host.open("sample.xlsx", sample());
    expect(opened).toEqual({ fileName: "sample.xlsx", sheetCount: 9 });

    expect((await host.fill()).message).toMatch(/已填入/);
    const findings = await host.check();
    const plug = findings.find((f) => f.ruleId === "expense.sharePlug");
    expect(plug).toMatchObject({ severity: "warning", sheet: "支出明细", outcome: "rounding", actual: "13.14%" });
    expect(host.resultName()).toBe("sample-已审核.xlsx");

    await host.explain(plug!, "尾差调整，合计保持100%", "王会计");
    expect((await host.check()).find((f) => f.ruleId === "expense.sharePlug")!.explanation).toMatchObject({
      text: "尾差调整，合计保持100%",
      author: "王会计",
    });

    expect((await host.generate()).message).toMatch(/已生成附表 6 张/);
    expect((await host.clearHighlights()).message).toMatch(/已清除审核标记/);

    await host.selectCell("支出明细", "D20");
    expect(events.at(-1)).toEqual({ type: "cell", sheet: "支出明细", cell: "D20" });
    expect(events.filter((e) => e.type === "changed").map((e) => e.type === "changed" && e.command)).toEqual([
      "fill",
      "check",
      "explain",
      "check",
      "generate",
      "clearHighlights",
    ]);

    const result = await host.result();
    expect(result.fileName).toBe("sample-已清除标记.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(result.bytes as unknown as ArrayBuffer);
    const attachment4 = wb.getWorksheet("附件4 项目（就业资金）")!;
    expect(attachment4).toBeDefined();
    const values: unknown[] = [];
    attachment4.eachRow((row) => row.eachCell((cell) => values.push(cell.result ?? cell.value)));
    expect(values.some((v) => typeof v === "number" && Math.abs(v - 0.961) < 0.0005)).toBe(true);
    expect(values).toContain(9.61);
  });

  it("says in Chinese why a file cannot be opened, and keeps the workbook it had", async () => {
    const host = createBrowserHost();
    await host.open("sample.xlsx", sample());
    const text = await rejection(host.open("假的.xlsx", new TextEncoder().encode("这不是 Excel 文件")));
    expect(text).toEqual({ kind: "badFile", message: expect.stringMatching(/^假的\.xlsx：不是 \.xlsx 格式/) });
    expect((await rejection(host.open("空.xlsx", new Uint8Array()))).message).toMatch(/文件是空的/);
    const empty = new Uint8Array((await new ExcelJS.Workbook().xlsx.writeBuffer()) as ArrayBuffer);
    expect((await rejection(host.open("无表.xlsx", empty))).message).toMatch(/工作簿中没有工作表/);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await rejection(host.open("加密.xlsx", ole))).message).toMatch(/加密/);
    expect(host.current()!.fileName).toBe("sample.xlsx");
  });

  it("needs a file (or 新建模板) before a command, and the input sheets before 计算", async () => {
    const host = createBrowserHost();
    expect((await rejection(host.fill())).message).toMatch(/请先选择/);

    const oneBlankSheet = new ExcelJS.Workbook();
    oneBlankSheet.addWorksheet("Sheet1");
    await host.open("空白.xlsx", new Uint8Array((await oneBlankSheet.xlsx.writeBuffer()) as ArrayBuffer));
    expect((await rejection(host.fill())).kind).toBe("noInputSheets");
    expect((await rejection(host.check())).kind).toBe("noInputSheets");

    const fresh = createBrowserHost();
    expect((await fresh.newTemplate()).message).toMatch(/已添加输入表/);
    expect(fresh.resultName()).toBe("绩效自评-模板.xlsx");
    expect((await fresh.result()).bytes.length).toBeGreaterThan(1000);
  });
});
