/**
 * Synthetic workbooks for the benchmark and the property tests: the seed report's data with n projects, n indicator
 * rows and n expense items, typed through templatePlan (the same path as 新建模板 + typing).
 */
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";
import type { TemplateData } from "../src/core/template";

/** The project's root, from bench/ or from the compiled bench in .bench-build/bench/. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

export function seed(): TemplateData {
  const data = JSON.parse(readFileSync(join(ROOT, "samples", "seed-data.json"), "utf8")) as TemplateData & { _source?: string };
  delete data._source;
  return data;
}

const CATEGORIES = ["业务工作专项", "运行维护专项", "其他"];

/**
 * How the indicator rows take turns among their three objects (部门整体 and the two evaluated projects):
 * - "interleaved": row by row, the worst case for 生成附表, as each attachment's rows then step through the indicator
 *   sheet by three and no column of links is one relative formula;
 * - "grouped": each object's rows together, as the seed report and departments keep them.
 */
export type IndicatorLayout = "interleaved" | "grouped";

/**
 * n projects (two of them evaluated, so the attachment count does not grow with n), n indicators, n expense items in
 * classes (a 3-digit class code, then its 7-digit items). `variant` changes the figures, not the shape.
 */
export function synthData(n: number, variant = 0, layout: IndicatorLayout = "interleaved"): TemplateData {
  const d = seed();
  const v = variant % 97;
  d.projects = [
    {
      rows: Array.from({ length: n }, (_, i) => ({
        label: `项目${i + 1}`,
        values: {
          category: CATEGORIES[i % 3],
          evaluate: i < 2 ? "是" : "否",
          inTotal: i % 17 === 5 ? "否" : "是",
          initialFiscal: 8 + (i % 7) + v,
          annualFiscal: 10 + (i % 7) + v,
          annualCarry: 1.5,
          spentFiscal: 9 + (i % 5) + v / 2,
          spentCarry: 1,
        },
      })),
    },
  ];
  const objects = ["部门整体", "项目1", "项目2"];
  d.indicators = [
    {
      rows: Array.from({ length: n }, (_, i) => ({
        label: `指标${i + 1}`,
        values: {
          object: objects[layout === "interleaved" ? i % 3 : Math.floor((i * 3) / n)],
          level1: "产出指标",
          level2: "数量指标",
          nature: i % 4 === 3 ? "≤" : "≥",
          unit: "个",
          target: 100 + v,
          actual: 90 + (i % 20),
          weight: 5,
        },
      })),
    },
  ];
  const expenseRows: NonNullable<TemplateData["expense"]>[number]["rows"] = [];
  // Classes of g items, at most 500 classes (3-digit codes 301…800), items coded class + 4 digits.
  const g = Math.max(10, Math.ceil(n / 500));
  for (let i = 0; i < n; i++) {
    const cls = 301 + Math.floor(i / g);
    if (i % g === 0) expenseRows.push({ label: `类${cls}`, values: { code: cls } });
    expenseRows.push({ label: `科目${i + 1}`, values: { code: cls * 10000 + (i % g) + 1, basic: 1 + (i % 9) + v / 100, project: 2 } });
  }
  d.expense = [{ rows: expenseRows }];
  return d;
}
