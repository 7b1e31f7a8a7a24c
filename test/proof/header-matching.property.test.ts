/**
 * Header matching by label tables (reader.ts matchColumn) names the same column as comparing the cell with every
 * column's labels in the table's order, as the reader did before: for every input table, on header cells drawn from
 * all the template's labels, synonyms and groups (with years, numbering, spaces, blanks and noise).
 */
import fc from "fast-check";
import { INPUT_TABLES, type ColumnSpec } from "../../src/core/data/layout";
import { headerScoreAndBound, matchColumn } from "../../src/core/reader";
import type { CellValue, SheetSnapshot } from "../../src/core/snapshot";
import { normalizeLabel, yearTokens } from "../../src/core/text";

/** The reader's former matching, column by column: the reference. */
function byEveryColumn(columns: ColumnSpec[], text: string | null, group: string | null, above: string | null, year: number | null) {
  const matches = (x: string | null, label: string, synonyms: string[] = []) => {
    if (x === null) return false;
    const n = normalizeLabel(year === null ? x : yearTokens(x, year));
    return [label, ...synonyms].some((l) => normalizeLabel(l) === n);
  };
  for (const col of columns) {
    if (col.group) {
      if (matches(text, col.header, col.synonyms) && matches(group, col.group, col.groupSynonyms)) return col;
    } else if (matches(text, col.header, col.synonyms)) return col;
    else if (text === null && matches(above, col.header, col.synonyms)) return col;
  }
  for (const col of columns) if (col.group && col.derived && matches(text ?? above, col.group, col.groupSynonyms)) return col;
  return undefined;
}

const labelsOf = (columns: ColumnSpec[], groups: boolean) => [
  ...new Set(columns.flatMap((c) => (groups ? (c.group ? [c.group, ...(c.groupSynonyms ?? [])] : []) : [c.header, ...(c.synonyms ?? [])]))),
];
const allLabels = [...new Set(INPUT_TABLES.flatMap((t) => [...labelsOf(t.columns, false), ...labelsOf(t.columns, true)]))];

// Labels as people type them: the report year or the year before written out, numbering, spaces, a colon.
const typed = (labels: string[]) =>
  fc.tuple(fc.constantFrom(...labels), fc.constantFrom("", "", "（一）", " ", "：", "2020年"), fc.boolean()).map(([label, extra, before]) => {
    const withYears = label.replace("{Y}", "2020").replace("{Y-1}", "2019");
    return before ? extra + withYears : withYears + extra;
  });
const cellOf = (labels: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: typed(labels.length > 0 ? labels : allLabels) },
    { weight: 1, arbitrary: typed(allLabels) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
const headerCase = fc.constantFrom(...INPUT_TABLES).chain((table) =>
  fc.record({
    table: fc.constant(table),
    text: cellOf(labelsOf(table.columns, false)),
    group: cellOf(labelsOf(table.columns, true)),
    above: cellOf([...labelsOf(table.columns, false), ...labelsOf(table.columns, true)]),
    year: fc.constantFrom(null, 2020),
  }),
);

describe("header matching by label tables", () => {
  it("names the column comparing with every column's labels would", () => {
    let named = 0;
    fc.assert(
      fc.property(headerCase, ({ table, text, group, above, year }) => {
        const want = byEveryColumn(table.columns, text, group, above, year);
        if (want) named++;
        expect(matchColumn(table.columns, text, group, above, year)?.key).toBe(want?.key);
      }),
      { numRuns: 5000 },
    );
    expect(named).toBeGreaterThan(1000);
  });
});

// A header row and the row above it (groups, two-level headers), cells drawn from every table's labels as typed, and
// numbers, TRUE, errors, blanks and noise.
const labelsOfTable = (t: (typeof INPUT_TABLES)[number]) => [
  ...labelsOf(t.columns, false),
  ...labelsOf(t.columns, true),
  t.labelColumn.header,
  ...(t.labelColumn.synonyms ?? []),
];
// The header cells above, or a number, TRUE, an error or a blank that is not null.
const cellFor = (labels: string[]): fc.Arbitrary<CellValue> =>
  fc.oneof(
    { weight: 10, arbitrary: cellOf(labels) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.integer({ min: 1990, max: 2030 }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom<CellValue>("", "  ", { error: "#N/A" }) },
  );
const twoRows = fc.constantFrom(...INPUT_TABLES).chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    above: fc.array(cellFor(labelsOfTable(spec)), { minLength: 1, maxLength: 14 }),
    row: fc.array(cellFor(labelsOfTable(spec)), { minLength: 1, maxLength: 14 }),
    originRow: fc.constantFrom(0, 1),
    year: fc.constantFrom(null, 2020),
  }),
);

describe("the bound on a header row's score (headerWordsIn)", () => {
  it("is never below the score matchHeader gives the row, so rows it passes over are never headers", () => {
    let headers = 0;
    fc.assert(
      fc.property(twoRows, ({ spec, above, row, originRow, year }) => {
        const width = Math.max(above.length, row.length);
        const sheet: SheetSnapshot = {
          name: spec.sheet,
          visibility: "visible",
          originRow,
          originCol: 0,
          values: [above, row],
          formulas: [new Array(width).fill(null), new Array(width).fill(null)],
          numberFormats: [new Array(width).fill(null), new Array(width).fill(null)],
        };
        const { score, bound } = headerScoreAndBound(sheet, spec, originRow + 1, year);
        if (score >= 3) headers++;
        expect(bound).toBeGreaterThanOrEqual(score);
      }),
      { numRuns: 3000 },
    );
    // Rows scoring as headers were drawn, not only rows the bound passes over trivially.
    expect(headers).toBeGreaterThan(100);
  });
});
