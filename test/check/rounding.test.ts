/** Exact / 尾差 / inconsistent at the rounding boundaries, round-to-nearest and truncation. */
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { cellRightOf, check, clone, findingsAt, sampleSnapshot, setCell } from "./helpers";

let base: WorkbookSnapshot;
beforeAll(async () => {
  base = await sampleSnapshot(true);
});

/** 年初 1.00 + 结转 1.00 + 调整 1.00, 执行 1.00 on the 基本支出 row; one typed figure under test. */
function budget(mode: "nearest" | "truncate", cell: string, value: number, format = "#,##0.00"): string {
  const s = clone(base);
  for (const c of ["B5", "C5", "D5", "F5"]) setCell(s, `预算执行!${c}`, 1, "#,##0.00");
  setCell(s, "预算执行!E5", 3, "#,##0.00");
  setCell(s, `预算执行!${cell}`, value, format);
  if (mode === "truncate") setCell(s, cellRightOf(s, "设置", "舍入方式"), "截断");
  const f = findingsAt(check(s), `预算执行!${cell}`).find((x) => x.ruleId.startsWith("budget."));
  return f ? `${f.severity}/${f.outcome}` : "exact";
}

describe("sum of three parts 1.00 + 1.00 + 1.00 (全年预算)", () => {
  it.each([
    [3.0, "exact"],
    [2.99, "warning/rounding"],
    [3.01, "warning/rounding"],
    [3.015, "warning/rounding"], // [3.0145, 3.0155) meets [2.985, 3.015)
    [2.98, "error/inconsistent"], // [2.975, 2.985) misses [2.985, …) by its open upper end
    [3.02, "error/inconsistent"], // [3.015, 3.025) misses […, 3.015)
  ])("round-to-nearest: %p → %s", (v, expected) => {
    expect(budget("nearest", "E5", v)).toBe(expected);
  });
  it.each([
    [3.0, "exact"],
    [3.02, "warning/rounding"], // [3.02, 3.03) meets [3.00, 3.03)
    [3.03, "error/inconsistent"],
    [2.99, "error/inconsistent"], // [2.99, 3.00) misses [3.00, …)
  ])("truncation: %p → %s", (v, expected) => {
    expect(budget("truncate", "E5", v)).toBe(expected);
  });
});

describe("difference 3.00 − 1.00 (结余 = typed 全年预算 − 执行): a negative weight swaps the bounds", () => {
  // [2.995, 3.005) − [0.995, 1.005) = (1.99, 2.01): open at both ends.
  it.each([
    [2.0, "exact"],
    [2.01, "warning/rounding"], // [2.005, 2.015) meets (1.99, 2.01)
    [2.02, "error/inconsistent"],
    [1.99, "warning/rounding"], // [1.985, 1.995) meets (1.99, 2.01)
    [1.98, "error/inconsistent"],
  ])("round-to-nearest: %p → %s", (v, expected) => {
    expect(budget("nearest", "G5", v)).toBe(expected);
  });
  it.each([
    [2.0, "exact"],
    // [3.00, 3.01) − [1.00, 1.01) = (1.99, 2.01)
    [1.99, "warning/rounding"], // [1.99, 2.00) meets (1.99, 2.01)
    [2.01, "error/inconsistent"], // [2.01, 2.02) misses (1.99, 2.01) at its open end
  ])("truncation: %p → %s", (v, expected) => {
    expect(budget("truncate", "G5", v)).toBe(expected);
  });
});

describe("ratio 1.00 / 3.00 (执行率, interval division)", () => {
  it.each([
    ["nearest", 0.3333, "exact"],
    ["nearest", 0.3334, "warning/rounding"],
    ["nearest", 0.3356, "warning/rounding"], // 1.005 / 2.995 = 0.335559…
    ["nearest", 0.3357, "error/inconsistent"],
    ["truncate", 0.3333, "exact"],
    ["truncate", 0.3366, "warning/rounding"], // [0.3366, 0.3367) meets [1/3.01, 1.01/3)
    ["truncate", 0.3367, "error/inconsistent"],
  ] as const)("%s: %p → %s", (mode, v, expected) => {
    expect(budget(mode, "H5", v, "0.00%")).toBe(expected);
  });

  it("a ratio over a base that may be zero is indeterminate, not consistent", () => {
    const s = clone(base);
    setCell(s, "预算执行!E5", 0.01, "#,##0.00");
    setCell(s, "预算执行!F5", 0.01, "#,##0.00");
    setCell(s, "预算执行!H5", 0.5, "0.00%");
    const f = findingsAt(check(s), "预算执行!H5").find((x) => x.ruleId === "budget.rate");
    expect(f).toMatchObject({ severity: "info", outcome: "indeterminate" });
  });
});
