/**
 * Interval laws at the level the checker uses (test/check/interval.property.test.ts covers meets on raw intervals):
 * a stated figure read with fewer decimals (a wider interval around the same value) never turns a consistent
 * comparison into an inconsistent one, for compare and compareSum, both rounding modes; meets of stated intervals
 * is symmetric.
 */
import fc from "fast-check";
import Decimal from "decimal.js";
import { compare, compareSum, exactInterval, meets, statedInterval, type RoundingMode } from "../../src/core/check/interval";

const RUNS = { numRuns: 1000 };
const modeArb = fc.constantFrom<RoundingMode>("nearest", "truncate");
const fig = (units: number, decimals: number) => new Decimal(units).dividedBy(new Decimal(10).pow(decimals));

describe("interval laws", () => {
  it("compare: widening the stated interval never turns consistent into inconsistent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50000, max: 50000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: -500000, max: 500000 }),
        modeArb,
        (units, wideDecimals, extra, computedUnits, mode) => {
          // The stated value has wideDecimals decimals, so it can be read with wideDecimals or more.
          const v = fig(units, wideDecimals);
          const computed = exactInterval(fig(computedUnits, wideDecimals + extra));
          const narrow = compare(v, wideDecimals + extra, computed, mode);
          const wide = compare(v, wideDecimals, computed, mode);
          if (narrow !== "inconsistent") expect(wide).not.toBe("inconsistent");
        },
      ),
      RUNS,
    );
  });

  it("compareSum: widening the stated total never turns consistent into inconsistent", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -9999, max: 9999 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 0, max: 2 }),
        modeArb,
        (parts, delta, wideDecimals, mode) => {
          const d = wideDecimals + 1;
          const stated = parts.map((p) => ({ value: fig(p, d), decimals: d }));
          const exactSum = parts.reduce((a, b) => a + b, 0) + delta;
          // A total stated with wideDecimals decimals: the exact sum rounded down to that grid.
          const totalUnits = Math.trunc(exactSum / 10);
          const total = fig(totalUnits, wideDecimals);
          const narrow = compareSum({ value: total, decimals: d }, stated, undefined, mode);
          const wide = compareSum({ value: total, decimals: wideDecimals }, stated, undefined, mode);
          if (narrow !== "inconsistent") expect(wide).not.toBe("inconsistent");
        },
      ),
      RUNS,
    );
  });

  it("meets of stated intervals is symmetric (negative values, both modes)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: 0, max: 3 }),
        modeArb,
        (a, da, b, db, mode) => {
          const x = statedInterval(fig(a, da), da, mode);
          const y = statedInterval(fig(b, db), db, mode);
          expect(meets(x, y)).toBe(meets(y, x));
        },
      ),
      RUNS,
    );
  });
});
