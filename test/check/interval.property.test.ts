import Decimal from "decimal.js";
import fc from "fast-check";
import {
  contains,
  add,
  div,
  encloses,
  exactInterval,
  Interval,
  IntervalSum,
  makeInterval,
  meets,
  negate,
  roundDecimal,
  RoundingMode,
  statedInterval,
  sum,
} from "../../src/core/check/interval";

const RUNS = { numRuns: 1000 };
const modeArb = fc.constantFrom<RoundingMode>("nearest", "truncate");

/**
 * An interval with integer endpoints times `step`, so that endpoints often coincide exactly with other intervals'
 * endpoints (the cases where openness decides).
 */
function intervalArb(step: Decimal.Value, range = 40, maxWidth = 20): fc.Arbitrary<Interval> {
  return fc
    .record({
      lo: fc.integer({ min: -range, max: range }),
      width: fc.integer({ min: 0, max: maxWidth }),
      loOpen: fc.boolean(),
      hiOpen: fc.boolean(),
    })
    .map(({ lo, width, loOpen, hiOpen }) =>
      makeInterval(
        new Decimal(lo).times(step),
        new Decimal(lo + width).times(step),
        width > 0 && loOpen,
        width > 0 && hiOpen,
      ),
    );
}

/** Brute-force oracle for integer/`step` endpoints: test every endpoint and every midpoint between neighbours. */
function meetsByPoints(a: Interval, b: Interval): boolean {
  const ends = [a.lo, a.hi, b.lo, b.hi].sort((x, y) => x.comparedTo(y));
  const candidates = [...ends];
  for (let i = 0; i + 1 < ends.length; i++) candidates.push(ends[i].plus(ends[i + 1]).div(2));
  return candidates.some((p) => contains(a, p) && contains(b, p));
}

describe("interval properties", () => {
  it("meets is symmetric and agrees with a point-by-point oracle", () => {
    fc.assert(
      fc.property(intervalArb(1, 6, 4), intervalArb(1, 6, 4), (a, b) => {
        expect(meets(a, b)).toBe(meets(b, a));
        expect(meets(a, b)).toBe(meetsByPoints(a, b));
      }),
      RUNS,
    );
  });

  it("widening a stated interval (fewer decimals) never turns meets into not-meets", () => {
    let antecedentHeld = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: -2, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        modeArb,
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: 0, max: 15 }),
        fc.boolean(),
        fc.boolean(),
        (k, decimals, lost, mode, offset, width, loOpen, hiOpen) => {
          const v = new Decimal(k).times(new Decimal(10).pow(-decimals));
          // computed endpoints on a 10^-(d+1) grid around v, so they hit v ± h and v ± u exactly
          const step = new Decimal(10).pow(-(decimals + 1));
          const lo = v.plus(step.times(offset));
          const computed = makeInterval(lo, lo.plus(step.times(width)), width > 0 && loOpen, width > 0 && hiOpen);
          const narrow = statedInterval(v, decimals, mode);
          const wide = statedInterval(v, decimals - lost, mode);
          expect(encloses(wide, narrow)).toBe(true);
          if (meets(narrow, computed)) {
            antecedentHeld++;
            expect(meets(wide, computed)).toBe(true);
          }
        },
      ),
      RUNS,
    );
    expect(antecedentHeld).toBeGreaterThan(100);
  });

  it("widening any interval never turns meets into not-meets", () => {
    fc.assert(
      fc.property(
        intervalArb(1, 10, 6),
        intervalArb(1, 10, 6),
        fc.nat(3),
        fc.nat(3),
        fc.boolean(),
        fc.boolean(),
        (a, c, down, up, closeLo, closeHi) => {
          const loOpen = down > 0 ? false : a.loOpen && !closeLo;
          const hiOpen = up > 0 ? false : a.hiOpen && !closeHi;
          const wider = makeInterval(a.lo.minus(down), a.hi.plus(up), loOpen, hiOpen);
          if (meets(a, c)) expect(meets(wider, c)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("statedInterval(v, d) contains v and exactly the x that round to v", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: -3, max: 6 }),
        modeArb,
        fc.array(fc.integer({ min: -250, max: 250 }), { minLength: 1, maxLength: 20 }),
        (k, decimals, mode, offsets) => {
          const v = new Decimal(k).times(new Decimal(10).pow(-decimals));
          const stated = statedInterval(v, decimals, mode);
          expect(contains(stated, v)).toBe(true);
          // x on a 10^-(d+2) grid: 100 steps per unit, so ±250 steps cross both boundaries and hit them exactly
          const step = new Decimal(10).pow(-(decimals + 2));
          for (const j of [...offsets, 50, -50, 100, -100]) {
            const x = v.plus(step.times(j));
            expect(contains(stated, x)).toBe(roundDecimal(x, decimals, mode).eq(v));
          }
        },
      ),
      RUNS,
    );
  });

  it("a weighted sum of intervals contains the weighted sum of any points inside them", () => {
    const termArb = fc.record({
      interval: intervalArb("0.5", 40, 20),
      weight: fc.integer({ min: -3, max: 3 }),
      pick: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(termArb, { minLength: 1, maxLength: 6 }), (terms) => {
        const total = sum(
          terms.map((t) => t.interval),
          terms.map((t) => t.weight),
        );
        let point = new Decimal(0);
        for (const { interval: a, weight, pick } of terms) {
          // a point on a quarter grid inside a, never on an open end
          const quarters = a.hi.minus(a.lo).times(4).toNumber();
          const first = a.loOpen ? 1 : 0;
          const last = a.hiOpen ? quarters - 1 : quarters;
          const x = a.lo.plus(new Decimal(first + (pick % (last - first + 1))).div(4));
          expect(contains(a, x)).toBe(true);
          point = point.plus(x.times(weight));
        }
        expect(contains(total, point)).toBe(true);
      }),
      RUNS,
    );
  });

  it("a weighted sum reaches its lower bound exactly when every contributing end is closed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ interval: intervalArb(1, 20, 5), weight: fc.integer({ min: -3, max: 3 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        (terms) => {
          const total = sum(
            terms.map((t) => t.interval),
            terms.map((t) => t.weight),
          );
          let lowest = new Decimal(0);
          let reachable = true;
          for (const { interval: a, weight } of terms) {
            if (weight === 0) continue;
            const end = weight > 0 ? a.lo : a.hi;
            reachable = reachable && !(weight > 0 ? a.loOpen : a.hiOpen);
            lowest = lowest.plus(end.times(weight));
          }
          expect(total.lo.eq(lowest)).toBe(true);
          expect(contains(total, lowest)).toBe(reachable);
        },
      ),
      RUNS,
    );
  });

  it("a quotient interval contains the quotient of any points inside its operands", () => {
    fc.assert(
      fc.property(
        intervalArb(1, 30, 10),
        intervalArb(1, 30, 10),
        fc.nat(1000),
        fc.nat(1000),
        (a, b, pickA, pickB) => {
          const q = div(a, b, { tinyBaseFactor: 0 });
          if (b.lo.lte(0) && b.hi.gte(0)) {
            expect(q.kind).toBe("indeterminate");
            return;
          }
          expect(q.kind).toBe("interval");
          if (q.kind !== "interval") return;
          const point = (iv: Interval, pick: number) => {
            const halves = iv.hi.minus(iv.lo).times(2).toNumber();
            const first = iv.loOpen ? 1 : 0;
            const last = iv.hiOpen ? halves - 1 : halves;
            return iv.lo.plus(new Decimal(first + (pick % (last - first + 1))).div(2));
          };
          const x = point(a, pickA);
          const y = point(b, pickB);
          const P = Decimal.clone({ precision: 40 });
          expect(contains(q.interval, new P(x).div(y))).toBe(true);
          // a closed lower bound is (the outward rounding of) a corner quotient
          const cornerValues = [a.lo, a.hi].flatMap((cx) => [b.lo, b.hi].map((cy) => new P(cx).div(cy)));
          const nearLo = (c: Decimal) => c.gte(q.interval.lo) && c.lte(q.interval.lo.plus("1e-30"));
          if (!q.interval.loOpen) expect(cornerValues.some(nearLo)).toBe(true);
        },
      ),
      RUNS,
    );
  });
  it("IntervalSum gives exactly the interval that adding each term's interval gives", () => {
    // Terms: stated figures (any sign, zero, decimals −1…4), exact figures, and figures with an interval or none.
    const termArb = fc.oneof(
      fc.record({ kind: fc.constant("stated" as const), v: fc.integer({ min: -500, max: 500 }), d: fc.integer({ min: -1, max: 4 }) }),
      fc.record({ kind: fc.constant("exact" as const), v: fc.integer({ min: -500, max: 500 }), d: fc.constant(0) }),
      fc.record({ kind: fc.constant("interval" as const), iv: intervalArb("0.25", 40, 8), d: fc.constant(0) }),
      fc.record({ kind: fc.constant("none" as const), v: fc.integer({ min: -500, max: 500 }), d: fc.constant(0) }),
    );
    const signedArb = fc.record({ term: termArb, sign: fc.constantFrom<1 | -1>(1, -1) });
    fc.assert(
      fc.property(fc.array(signedArb, { minLength: 1, maxLength: 12 }), modeArb, (terms, mode) => {
        const acc = new IntervalSum(mode);
        let expected: Interval | null = null;
        let bounded = true;
        let nominal = new Decimal(0);
        for (const { term, sign } of terms) {
          let iv: Interval | null;
          let nom: Decimal;
          if (term.kind === "interval") {
            iv = term.iv;
            nom = iv.lo.plus(iv.hi).div(2);
            acc.addInterval(nom, iv, sign);
          } else {
            nom = new Decimal(term.v).times(new Decimal(10).pow(-term.d));
            iv = term.kind === "stated" ? statedInterval(nom, term.d, mode) : term.kind === "exact" ? exactInterval(nom) : null;
            if (term.kind === "stated") acc.addStated(nom, term.d, sign);
            else if (term.kind === "exact") acc.addExact(nom, sign);
            else acc.addInterval(nom, null, sign);
          }
          nominal = nominal.plus(sign > 0 ? nom : nom.neg());
          if (!iv) bounded = false;
          else {
            const signed = sign > 0 ? iv : negate(iv);
            expected = expected ? add(expected, signed) : signed;
          }
        }
        expect(acc.value!.eq(nominal)).toBe(true);
        const got = acc.interval();
        if (!bounded) {
          expect(got).toBeNull();
          return;
        }
        expect(got).not.toBeNull();
        expect([got!.lo.toString(), got!.hi.toString(), got!.loOpen, got!.hiOpen]).toEqual([
          expected!.lo.toString(),
          expected!.hi.toString(),
          expected!.loOpen,
          expected!.hiOpen,
        ]);
      }),
      RUNS,
    );
  });
});
