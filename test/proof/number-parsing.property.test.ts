/** parseNumberText reads back every way people format a number: separators, full width, minus forms, (), %. */
import fc from "fast-check";
import Decimal from "decimal.js";
import { parseNumberText } from "../../src/core/text";

const RUNS = { numRuns: 1000 };

const fullWidth = (s: string) => s.replace(/[0-9.,%()+-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const thousands = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

const numberArb = fc.record({
  int: fc.bigInt({ min: 0n, max: 999_999_999_999n }),
  frac: fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 0, maxLength: 4 }),
  negative: fc.boolean(),
  minus: fc.constantFrom("-", "−", "–", "－", "()"),
  separators: fc.boolean(),
  wide: fc.boolean(),
  percent: fc.boolean(),
  spaces: fc.constantFrom("", " ", "\u00a0", "\u3000"),
  unit: fc.constantFrom("", "", "万元", "元"),
});

describe("number parsing", () => {
  it("round-trips formatted numbers", () => {
    fc.assert(
      fc.property(numberArb, (n) => {
        const intText = n.int.toString();
        let body = (n.separators ? thousands(intText) : intText) + (n.frac ? `.${n.frac}` : "");
        if (n.percent) body += "%";
        let text = body;
        if (n.negative) text = n.minus === "()" ? `(${body})` : `${n.minus}${body}`;
        if (n.wide) text = fullWidth(text);
        if (!n.percent) text += n.unit;
        text = `${n.spaces}${text}${n.spaces}`;
        const parsed = parseNumberText(text);
        expect(parsed).not.toBeNull();
        let want = new Decimal(`${intText}${n.frac ? `.${n.frac}` : ""}`);
        if (n.negative) want = want.negated();
        if (n.percent) want = want.dividedBy(100);
        expect(parsed!.value.eq(want)).toBe(true);
        expect(parsed!.typedDecimals).toBe(n.frac.length);
        expect(parsed!.percent).toBe(n.percent);
      }),
      RUNS,
    );
  });

  it("never reads text that is not a number as one", () => {
    const junk = fc.oneof(
      fc.constantFrom("N/A", "一千", "1271..81", "1,27,1", "--5", "12a", "%", "()", "", "—", "1.2.3", "1e5", "0x10"),
      fc.string({ unit: fc.constantFrom(..."abc一二#!?") , minLength: 1, maxLength: 6 }),
    );
    fc.assert(
      fc.property(junk, (t) => {
        expect(parseNumberText(t)).toBeNull();
      }),
      RUNS,
    );
  });
});
