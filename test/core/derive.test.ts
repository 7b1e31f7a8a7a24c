import { ColumnIndex, RowCells } from "../../src/core/row-cells";
/**
 * What the steps keep per derived cell sits in arrays by each derivation's ordinal (derivedSlots): a list whose
 * derivations are not at their ordinals would have one cell read another's value, so it is refused.
 */
import fc from "fast-check";
import { DerivationIndex, derivations, derivationsByCell, derivedFlags, derivedSlots, DerivedValues, expenseCode, indicatorNature } from "../../src/core/derive";
import type { CellModel, RowModel } from "../../src/core/model";
import { readWorkbook } from "../../src/core/reader";
import { decimalFromNumber } from "../../src/core/text";
import { sampleSnapshot } from "../check/helpers";
import { cellRef } from "../../src/core/address";

describe("derivations by ordinal", () => {
  test("each derivation's ordinal is its place in its list", async () => {
    const list = derivations(readWorkbook(await sampleSnapshot(false)));
    expect(list.length).toBeGreaterThan(100);
    expect(list.map((d) => d.ordinal)).toEqual(list.map((_, i) => i));
    expect(derivedSlots(list)).toHaveLength(list.length);
  });

  test("a list's index by cell finds each derivation at its own cell and nothing at an input cell", async () => {
    const model = readWorkbook(await sampleSnapshot(false));
    const list = derivations(model);
    const index = derivationsByCell(list);
    expect(list.filter((d) => index.get(d.sheet, d.row, d.col) !== d)).toEqual([]);
    // Every figure the tables read that is not derived.
    const derived = new Set(list.map((d) => d.key));
    const inputs = [...model.tables.values()].flat().flatMap((t) =>
      t.rows.flatMap((r) => [...t.columns.values()].map((col) => ({ sheet: t.sheet, row: r.row, col }))),
    );
    const inputCells = inputs.filter((c) => !derived.has(`${c.sheet}!${cellRef(c.row, c.col)}`));
    expect(inputCells.length).toBeGreaterThan(100);
    expect(inputCells.filter((c) => index.get(c.sheet, c.row, c.col) !== undefined)).toEqual([]);
  });

  test("the index by cell holds a cell of any row or column: far down, past the tables' width, on a wide sheet", async () => {
    // Six derivations, each put at a cell of its own.
    const list = derivations(readWorkbook(await sampleSnapshot(false))).slice(0, 6);
    const index = new DerivationIndex(list, new Map([["A", 5], ["W", 300]]));
    const cells: [string, number, number][] = [["A", 0, 0], ["A", 255, 4], ["A", 256, 0], ["A", 1_048_575, 3], ["A", 3, 40], ["W", 7, 299]];
    cells.forEach(([sheet, row, col], place) => index.set(sheet, row, col, place));
    // Each cell answers its own derivation, and the cells around it none.
    expect(cells.map(([s, r, c]) => list.indexOf(index.get(s, r, c)!))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(index.get("A", 255, 3)).toBeUndefined();
    expect(index.get("A", 257, 0)).toBeUndefined();
    expect(index.get("A", 1_048_574, 3)).toBeUndefined();
    expect(index.get("A", 3, 39)).toBeUndefined();
    expect(index.get("B", 0, 0)).toBeUndefined();
    expect(index.has("W", 7, 299)).toBe(true);
    expect(index.has("W", 7, 298)).toBe(false);
  });

  test("a list out of that order is refused rather than read through the wrong slots", async () => {
    const snapshot = await sampleSnapshot(false);
    const model = readWorkbook(snapshot);
    const list = derivations(model);
    expect(() => derivedSlots(list.slice(1))).toThrow(/ordinal/);
    expect(() => derivedFlags(list.slice(1))).toThrow(/ordinal/);
    expect(() => new DerivedValues(snapshot, [...list].reverse(), "excel", model.settings)).toThrow(/ordinal/);
  });
});

describe("an indicator's nature", () => {
  const row = (text: string | null) => ({ cells: new Map([["nature", { text } as CellModel]]) }) as unknown as RowModel;

  test.each([
    ["≥", "atLeast"],
    [">=", "atLeast"],
    [" ＞＝ ", "atLeast"],
    ["正向", "atLeast"],
    [">", "atLeast"],
    ["≤", "atMost"],
    ["＜＝", "atMost"],
    ["反向", "atMost"],
    ["<", "atMost"],
    ["=", "equal"],
    ["＝", "equal"],
    ["定性", "qualitative"],
    ["约等于", null],
    ["", null],
    [null, null],
  ])("%j reads as %s, asked once or again", (text, nature) => {
    expect(indicatorNature(row(text))).toBe(nature);
    expect(indicatorNature(row(text))).toBe(nature);
  });
});

describe("an expense row's code", () => {
  /** The code as read from the cell's text, or from its decimal's text when it holds a number. */
  const fromText = (cell: CellModel | undefined) => {
    const text = cell?.text ?? (cell?.raw ? cell.raw.toString() : null);
    const digits = text?.normalize("NFKC").trim() ?? "";
    return /^\d{3,7}$/.test(digits) ? digits : null;
  };
  const rowWith = (cell: Partial<CellModel>) => ({ cells: new RowCells(new ColumnIndex(["code"]), [cell as CellModel]) }) as unknown as RowModel;

  test("a code typed as a number reads as its decimal's text does", () => {
    const number = fc.oneof(
      fc.integer({ min: 90, max: 10_000_100 }),
      fc.integer({ min: -1e9, max: 1e12 }),
      fc.double({ min: -1e8, max: 1e8, noNaN: true }),
      fc.constantFrom(0, -0, 100, 99, 9_999_999, 10_000_000, 301.5, 1e-7, 3010001),
    );
    fc.assert(
      fc.property(number, (n) => {
        const cell = { original: n, text: null, raw: decimalFromNumber(n) };
        expect(expenseCode(rowWith(cell))).toBe(fromText(cell as CellModel));
      }),
      { numRuns: 2000 },
    );
  });

  test("every row of the sample reads its code as from the text", async () => {
    const model = readWorkbook(await sampleSnapshot(false));
    const rows = model.tables.get("expense")![0].rows;
    expect(rows.filter((r) => expenseCode(r) !== null).length).toBeGreaterThan(5);
    for (const r of rows) expect(expenseCode(r)).toBe(fromText(r.cells.get("code")));
    // Typed as text, full-width or padded, a code is read from its text.
    expect(expenseCode(rowWith({ original: " ３０１ ", text: "３０１" }))).toBe("301");
  });
});
