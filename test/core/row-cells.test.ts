import { ColumnIndex, RowCells } from "../../src/core/row-cells";
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

  it("with() replaces cells in a copy and leaves the row it was made from as it was", () => {
    const patched = row.with(["rate", "budget"], [cell("D5'"), cell("B5'")]);
    expect([...patched.values()].map((c) => c.ref)).toEqual(["B5'", "C5", "D5'"]);
    expect(row.get("rate")?.ref).toBe("D5");
  });
});
