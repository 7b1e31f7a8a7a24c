/**
 * A real spreadsheet program recalculates what 计算 wrote: LibreOffice headless, its cached values ignored, must
 * compute every formula to the engine's decimal.js value.
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { recalculate, type RecalcResult } from "../support/libreoffice";
import { fill, loadSample } from "../support/workbooks";
import type { FillResult } from "../../src/core/fill";

let result: FillResult;
let recalculated: RecalcResult;
let cached: Map<string, unknown>;

beforeAll(async () => {
  const wb = await loadSample();
  result = fill(wb);
  cached = new Map();
  for (const sheet of result.plan.sheets) {
    for (const w of sheet.cells) if (w.formula) cached.set(`${sheet.name}!${w.ref}`, w.result);
  }
  const path = join(mkdtempSync(join(tmpdir(), "selfeval-fill-")), "filled.xlsx");
  await wb.xlsx.writeFile(path);
  recalculated = await recalculate(path);
}, 180000);

function lo(key: string) {
  const [sheet, ref] = key.split("!");
  return recalculated.get(sheet)?.get(ref) ?? null;
}

describe("LibreOffice recalculates every formula 计算 wrote to the engine's value", () => {
  it("writes formulas", () => {
    expect(cached.size).toBeGreaterThan(100);
  });

  it("agrees on every cell", () => {
    const disagreements: string[] = [];
    for (const [key, engine] of cached) {
      const office = lo(key);
      const blank = (v: unknown) => v === null || v === "" || v === undefined;
      if (blank(engine) && blank(office)) continue;
      if (typeof engine === "number" && typeof office === "number") {
        if (Math.abs(engine - office) <= 1e-9 * Math.max(1, Math.abs(engine))) continue;
      } else if (engine === office) continue;
      disagreements.push(`${key}: engine ${JSON.stringify(engine)} LibreOffice ${JSON.stringify(office)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ["预算执行", "budget", "basic", "rate", 0.9983],
    ["预算执行", "budget", "project", "rate", 0.8157],
    ["预算执行", "budget", "total", "rate", 0.9497],
    ["预算执行", "budget", "total", "total", 1736.08],
    ["基本信息", "info", "staffControlRate", "value", 0.8679],
    ["社保基金", "fund", "surplus", "budget", 8432.27],
    ["项目", "projects", "item:就业资金", "score", 9.61],
    ["项目", "projects", "item:就业资金", "rate", 0.961],
    ["基础数据", "basics", "proj", "budget", 462.11],
  ])("%s %s/%s/%s recalculates to the seed's %s", (_sheet, table, row, col, expected) => {
    const m = result.model;
    const cell = m.tables.get(table as never)![0].rowByKey.get(row)!.cells.get(col)!;
    const v = lo(`${cell.sheet}!${cell.ref}`) as number;
    const digits = Math.abs(expected) < 2 ? 4 : 2;
    expect(v.toFixed(digits)).toBe(expected.toFixed(digits));
  });

  it("shows no error value anywhere", () => {
    for (const [sheet, cells] of recalculated) {
      for (const [ref, v] of cells) {
        if (v && typeof v === "object") throw new Error(`${sheet}!${ref} is ${JSON.stringify(v)}`);
      }
    }
  });
});
