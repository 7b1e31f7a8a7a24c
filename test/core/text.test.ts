import fc from "fast-check";
import { normalizeLabel, normalizedInFull, parseNumberText } from "../../src/core/text";

describe("normalizeLabel", () => {
  it.each([
    ["公务接待费", "公务接待费"],
    ["  公务 接待费 ", "公务接待费"],
    ["公务接待费：", "公务接待费"],
    ["公务接待费:", "公务接待费"],
    ["2、公务接待费", "公务接待费"],
    ["（二）公务接待费", "公务接待费"],
    ["二、公务接待费", "公务接待费"],
    ["(1)公务接待费", "公务接待费"],
    ["其中：公务用车购置费", "公务用车购置费"],
    ["　　其中:公务用车购置费", "公务用车购置费"],
    ["“三公”经费", "三公经费"],
    ["第三项 公务接待费", "公务接待费"],
    ["第一部分 收入合计", "收入合计"], // 部分 whole: not 部 alone, which left "分收入合计"
    ["第12条公务接待费", "公务接待费"],
    ["支出合计（万元）", "支出合计"],
    ["建筑面积(平方米)", "建筑面积"],
    ["ＡＢＣ公务接待费", "abc公务接待费"],
    ["全年预算数（万元）", "全年预算数"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it("keeps digits that belong to the label", () => {
    expect(normalizeLabel("2020年决算数")).toBe("2020年决算数");
    expect(normalizeLabel("1.5倍")).toBe("1.5倍");
  });

  it("takes a plain label (ideographs, letters, digits; a number) as the full steps do", () => {
    // The shortcut assumes NFKC keeps every CJK unified ideograph.
    for (let code = 0x4e00; code <= 0x9fff; code++) {
      const c = String.fromCharCode(code);
      if (c.normalize("NFKC") !== c) throw new Error(`U+${code.toString(16)} changes under NFKC`);
    }
    // Labels made of plain characters and of those that start or end a pattern: numbering, 其中, 第…项, units,
    // colons, quotes, spaces, full-width letters, circled numbers.
    const piece = fc.constantFrom(
      "项目", "指标", "公务", "经费", "其中", "其", "中", "第", "三", "一", "项", "部分", "A", "b", "Z", "1", "12", "0",
      ".", "-", "、", "：", ":", "（", "）", "(", ")", "万元", "“", "”", " ", "\u3000", "Ａ", "①", "．", "年",
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const text = pieces.join("");
        expect(normalizeLabel(text)).toBe(normalizedInFull(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ["项目1", "ABC项目", "30101", "-12.5", "1.", "1.项目", "第三项公务", "其中公务", "12.5.3"]) {
      expect(normalizeLabel(text)).toBe(normalizedInFull(text));
    }
  });
});

describe("parseNumberText", () => {
  it.each([
    ["1,273.97", "1273.97", 2],
    ["１２７３．９７", "1273.97", 2],
    ["15.44%", "0.1544", 4],
    ["-15.44%", "-0.1544", 4],
    ["(0.61)", "-0.61", 2],
    ["−0.61", "-0.61", 2],
    ["－0.61", "-0.61", 2],
    ["3.34万元", "3.34", 2],
    ["1 273.97", "1273.97", 2],
    ["0", "0", 0],
    [".5", "0.5", 1],
  ])("%s → %s", (text, value, decimals) => {
    const parsed = parseNumberText(text);
    expect(parsed).not.toBeNull();
    expect(parsed!.value.toString()).toBe(value);
    expect(parsed!.typedDecimals + (parsed!.percent ? 2 : 0)).toBe(decimals);
  });

  it.each([
    ["33400元", "33400", "yuan"],
    ["3.34万元", "3.34", "wan"],
    ["3.34 万 元", "3.34", "wan"],
    ["1,273.97", "1273.97", null],
  ])("%s names the unit %s", (text, value, unit) => {
    const parsed = parseNumberText(text);
    expect(parsed!.value.toString()).toBe(value);
    expect(parsed!.unit).toBe(unit);
  });

  it.each(["", "无", "abc", "1,27,3.97", "12..3", "—", "1.2.3"])("rejects %p", (text) => {
    expect(parseNumberText(text)).toBeNull();
  });
});
