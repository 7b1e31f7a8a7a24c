import { languageFor, format } from "../../src/taskpane/i18n";
import { groupFindings, initialState, reducer } from "../../src/taskpane/state";
import type { Finding } from "../../src/core/findings";
import { uiText } from "../../src/core/data/ui-text";

const f = (severity: Finding["severity"], ruleId: string): Finding => ({
  ruleId,
  severity,
  sheet: "S",
  cells: ["A1"],
  message: ruleId,
});

test("English only when Office's display language starts with en", () => {
  expect(languageFor("en-US")).toBe("en");
  expect(languageFor("EN-gb")).toBe("en");
  expect(languageFor("zh-CN")).toBe("zh");
  expect(languageFor("fr-FR")).toBe("zh");
  expect(languageFor(undefined)).toBe("zh");
});

test("format fills placeholders and leaves unknown ones", () => {
  expect(format("共 {n} 条 {x}", { n: 3 })).toBe("共 3 条 {x}");
});

test("the zh and en tables have the same keys", () => {
  const keys = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  expect(keys(uiText.en).sort()).toEqual(keys(uiText.zh).sort());
});

test("groupFindings orders error, warning, info and keeps indices", () => {
  const groups = groupFindings([f("info", "i"), f("error", "e"), f("warning", "w"), f("error", "e2")]);
  expect(groups.map((g) => g.severity)).toEqual(["error", "warning", "info"]);
  expect(groups[0].items.map((x) => [x.finding.ruleId, x.index])).toEqual([
    ["e", 1],
    ["e2", 3],
  ]);
});

test("explained marks one finding without touching the others", () => {
  const s = reducer({ ...initialState, findings: [f("warning", "a"), f("warning", "b")] }, {
    type: "explained",
    index: 1,
    text: "t",
    author: "王",
    at: "2021-01-01T00:00:00Z",
  });
  expect(s.findings?.[0].explanation).toBeUndefined();
  expect(s.findings?.[1].explanation).toMatchObject({ text: "t", author: "王" });
});
