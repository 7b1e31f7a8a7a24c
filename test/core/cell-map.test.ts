import { CellMap } from "../../src/core/cell-map";

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

  test("a set value replaces the earlier one; a deleted one is gone, once", () => {
    const m = new CellMap<number>();
    m.set("S", 0, 0, 1);
    m.set("S", 0, 0, 0);
    expect(m.get("S", 0, 0)).toBe(0);
    expect(m.has("S", 0, 0)).toBe(true);
    expect(m.delete("S", 0, 0)).toBe(true);
    expect(m.has("S", 0, 0)).toBe(false);
    expect(m.delete("S", 0, 0)).toBe(false);
    expect(m.delete("T", 0, 0)).toBe(false);
  });
});
