import { ColumnIndex, RowCells, type DeferredReading } from "../../src/core/row-cells";
import type { CellModel } from "../../src/core/model";

const cell = (ref: string) => ({ ref }) as CellModel;

describe("RowCells", () => {
  const index = new ColumnIndex(["budget", "actual", "rate"]);
  const row = new RowCells(index, [cell("B5"), cell("C5"), cell("D5")]);

  it("reads as a Map of the table's columns, in column order", () => {
    expect(row.get("actual")?.ref).toBe("C5");
    expect(row.get("missing")).toBeUndefined();
    expect(row.has("rate")).toBe(true);
    expect(row.has("missing")).toBe(false);
    expect(row.size).toBe(3);
    expect([...row.keys()]).toEqual(["budget", "actual", "rate"]);
    expect([...row.values()].map((c) => c.ref)).toEqual(["B5", "C5", "D5"]);
    expect([...row].map(([k, c]) => `${k}=${c.ref}`)).toEqual(["budget=B5", "actual=C5", "rate=D5"]);
    const seen: string[] = [];
    row.forEach((c, k) => seen.push(`${k}=${c.ref}`));
    expect(seen).toEqual(["budget=B5", "actual=C5", "rate=D5"]);
    expect(new Map(row)).toEqual(new Map([["budget", cell("B5")], ["actual", cell("C5")], ["rate", cell("D5")]]));
  });

  it("replace() sets one column's cell and leaves the others", () => {
    const patched = new RowCells(index, [cell("B5"), cell("C5"), cell("D5")]);
    patched.replace("rate", cell("D5'"));
    expect([...patched.values()].map((c) => c.ref)).toEqual(["B5", "C5", "D5'"]);
  });

  describe("cells left unread", () => {
    /** Reads "<column letter><row>" and counts its reads; the workbook holds the text "<letter><row>" there. */
    function reading(letters: string): DeferredReading & { reads: string[] } {
      const reads: string[] = [];
      return {
        reads,
        read: (r, i) => (reads.push(`${letters[i]}${r}`), { ...cell(`${letters[i]}${r}`), original: `${letters[i]}${r}` }),
        original: (r, i) => `${letters[i]}${r}`,
      };
    }

    it("original() answers what the workbook holds without reading the cell", () => {
      const from = reading("BCD");
      const lazy = new RowCells(index, [{ ...cell("B5"), original: 12 }, undefined, undefined], from, 5);
      expect([lazy.original("budget"), lazy.original("actual"), lazy.original("missing")]).toEqual([12, "C5", undefined]);
      expect(from.reads).toEqual([]);
      expect(lazy.peek("actual")).toBeUndefined();
      expect(lazy.get("actual")?.original).toBe(lazy.original("actual"));
    });

    it("are read when first asked for, once, and the same cell is answered after", () => {
      const from = reading("BCD");
      const lazy = new RowCells(index, [cell("B5"), undefined, undefined], from, 5);
      expect(lazy.peek("actual")).toBeUndefined();
      expect(from.reads).toEqual([]);
      const actual = lazy.get("actual");
      expect(actual?.ref).toBe("C5");
      expect(lazy.get("actual")).toBe(actual);
      expect(lazy.peek("actual")).toBe(actual);
      expect(lazy.get("budget")?.ref).toBe("B5");
      expect(from.reads).toEqual(["C5"]);
    });

    it("look() reads an unread cell without keeping it, and answers a kept cell as kept", () => {
      const from = reading("BCD");
      const lazy = new RowCells(index, [cell("B5"), undefined, undefined], from, 5);
      expect(lazy.look("actual")?.ref).toBe("C5");
      expect(lazy.look("actual")?.ref).toBe("C5");
      // Read twice, kept neither time.
      expect(from.reads).toEqual(["C5", "C5"]);
      expect(lazy.peek("actual")).toBeUndefined();
      const kept = lazy.get("actual");
      expect(lazy.look("actual")).toBe(kept);
      expect(lazy.look("budget")).toBe(lazy.peek("budget"));
      expect(lazy.look("missing")).toBeUndefined();
      expect(from.reads).toEqual(["C5", "C5", "C5"]);
    });

    it("forEachRead visits only the cells read so far; forEach, values and iteration read the rest", () => {
      const from = reading("BCD");
      const lazy = new RowCells(index, [undefined, cell("C5"), undefined], from, 5);
      const seen: string[] = [];
      lazy.forEachRead((c, k) => seen.push(`${k}=${c.ref}`));
      expect(seen).toEqual(["actual=C5"]);
      expect(from.reads).toEqual([]);
      expect([...lazy.values()].map((c) => c.ref)).toEqual(["B5", "C5", "D5"]);
      expect(from.reads).toEqual(["B5", "D5"]);
      const again = new RowCells(index, [undefined, cell("C5"), undefined], from, 6);
      expect([...again].map(([k, c]) => `${k}=${c.ref}`)).toEqual(["budget=B6", "actual=C5", "rate=D6"]);
      const third = new RowCells(index, [undefined, undefined, undefined], from, 7);
      const refs: string[] = [];
      third.forEach((c) => refs.push(c.ref));
      expect(refs).toEqual(["B7", "C7", "D7"]);
    });

    it("replace() with no cell leaves it unread, read when asked for, and keeps the cells read before", () => {
      const from = reading("BCD");
      const lazy = new RowCells(index, [undefined, cell("C5'"), undefined], from, 5);
      const budget = lazy.get("budget");
      lazy.replace("actual", undefined);
      expect(lazy.peek("actual")).toBeUndefined();
      expect(lazy.get("budget")).toBe(budget);
      expect(lazy.get("actual")?.ref).toBe("C5");
      expect(from.reads).toEqual(["B5", "C5"]);
    });
  });
});
