import { FakeExcel, WEB_PAYLOAD_LIMIT } from "../../support/fake-excel";
import { APPLY_DEFAULTS, applyPlan, columnWidthToPoints, readSnapshot, selectCell } from "../../../src/host/excel";
import { needsTextPrefix } from "../../../src/host/excel/apply-plan";
import { toHostError } from "../../../src/host/excel/errors";
import { LinkFormulaWrite, TemplatedFormulaWrite, type CellWrite, type Plan } from "../../../src/core/plan";
import { cellAt, formulaTemplate, type FormulaTemplate } from "../../../src/core/expr";
import { isHostError } from "../../../src/taskpane/host-api";
import { cellRef, columnLetter } from "../../../src/core/address";

function basePlan(): Plan {
  return {
    styles: {
      header: { fill: "#DDEBF7", font: { bold: true, size: 12 }, alignment: { horizontal: "center", vertical: "middle", wrap: true }, border: "thin" },
      money: { numberFormat: "#,##0.00", border: "thin" },
    },
    sheets: [
      {
        name: "附表1",
        create: true,
        tabColor: "#70AD47",
        cells: [
          { ref: "A1", value: "部门整体支出绩效评价基础数据表", style: "header" },
          { ref: "A3", value: "项目", style: "header" },
          { ref: "B3", value: "金额", style: "header" },
          { ref: "C3", value: "占比", style: "header" },
          { ref: "A4", value: "001" },
          { ref: "B4", value: 12.5, style: "money" },
          { ref: "C4", formula: "=B4/B6", result: 0.5, numberFormat: "0.00%" },
          { ref: "A5", value: "2020年" },
          { ref: "B5", value: 12.5, style: "money" },
          { ref: "C5", formula: "B5/B6", numberFormat: "0.00%" },
          { ref: "A6", value: "合计" },
          { ref: "B6", formula: "=SUM(B4:B5)", style: "money" },
          { ref: "E4", value: "=不是公式" },
          { ref: "E5", value: true },
          { ref: "E6", value: { error: "#N/A" } },
          { ref: "F4", value: "'quoted" },
          { ref: "F5", value: "TRUE" },
          { ref: "F6", value: "Jan-20" },
          { ref: "G4", value: 3, fill: "#FFFF00" },
        ],
        merges: ["A1:D1"],
        columnWidths: [
          { col: 1, width: 30 },
          { col: 2, width: 12 },
          { col: 3, width: 12 },
        ],
        rowHeights: [{ row: 1, height: 28 }],
        freeze: { rows: 3, cols: 1 },
        pageSetup: { orientation: "landscape", paperSize: "A4", fitToWidth: true, printTitleRows: "1:3", margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75 } },
      },
      { name: "隐藏设置", create: true, visibility: "veryHidden", cells: [{ ref: "A1", value: "x" }] },
    ],
  };
}

/** Every item the host queues on the stand-in, as it sends it. */
function queuedPayloads(fx: FakeExcel): unknown[] {
  const sent: unknown[] = [];
  const ctx = fx.ctx as unknown as { enqueue(payload: unknown, run: () => unknown): void };
  const enqueue = ctx.enqueue.bind(ctx);
  ctx.enqueue = (payload, run) => {
    sent.push(payload);
    enqueue(payload, run);
  };
  return sent;
}

describe("applyPlan (Office.js host, fake Excel)", () => {
  test("writes exactly what the plan says", async () => {
    const fx = new FakeExcel();
    fx.addSheet("基本信息").set("A1", "keep me");
    const res = await applyPlan(fx.ctx, basePlan());
    expect(res.syncs).toBe(2); // sheet list + one write request
    expect(fx.syncCount).toBe(2);
    const s = fx.sheet("附表1")!;
    expect(fx.sheets.map((x) => x.name)).toEqual(["基本信息", "附表1", "隐藏设置"]);
    expect(fx.sheet("基本信息")!.cell("A1")!.value).toBe("keep me");
    expect(s.cell("A1")!.value).toBe("部门整体支出绩效评价基础数据表");
    expect(s.cell("A4")!.value).toBe("001");
    expect(s.cell("A5")!.value).toBe("2020年");
    expect(s.cell("E4")!.value).toBe("=不是公式");
    expect(s.cell("E4")!.formula).toBeUndefined();
    expect(s.cell("E5")!.value).toBe(true);
    expect(s.cell("E6")!.value).toEqual({ error: "#N/A" });
    expect(s.cell("F4")!.value).toBe("'quoted");
    expect(s.cell("F5")!.value).toBe("TRUE");
    expect(s.cell("F6")!.value).toBe("Jan-20");
    expect(s.cell("B4")!.value).toBe(12.5);
    expect(s.cell("C4")!.formula).toBe("=B4/B6");
    expect(s.cell("C5")!.formula).toBe("=B5/B6");
    expect(s.cell("B6")!.formula).toBe("=SUM(B4:B5)");
    expect(s.cell("B4")!.numberFormat).toBe("#,##0.00");
    expect(s.cell("C4")!.numberFormat).toBe("0.00%");
    expect(s.cell("A3")!.fill!.color).toBe("#DDEBF7");
    expect(s.cell("A3")!.font).toEqual({ bold: true, size: 12 });
    expect(s.cell("A3")!.horizontalAlignment).toBe("Center");
    expect(s.cell("A3")!.verticalAlignment).toBe("Center");
    expect(s.cell("A3")!.wrapText).toBe(true);
    for (const side of ["top", "bottom", "left", "right"]) {
      expect(s.cell("B3")!.borders![side]).toEqual({ style: "Continuous", weight: "Thin" });
      expect(s.cell("B5")!.borders![side]).toEqual({ style: "Continuous", weight: "Thin" });
    }
    expect(s.cell("G4")!.fill!.color).toBe("#FFFF00");
    expect(s.cell("A4")!.fill).toBeNull();
    expect(s.mergeAddresses()).toEqual(["A1:D1"]);
    expect(s.columnWidths.get(0)).toBe(columnWidthToPoints(30));
    expect(columnWidthToPoints(30)).toBe(161.25);
    expect(s.columnWidths.get(1)).toBe(columnWidthToPoints(12));
    expect(s.columnWidths.get(2)).toBe(columnWidthToPoints(12));
    expect(s.columnWidths.has(3)).toBe(false);
    expect(s.rowHeights.get(0)).toBe(28);
    expect(s.freeze).toEqual({ rows: 3, cols: 1 });
    expect(s.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$3",
      leftMargin: 36,
      rightMargin: 36,
      topMargin: 54,
      bottomMargin: 54,
    });
    expect(s.tabColor).toBe("#70AD47");
    expect(fx.sheet("隐藏设置")!.visibility).toBe("VeryHidden");
  });

  test("reading back gives the plan's values, formulas and number formats", async () => {
    const fx = new FakeExcel();
    fx.addSheet("基本信息");
    const plan = basePlan();
    await applyPlan(fx.ctx, plan);
    const snap = await readSnapshot(fx.ctx);
    const sheet = snap.sheets.find((x) => x.name === "附表1")!;
    for (const w of plan.sheets[0].cells) {
      const m = /^([A-Z]+)(\d+)$/.exec(w.ref)!;
      const r = Number(m[2]) - 1 - sheet.originRow;
      const c = m[1].charCodeAt(0) - 65 - sheet.originCol;
      if (w.formula) expect(sheet.formulas[r][c]).toBe(w.formula.startsWith("=") ? w.formula : `=${w.formula}`);
      else expect(sheet.values[r][c]).toEqual(w.value);
      const style = w.style ? plan.styles[w.style] : undefined;
      expect(sheet.numberFormats[r][c]).toBe(w.numberFormat ?? style?.numberFormat ?? "General");
    }
  });

  test("never deletes or clears a sheet the plan does not name", async () => {
    const fx = new FakeExcel();
    fx.addSheet("用户表").set("A1", 1);
    fx.addSheet("附表1").set("Z9", "old");
    fx.addSheet("附表2").set("A1", "old");
    fx.sheet("附表2")!.merges.push({ top: 0, left: 0, bottom: 0, right: 2 });
    fx.addSheet("附表3").set("A1", "old");
    await applyPlan(fx.ctx, {
      styles: {},
      deleteSheets: ["附表3", "不存在"],
      sheets: [
        { name: "附表2", clear: true, cells: [{ ref: "B2", value: 2 }] },
        { name: "附表4", create: true, cells: [{ ref: "A1", value: "new" }] },
        { name: "用户表", cells: [{ ref: "B1", value: 2 }] },
      ],
    });
    expect(fx.sheets.map((s) => s.name)).toEqual(["用户表", "附表1", "附表2", "附表4"]);
    expect(fx.sheet("附表1")!.cell("Z9")!.value).toBe("old");
    expect(fx.sheet("附表2")!.cell("A1")).toBeUndefined();
    expect(fx.sheet("附表2")!.cell("B2")!.value).toBe(2);
    expect(fx.sheet("附表2")!.merges).toEqual([]);
    expect(fx.sheet("用户表")!.cell("A1")!.value).toBe(1);
    expect(fx.sheet("用户表")!.cell("B1")!.value).toBe(2);
  });

  test("a sheet the plan writes but that does not exist (and is not to be created) is an error, before any write", async () => {
    const fx = new FakeExcel();
    fx.addSheet("S");
    const err = await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: [{ ref: "A1", value: 1 }] }, { name: "无", cells: [] }] }).catch((e) => e);
    expect(isHostError(err)).toBe(true);
    expect(fx.sheet("S")!.cell("A1")).toBeUndefined();
  });

  test("a large plan (200,000 cells) is chunked: every request < 5 MB, syncs follow payload, not cells", async () => {
    const cells: CellWrite[] = [];
    for (let r = 0; r < 20_000; r++) {
      for (let c = 0; c < 10; c++) {
        const ref = cellRef(r, c);
        // Formulas and formats that differ row by row: no column run shares one value (see the next test).
        const numberFormat = r % 2 ? "#,##0.00" : "0.00";
        if (c === 9) cells.push({ ref, formula: `=SUM(A${r + 1}:I${r + 1})+${r}`, numberFormat });
        else if (c === 0) cells.push({ ref, value: `第${r}行 说明文字说明文字说明文字` });
        else cells.push({ ref, value: r * 10 + c + 0.25, numberFormat });
      }
    }
    const fx = new FakeExcel();
    fx.addSheet("S");
    const res = await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells }] });
    const total = fx.requests.reduce((n, r) => n + r.bytes, 0);
    for (const r of fx.requests) expect(r.bytes).toBeLessThan(WEB_PAYLOAD_LIMIT);
    expect(res.syncs).toBe(fx.syncCount);
    expect(res.syncs).toBeGreaterThan(2);
    // Syncs are what the payload needs (4.6 MB each), plus the sheet-list read; nowhere near one per cell or row.
    expect(res.syncs).toBeLessThanOrEqual(Math.ceil(total / APPLY_DEFAULTS.maxBytesPerRequest) + 2);
    expect(fx.sheet("S")!.cell("J20000")!.formula).toBe("=SUM(A20000:I20000)+19999");
    expect(fx.sheet("S")!.cell("B1")!.value).toBe(1.25);
    expect(fx.sheet("S")!.cell("A7")!.value).toBe("第6行 说明文字说明文字说明文字");
    // Report the figures for the record.
    console.log(`200k cells: ${res.syncs} syncs, ${(total / 1e6).toFixed(1)} MB total, max request ${(Math.max(...fx.requests.map((r) => r.bytes)) / 1e6).toFixed(2)} MB`);

    // A smaller option threshold means more, smaller requests.
    const fx2 = new FakeExcel();
    fx2.addSheet("S");
    const res2 = await applyPlan(fx2.ctx, { styles: {}, sheets: [{ name: "S", cells }] }, { maxBytesPerRequest: 1_000_000 });
    for (const r of fx2.requests) expect(r.bytes).toBeLessThan(1_100_000);
    expect(res2.syncs).toBeGreaterThan(res.syncs);
  });

  test("a column of one formula in R1C1, or of one number format, goes as one value: the request does not grow with rows", async () => {
    const planOf = (rows: number): CellWrite[] => {
      const cells: CellWrite[] = [];
      for (let r = 4; r < 4 + rows; r++) {
        cells.push({ ref: cellRef(r, 1), value: r });
        cells.push({ ref: cellRef(r, 2), value: `项目${r}` });
        cells.push({ ref: cellRef(r, 3), formula: `=IF(B${r + 1}="","",B${r + 1}/B$${rows + 5})`, numberFormat: "0.00%" });
        cells.push({ ref: cellRef(r, 4), formula: `='预算执行'!E${r + 1}*2`, numberFormat: "#,##0.00" });
      }
      cells.push({ ref: cellRef(rows + 4, 1), formula: `=SUM(B5:B${rows + 4})` });
      return cells;
    };
    const apply = async (rows: number) => {
      const fx = new FakeExcel();
      fx.addSheet("S");
      fx.addSheet("预算执行");
      const res = await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: planOf(rows) }] });
      return { fx, res, bytes: fx.requests.reduce((n, r) => n + r.bytes, 0) };
    };
    const small = await apply(10);
    const large = await apply(20_000);
    expect(large.res.syncs).toBe(small.res.syncs);
    // The constants (columns B and C) grow with the rows; the formula and format columns do not.
    const constants = (rows: number) =>
      planOf(rows)
        .filter((w) => w.value !== undefined)
        .reduce((n, w) => n + Buffer.byteLength(JSON.stringify(w.value)) + 1, 0);
    expect(large.bytes - small.bytes).toBeLessThan(1.2 * (constants(20_000) - constants(10)));
    const s = large.fx.sheet("S")!;
    for (const r of [5, 6, 1234, 20004]) {
      expect(s.cell(`D${r}`)!.formula).toBe(`=IF(B${r}="","",B${r}/B$20005)`);
      expect(s.cell(`E${r}`)!.formula).toBe(`='预算执行'!E${r}*2`);
      expect(s.cell(`D${r}`)!.numberFormat).toBe("0.00%");
      expect(s.cell(`E${r}`)!.numberFormat).toBe("#,##0.00");
    }
    expect(s.cell("B20005")!.formula).toBe("=SUM(B5:B20004)");
  });

  test("a run is broken where a formula differs; runs cheaper as arrays, and whole columns, go in arrays", async () => {
    const sum = (r: number) => ({ ref: `C${r}`, formula: `=A${r}+B${r}` });
    const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const cells: CellWrite[] = [
      ...rows(1, 40).map(sum),
      { ref: "C41", formula: "=A41-B41" },
      ...rows(42, 45).map(sum),
      { ref: "C46", formula: "=SUM(A:A)" },
      { ref: "C47", formula: "=SUM(A:A)" },
      { ref: "C48", formula: "=SUM(A:A)" },
    ];
    const fx = new FakeExcel();
    fx.addSheet("S");
    const sent = queuedPayloads(fx);
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells }] });
    const s = fx.sheet("S")!;
    expect(rows(1, 48).map((r) => s.cell(`C${r}`)!.formula)).toEqual(cells.map((w) => w.formula));
    // C1:C40 as one R1C1 value (40 formulas cost more than a run's request items); C41, the run of four C42:C45 (cheaper
    // as four array entries) and the whole-column formulas in arrays.
    const runs = sent.filter((p) => (p as { set?: string }).set === "formulasR1C1");
    expect(runs).toEqual([expect.objectContaining({ value: "=RC[-2]+RC[-1]" })]);
    const arrays = sent.filter((p) => (p as { set?: string }).set === "formulas").map((p) => JSON.stringify(p));
    expect(arrays.join()).toContain('"=A42+B42"');
    expect(arrays.join()).toContain('"=SUM(A:A)"');
    expect(arrays.join()).not.toContain('"=A40+B40"');
  });

  test("a row of one R1C1 formula goes as one value too (an attachment row linking to its source row)", async () => {
    const columns = Array.from({ length: 12 }, (_, i) => columnLetter(i + 1));
    const cells: CellWrite[] = columns.map((c) => ({ ref: `${c}3`, formula: `=IF('源'!${c}9="","",'源'!${c}9)` }));
    const fx = new FakeExcel();
    fx.addSheet("S");
    fx.addSheet("源");
    const sent = queuedPayloads(fx);
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells }] });
    expect(columns.map((c) => fx.sheet("S")!.cell(`${c}3`)!.formula)).toEqual(cells.map((w) => w.formula));
    expect(sent.filter((p) => (p as { set?: string }).set === "formulasR1C1")).toEqual([
      expect.objectContaining({ value: `=IF('源'!R[6]C="","",'源'!R[6]C)` }),
    ]);
    // Three such cells are cheaper as array entries than as a run's own request items.
    const fx3 = new FakeExcel();
    fx3.addSheet("S");
    fx3.addSheet("源");
    const sent3 = queuedPayloads(fx3);
    await applyPlan(fx3.ctx, { styles: {}, sheets: [{ name: "S", cells: cells.slice(0, 3) }] });
    expect(sent3.filter((p) => (p as { set?: string }).set === "formulasR1C1")).toEqual([]);
    expect(["B", "C", "D"].map((c) => fx3.sheet("S")!.cell(`${c}3`)!.formula)).toEqual(cells.slice(0, 3).map((w) => w.formula));
  });

  test("a list column's templated formulas go as one R1C1 value, found without making each cell's text", async () => {
    // =IF(COUNT(B5)<1,"",B5*2) from row 5 down: the template of C5, moved down row by row.
    const template = formulaTemplate({ t: "mul", a: { t: "ref", at: cellAt("S", 4, 1) }, b: { t: "num", v: "2" } }, "S", "blank")!;
    const cells = Array.from({ length: 60 }, (_, i) => new TemplatedFormulaWrite(4 + i, 2, template, i, i * 2, undefined));
    const made = jest.spyOn(TemplatedFormulaWrite.prototype, "formula", "get");
    const fx = new FakeExcel();
    fx.addSheet("S");
    const sent = queuedPayloads(fx);
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells }] });
    const texts = new Set(made.mock.contexts).size;
    made.mockRestore();
    const b = (r: number) => `B${r}`;
    expect(cells.map((w) => fx.sheet("S")!.cell(`C${w.row + 1}`)!.formula)).toEqual(cells.map((w) => `=IF(COUNT(${b(w.row + 1)})<1,"",${b(w.row + 1)}*2)`));
    expect(sent.filter((p) => (p as { set?: string }).set === "formulasR1C1")).toEqual([
      expect.objectContaining({ value: '=IF(COUNT(RC[-1])<1,"",RC[-1]*2)' }),
    ]);
    // The first cell and the one below it (to tell that the R1C1 text holds down the column), and the few the run's
    // cost is weighed on (until they outweigh its request items): not one per cell.
    expect(texts).toBeLessThan(20);
  });

  test("a template holding a range that does not move with the cell is converted cell by cell", async () => {
    // =SUM(A1:A2)+B5 from row 5 down: A1:A2 stays where it is, so each cell's R1C1 text differs.
    const template: FormulaTemplate = { parts: ["=SUM(A1:A2)+B", ""], rows: [4], sameRow: 4 };
    const cells = Array.from({ length: 60 }, (_, i) => new TemplatedFormulaWrite(4 + i, 2, template, i, null, undefined));
    const fx = new FakeExcel();
    fx.addSheet("S");
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells }] });
    expect(cells.map((w) => fx.sheet("S")!.cell(`C${w.row + 1}`)!.formula)).toEqual(cells.map((w) => `=SUM(A1:A2)+B${w.row + 1}`));
  });

  test("links: a column pointing at consecutive source rows goes as one R1C1 value per offset; scattered ones cell by cell", async () => {
    // Rows 3–42 point six rows down, rows 43–82 ten rows down: two runs of two R1C1 texts.
    const down = Array.from({ length: 80 }, (_, i) => new LinkFormulaWrite(2 + i, 1, "S", cellAt("源", 8 + i + (i < 40 ? 0 : 4), 1), null, "x"));
    const scattered = [7, 3, 11].map((r, i) => new LinkFormulaWrite(90 + i, 1, "S", cellAt("源", r, 2), null, "x"));
    const fx = new FakeExcel();
    fx.addSheet("S");
    fx.addSheet("源");
    const sent = queuedPayloads(fx);
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: [...down, ...scattered] }] });
    const cell = (w: LinkFormulaWrite) => fx.sheet("S")!.cell(cellRef(w.row, w.col))!.formula;
    const source = (w: LinkFormulaWrite) => `'源'!B${w.row + (w.row < 42 ? 7 : 11)}`;
    expect(down.map(cell)).toEqual(down.map((w) => `=IF(${source(w)}="","",${source(w)})`));
    expect(scattered.map(cell)).toEqual(["=IF('源'!C8=\"\",\"\",'源'!C8)", "=IF('源'!C4=\"\",\"\",'源'!C4)", "=IF('源'!C12=\"\",\"\",'源'!C12)"]);
    expect(sent.filter((p) => (p as { set?: string }).set === "formulasR1C1")).toEqual([
      expect.objectContaining({ value: `=IF('源'!R[6]C="","",'源'!R[6]C)` }),
      expect.objectContaining({ value: `=IF('源'!R[10]C="","",'源'!R[10]C)` }),
    ]);
  });

  test("links one row down and one column left, and as far right as a sheet goes, keep their own R1C1 texts", async () => {
    // Offsets (1, −1) and (0, 16383), each a run down its column: one number under a key of row × 16,384 + column.
    const left = Array.from({ length: 40 }, (_, r) => new LinkFormulaWrite(r, 1, "S", cellAt("源", r + 1, 0), null, "x"));
    const right = Array.from({ length: 40 }, (_, r) => new LinkFormulaWrite(r, 0, "S", cellAt("源", r, 16383), null, "x"));
    const fx = new FakeExcel();
    fx.addSheet("S");
    fx.addSheet("源");
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: [...left, ...right] }] });
    const formula = (w: LinkFormulaWrite) => fx.sheet("S")!.cell(cellRef(w.row, w.col))!.formula;
    const link = (x: string) => `=IF('源'!${x}="","",'源'!${x})`;
    expect(left.map(formula)).toEqual(left.map((w) => link(`A${w.row + 2}`)));
    expect(right.map(formula)).toEqual(right.map((w) => link(`XFD${w.row + 1}`)));
  });

  test("two writes to one cell merge field by field, a templated formula included", async () => {
    const template = formulaTemplate({ t: "ref", at: cellAt("S", 0, 0) }, "S", "blank")!;
    const fx = new FakeExcel();
    fx.addSheet("S");
    await applyPlan(fx.ctx, {
      styles: {},
      sheets: [{ name: "S", cells: [new TemplatedFormulaWrite(3, 1, template, 3, null, "0.00"), { ref: "B4", fill: "#FFC7CE" }] }],
    });
    const b4 = fx.sheet("S")!.cell("B4")!;
    expect([b4.formula, b4.numberFormat]).toEqual(['=IF(COUNT(A4)<1,"",A4)', "0.00"]);
  });

  test("many scattered small writes still go in one request", async () => {
    const cells: CellWrite[] = [];
    for (let i = 0; i < 2000; i++) cells.push({ ref: cellRef(i * 3, (i * 7) % 40), value: i, fill: i % 2 ? "#FFFF00" : null });
    const fx = new FakeExcel();
    fx.addSheet("S");
    const res = await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells }] });
    expect(res.syncs).toBe(2);
  });

  test("a protected target sheet yields HostError protected and nothing is written", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("基本信息");
    s.protected = true;
    const err = await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "基本信息", cells: [{ ref: "A1", value: 1 }] }, { name: "新表", create: true, cells: [] }] }).catch((e) => e);
    expect(isHostError(err)).toBe(true);
    expect(err.kind).toBe("protected");
    expect(err.message).toContain("基本信息");
    expect(s.cell("A1")).toBeUndefined();
    expect(fx.sheet("新表")).toBeUndefined();
  });

  test("Office errors map to HostError kinds", () => {
    const e = (code: string) => Object.assign(new Error("x"), { code });
    expect(toHostError(e("AccessDenied")).kind).toBe("protected");
    expect(toHostError(e("InvalidOperation"), ["S"]).kind).toBe("protected");
    expect(toHostError(e("InvalidOperation")).kind).toBe("other");
    expect(toHostError(e("InvalidOperationInCellEditMode")).kind).toBe("editing");
  });

  test("cell-edit mode yields HostError editing", async () => {
    const fx = new FakeExcel();
    fx.addSheet("S");
    fx.editing = true;
    const err = await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: [{ ref: "A1", value: 1 }] }] }).catch((e) => e);
    expect(err.kind).toBe("editing");
  });

  test("fill tokens round-trip exactly: read → highlight → restore → identical", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("S");
    s.set("A1", 1);
    s.set("B1", 2, { fill: { color: "#FFFFFF", pattern: "Solid", tintAndShade: 0 } });
    s.set("C1", 3, { fill: { color: "#C6EFCE", pattern: "Solid", tintAndShade: 0 } });
    s.set("D1", 4, { fill: { color: "#FFC7CE", pattern: "Gray25", patternColor: "#9C0006", tintAndShade: 0 } });
    const before = structuredClone([...s.cells.entries()]);
    const snap1 = await readSnapshot(fx.ctx, { fills: true });
    const tokens = snap1.sheets[0].fills![0];
    const refs = ["A1", "B1", "C1", "D1"];
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: refs.map((ref) => ({ ref, fill: "#FFFF00" })) }] });
    expect(refs.map((r) => s.cell(r)!.fill!.color)).toEqual(["#FFFF00", "#FFFF00", "#FFFF00", "#FFFF00"]);
    await applyPlan(fx.ctx, { styles: {}, sheets: [{ name: "S", cells: refs.map((ref, i) => ({ ref, fill: tokens[i] })) }] });
    const snap2 = await readSnapshot(fx.ctx, { fills: true });
    expect(snap2.sheets[0].fills).toEqual(snap1.sheets[0].fills);
    expect([...s.cells.entries()]).toEqual(before);
  });

  test("selectCell activates the sheet and selects the cell in one sync", async () => {
    const fx = new FakeExcel();
    fx.addSheet("A");
    fx.addSheet("B");
    await selectCell(fx.ctx, "B", "E7");
    expect(fx.syncCount).toBe(1);
    expect(fx.activeSheet).toBe("B");
    expect(fx.selection).toEqual({ sheet: "B", address: "E7" });
  });

  test("text that Excel would reinterpret gets the apostrophe prefix, plain text does not", () => {
    for (const s of ["001", "2020年", "1/2", "=x", "+1", "-", "#N/A", "TRUE", "false", "Jan-20", "'a", "12%", "（1）", "１２"]) expect(needsTextPrefix(s)).toBe(true);
    for (const s of ["项目", "合计", "其中：购置费", "（一）基本支出", "Total", "January report"]) expect(needsTextPrefix(s)).toBe(false);
  });
});
