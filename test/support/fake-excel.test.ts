/** The Excel stand-in itself: special cells and RangeAreas.areas as the docs describe them, and its payload sizes. */
import { FakeExcel, FakeOfficeError, WEB_PAYLOAD_LIMIT } from "./fake-excel";

function sheetWithFormulas(): FakeExcel {
  const fx = new FakeExcel();
  const s = fx.addSheet("S");
  // Columns B and D hold formulas, A and C constants; row 3 has a typed value where a formula would be.
  for (let r = 1; r <= 5; r++) {
    s.set(`A${r}`, r).set(`C${r}`, `'=text${r}`);
    s.set(`B${r}`, `=A${r}*2`, { cachedValue: r * 2 });
    if (r !== 3) s.set(`D${r}`, `=B${r}+1`, { cachedValue: r * 2 + 1 });
  }
  s.set("D3", 7);
  return fx;
}

describe("getSpecialCells / getSpecialCellsOrNullObject (ExcelApi 1.9)", () => {
  test("formula cells as rectangles: a run of each row, stacked while the runs repeat", async () => {
    const fx = sheetWithFormulas();
    const areas = fx.ctx.workbook.worksheets.getItem("S").getRange("A1:D5").getSpecialCellsOrNullObject("Formulas");
    areas.areas.load("items/address,items/values");
    areas.load("areaCount,cellCount");
    await fx.ctx.sync();
    expect(areas.isNullObject).toBe(false);
    expect(areas.areas.items.map((r) => r.address)).toEqual(["S!B1:B5", "S!D1:D2", "S!D4:D5"]);
    expect(areas.areas.items[0].values).toEqual([[2], [4], [6], [8], [10]]);
    expect([areas.areaCount, areas.cellCount]).toEqual([3, 9]);
  });

  test("constants, and value types; '=text typed as text is a constant", async () => {
    const fx = sheetWithFormulas();
    const range = fx.ctx.workbook.worksheets.getItem("S").getRange("A1:D5");
    const constants = range.getSpecialCellsOrNullObject("Constants");
    const text = range.getSpecialCellsOrNullObject("Constants", "Text");
    constants.load("address");
    text.load("address");
    await fx.ctx.sync();
    expect(constants.address).toBe("S!A1:A5,S!C1:C2,S!C3:D3,S!C4:C5");
    expect(text.address).toBe("S!C1:C5");
  });

  test("no matching cell: a null object, or ItemNotFound from getSpecialCells", async () => {
    const fx = new FakeExcel();
    fx.addSheet("S").set("A1", 1).set("B2", "x");
    const ws = fx.ctx.workbook.worksheets.getItem("S");
    const none = ws.getRange("A1:B2").getSpecialCellsOrNullObject("Formulas");
    none.areas.load("items/values");
    await fx.ctx.sync();
    expect(none.isNullObject).toBe(true);
    expect(none.areas.items).toEqual([]);
    ws.getRange("A1:B2").getSpecialCells("Formulas");
    await expect(fx.ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("load before read: items and their values are unavailable until loaded and synced", async () => {
    const fx = sheetWithFormulas();
    const areas = fx.ctx.workbook.worksheets.getItem("S").getRange("A1:D5").getSpecialCellsOrNullObject("Formulas");
    expect(() => areas.isNullObject).toThrow(FakeOfficeError);
    expect(() => areas.areas.items).toThrow(/not available/);
    areas.areas.load("items/rowIndex");
    await fx.ctx.sync();
    expect(areas.areas.items.map((r) => r.rowIndex)).toEqual([0, 0, 3]);
    expect(() => areas.areas.items[0].values).toThrow(/not available/);
  });
});

describe("payload sizes", () => {
  test("responses count UTF-8 bytes, one object per area, and Excel's computed value of an uncalculated formula", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("S");
    s.set("A1", "项目").set("A2", "=1+1").set("B2", "=1+2", { cachedValue: 3 });
    const r = fx.ctx.workbook.worksheets.getItem("S").getRange("A1");
    r.load("values");
    await fx.ctx.sync();
    expect(fx.requests[0].responseBytes).toBe(Buffer.byteLength(JSON.stringify({ values: [["项目"]] })));
    expect(fx.requests[0].responseBytes).toBe(23); // 17 ASCII bytes and two 3-byte characters

    fx.resetCounters();
    const areas = fx.ctx.workbook.worksheets.getItem("S").getRange("A1:B2").getSpecialCellsOrNullObject("Formulas");
    areas.areas.load("items/values");
    await fx.ctx.sync();
    // [{"values":[["",3]]}] is 21 bytes; A2's "" stands for a 20-byte number.
    expect(fx.requests[0].responseBytes).toBe(21 + 18);
  });

  test("a response over 5 MB is rejected with ResponsePayloadSizeLimitExceeded, counted in UTF-8", async () => {
    const fx = new FakeExcel();
    const s = fx.addSheet("S");
    // 2,000,000 CJK characters: 6 MB of UTF-8, though String.length says 2 million.
    for (let r = 1; r <= 1000; r++) s.set(`A${r}`, "汉".repeat(2000));
    const range = fx.ctx.workbook.worksheets.getItem("S").getRange("A1:A1000");
    range.load("values");
    await expect(fx.ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(fx.requests[0].responseBytes).toBeGreaterThan(6_000_000);
    expect(WEB_PAYLOAD_LIMIT).toBe(5_000_000);
  });
});
