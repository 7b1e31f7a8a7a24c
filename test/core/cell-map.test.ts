import fc from "fast-check";
import { CellMap } from "../../src/core/cell-map";
import { sheetWidths } from "../../src/core/snapshot";

describe("CellMap", () => {
  test("keeps values by sheet, row and column, apart from one another", () => {
    const m = new CellMap<string>();
    m.set("项目", 4, 2, "a").set("项目", 2, 4, "b").set("基本信息", 4, 2, "c").set("项目", 1_048_575, 16_383, "far");
    // Alternating sheets: the sheet kept at hand must follow.
    expect(m.get("项目", 4, 2)).toBe("a");
    expect(m.get("基本信息", 4, 2)).toBe("c");
    expect(m.get("项目", 2, 4)).toBe("b");
    expect(m.get("项目", 1_048_575, 16_383)).toBe("far");
    expect(m.get("项目", 4, 3)).toBeUndefined();
    expect(m.get("项目", 5, 2)).toBeUndefined();
    expect(m.get("其他", 4, 2)).toBeUndefined();
    expect(m.has("基本信息", 4, 2)).toBe(true);
    expect(m.has("基本信息", 2, 4)).toBe(false);
  });

  test("a set value replaces the earlier one", () => {
    const m = new CellMap<number>();
    m.set("S", 0, 0, 1);
    m.set("S", 0, 0, 0);
    expect(m.get("S", 0, 0)).toBe(0);
    expect(m.has("S", 0, 0)).toBe(true);
    expect(m.has("T", 0, 0)).toBe(false);
  });

  test("rows made as wide as the sheet's width hold the same values as rows grown cell by cell, past the width too", () => {
    // 甲 narrow, 乙 wider than a row is ever made at once, 丙 without a width.
    const widths = new Map([["甲", 6], ["乙", 5000]]);
    const position = fc.record({ sheet: fc.constantFrom("甲", "乙", "丙"), row: fc.nat(40), col: fc.nat(12), value: fc.integer() });
    fc.assert(
      fc.property(fc.array(position, { maxLength: 200 }), (sets) => {
        const sized = new CellMap<number>(widths);
        const grown = new CellMap<number>();
        const expected = new Map<string, number>();
        for (const { sheet, row, col, value } of sets) {
          sized.set(sheet, row, col, value);
          grown.set(sheet, row, col, value);
          expected.set(`${sheet}|${row}|${col}`, value);
        }
        for (const sheet of ["甲", "乙", "丙"]) {
          for (let row = 0; row <= 40; row++) {
            for (let col = 0; col <= 12; col++) {
              const want = expected.get(`${sheet}|${row}|${col}`);
              expect(sized.get(sheet, row, col)).toBe(want);
              expect(grown.get(sheet, row, col)).toBe(want);
              expect(sized.has(sheet, row, col)).toBe(want !== undefined);
            }
          }
        }
      }),
    );
  });

  test("a snapshot's widths: one past each sheet's rightmost used column, its origin counted", () => {
    const sheet = (name: string, originCol: number, rows: unknown[][]) =>
      ({ name, visibility: "visible", originRow: 3, originCol, values: rows, formulas: [], numberFormats: [] }) as never;
    const widths = sheetWidths({ sheets: [sheet("A", 2, [[1], [1, 2, 3], []]), sheet("B", 0, [])] });
    expect([...widths]).toEqual([["A", 5], ["B", 0]]);
  });
});
