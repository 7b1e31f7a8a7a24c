import { FakeExcel, FakeOfficeError } from "../../support/fake-excel";
import { readSnapshot, readSnapshotDetailed } from "../../../src/host/excel";
import { isHostError } from "../../../src/taskpane/host-api";

function workbook(rows: number): FakeExcel {
  const fx = new FakeExcel();
  const s = fx.addSheet("基本信息");
  s.set("A1", "项目").set("B1", "金额").set("C1", "占比");
  for (let r = 2; r <= rows + 1; r++) {
    s.set(`A${r}`, `项目${r}`).set(`B${r}`, r * 1.5, { numberFormat: "#,##0.00" });
    s.set(`C${r}`, `=B${r}/SUM(B:B)`, { numberFormat: "0.00%" });
  }
  const t = fx.addSheet("设置");
  t.visibility = "Hidden";
  t.protected = true;
  t.set("B3", "'001").set("C4", true).set("D5", "#DIV/0!");
  fx.addSheet("空表");
  return fx;
}

describe("readSnapshot (Office.js host, fake Excel)", () => {
  test("reads values, formulas, number formats, errors, visibility, protection", async () => {
    const fx = workbook(3);
    const snap = await readSnapshot(fx.ctx);
    expect(snap.sheets.map((s) => s.name)).toEqual(["基本信息", "设置", "空表"]);
    const [a, b, c] = snap.sheets;
    expect(a.originRow).toBe(0);
    expect(a.values[1]).toEqual(["项目2", 3, null]);
    expect(a.formulas[1]).toEqual([null, null, "=B2/SUM(B:B)"]);
    expect(a.numberFormats[1]).toEqual(["General", "#,##0.00", "0.00%"]);
    expect(b.visibility).toBe("hidden");
    expect(b.protected).toBe(true);
    expect([b.originRow, b.originCol]).toEqual([2, 1]);
    expect(b.values[0][0]).toBe("001");
    expect(b.values[1][1]).toBe(true);
    expect(b.values[2][2]).toEqual({ error: "#DIV/0!" });
    expect(c.values).toEqual([]);
    expect(a.fills).toBeUndefined();
  });

  test("sync count is fixed: the same for 10 and 5,000 rows, and at most 3", async () => {
    const small = workbook(10);
    const large = workbook(5000);
    await readSnapshot(small.ctx, { fills: true });
    await readSnapshot(large.ctx, { fills: true });
    expect(small.syncCount).toBe(large.syncCount);
    expect(small.syncCount).toBeLessThanOrEqual(3);
    for (const r of large.requests) expect(r.responseBytes).toBeLessThan(5 * 1024 * 1024);
  });

  test("a used range that runs to the last row is clipped, not read in full", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("S");
    s.set("A1", 1).set("C1048576", "stray");
    const res = await readSnapshotDetailed(fx.ctx, { maxRowsPerSheet: 1000 });
    expect(res.syncs).toBe(3);
    expect(res.snapshot.sheets[0].values.length).toBe(1000);
    expect(res.clipped).toEqual([{ sheet: "S", usedRange: "A1:C1048576", readRange: "A1:C1000" }]);
  });

  test("the total cell budget is shared across sheets", async () => {
    const fx = new FakeExcel();
    for (const n of ["A", "B"]) {
      const s = fx.addSheet(n);
      for (let r = 1; r <= 100; r++) s.set(`A${r}`, r).set(`J${r}`, r);
    }
    const res = await readSnapshotDetailed(fx.ctx, { maxCells: 1500 });
    expect(res.snapshot.sheets[0].values.length).toBe(100);
    expect(res.snapshot.sheets[1].values.length).toBe(50);
    expect(res.clipped.map((c) => c.sheet)).toEqual(["B"]);
  });

  test("fills: no fill is null, white and colours get tokens", async () => {
    for (const noFillPattern of ["None", null] as const) {
      const fx = new FakeExcel({ noFillPattern });
      const s = fx.addSheet("S");
      s.set("A1", 1).set("B1", 2, { fill: { color: "#FFFFFF", pattern: "Solid", tintAndShade: 0 } });
      s.set("C1", 3, { fill: { color: "#FFFF00", pattern: "Solid", tintAndShade: 0 } });
      const snap = await readSnapshot(fx.ctx, { fills: true });
      const fills = snap.sheets[0].fills!;
      expect(fills[0][0]).toBeNull();
      expect(JSON.parse(fills[0][1]!)).toEqual({ c: "#FFFFFF" });
      expect(JSON.parse(fills[0][2]!)).toEqual({ c: "#FFFF00" });
    }
  });

  test("merges are read when asked (ExcelApi 1.13) and skipped otherwise", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("My sheet, 2");
    s.set("A1", "title").set("D4", 1);
    s.merges.push({ top: 0, left: 0, bottom: 0, right: 3 }, { top: 2, left: 1, bottom: 3, right: 2 });
    expect((await readSnapshot(fx.ctx, { merges: true })).sheets[0].merges).toEqual(["A1:D1", "B3:C4"]);
    expect((await readSnapshot(fx.ctx)).sheets[0].merges).toBeUndefined();
  });

  test("cell-edit mode becomes HostError editing", async () => {
    const fx = workbook(2);
    fx.editing = true;
    const err = await readSnapshot(fx.ctx).catch((e) => e);
    expect(isHostError(err)).toBe(true);
    expect(err.kind).toBe("editing");
  });

  test("the fake enforces load-before-read like Office.js", async () => {
    const fx = workbook(2);
    const ws = fx.ctx.workbook.worksheets.getItem("基本信息");
    const r = ws.getRange("A1:B2");
    expect(() => r.values).toThrow(FakeOfficeError);
    r.load("values");
    expect(() => r.values).toThrow(/not available/);
    await fx.ctx.sync();
    expect(r.values).toEqual([["项目", "金额"], ["项目2", 3]]);
  });
});
