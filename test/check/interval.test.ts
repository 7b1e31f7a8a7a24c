import Decimal from "decimal.js";
import {
  add,
  compare,
  compareIntervals,
  compareSum,
  contains,
  decimalsOf,
  div,
  encloses,
  exactInterval,
  findPlug,
  formatInterval,
  Interval,
  makeInterval,
  meets,
  negate,
  roundDecimal,
  scale,
  statedInterval,
  sub,
  sum,
  unit,
} from "../../src/core/check/interval";

const d = (v: Decimal.Value) => new Decimal(v);
const show = (a: Interval) => formatInterval(a);
const iv = (lo: Decimal.Value, hi: Decimal.Value, loOpen = false, hiOpen = false) => makeInterval(lo, hi, loOpen, hiOpen);
function quotient(a: Interval, b: Interval, options?: { tinyBaseFactor?: Decimal.Value }): Interval {
  const q = div(a, b, options);
  if (q.kind !== "interval") throw new Error("expected an interval quotient");
  return q.interval;
}

describe("roundDecimal", () => {
  it("rounds halves away from zero under nearest", () => {
    expect(roundDecimal("0.125", 2).toFixed()).toBe("0.13");
    expect(roundDecimal("-0.125", 2).toFixed()).toBe("-0.13");
    expect(roundDecimal("0.1249999", 2).toFixed()).toBe("0.12");
    expect(roundDecimal("0.743940", 4).toFixed()).toBe("0.7439");
    expect(roundDecimal("0.131340", 4).toFixed()).toBe("0.1313");
  });
  it("truncates toward zero under truncate", () => {
    expect(roundDecimal("0.129", 2, "truncate").toFixed()).toBe("0.12");
    expect(roundDecimal("-0.129", 2, "truncate").toFixed()).toBe("-0.12");
  });
  it("supports negative decimals (tens, hundreds)", () => {
    expect(roundDecimal(1225, -1).toFixed()).toBe("1230");
    expect(roundDecimal(1224.99, -1).toFixed()).toBe("1220");
    expect(roundDecimal(-1225, -1).toFixed()).toBe("-1230");
    expect(roundDecimal(1299, -2, "truncate").toFixed()).toBe("1200");
  });
  it("rejects fractional decimals", () => {
    expect(() => roundDecimal(1, 1.5)).toThrow(RangeError);
  });
  it("keeps precision beyond 20 significant digits", () => {
    expect(roundDecimal("123456789012345678901.125", 2).toFixed()).toBe("123456789012345678901.13");
  });
});

describe("statedInterval, nearest", () => {
  it("is [v−h, v+h) for a positive figure", () => {
    const a = statedInterval(d("0.13"), 2);
    expect(show(a)).toBe("[0.125, 0.135)");
    expect(contains(a, "0.125")).toBe(true);
    expect(contains(a, "0.135")).toBe(false);
    expect(contains(a, "0.1349999")).toBe(true);
    expect(contains(a, "0.1249999")).toBe(false);
  });
  it("is (v−h, v+h] for a negative figure, because halves round away from zero", () => {
    const a = statedInterval(d("-0.13"), 2);
    expect(show(a)).toBe("(-0.135, -0.125]");
    expect(contains(a, "-0.125")).toBe(true); // ROUND(-0.125, 2) = -0.13
    expect(contains(a, "-0.135")).toBe(false); // ROUND(-0.135, 2) = -0.14
    expect(roundDecimal("-0.125", 2).eq("-0.13")).toBe(true);
    expect(roundDecimal("-0.135", 2).eq("-0.14")).toBe(true);
  });
  it("is (−h, h) for zero", () => {
    const a = statedInterval(d(0), 2);
    expect(show(a)).toBe("(-0.005, 0.005)");
    expect(contains(a, "0.005")).toBe(false);
    expect(contains(a, "-0.005")).toBe(false);
    expect(contains(a, "0.0049")).toBe(true);
    expect(contains(a, "-0.0049")).toBe(true);
  });
  it("supports negative decimals", () => {
    expect(show(statedInterval(d(1230), -1))).toBe("[1225, 1235)");
    expect(show(statedInterval(d(-1200), -2))).toBe("(-1250, -1150]");
  });
  it("defaults to nearest", () => {
    expect(show(statedInterval(d("74.39"), 2))).toBe(show(statedInterval(d("74.39"), 2, "nearest")));
  });
});

describe("statedInterval, truncate", () => {
  it("is [v, v+u) for a positive figure", () => {
    const a = statedInterval(d("0.12"), 2, "truncate");
    expect(show(a)).toBe("[0.12, 0.13)");
    expect(contains(a, "0.12")).toBe(true);
    expect(contains(a, "0.13")).toBe(false);
  });
  it("is (v−u, v] for a negative figure (toward zero)", () => {
    const a = statedInterval(d("-0.12"), 2, "truncate");
    expect(show(a)).toBe("(-0.13, -0.12]");
    expect(contains(a, "-0.12")).toBe(true);
    expect(contains(a, "-0.13")).toBe(false);
  });
  it("is (−u, u) for zero", () => {
    const a = statedInterval(d(0), 2, "truncate");
    expect(show(a)).toBe("(-0.01, 0.01)");
    expect(contains(a, "0.01")).toBe(false);
    expect(contains(a, "-0.0099")).toBe(true);
  });
  it("supports negative decimals", () => {
    expect(show(statedInterval(d(1200), -2, "truncate"))).toBe("[1200, 1300)");
  });
});

describe("construction", () => {
  it("exactInterval is degenerate and closed", () => {
    const a = exactInterval("946.15");
    expect(show(a)).toBe("[946.15, 946.15]");
    expect(contains(a, "946.15")).toBe(true);
  });
  it("makeInterval rejects empty intervals", () => {
    expect(() => makeInterval(2, 1)).toThrow(RangeError);
    expect(() => makeInterval(1, 1, true, false)).toThrow(RangeError);
    expect(() => makeInterval(1, 1, false, true)).toThrow(RangeError);
    expect(() => makeInterval(1, Infinity)).toThrow(RangeError);
  });
  it("unit is 10^-d", () => {
    expect(unit(2).toFixed()).toBe("0.01");
    expect(unit(-1).toFixed()).toBe("10");
  });
});

describe("interval arithmetic", () => {
  it("add: a bound is open when either summand's bound is open", () => {
    expect(show(add(iv(1, 2, false, true), iv(10, 20, true, false)))).toBe("(11, 22)");
    expect(show(add(iv(1, 2), iv(10, 20)))).toBe("[11, 22]");
  });
  it("add is exact to 40 digits whichever Decimal the bounds are (the engine's or the interval module's)", () => {
    const engine = (v: string): Interval => ({ lo: new Decimal(v), hi: new Decimal(v), loOpen: false, hiOpen: false });
    expect(show(add(engine("1234567890123456.12"), engine("0.0000000001")))).toBe("[1234567890123456.1200000001, 1234567890123456.1200000001]");
  });
  it("negate swaps bounds and openness", () => {
    expect(show(negate(iv(1, 2, false, true)))).toBe("(-2, -1]");
  });
  it("sub is add of the negation", () => {
    expect(show(sub(iv(5, 6, false, true), iv(1, 2, false, true)))).toBe("(3, 5)");
  });
  it("scale by a positive weight keeps openness", () => {
    expect(show(scale(iv(1, 2, false, true), 3))).toBe("[3, 6)");
  });
  it("scale by a negative weight swaps bounds and their openness", () => {
    expect(show(scale(iv(1, 2, false, true), -3))).toBe("(-6, -3]");
    expect(show(scale(iv(-1, 2, true, false), "-0.5"))).toBe("[-1, 0.5)");
  });
  it("scale by zero is exactly zero", () => {
    expect(show(scale(iv(1, 2, true, true), 0))).toBe("[0, 0]");
  });
  it("sum with weights: 全年预算 = 年初 + 结转 + 调整, 结余 = 预算 − 执行", () => {
    const parts = ["977.83", "187.21", "571.04"].map((v) => statedInterval(d(v), 2));
    expect(show(sum(parts))).toBe("[1736.065, 1736.095)");
    const balance = sum([statedInterval(d("1736.08"), 2), statedInterval(d("1648.75"), 2)], [1, -1]);
    expect(show(balance)).toBe("(87.32, 87.34)");
  });
  it("sum of nothing is [0, 0]; weights must match", () => {
    expect(show(sum([]))).toBe("[0, 0]");
    expect(() => sum([iv(1, 2)], [1, 2])).toThrow(RangeError);
  });
});

describe("div", () => {
  // The divisors below are wide relative to their size; tinyBaseFactor 0 switches that rule off to test the corners.
  const quotient0 = (a: Interval, b: Interval) => quotient(a, b, { tinyBaseFactor: 0 });
  it("divides positive intervals with openness propagated from the corners", () => {
    expect(show(quotient0(iv(1, 2, false, true), iv(4, 5, true, false)))).toBe("[0.2, 0.5)");
    expect(show(quotient0(iv(1, 2), iv(4, 5)))).toBe("[0.2, 0.5]");
  });
  it("handles negative numerators and denominators", () => {
    // [-2, 1] / [4, 5] = [-0.5, 0.25]
    expect(show(quotient0(iv(-2, 1), iv(4, 5)))).toBe("[-0.5, 0.25]");
    // [1, 2) / [-5, -4] = (-0.5, -0.2]
    expect(show(quotient0(iv(1, 2, false, true), iv(-5, -4)))).toBe("(-0.5, -0.2]");
    // [-2, -1] / (-5, -4] = [0.2, 0.5]: 0.2 = -1/-5 needs the open -5, 0.5 = -2/-4 is closed
    expect(show(quotient0(iv(-2, -1), iv(-5, -4, true, false)))).toBe("(0.2, 0.5]");
  });
  it("0/y is reached for any y, so a closed zero numerator bound stays closed even with an open divisor end", () => {
    expect(show(quotient0(iv(0, 1), iv(4, 5, true, true)))).toBe("[0, 0.25)");
    expect(show(quotient0(iv(0, 1, true, false), iv(4, 5)))).toBe("(0, 0.25]");
  });
  it("rounds inexact corners outward and closes them", () => {
    const exact = Decimal.clone({ precision: 100 }); // to check the bounds without rounding the check itself
    const q = quotient(exactInterval(1), exactInterval(3));
    expect(new exact(q.lo).times(3).lt(1)).toBe(true);
    expect(new exact(q.hi).times(3).gt(1)).toBe(true);
    expect(q.hi.minus(q.lo).lte("1e-39")).toBe(true);
    expect(q.loOpen || q.hiOpen).toBe(false);
    // (1, 2) / (3, 4): 1/4 is exact and stays open; 2/3 is rounded up, and the rounded bound is closed
    const r = quotient0(iv(1, 2, true, true), iv(3, 4, true, true));
    expect(r.lo.toFixed()).toBe("0.25");
    expect(r.loOpen).toBe(true);
    expect(new exact(r.hi).times(3).gt(2)).toBe(true); // strictly above 2/3
    expect(r.hiOpen).toBe(false);
  });
  it("the seed's 执行率 from rounded amounts", () => {
    const q = quotient(statedInterval(d("1271.81"), 2), statedInterval(d("1273.97"), 2));
    expect(compare(d("0.9983"), 4, q)).toBe("exact");
  });
  it("is indeterminate when b contains zero, touches zero or changes sign", () => {
    expect(div(iv(1, 2), iv(-1, 1)).kind).toBe("indeterminate");
    expect(div(iv(1, 2), exactInterval(0)).kind).toBe("indeterminate");
    expect(div(iv(1, 2), iv(0, 1, true, false)).kind).toBe("indeterminate");
    expect(div(iv(1, 2), iv(-1, 0, false, true)).kind).toBe("indeterminate");
    expect(div(iv(1, 2), statedInterval(d(0), 2)).kind).toBe("indeterminate");
  });
  it("is indeterminate when the base is tiny relative to its own rounding (tinyBaseFactor, default 10)", () => {
    // 0.01 shown with 2 decimals: [0.005, 0.015), midpoint 0.01 < 10 × 0.005
    expect(div(iv(1, 2), statedInterval(d("0.01"), 2)).kind).toBe("indeterminate");
    // 0.10: midpoint 0.1 is not < 0.05
    expect(div(iv(1, 2), statedInterval(d("0.10"), 2)).kind).toBe("interval");
    // 0.05: midpoint 0.05 = 10 × 0.005, the threshold is strict
    expect(div(iv(1, 2), statedInterval(d("0.05"), 2)).kind).toBe("interval");
    expect(div(iv(1, 2), statedInterval(d("0.04"), 2)).kind).toBe("indeterminate");
    expect(div(iv(1, 2), statedInterval(d("0.01"), 2), { tinyBaseFactor: 0 }).kind).toBe("interval");
    expect(div(iv(1, 2), statedInterval(d("0.10"), 2), { tinyBaseFactor: 100 }).kind).toBe("indeterminate");
    // [4, 5]: midpoint 4.5 < 10 × 0.5
    expect(div(iv(1, 2), iv(4, 5)).kind).toBe("indeterminate");
    expect(div(iv(1, 2), iv(4, 5), { tinyBaseFactor: 9 }).kind).toBe("interval");
  });
});

describe("meets", () => {
  it("respects open and closed ends exactly", () => {
    expect(meets(iv(1, 2, false, true), iv(2, 3))).toBe(false);
    expect(meets(iv(1, 2), iv(2, 3))).toBe(true);
    expect(meets(iv(1, 2), iv(2, 3, true, false))).toBe(false);
    expect(meets(iv(2, 3, true, false), iv(1, 2))).toBe(false);
    expect(meets(exactInterval(2), iv(2, 3))).toBe(true);
    expect(meets(exactInterval(2), iv(2, 3, true, false))).toBe(false);
  });
  it("overlap, containment, disjoint", () => {
    expect(meets(iv(1, 3, true, true), iv(2, 4, true, true))).toBe(true);
    expect(meets(iv(1, 10, true, true), iv(2, 3))).toBe(true);
    expect(meets(iv(1, 2), iv(3, 4))).toBe(false);
    expect(meets(iv(3, 4), iv(1, 2))).toBe(false);
  });
  it("equal lower bounds: open on either side still meets when the intervals have width", () => {
    expect(meets(iv(1, 2, true, false), iv(1, 3))).toBe(true);
    expect(meets(iv(1, 2, true, true), iv(1, 1))).toBe(false);
  });
});

describe("encloses", () => {
  it("checks both ends with openness", () => {
    expect(encloses(iv(1, 2, false, true), iv(1, 2, false, true))).toBe(true);
    expect(encloses(iv(1, 2, false, true), iv(1, 2))).toBe(false);
    expect(encloses(iv(1, 2, true, false), iv(1, 2))).toBe(false);
    expect(encloses(iv(1, 2, true, false), iv(1, 2, true, false))).toBe(true);
    expect(encloses(iv(1, 2), iv("1.5", "1.5"))).toBe(true);
  });
});

describe("compare", () => {
  it("exact when the computed value rounds to the stated figure (seed B7, B8, C4)", () => {
    expect(compare(d("0.7439"), 4, exactInterval(d("946.15").div("1271.81")))).toBe("exact");
    expect(compare(d("0.1247"), 4, exactInterval(d("158.62").div("1271.81")))).toBe("exact");
    expect(compare(d("-0.1544"), 4, exactInterval(d("-0.61").div("3.95")))).toBe("exact");
    expect(compare(d("87.33"), 2, exactInterval("87.33"))).toBe("exact");
  });
  it("exact at the rounding boundary belongs to the figure round-half-up gives", () => {
    expect(compare(d("0.13"), 2, exactInterval("0.125"))).toBe("exact");
    expect(compare(d("0.12"), 2, exactInterval("0.125"))).toBe("inconsistent");
    expect(compare(d("-0.13"), 2, exactInterval("-0.125"))).toBe("exact");
    expect(compare(d("-0.12"), 2, exactInterval("-0.125"))).toBe("inconsistent");
    expect(compare(d("0.12"), 2, exactInterval("0.129"), "truncate")).toBe("exact");
    expect(compare(d("0.13"), 2, exactInterval("0.129"), "truncate")).toBe("inconsistent");
  });
  it("exact for a computed interval lying wholly inside the stated interval", () => {
    expect(compare(d("1.0"), 1, iv("0.96", "1.04"))).toBe("exact");
  });
  it("rounding (尾差) when the intervals meet but the computed side is not inside", () => {
    expect(compare(d("100.00"), 2, iv("99.99", "100.01", false, true))).toBe("rounding");
    expect(compare(d("0.13"), 2, iv("0.12", "0.125"))).toBe("rounding");
  });
  it("inconsistent when they do not meet, including an exact boundary touch on an open end", () => {
    expect(compare(d("0.1314"), 4, exactInterval(d("167.04").div("1271.81")))).toBe("inconsistent");
    expect(compare(d("0.13"), 2, iv("0.12", "0.125", false, true))).toBe("inconsistent");
    expect(compare(d("0.13"), 2, iv("0.135", "0.14"))).toBe("inconsistent");
  });
  it("the seed plug is inconsistent even when the amounts' own rounding is allowed for", () => {
    const q = quotient(statedInterval(d("167.04"), 2), statedInterval(d("1271.81"), 2));
    expect(compare(d("0.1314"), 4, q)).toBe("inconsistent");
  });
});

describe("compareIntervals and compareSum", () => {
  it("exact when the parts as shown add up to the total as shown (seed E4, E5)", () => {
    const f = (v: string, decimals = 2) => ({ value: d(v), decimals });
    expect(compareSum(f("87.33"), [f("1736.08"), f("1648.75")], [1, -1])).toBe("exact");
    expect(compareSum(f("1736.08"), [f("977.83"), f("187.21"), f("571.04")])).toBe("exact");
  });
  it("rounding when the parts' intervals still reach the total", () => {
    const f = (v: string) => ({ value: d(v), decimals: 2 });
    // 0.33 × 3 = 0.99 ≠ 1.00, but [0.975, 1.005) meets [0.995, 1.005)
    expect(compareSum(f("1.00"), [f("0.33"), f("0.33"), f("0.33")])).toBe("rounding");
  });
  it("inconsistent when they do not", () => {
    const f = (v: string) => ({ value: d(v), decimals: 2 });
    expect(compareSum(f("1.02"), [f("0.33"), f("0.33"), f("0.33")])).toBe("inconsistent");
  });
  it("a total shown with fewer decimals is exact when the nominal sum rounds to it", () => {
    expect(compareSum({ value: d(1274), decimals: 0 }, [{ value: d("1273.97"), decimals: 2 }])).toBe("exact");
  });
  it("compareIntervals uses the nominal value for exact and the interval for rounding", () => {
    const amounts = [statedInterval(d("946.15"), 2), statedInterval(d("1271.81"), 2)];
    const q = quotient(amounts[0], amounts[1]);
    expect(compareIntervals(d("0.7439"), 4, q, d("946.15").div("1271.81"))).toBe("exact");
    expect(compareIntervals(d("0.7440"), 4, q, d("946.15").div("1271.81"))).toBe("inconsistent");
    // 1.00 (shown with 2 decimals) / 3 = [0.33166…, 0.335), nominal 0.3333…
    const third = quotient(statedInterval(d("1.00"), 2), exactInterval(3));
    const nominal = d(1).div(3);
    expect(compareIntervals(d("0.333"), 3, third, nominal)).toBe("exact");
    expect(compareIntervals(d("0.334"), 3, third, nominal)).toBe("rounding");
    expect(compareIntervals(d("0.335"), 3, third, nominal)).toBe("rounding");
    expect(compareIntervals(d("0.336"), 3, third, nominal)).toBe("inconsistent");
    // [0.335, 0.345) only touches the open end 0.335 of the quotient
    expect(compareIntervals(d("0.34"), 2, third, nominal)).toBe("inconsistent");
  });
});

describe("findPlug", () => {
  const total = 1271.81;
  const share = (amount: string, stated: string) => ({
    value: d(stated),
    decimals: 4,
    computed: d(amount).div(total),
  });
  it("finds the seed's 尾差 plug (B9: 13.14% stated, 13.13% correct)", () => {
    const shares = [share("946.15", "0.7439"), share("158.62", "0.1247"), share("167.04", "0.1314")];
    expect(findPlug(shares, d(1))).toBe(2);
  });
  it("works in percent units with total 100", () => {
    const shares = [
      { value: d("74.39"), decimals: 2, computed: d("946.15").div(total).times(100) },
      { value: d("13.14"), decimals: 2, computed: d("167.04").div(total).times(100) },
      { value: d("12.47"), decimals: 2, computed: d("158.62").div(total).times(100) },
    ];
    expect(findPlug(shares, d(100))).toBe(1);
  });
  it("a share off by two units is not a plug; it is inconsistent", () => {
    // correct roundings 0.7441 + 0.1247 + 0.1310 = 0.9998; stated 0.1312 makes 1.0000 but is two units off
    const shares = [
      { value: d("0.7441"), decimals: 4, computed: d("0.74410") },
      { value: d("0.1247"), decimals: 4, computed: d("0.12470") },
      { value: d("0.1312"), decimals: 4, computed: d("0.13100") },
    ];
    expect(findPlug(shares, d(1))).toBeNull();
    expect(compare(shares[2].value, 4, exactInterval(shares[2].computed))).toBe("inconsistent");
  });
  it("no plug when the stated shares do not add up to the total", () => {
    const shares = [share("946.15", "0.7439"), share("158.62", "0.1247"), share("167.04", "0.1313")];
    expect(findPlug(shares, d(1))).toBeNull();
  });
  it("no plug when a share is one unit off but the column still does not add up", () => {
    const shares = [share("946.15", "0.7439"), share("158.62", "0.1247"), share("167.04", "0.1312")];
    expect(findPlug(shares, d(1))).toBeNull();
  });
  it("no plug when the correctly rounded shares already add up", () => {
    const shares = [
      { value: d("0.50"), decimals: 2, computed: d("0.5") },
      { value: d("0.50"), decimals: 2, computed: d("0.5") },
    ];
    expect(findPlug(shares, d(1))).toBeNull();
  });
  it("no plug when two items differ from their rounding", () => {
    const shares = [
      { value: d("0.34"), decimals: 2, computed: d("0.3333") },
      { value: d("0.34"), decimals: 2, computed: d("0.3333") },
      { value: d("0.32"), decimals: 2, computed: d("0.3334") },
    ];
    expect(findPlug(shares, d(1))).toBeNull();
  });
  it("respects the rounding mode", () => {
    // truncated: 0.33 + 0.33 + 0.33 = 0.99; the author bumped the last one to 0.34
    const shares = [
      { value: d("0.33"), decimals: 2, computed: d("0.336") },
      { value: d("0.33"), decimals: 2, computed: d("0.335") },
      { value: d("0.34"), decimals: 2, computed: d("0.329") },
    ];
    expect(findPlug(shares, d(1), "truncate")).toBeNull(); // 0.329 truncates to 0.32: two units off
    shares[2] = { value: d("0.34"), decimals: 2, computed: d("0.339") };
    expect(findPlug(shares, d(1), "truncate")).toBe(2);
    expect(findPlug(shares, d(1), "nearest")).toBeNull(); // nearest: 0.336 and 0.335 round to 0.34, two items differ
  });
});

describe("decimalsOf", () => {
  it("reads fixed-point formats", () => {
    expect(decimalsOf("#,##0.00")).toBe(2);
    expect(decimalsOf("0.0")).toBe(1);
    expect(decimalsOf("0")).toBe(0);
    expect(decimalsOf("#,##0")).toBe(0);
    expect(decimalsOf("0.000")).toBe(3);
    expect(decimalsOf("#,##0.0#")).toBe(2);
  });
  it("counts percent in fraction units", () => {
    expect(decimalsOf("0.00%")).toBe(4);
    expect(decimalsOf("0%")).toBe(2);
    expect(decimalsOf("0.0%")).toBe(3);
  });
  it("scales by thousands commas after the last placeholder", () => {
    expect(decimalsOf("#,##0,")).toBe(-3);
    expect(decimalsOf("0.0,,")).toBe(-5);
  });
  it("uses the section matching the value's sign", () => {
    expect(decimalsOf("#,##0.00;[Red]-#,##0.00")).toBe(2);
    expect(decimalsOf("0.0;[Red]-0.00", undefined, -3)).toBe(2);
    expect(decimalsOf("0.0;[Red]-0.00", undefined, 3)).toBe(1);
    expect(decimalsOf("0.0;[Red]-0.00")).toBe(1);
    expect(decimalsOf('#,##0.00_);[Red]\\(#,##0.00\\)', undefined, -5)).toBe(2);
    // a zero section without digits falls back to the value
    expect(decimalsOf('#,##0.00;-#,##0.00;"-"', undefined, 0)).toBe(0);
  });
  it("ignores quoted literals, escapes, padding and brackets", () => {
    expect(decimalsOf('0.00"万元"')).toBe(2);
    expect(decimalsOf('0.0"%"')).toBe(1); // a quoted % is literal text and does not scale
    expect(decimalsOf("0.0\\%")).toBe(1);
    expect(decimalsOf('"合计："0.0')).toBe(1);
    expect(decimalsOf("[$¥-804]#,##0.00")).toBe(2);
    expect(decimalsOf("0.00_ ")).toBe(2);
    expect(decimalsOf("* #,##0.00")).toBe(2);
    expect(decimalsOf('"第0.00号"0')).toBe(0);
  });
  it("General, null, empty and @ fall back to the typed text", () => {
    expect(decimalsOf("General", "15.44%")).toBe(4);
    expect(decimalsOf(null, "1,273.97")).toBe(2);
    expect(decimalsOf("", "1273.9")).toBe(1);
    expect(decimalsOf("@", "12.5")).toBe(1);
    expect(decimalsOf("General", "较上年同期下降15.44%")).toBe(4);
    expect(decimalsOf(null, "15.44％")).toBe(4);
    expect(decimalsOf(null, "3.5‰")).toBe(4);
    expect(decimalsOf(null, "1.2E-3")).toBe(4);
    expect(decimalsOf(null, ".5")).toBe(1);
    expect(decimalsOf(null, "1,200")).toBe(0);
  });
  it("scientific formats fall back too", () => {
    expect(decimalsOf("0.00E+00", "1.23E-02")).toBe(4);
  });
  it("falls back to the value's shortest representation, capped at 10", () => {
    expect(decimalsOf("General", undefined, 0.7439)).toBe(4);
    expect(decimalsOf(null, undefined, 946.15)).toBe(2);
    expect(decimalsOf(null, undefined, 1200)).toBe(0);
    expect(decimalsOf(null, undefined, 1.5e-7)).toBe(8);
    expect(decimalsOf(null, undefined, 0.1 + 0.2)).toBe(10);
    expect(decimalsOf("@", "文字", 3.25)).toBe(2);
  });
  it("is null when nothing tells", () => {
    expect(decimalsOf(null)).toBeNull();
    expect(decimalsOf("General", "无")).toBeNull();
    expect(decimalsOf(null, undefined, NaN)).toBeNull();
  });
});
