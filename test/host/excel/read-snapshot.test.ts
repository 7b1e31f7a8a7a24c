import ExcelJS from "exceljs";
import { FakeExcel, FakeOfficeError, WEB_PAYLOAD_LIMIT } from "../../support/fake-excel";
import { SAMPLE } from "../../support/workbooks";
import { generate } from "../../../src/core/commands";
import { NO_FORMULAS, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../../../src/core/snapshot";
import { snapshotFromWorkbook } from "../../../src/host/xlsx/snapshot";
import { workbookStepHost } from "../../../src/host/xlsx/steps";
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

  test("sync count is fixed: the same for 10 and 5,000 rows, 2 + 4 bands", async () => {
    const small = workbook(10);
    const large = workbook(5000);
    await readSnapshot(small.ctx, { fills: true });
    await readSnapshot(large.ctx, { fills: true });
    expect(small.syncCount).toBe(large.syncCount);
    expect(small.syncCount).toBe(6);
    for (const r of large.requests) expect(r.responseBytes).toBeLessThan(WEB_PAYLOAD_LIMIT);
  });

  test("a used range that runs to the last row is clipped, not read in full", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("S");
    s.set("A1", 1).set("C1048576", "stray");
    const res = await readSnapshotDetailed(fx.ctx, { maxRowsPerSheet: 1000 });
    expect(res.syncs).toBe(6);
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

/**
 * The read before the lean one, kept as the reference: every used range's values, formulas and number formats in one
 * request (no payload limit), a cell being a formula when its formulas text starts with "=" and differs from its value.
 */
async function fullRead(fx: FakeExcel): Promise<WorkbookSnapshot> {
  const ref = new FakeExcel({ payloadLimit: Infinity });
  ref.sheets = fx.sheets;
  const ctx = ref.ctx;
  const worksheets = ctx.workbook.worksheets;
  worksheets.load("items/name,items/visibility,items/protection/protected");
  await ctx.sync();
  const used = worksheets.items.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load("rowIndex,columnIndex,rowCount,columnCount");
    return r;
  });
  await ctx.sync();
  const ranges = worksheets.items.map((ws, i) => {
    const u = used[i];
    if (u.isNullObject) return null;
    const range = ws.getRangeByIndexes(u.rowIndex, u.columnIndex, u.rowCount, u.columnCount);
    range.load("values,formulas,numberFormat");
    const merged = range.getMergedAreasOrNullObject();
    merged.load("address");
    return { range, merged, row: u.rowIndex, col: u.columnIndex };
  });
  await ctx.sync();
  const errors = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);
  const cellValue = (v: unknown): CellValue =>
    typeof v === "string" && errors.has(v) ? { error: v } : v === "" || v === null || v === undefined ? null : (v as CellValue);
  const visibility = { Visible: "visible", Hidden: "hidden", VeryHidden: "veryHidden" } as const;
  return {
    sheets: worksheets.items.map((ws, i): SheetSnapshot => {
      const read = ranges[i];
      const base = { name: ws.name, visibility: visibility[ws.visibility as keyof typeof visibility], protected: ws.protection.protected };
      if (!read) return { ...base, originRow: 0, originCol: 0, values: [], formulas: [], numberFormats: [], merges: [] };
      const { values, formulas, numberFormat } = read.range;
      return {
        ...base,
        originRow: read.row,
        originCol: read.col,
        values: values.map((row) => row.map(cellValue)),
        formulas: formulas.map((row, r) => row.map((f, c) => (typeof f === "string" && f.startsWith("=") && f !== values[r][c] ? f : null))),
        numberFormats: numberFormat,
        merges: read.merged.isNullObject ? [] : read.merged.address.split(",").map((a) => a.slice(a.lastIndexOf("!") + 1)),
      };
    }),
  };
}

/** The sample after 生成附表 (through the .xlsx host, which keeps every formula's cached result), in the stand-in. */
async function sampleAfterGenerate(options: ConstructorParameters<typeof FakeExcel>[0] = {}): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  await generate(workbookStepHost(wb));
  const fx = FakeExcel.fromSnapshot(snapshotFromWorkbook(wb), options);
  // Cells of every kind the read must tell apart, where a band boundary falls and past the sample's own.
  const edge = fx.sheets.find((s) => s.name === "项目")!;
  const row = edge.usedRect(true)!.bottom + 2;
  edge
    .set(`A${row}`, "'=abc")
    .set(`B${row}`, "#N/A")
    .set(`C${row}`, 43831, { numberFormat: "yyyy-mm-dd" })
    .set(`D${row}`, true)
    .set(`E${row}`, "=1/0", { cachedValue: { error: "#DIV/0!" } })
    .set(`F${row}`, '=IF(B2="","",B2)', { cachedValue: "" })
    .set(`G${row}`, '=A1&""', { cachedValue: "项目名称" })
    .set(`H${row}`, "'001")
    .set(`J${row}`, "=TODAY()", { cachedValue: 45000, numberFormat: "yyyy/m/d" });
  // A one-column sheet whose bands are single cells: their values are read directly.
  fx.addSheet("单列").set("A1", "=1+1", { cachedValue: 2 }).set("A2", "'=x").set("A3", 3.5, { numberFormat: "0.0" });
  return fx;
}

/**
 * A snapshot with every grid row as wide as the sheet's widest row: a snapshot's rows may be ragged (a missing entry
 * is blank), and the host shares one empty row for rows without formulas.
 */
function dense(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  return {
    sheets: snapshot.sheets.map((sheet) => {
      const width = Math.max(0, ...sheet.values.map((r) => r.length));
      const pad = <T,>(grid: T[][]): (T | null)[][] => grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
      return { ...sheet, values: pad(sheet.values), formulas: pad(sheet.formulas), numberFormats: pad(sheet.numberFormats) };
    }),
  };
}

describe("the lean read (formulas + number formats + formula cells' values) equals the full read", () => {
  test("on the sample after 生成附表, with '=abc text, errors, dates, booleans, blanks and formulas of every result", async () => {
    const fx = await sampleAfterGenerate();
    const full = await fullRead(fx);
    expect(full.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["附件2 部门整体自评表", "_selfeval", "单列"]));
    const formulaCells = full.sheets.flatMap((s) => s.formulas.flat()).filter((f) => f !== null).length;
    expect(formulaCells).toBeGreaterThan(400);
    for (const bands of [1, 2, 4, 7]) {
      fx.resetCounters();
      const lean = await readSnapshotDetailed(fx.ctx, { bands, merges: true });
      expect(dense(lean.snapshot)).toEqual(dense(full));
      // Rows shared where the core only reads: no formulas, or the formats of the row above.
      const projects = lean.snapshot.sheets.find((x) => x.name === "项目")!;
      expect(projects.formulas.filter((r) => r === NO_FORMULAS).length).toBeGreaterThan(0);
      expect(projects.numberFormats.filter((r, i) => r === projects.numberFormats[i - 1]).length).toBeGreaterThan(0);
      expect(lean.syncs).toBe(2 + bands);
    }
    // The edge cells as the engine sees them.
    const sheet = full.sheets.find((s) => s.name === "项目")!;
    const last = sheet.values.length - 1;
    expect(sheet.values[last].slice(0, 10)).toEqual(["=abc", { error: "#N/A" }, 43831, true, { error: "#DIV/0!" }, null, "项目名称", "001", null, 45000]);
    expect(sheet.formulas[last].slice(0, 10)).toEqual([null, null, null, null, "=1/0", '=IF(B2="","",B2)', '=A1&""', null, null, "=TODAY()"]);
    expect(sheet.numberFormats[last][2]).toBe("yyyy-mm-dd");
  });

  test("past 5 MB per band the bands are split finer: more syncs, the same snapshot", async () => {
    const fx = await sampleAfterGenerate({ payloadLimit: 20_000 });
    const full = await fullRead(fx);
    fx.resetCounters();
    const lean = await readSnapshotDetailed(fx.ctx, { merges: true });
    expect(dense(lean.snapshot)).toEqual(dense(full));
    expect(lean.syncs).toBeGreaterThan(6);
    expect(lean.syncs).toBe(fx.syncCount);
    const failed = fx.requests.filter((r) => r.responseBytes > 20_000).length;
    expect(failed).toBeGreaterThan(0);
    expect(fx.requests.length - failed).toBeGreaterThan(4);
  });

  test("a formula whose value equals its own text is still a formula (the full read took it for a constant)", async () => {
    const fx = new FakeExcel();
    fx.addSheet("S").set("A1", "=B1").set("B1", "'=B1").set("A2", "=A1", { cachedValue: "=A1" }).set("B2", 1);
    fx.sheet("S")!.cell("A1")!.cachedValue = "=B1";
    const snap = await readSnapshot(fx.ctx);
    expect(snap.sheets[0].formulas).toEqual([["=B1", null], ["=A1", null]]);
    expect(snap.sheets[0].values).toEqual([["=B1", "=B1"], ["=A1", 1]]);
  });

  test("a merged area across a band boundary is reported once", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("S");
    for (let r = 1; r <= 8; r++) s.set(`A${r}`, r).set(`D${r}`, r);
    s.merges.push({ top: 1, left: 1, bottom: 6, right: 2 });
    const snap = await readSnapshot(fx.ctx, { merges: true });
    expect(snap.sheets[0].merges).toEqual(["B2:C7"]);
  });
});
