/** The rule catalogue is well-formed data, and docs/rules.md is exactly what the generator writes. */
import { readFileSync } from "fs";
import { join } from "path";
import { rulesMarkdown } from "../../src/core/check/rules-doc";
import { formatRuleMessage, RULES } from "../../src/core/data/rules";

describe("rule catalogue", () => {
  it("has unique ids, both languages, a scope, a severity and a tolerance for every rule", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.message.zh.length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
      expect(r.covers.zh.length).toBeGreaterThan(0);
      expect(["表内", "表间"]).toContain(r.scope);
      expect(["error", "warning", "info"]).toContain(r.severity);
      expect(["rounding", "exact", "none"]).toContain(r.tolerance);
      // The same placeholders in both languages.
      const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(r.message.en)).toEqual(names(r.message.zh));
    }
  });

  it("fills a message's placeholders, each as often as it appears, and leaves unknown ones visible", () => {
    const template = "{sheet}!{cell}：{label} 为 {actual}，应为 {expected}（{sheet}）";
    const params = { sheet: "预算执行", cell: "F7", label: "项目1", actual: 0.5 };
    expect(formatRuleMessage(template, params)).toBe("预算执行!F7：项目1 为 0.5，应为 {expected}（预算执行）");
    // The same template again (split once, kept) with other values.
    expect(formatRuleMessage(template, { ...params, cell: "G8", expected: "1.00" })).toBe("预算执行!G8：项目1 为 0.5，应为 1.00（预算执行）");
    expect(formatRuleMessage("无占位", { sheet: "x" })).toBe("无占位");
    expect(formatRuleMessage("{a}{b}", { a: 1, b: 2 })).toBe("12");
  });

  it("covers every kind the product asks for", () => {
    const kinds = new Set(RULES.map((r) => r.kind));
    for (const k of ["sum", "identity", "balance", "rollForward", "derived", "plug", "ofWhich", "same", "yearLabel", "textNumber", "typedConstant", "errorValue", "unitScale", "required", "reader", "plausibility"]) {
      expect(kinds).toContain(k);
    }
  });

  it("docs/rules.md is the generated document (run npm run docs:rules after editing rules.ts)", () => {
    expect(readFileSync(join(__dirname, "..", "..", "docs", "rules.md"), "utf8")).toBe(rulesMarkdown());
  });
});
