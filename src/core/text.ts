/**
 * Label normalisation and number parsing: how the reader sees what people type.
 */
import Decimal from "decimal.js";
import { LABEL_WORDS, MARKS } from "./data/layout";

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Text matched literally inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Alternatives matched literally, longest first (元 must not cut 万元 short). */
export function anyOf(words: readonly string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).map(literal).join("|")})`;
}

const NUMERALS = `[${LABEL_WORDS.numerals}]`;
const NUMBERING = [
  new RegExp(`^[（(]?${NUMERALS}+[)）、.．]`), // 一、 （一）
  /^[（(]\d+[)）]/, // (1) （1）
  /^\d+(\.\d+)*[、.．](?!\d)/, // 1、 1. 1.2.
  /^[①②③④⑤⑥⑦⑧⑨⑩]/,
  new RegExp(`^${literal(LABEL_WORDS.ordinalPrefix)}(?:${NUMERALS}|\\d)+${anyOf(LABEL_WORDS.ordinalEnds)}`), // 第三项 第一部分
];
const LABEL_UNIT = new RegExp(`\\(${anyOf(LABEL_WORDS.labelUnits)}\\)$`);
/** The amount units a figure may be typed with (万元, 元), as a pattern: after a number, or on a 单位： line. */
export const AMOUNT_UNITS = anyOf([...MARKS.unitWan, ...MARKS.unitYuan]);
const AMOUNT_UNIT = new RegExp(`${AMOUNT_UNITS}$`);

/** 元 in a 万元: a table kept in 元 has scale 10⁴. */
export const YUAN_PER_WAN = 10000;

/** Which amount unit a word of AMOUNT_UNITS names. */
export function amountUnit(word: string): "yuan" | "wan" {
  return MARKS.unitYuan.includes(word) ? "yuan" : "wan";
}
const OF_WHICH = new RegExp(`^${anyOf(MARKS.ofWhich)}[:：]?`);
const YEAR_NUMBER = new RegExp(`(\\d{4})\\s*${literal(LABEL_WORDS.year)}`, "g");

/**
 * Reduces a label to the form labels are compared in: NFKC (full-width → half-width), no spaces, no leading numbering,
 * no 其中 prefix, no trailing colon, no quotes, no trailing unit in brackets.
 */
const normalized = new Map<string, string>();

export function normalizeLabel(text: string): string {
  let cached = normalized.get(text);
  if (cached === undefined) {
    cached = computeNormalizedLabel(text);
    // Labels repeat across rows and workbooks; bound the cache so arbitrary cell text cannot grow it forever.
    if (normalized.size > 50000) normalized.clear();
    normalized.set(text, cached);
  }
  return cached;
}

/**
 * Labels the steps below leave as they are, but for case: CJK unified ideographs (which NFKC keeps) and ASCII letters
 * and digits, not starting with 第 or 其中; or a plain number. Without spaces, quotes, brackets, colons or numbering
 * marks none of the patterns can match. Every row label of a list table is one (项目1, 指标2, 30101), 30,000 at 10,000
 * projects.
 */
const PLAIN_LABEL = new RegExp(
  `^(?:(?!${literal(LABEL_WORDS.ordinalPrefix)}|${anyOf(MARKS.ofWhich)})[\\u4e00-\\u9fffA-Za-z0-9]+|-?\\d+(?:\\.\\d+)?)$`,
);

function computeNormalizedLabel(text: string): string {
  if (PLAIN_LABEL.test(text)) return text.toLowerCase();
  return normalizedInFull(text);
}

/** computeNormalizedLabel step by step (exported for the test that holds the shortcut to it). */
export function normalizedInFull(text: string): string {
  // Circled numbers are numbering wherever they stand (其中：①…); drop them before NFKC turns ① into "1".
  let s = text.replace(/[①-⑳]/g, "").normalize("NFKC");
  s = s.replace(/[\s\u3000\u00a0]+/g, "");
  s = s.replace(/[“”"'‘’「」]/g, "");
  let changed = true;
  while (changed) {
    changed = false;
    for (const re of NUMBERING) {
      const next = s.replace(re, "");
      if (next !== s) {
        s = next;
        changed = true;
      }
    }
    const next = s.replace(OF_WHICH, "");
    if (next !== s) {
      s = next;
      changed = true;
    }
  }
  s = s.replace(/[:：]+$/, "");
  s = s.replace(LABEL_UNIT, "");
  return s.toLowerCase();
}

/** Replaces four-digit years followed by 年 with tokens relative to the report year, so headers can be matched. */
export function yearTokens(text: string, reportYear: number | null): string {
  // Asked of every header and row label: most have no 年 at all.
  if (reportYear === null || !text.includes(LABEL_WORDS.year)) return text;
  return text.replace(YEAR_NUMBER, (whole, y: string) => {
    const year = parseInt(y, 10);
    if (year === reportYear) return `{Y}${LABEL_WORDS.year}`;
    if (year === reportYear - 1) return `{Y-1}${LABEL_WORDS.year}`;
    return whole;
  });
}

export interface ParsedNumber {
  value: Decimal;
  /** Digits after the decimal point as typed (in the unit typed: "15.44%" → 2). */
  typedDecimals: number;
  percent: boolean;
  /** The amount unit typed after the number ("33400元" → "yuan"), or null. */
  unit: "yuan" | "wan" | null;
}

/**
 * Reads a number typed as text: "1,273.97", "１２７３．９７", "15.44%", "(0.61)", "−0.61", "3.34万元".
 * A percentage is returned as a fraction (15.44% → 0.1544). Returns null when the text is not a number.
 */
export function parseNumberText(text: string): ParsedNumber | null {
  let s = text.normalize("NFKC").trim();
  s = s.replace(/[\s\u00a0]+/g, "");
  s = s.replace(/[−–—﹣－]/g, "-");
  const typedUnit = AMOUNT_UNIT.exec(s)?.[0] ?? null;
  if (typedUnit !== null) s = s.slice(0, -typedUnit.length);
  const unit = typedUnit === null ? null : amountUnit(typedUnit);
  if (s === "") return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (s.startsWith("+")) s = s.slice(1);
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$/.test(s)) return null;
  s = s.replace(/,/g, "");
  const typedDecimals = s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
  let value = new Decimal(s);
  if (negative) value = value.negated();
  if (percent) value = value.dividedBy(100);
  return { value, typedDecimals, percent, unit };
}

/** The shortest decimal text of a binary double, as Excel shows it (15 significant digits). */
export function decimalFromNumber(n: number): Decimal {
  // Read for every numeric cell: Decimals are immutable, so equal figures (often repeated) share one.
  let d = decimals.get(n);
  if (d === undefined) {
    d = Number.isSafeInteger(n) && Math.abs(n) < 1e15 ? new Decimal(n) : new Decimal(Number(n.toPrecision(15)).toString());
    if (decimals.size >= 100_000) decimals.clear();
    decimals.set(n, d);
  }
  return d;
}
const decimals = new Map<number, Decimal>();

/**
 * decimal.js's documented properties: d holds the digits in words of seven (the first word shorter), e the exponent of
 * the first digit, s the sign; d is null for NaN and ±Infinity.
 */
function wordsOf(v: Decimal): { d: number[] | null; e: number; s: number } {
  return v as unknown as { d: number[] | null; e: number; s: number };
}

/**
 * A decimal's nearest double, as Decimal.toNumber gives it, without the decimal text it makes and parses: 计算 and
 * 附表 cache a value in every cell they write (~190,000 at 10,000 projects). A short decimal, whose digit words make an
 * integer below 2⁵³ (amounts as typed or summed), is that integer times a power of ten, both exact doubles, so one
 * multiplication or division rounds it correctly (Clinger's fast path); longer ones (a quotient's 40 digits) take
 * decimal.js's way.
 */
export function decimalToNumber(v: Decimal): number {
  const { d, e, s } = wordsOf(v);
  if (d !== null) {
    const int = wordsInteger(d);
    if (int >= 0) {
      const p = lastDigitPower(d, e);
      if (p >= 0 && p <= 22) return s * (int * POWERS_OF_TEN[p]);
      if (p < 0 && p >= -22) return s * (int / POWERS_OF_TEN[-p]);
    }
  }
  return v.toNumber();
}
/**
 * x against y as decimal.js's comparedTo gives it (−1, 0, 1; NaN with a NaN), without the copy of y it makes at every
 * comparison: the checker compares ~40,000 rates and bounds at 10,000 projects. Reads the same words (wordsOf).
 */
export function compareDecimals(x: Decimal, y: Decimal): number {
  const a = wordsOf(x);
  const b = wordsOf(y);
  const xd = a.d;
  const yd = b.d;
  const xs = a.s;
  const ys = b.s;
  // NaN or ±Infinity: decimal.js's own answer.
  if (!xd || !yd) return x.cmp(y);
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (a.e !== b.e) return (a.e > b.e) !== (xs < 0) ? 1 : -1;
  const n = Math.min(xd.length, yd.length);
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return (xd[i] > yd[i]) !== (xs < 0) ? 1 : -1;
  return xd.length === yd.length ? 0 : (xd.length > yd.length) !== (xs < 0) ? 1 : -1;
}

/**
 * A running sum of decimals that comes out as adding them one by one with decimal.js does (`acc = acc ? acc.plus(v) :
 * v`, or from a start), without a decimal.js addition per term of a long sum: a build of 10,000 projects adds
 * ~340,000 terms, most of them in totals over a list. From its COUNT_FROM-th term, while the sum and each term are
 * short (at most six decimals: amounts and counts), the sum is counted in whole millionths, exact in a double while
 * within 2⁵³, where decimal.js's sum is exact too; a longer term (a quotient's 40 digits), or a sum outgrowing that,
 * hands the exact sum so far back to decimal.js. A short sum is left to decimal.js: making its decimal from millionths
 * would cost more than its additions.
 */
export class DecimalSum {
  /** The sum while decimal.js holds it (null: nothing added, or `units` holds it). */
  private acc: Decimal | null;
  /** The sum in millionths, while `counting`. */
  private units = 0;
  private counting = false;
  private added = 0;
  /** The constructor of decimal.js's sum (its first operand's), while `counting`. */
  private ctor: Decimal.Constructor = Decimal;

  constructor(start: Decimal | null = null) {
    this.acc = start;
  }

  add(v: Decimal, sign: 1 | -1 = 1): void {
    if (this.counting) {
      const n = millionths(v);
      // x + 0 is x.
      if (n === 0) return;
      if (n !== null) {
        const next = this.units + sign * n;
        if (next <= Number.MAX_SAFE_INTEGER && next >= -Number.MAX_SAFE_INTEGER) {
          this.units = next;
          return;
        }
      }
      this.acc = this.counted();
      this.counting = false;
    }
    const term = sign > 0 ? v : v.neg();
    this.acc = this.acc === null ? term : this.acc.plus(term);
    if (++this.added >= COUNT_FROM) {
      // A zero stays with decimal.js, which keeps its sign through added zeros.
      const n = millionths(this.acc);
      if (n !== null && n !== 0) {
        this.units = n;
        this.ctor = this.acc.constructor as Decimal.Constructor;
        this.acc = null;
        this.counting = true;
      }
    }
  }

  /** The sum, or null when nothing was added (and no start given). */
  get value(): Decimal | null {
    if (this.counting) {
      this.acc = this.counted();
      this.counting = false;
    }
    return this.acc;
  }

  private counted(): Decimal {
    return new this.ctor(`${this.units}e-6`);
  }
}
/** The term from which a sum is counted in millionths (see DecimalSum). */
const COUNT_FROM = 8;

/** v in whole millionths when that is an integer of at most 2⁵³ (0 for either zero), else null. Reads wordsOf. */
function millionths(v: Decimal): number | null {
  const { d, e, s } = wordsOf(v);
  if (d === null) return null;
  if (d[0] === 0) return 0;
  const int = wordsInteger(d);
  if (int < 0) return null;
  // v = int · 10^p; in millionths, int · 10^(p + 6).
  const k = lastDigitPower(d, e) + 6;
  if (k >= 0) {
    if (k > 15) return null;
    const n = int * POWERS_OF_TEN[k];
    return n <= Number.MAX_SAFE_INTEGER ? s * n : null;
  }
  // Trailing zeros of the last word: exact when int is a multiple of 10^-k.
  if (k < -22 || int % POWERS_OF_TEN[-k] !== 0) return null;
  return s * (int / POWERS_OF_TEN[-k]);
}

/** The whole number a decimal's digit words make when they are at most three and it stays below 2⁵³, else -1. */
function wordsInteger(d: number[]): number {
  if (d.length > 3) return -1;
  let int = d[0];
  if (d.length >= 2) int = int * 1e7 + d[1];
  if (d.length === 3) int = int <= MAX_HIGH_WORDS ? int * 1e7 + d[2] : -1;
  return int;
}

/** p such that the decimal of words d and exponent e is wordsInteger(d) · 10^p. */
function lastDigitPower(d: number[], e: number): number {
  return e - (digitCount(d[0]) - 1) - 7 * (d.length - 1);
}

/** The largest first two words whose three-word integer stays below 2⁵³. */
const MAX_HIGH_WORDS = Math.floor((Number.MAX_SAFE_INTEGER - 9_999_999) / 1e7);
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
function digitCount(word: number): number {
  let n = 1;
  while (word >= 10) {
    word = Math.floor(word / 10);
    n++;
  }
  return n;
}

/** Normalized once: every text cell of every table asks. */
const NONE_MARKS = new Set(MARKS.none.map((m) => m.normalize("NFKC")));

export function isNoneMark(text: string | null): boolean {
  return text !== null && NONE_MARKS.has(text.normalize("NFKC").trim());
}
