/**
 * What the steps keep per derived cell sits in arrays by each derivation's ordinal (derivedSlots): a list whose
 * derivations are not at their ordinals would have one cell read another's value, so it is refused.
 */
import { derivations, derivedFlags, derivedSlots, DerivedValues, indicatorNature } from "../../src/core/derive";
import type { CellModel, RowModel } from "../../src/core/model";
import { readWorkbook } from "../../src/core/reader";
import { sampleSnapshot } from "../check/helpers";

describe("derivations by ordinal", () => {
  test("each derivation's ordinal is its place in its list", async () => {
    const list = derivations(readWorkbook(await sampleSnapshot(false)));
    expect(list.length).toBeGreaterThan(100);
    expect(list.map((d) => d.ordinal)).toEqual(list.map((_, i) => i));
    expect(derivedSlots(list)).toHaveLength(list.length);
  });

  test("a list out of that order is refused rather than read through the wrong slots", async () => {
    const snapshot = await sampleSnapshot(false);
    const model = readWorkbook(snapshot);
    const list = derivations(model);
    expect(() => derivedSlots(list.slice(1))).toThrow(/ordinal/);
    expect(() => derivedFlags(list.slice(1))).toThrow(/ordinal/);
    expect(() => new DerivedValues(snapshot, [...list].reverse(), "excel", model.settings)).toThrow(/ordinal/);
  });
});

describe("an indicator's nature", () => {
  const row = (text: string | null) => ({ cells: new Map([["nature", { text } as CellModel]]) }) as unknown as RowModel;

  test.each([
    ["≥", "atLeast"],
    [">=", "atLeast"],
    [" ＞＝ ", "atLeast"],
    ["正向", "atLeast"],
    [">", "atLeast"],
    ["≤", "atMost"],
    ["＜＝", "atMost"],
    ["反向", "atMost"],
    ["<", "atMost"],
    ["=", "equal"],
    ["＝", "equal"],
    ["定性", "qualitative"],
    ["约等于", null],
    ["", null],
    [null, null],
  ])("%j reads as %s, asked once or again", (text, nature) => {
    expect(indicatorNature(row(text))).toBe(nature);
    expect(indicatorNature(row(text))).toBe(nature);
  });
});
