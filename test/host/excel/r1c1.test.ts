/**
 * A1 ↔ R1C1 for the Office.js host's column runs (r1c1.ts): each cell's references resolved from its own position.
 * The stand-in's r1c1ToA1 is a separate implementation, so a run written as one R1C1 value is checked against it.
 */
import fc from "fast-check";
import { fromR1C1, sharedR1C1, toR1C1 } from "../../../src/host/excel/r1c1";
import { r1c1ToA1 } from "../../support/fake-excel";

describe("toR1C1", () => {
  test.each([
    ['=IF(E5="","",E5/E$20)', 4, 5, '=IF(RC[-1]="","",RC[-1]/R20C[-1])'],
    ["=SUM(B5:D5)", 4, 4, "=SUM(RC[-3]:RC[-1])"],
    ["='预算执行'!B5+项目!$C$7", 9, 1, "='预算执行'!R[-5]C+项目!R7C3"],
    ['=IF(A1="E5",LOG10(B2),"x""A1""")', 0, 0, '=IF(RC="E5",LOG10(R[1]C[1]),"x""A1""")'],
    ["=$A5*A$5", 9, 9, "=R[-5]C1*R5C[-9]"],
    ["='it''s'!B2", 0, 0, "='it''s'!R[1]C[1]"],
  ])("%s at row %i, column %i", (a1, row, col, r1c1) => {
    expect(toR1C1(a1, row, col)).toBe(r1c1);
    expect(fromR1C1(r1c1, row, col)).toBe(a1);
    expect(r1c1ToA1(r1c1, row, col)).toBe(a1);
  });

  test("whole columns and rows, and references past XFD, are not converted", () => {
    expect(toR1C1("=SUM(A:A)", 3, 3)).toBeNull();
    expect(toR1C1("=SUM($1:$3)", 3, 3)).toBeNull();
    expect(sharedR1C1('=SUM(A:A)&"1:2"', 3, 3)).toBeNull();
    expect(toR1C1("=XFE1", 0, 0)).toBeNull();
  });

  test("the same formula moved down a column is one R1C1 text", () => {
    const texts = [5, 6, 7, 100].map((r) => sharedR1C1(`=IF(COUNT(B${r},E${r})<2,"",IF(E${r}=0,"",B${r}/E${r}))`, r - 1, 6));
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toBe('=IF(COUNT(RC[-5],RC[-2])<2,"",IF(RC[-2]=0,"",RC[-5]/RC[-2]))');
  });
});

describe("A1 → R1C1 → A1 (the host's converter there, the stand-in's back)", () => {
  const col = fc.integer({ min: 0, max: 16383 });
  const row = fc.integer({ min: 0, max: 1_048_575 });
  const letters = (c: number) => {
    let s = "";
    for (let k = c + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    return s;
  };
  const cell = fc.tuple(col, row, fc.boolean(), fc.boolean()).map(([c, r, ca, ra]) => `${ca ? "$" : ""}${letters(c)}${ra ? "$" : ""}${r + 1}`);
  const sheet = fc.constantFrom("", "'预算执行'!", "项目!", "'a b''c'!", "Sheet1!");
  const reference = fc.oneof(
    fc.tuple(sheet, cell).map(([s, c]) => s + c),
    fc.tuple(sheet, cell, cell).map(([s, a, b]) => `${s}${a}:${b}`),
  );
  const text = fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/"/g, '""')}"`);
  const part = fc.oneof(reference, text, fc.integer({ min: 0, max: 999 }).map(String), fc.constantFrom("TRUE", "PI()"));
  const formula = fc
    .tuple(fc.constantFrom("SUM", "IF", "COUNT", "LOG10", "ROUND"), fc.array(part, { minLength: 1, maxLength: 5 }), fc.array(part, { maxLength: 3 }))
    .map(([fn, args, more]) => `=${fn}(${args.join(",")})${more.map((m) => `+${m}`).join("")}`);

  test("round trip at any cell, through both converters", () => {
    fc.assert(
      fc.property(formula, row, col, (f, r, c) => {
        const r1c1 = toR1C1(f, r, c);
        expect(r1c1).not.toBeNull();
        expect(fromR1C1(r1c1!, r, c)).toBe(f);
        expect(r1c1ToA1(r1c1!, r, c)).toBe(f);
      }),
      { numRuns: 1000 },
    );
  });
});
