/**
 * Rounding-aware comparison of stated figures with recomputed ones (after Arelle's ValidateXbrlCalcs.py,
 * XBRL Calculations 1.1). Pure decimal arithmetic: every amount is a decimal.js Decimal, never a binary float.
 *
 * Semantics chosen (the tests pin each of them):
 *
 * - Rounding modes. "nearest" (default) is Excel ROUND / decimal ROUND_HALF_UP: halves go away from zero.
 *   "truncate" is truncation toward zero (Excel TRUNC / ROUND_DOWN). `decimals` may be negative (−1 = tens).
 *   Let u = 10⁻ᵈ and h = u/2.
 * - statedInterval(v, d, mode) is exactly the set of x with roundDecimal(x, d, mode) = v, for v on the 10⁻ᵈ grid:
 *     nearest:  v > 0 → [v − h, v + h)    v < 0 → (v − h, v + h]    v = 0 → (−h, h)
 *     truncate: v > 0 → [v, v + u)        v < 0 → (v − u, v]        v = 0 → (−u, u)
 *   (A value off the grid still gets the same shape around itself.)
 * - Interval arithmetic is exact set arithmetic including openness: a bound of a sum is closed iff both summand
 *   bounds are closed; scaling by k < 0 swaps the bounds and their openness; scaling by 0 gives [0, 0].
 *   Arithmetic runs at 40 significant digits (exact for any realistic amount).
 * - div(a, b) is "indeterminate" when b's closure contains 0 (b.lo ≤ 0 ≤ b.hi, so also a sign change or a zero
 *   bound) or when |midpoint(b)| < tinyBaseFactor × halfWidth(b) (default factor 10; 0 disables). Otherwise the
 *   quotient is [min, max] of the four corner quotients; a bound is closed iff some corner reaching it has both its
 *   a-end and b-end closed, or its a-end is closed and equals 0 (0/y = 0 for every y in b). Inexact corner quotients
 *   are rounded outward (lower bound toward −∞, upper toward +∞) at 40 digits and made closed, so the result
 *   always encloses the true quotient set.
 * - meets(a, b): the intervals share at least one point. With L the larger lower bound and H the smaller upper
 *   bound: L < H, or L = H and the bound is closed on both sides ([1,2] meets [2,3]; [1,2) does not).
 * - compare(stated, d, computed, mode):
 *     "exact"        computed ⊆ statedInterval(stated, d, mode): every value the computed side can stand for
 *                    rounds to the stated figure. For a degenerate computed value c this is exactly
 *                    roundDecimal(c, d, mode) = stated ("what the author would have typed").
 *     "rounding"     (尾差) not exact, but statedInterval meets computed.
 *     "inconsistent" otherwise.
 * - compareIntervals(stated, d, computed, nominal, mode), for a computed side built from rounded inputs
 *   (`computed` is the interval the inputs stand for, `nominal` the same formula on the figures as shown):
 *     "exact" when roundDecimal(nominal, d, mode) = stated (for a sum of parts shown with d decimals: the
 *     parts as shown add up to the total as shown); else "rounding" when statedInterval meets computed;
 *     else "inconsistent". compareSum is the sum-of-stated-parts case of it.
 * - decimalsOf(format, text?, value?): from the number format's first section (or the negative/zero section
 *   chosen by the value's sign): digit placeholders (0 # ?) after the decimal point, +2 per unquoted % (shares are
 *   held as fractions: 12.34% = 0.1234 → 4), −3 per thousands-scaling comma after the last placeholder. Quoted
 *   literals, \x escapes, _x and *x padding, and [..] brackets are ignored. "General", "@", "", null and
 *   scientific formats fall back to the typed text (fraction digits of its first number, +2 for % and +3 for ‰,
 *   minus an exponent), then to the value's shortest decimal representation (capped at 10). null when nothing
 *   is known.
 * - findPlug(shares, total, mode): the index k of the only share whose stated value differs from
 *   roundDecimal(computed, decimals, mode), when that difference is exactly one unit in its last place, the stated
 *   shares add up to `total` exactly and the correctly rounded shares do not; otherwise null.
 */
import Decimal from "decimal.js";
// The engine's Decimal at 40 digits, which interval bounds may be (see add).
import { compareDecimals, DecimalSum } from "../text";

export type RoundingMode = "nearest" | "truncate";
export type Outcome = "exact" | "rounding" | "inconsistent";

export interface Interval {
  readonly lo: Decimal;
  readonly hi: Decimal;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

export type Quotient = { kind: "interval"; interval: Interval } | { kind: "indeterminate" };

export interface DivOptions {
  /** b is too imprecise to divide by when |midpoint(b)| < tinyBaseFactor × halfWidth(b). Default 10; 0 disables. */
  tinyBaseFactor?: Decimal.Value;
}

export interface StatedFigure {
  value: Decimal;
  decimals: number;
}

export interface Share extends StatedFigure {
  /** The share recomputed from the amounts, unrounded. */
  computed: Decimal;
}

const PRECISION = 40;
const D = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_HALF_UP });
const DFloor = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_FLOOR });
const DCeil = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_CEIL });

function checkDecimals(d: number): void {
  if (!Number.isInteger(d)) throw new RangeError(`decimals must be an integer, got ${d}`);
}

/** 10⁻ᵈ, one unit in the last place of a figure shown with d decimals. */
export function unit(decimals: number): Decimal {
  checkDecimals(decimals);
  // Asked for every stated figure; Decimals are immutable, so the few distinct units are shared.
  let u = units.get(decimals);
  if (u === undefined) units.set(decimals, (u = new D(10).pow(-decimals)));
  return u;
}
const units = new Map<number, Decimal>();

/** An interval; throws when it would be empty (lo > hi, or lo = hi with an open end). */
export function makeInterval(lo: Decimal.Value, hi: Decimal.Value, loOpen = false, hiOpen = false): Interval {
  const l = new D(lo);
  const h = new D(hi);
  if (l.isNaN() || h.isNaN() || !l.isFinite() || !h.isFinite()) throw new RangeError("interval bounds must be finite");
  if (l.gt(h) || (l.eq(h) && (loOpen || hiOpen))) {
    throw new RangeError(`empty interval ${loOpen ? "(" : "["}${l}, ${h}${hiOpen ? ")" : "]"}`);
  }
  return { lo: l, hi: h, loOpen, hiOpen };
}

/** The degenerate closed interval [v, v]. */
export function exactInterval(v: Decimal.Value): Interval {
  return makeInterval(v, v);
}

/** Round v to d decimals: half away from zero ("nearest") or toward zero ("truncate"). */
export function roundDecimal(v: Decimal.Value, decimals: number, mode: RoundingMode = "nearest"): Decimal {
  checkDecimals(decimals);
  const rm = mode === "nearest" ? Decimal.ROUND_HALF_UP : Decimal.ROUND_DOWN;
  const x = new D(v);
  if (decimals >= 0) return x.toDecimalPlaces(decimals, rm);
  const p = new D(10).pow(-decimals);
  return x.div(p).toDecimalPlaces(0, rm).times(p);
}

/** The interval of true values that a figure v shown with d decimals stands for (see the header). */
export function statedInterval(value: Decimal.Value, decimals: number, mode: RoundingMode = "nearest"): Interval {
  const v = new D(value);
  if (!v.isFinite()) throw new RangeError("interval bounds must be finite");
  // The bounds are v ± a positive unit, never empty: built directly rather than checked by makeInterval (every
  // stated figure of every check comes here).
  const u = unit(decimals);
  if (mode === "nearest") {
    const h = halfUnit(decimals);
    if (v.isZero()) return { lo: h.neg(), hi: h, loOpen: true, hiOpen: true };
    if (v.isPositive()) return { lo: v.minus(h), hi: v.plus(h), loOpen: false, hiOpen: true };
    return { lo: v.minus(h), hi: v.plus(h), loOpen: true, hiOpen: false };
  }
  if (v.isZero()) return { lo: u.neg(), hi: u, loOpen: true, hiOpen: true };
  if (v.isPositive()) return { lo: v, hi: v.plus(u), loOpen: false, hiOpen: true };
  return { lo: v.minus(u), hi: v, loOpen: true, hiOpen: false };
}

function halfUnit(decimals: number): Decimal {
  let h = halfUnits.get(decimals);
  if (h === undefined) halfUnits.set(decimals, (h = unit(decimals).div(2)));
  return h;
}
const halfUnits = new Map<number, Decimal>();

export function midpoint(a: Interval): Decimal {
  return new D(a.lo).plus(a.hi).div(2);
}

export function halfWidth(a: Interval): Decimal {
  return new D(a.hi).minus(a.lo).div(2);
}

// The comparisons below are compareDecimals: decimal.js copies its argument at every comparison.

/** Whether the point x lies in a. */
export function contains(a: Interval, x: Decimal.Value): boolean {
  const p = new D(x);
  const lo = compareDecimals(p, a.lo);
  const hi = compareDecimals(p, a.hi);
  return (a.loOpen ? lo > 0 : lo >= 0) && (a.hiOpen ? hi < 0 : hi <= 0);
}

/** Whether every point of inner lies in outer. */
export function encloses(outer: Interval, inner: Interval): boolean {
  const lo = compareDecimals(inner.lo, outer.lo);
  const hi = compareDecimals(inner.hi, outer.hi);
  const loOk = lo > 0 || (lo === 0 && (!outer.loOpen || inner.loOpen));
  const hiOk = hi < 0 || (hi === 0 && (!outer.hiOpen || inner.hiOpen));
  return loOk && hiOk;
}

/** Whether the two intervals share a point, respecting open and closed ends exactly. */
export function meets(a: Interval, b: Interval): boolean {
  // The greater low end, open when an end that equals it is; the lesser high end likewise.
  const los = compareDecimals(a.lo, b.lo);
  const lo = los > 0 ? a.lo : b.lo;
  const loOpen = (los >= 0 && a.loOpen) || (los <= 0 && b.loOpen);
  const his = compareDecimals(a.hi, b.hi);
  const hi = his < 0 ? a.hi : b.hi;
  const hiOpen = (his <= 0 && a.hiOpen) || (his >= 0 && b.hiOpen);
  const span = compareDecimals(lo, hi);
  return span < 0 || (span === 0 && !loOpen && !hiOpen);
}

/**
 * Built directly, as statedInterval is: a sum of non-empty finite intervals is one, and a sum over a list table adds
 * every row's interval (copying each bound into D and checking the result again took most of the checker's time on
 * a 10,000-row total). Bounds are D's or the engine's Decimal, both 40 digits (text.ts sets the engine's).
 */
export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi), loOpen: a.loOpen || b.loOpen, hiOpen: a.hiOpen || b.hiOpen };
}

/**
 * A sum of intervals kept as its nominal value and, per decimals, how many half-units its bounds lie below and above
 * it: a stated figure adds one Decimal (its value) instead of a new interval of two (a 10,000-row total adds
 * 20,000 stated figures). `interval()` gives exactly the interval that adding the terms' intervals with add() gives:
 * each stated interval is its value plus a whole number of half-units either side (see statedInterval), and the
 * sum of those is exact.
 */
export class IntervalSum {
  private readonly nominal = new DecimalSum();
  private readonly below = new Map<number, number>();
  private readonly above = new Map<number, number>();
  /** Distances of the bounds of terms added as intervals. */
  private belowExtra: Decimal | null = null;
  private aboveExtra: Decimal | null = null;
  private loOpen = false;
  private hiOpen = false;
  /** A term had no interval (an indeterminate quotient): neither has the sum. */
  private unbounded = false;
  /** Half-units of the terms added with the same decimals in a row, not yet in below and above. */
  private runDecimals = NaN;
  private runBelow = 0;
  private runAbove = 0;

  constructor(private readonly mode: RoundingMode) {}

  /** sign · the figure v stated with d decimals (its interval is statedInterval(v, d, mode)). */
  addStated(value: Decimal, decimals: number, sign: 1 | -1): void {
    checkDecimals(decimals);
    this.addNominal(value, sign);
    // Half-units below and above v, and which ends are open, for sign +1 (see statedInterval).
    let down: number;
    let up: number;
    let loOpen: boolean;
    let hiOpen: boolean;
    const zero = value.isZero();
    const positive = !zero && value.isPositive();
    if (this.mode === "nearest") {
      down = up = 1;
      loOpen = !positive;
      hiOpen = zero || positive;
    } else if (zero) {
      down = up = 2;
      loOpen = hiOpen = true;
    } else {
      [down, up] = positive ? [0, 2] : [2, 0];
      loOpen = !positive;
      hiOpen = positive;
    }
    if (sign < 0) [down, up, loOpen, hiOpen] = [up, down, hiOpen, loOpen];
    // A column's figures share their decimals: counted in a run, put in the maps when the decimals change.
    if (decimals !== this.runDecimals) {
      this.endRun();
      this.runDecimals = decimals;
    }
    this.runBelow += down;
    this.runAbove += up;
    this.loOpen ||= loOpen;
    this.hiOpen ||= hiOpen;
  }

  private endRun(): void {
    const d = this.runDecimals;
    if (this.runBelow) this.below.set(d, (this.below.get(d) ?? 0) + this.runBelow);
    if (this.runAbove) this.above.set(d, (this.above.get(d) ?? 0) + this.runAbove);
    this.runBelow = this.runAbove = 0;
  }

  /** sign · an exact figure: [v, v]. */
  addExact(value: Decimal, sign: 1 | -1): void {
    this.addNominal(value, sign);
  }

  /** sign · a figure known by its nominal value and interval (null: none). */
  addInterval(nominal: Decimal, iv: Interval | null, sign: 1 | -1): void {
    this.addNominal(nominal, sign);
    if (!iv) {
      this.unbounded = true;
      return;
    }
    const below = nominal.minus(iv.lo);
    const above = iv.hi.minus(nominal);
    const [b, a, loOpen, hiOpen] = sign > 0 ? [below, above, iv.loOpen, iv.hiOpen] : [above, below, iv.hiOpen, iv.loOpen];
    this.belowExtra = this.belowExtra ? this.belowExtra.plus(b) : b;
    this.aboveExtra = this.aboveExtra ? this.aboveExtra.plus(a) : a;
    this.loOpen ||= loOpen;
    this.hiOpen ||= hiOpen;
  }

  /** The nominal sum (null when nothing was added). */
  get value(): Decimal | null {
    return this.nominal.value;
  }

  /** The interval of the sum (null when a term had none, or nothing was added). */
  interval(): Interval | null {
    const nominal = this.nominal.value;
    if (nominal === null || this.unbounded) return null;
    this.endRun();
    const spread = (halves: Map<number, number>, extra: Decimal | null) => {
      let total = extra ?? new D(0);
      for (const [decimals, count] of halves) total = total.plus(halfUnit(decimals).times(count));
      return total;
    };
    return {
      lo: nominal.minus(spread(this.below, this.belowExtra)),
      hi: nominal.plus(spread(this.above, this.aboveExtra)),
      loOpen: this.loOpen,
      hiOpen: this.hiOpen,
    };
  }

  private addNominal(value: Decimal, sign: 1 | -1): void {
    this.nominal.add(value, sign);
  }
}

export function negate(a: Interval): Interval {
  return { lo: a.hi.neg(), hi: a.lo.neg(), loOpen: a.hiOpen, hiOpen: a.loOpen };
}

export function sub(a: Interval, b: Interval): Interval {
  return add(a, negate(b));
}

/** k·a; a negative k swaps the bounds and their openness; k = 0 gives [0, 0]. */
export function scale(a: Interval, k: Decimal.Value): Interval {
  const w = new D(k);
  if (w.isZero()) return exactInterval(0);
  if (w.isPositive()) return makeInterval(w.times(a.lo), w.times(a.hi), a.loOpen, a.hiOpen);
  return makeInterval(w.times(a.hi), w.times(a.lo), a.hiOpen, a.loOpen);
}

/** Σ wᵢ·aᵢ (weights default to 1); the empty sum is [0, 0]. */
export function sum(intervals: readonly Interval[], weights?: readonly Decimal.Value[]): Interval {
  if (weights !== undefined && weights.length !== intervals.length) {
    throw new RangeError(`sum: ${intervals.length} intervals but ${weights.length} weights`);
  }
  let total = exactInterval(0);
  intervals.forEach((a, i) => {
    total = add(total, weights === undefined ? a : scale(a, weights[i]));
  });
  return total;
}

interface Corner {
  lo: Decimal;
  hi: Decimal;
  closed: boolean;
}

/** a / b, or indeterminate when b's closure contains 0 or b is too imprecise (see DivOptions). */
export function div(a: Interval, b: Interval, options: DivOptions = {}): Quotient {
  if (b.lo.lte(0) && b.hi.gte(0)) return { kind: "indeterminate" };
  const factor = new D(options.tinyBaseFactor ?? 10);
  if (midpoint(b).abs().lt(factor.times(halfWidth(b)))) return { kind: "indeterminate" };
  const corners: Corner[] = [];
  for (const [x, xOpen] of [
    [a.lo, a.loOpen],
    [a.hi, a.hiOpen],
  ] as const) {
    for (const [y, yOpen] of [
      [b.lo, b.loOpen],
      [b.hi, b.hiOpen],
    ] as const) {
      const lo = new DFloor(x).div(y);
      const hi = new DCeil(x).div(y);
      // An outward-rounded bound is never reached by the true quotient set, so closing it is safe and simpler.
      const inexact = !lo.eq(hi);
      corners.push({ lo, hi, closed: inexact || (!xOpen && (!yOpen || x.isZero())) });
    }
  }
  let lo = corners[0].lo;
  let hi = corners[0].hi;
  for (const c of corners) {
    if (c.lo.lt(lo)) lo = c.lo;
    if (c.hi.gt(hi)) hi = c.hi;
  }
  const loClosed = corners.some((c) => c.lo.eq(lo) && c.closed);
  const hiClosed = corners.some((c) => c.hi.eq(hi) && c.closed);
  return { kind: "interval", interval: makeInterval(lo, hi, !loClosed, !hiClosed) };
}

/** Stated figure vs. a computed interval (a degenerate one for an exactly known value); see the header. */
export function compare(
  statedValue: Decimal.Value,
  statedDecimals: number,
  computed: Interval,
  mode: RoundingMode = "nearest",
): Outcome {
  const stated = statedInterval(statedValue, statedDecimals, mode);
  if (encloses(stated, computed)) return "exact";
  return meets(stated, computed) ? "rounding" : "inconsistent";
}

/**
 * Stated figure vs. a computed side built from rounded inputs: `computed` is the interval the inputs stand for,
 * `nominal` the same formula evaluated on the figures as shown. See the header.
 */
export function compareIntervals(
  statedValue: Decimal.Value,
  statedDecimals: number,
  computed: Interval,
  nominal: Decimal.Value,
  mode: RoundingMode = "nearest",
): Outcome {
  if (roundDecimal(nominal, statedDecimals, mode).eq(statedValue)) return "exact";
  return meets(statedInterval(statedValue, statedDecimals, mode), computed) ? "rounding" : "inconsistent";
}

/** A stated total vs. the weighted sum of stated parts (weights default to 1; use −1 for a difference). */
export function compareSum(
  total: StatedFigure,
  parts: readonly StatedFigure[],
  weights?: readonly Decimal.Value[],
  mode: RoundingMode = "nearest",
): Outcome {
  const computed = sum(
    parts.map((p) => statedInterval(p.value, p.decimals, mode)),
    weights,
  );
  const nominal = parts.reduce((acc, p, i) => acc.plus(new D(p.value).times(weights?.[i] ?? 1)), new D(0));
  return compareIntervals(total.value, total.decimals, computed, nominal, mode);
}

/** The one share bumped by one unit so that the column adds up to `total` (a 尾差 plug), or null. */
export function findPlug(shares: readonly Share[], total: Decimal.Value, mode: RoundingMode = "nearest"): number | null {
  const statedSum = shares.reduce((acc, s) => acc.plus(s.value), new D(0));
  if (!statedSum.eq(total)) return null;
  const rounded = shares.map((s) => roundDecimal(s.computed, s.decimals, mode));
  const roundedSum = rounded.reduce((acc, r) => acc.plus(r), new D(0));
  if (roundedSum.eq(total)) return null;
  const differing = shares.map((s, i) => (s.value.eq(rounded[i]) ? -1 : i)).filter((i) => i >= 0);
  if (differing.length !== 1) return null;
  const k = differing[0];
  const diff = new D(shares[k].value).minus(rounded[k]).abs();
  return diff.eq(unit(shares[k].decimals)) ? k : null;
}

// ---- decimalsOf ----------------------------------------------------------------------------------------------

const MAX_VALUE_DECIMALS = 10;

/** Split a number format into its ;-separated sections, ignoring ; inside quotes, brackets or after a backslash. */
function formatSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let inQuote = false;
  let inBracket = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (inQuote) {
      if (c === '"') inQuote = false;
      current += c;
    } else if (inBracket) {
      if (c === "]") inBracket = false;
      current += c;
    } else if (c === "\\" && i + 1 < format.length) {
      current += c + format[++i];
    } else if (c === '"') {
      inQuote = true;
      current += c;
    } else if (c === "[") {
      inBracket = true;
      current += c;
    } else if (c === ";") {
      sections.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  sections.push(current);
  return sections;
}

/** Remove everything that is not a format code: quoted text, \x escapes, _x and *x padding, [..] brackets. */
function stripLiterals(section: string): string {
  let code = "";
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      i = end < 0 ? section.length : end;
    } else if (c === "[") {
      const end = section.indexOf("]", i + 1);
      i = end < 0 ? section.length : end;
    } else if (c === "\\" || c === "_" || c === "*") {
      i++;
    } else {
      code += c;
    }
  }
  return code;
}

/** Decimals shown by one format section, or null when it is not a fixed-point number format. */
function decimalsOfSection(section: string): number | null {
  const code = stripLiterals(section);
  if (code.trim() === "" || /general/i.test(code) || code.includes("@") || /[eE][+-]/.test(code)) return null;
  const placeholders = /[0#?]/g;
  if (!placeholders.test(code)) return null;
  const point = code.indexOf(".");
  let decimals = 0;
  let lastPlaceholder = -1;
  for (let i = 0; i < code.length; i++) {
    if ("0#?".includes(code[i])) {
      lastPlaceholder = i;
      if (point >= 0 && i > point) decimals++;
    }
  }
  // Commas right after the last digit placeholder scale by 1000 each ("#,##0," shows thousands).
  let j = lastPlaceholder + 1;
  while (code[j] === ",") {
    decimals -= 3;
    j++;
  }
  decimals += 2 * (code.match(/%/g)?.length ?? 0);
  return decimals;
}

/** Decimals of the first number in a typed text ("1,273.97" → 2, "15.44%" → 4, "1.2E-3" → 4), or null. */
function decimalsOfText(text: string): number | null {
  const m = /[0-9][0-9,]*(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?\s*([%‰％]?)|\.([0-9]+)(?:[eE]([+-]?[0-9]+))?\s*([%‰％]?)/.exec(
    text,
  );
  if (!m) return null;
  const fraction = m[1] ?? m[4] ?? "";
  const exponent = m[2] ?? m[5];
  const suffix = m[3] || m[6] || "";
  let decimals = fraction.length - (exponent === undefined ? 0 : parseInt(exponent, 10));
  if (suffix === "%" || suffix === "％") decimals += 2;
  if (suffix === "‰") decimals += 3;
  return decimals;
}

/** Decimals of a number's shortest round-trip representation (0.7439 → 4, 1e-7 → 7), between 0 and 10. */
function decimalsOfValue(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const m = /^-?[0-9]+(?:\.([0-9]+))?(?:e([+-][0-9]+))?$/.exec(String(value));
  if (!m) return null;
  const decimals = (m[1]?.length ?? 0) - (m[2] === undefined ? 0 : parseInt(m[2], 10));
  return Math.min(Math.max(decimals, 0), MAX_VALUE_DECIMALS);
}

/**
 * The decimals a figure is shown with: from its Excel number format, else from the text the author typed, else from
 * the stored value. null when none of them tells.
 */
/** The decimals each section of a number format shows: asked for every stated figure, of a handful of formats. */
function sectionDecimals(numberFormat: string): (number | null)[] {
  let known = formatDecimals.get(numberFormat);
  if (known === undefined) {
    known = formatSections(numberFormat).map(decimalsOfSection);
    if (formatDecimals.size >= 10_000) formatDecimals.clear();
    formatDecimals.set(numberFormat, known);
  }
  return known;
}
const formatDecimals = new Map<string, (number | null)[]>();

export function decimalsOf(numberFormat: string | null, typedText?: string, value?: number): number | null {
  if (numberFormat !== null && numberFormat.trim() !== "") {
    const sections = sectionDecimals(numberFormat);
    let fromFormat = sections[0];
    if (value !== undefined && value < 0 && sections.length > 1) fromFormat = sections[1];
    if (value !== undefined && value === 0 && sections.length > 2) fromFormat = sections[2];
    if (fromFormat !== null) return fromFormat;
  }
  if (typedText !== undefined) {
    const fromText = decimalsOfText(typedText);
    if (fromText !== null) return fromText;
  }
  return value === undefined ? null : decimalsOfValue(value);
}

/** "[1.2, 1.3)" — for messages and findings. */
export function formatInterval(a: Interval): string {
  return `${a.loOpen ? "(" : "["}${a.lo.toFixed()}, ${a.hi.toFixed()}${a.hiOpen ? ")" : "]"}`;
}
