/**
 * Reads the fills of a few cells (the ones a highlight touches) in one sync, into a snapshot taken without fills:
 * reading every cell's fill of a large workbook passes Excel on the web's 5 MB response limit.
 */
import { parseRef } from "../../core/address";
import type { WorkbookSnapshot } from "../../core/snapshot";
import { fillTokenFromProps } from "./fills";

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } };

export async function readFillsInto(
  context: Excel.RequestContext,
  snapshot: WorkbookSnapshot,
  cells: { sheet: string; cell: string }[],
): Promise<void> {
  const sheets = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const wanted = cells.filter((c) => sheets.has(c.sheet));
  const reads = wanted.map((c) => ({
    ...c,
    props: context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).getCellProperties(FILL_PROPS),
  }));
  if (reads.length > 0) await context.sync();
  // Cells not read stay "no fill"; the core consults only the cells it asked for.
  for (const sheet of snapshot.sheets) sheet.fills = sheet.values.map((row) => row.map(() => null));
  for (const r of reads) {
    const sheet = sheets.get(r.sheet)!;
    const { row, col } = parseRef(r.cell);
    const rr = row - sheet.originRow;
    const cc = col - sheet.originCol;
    if (rr < 0 || cc < 0) continue;
    while (sheet.fills!.length <= rr) sheet.fills!.push([]);
    sheet.fills![rr][cc] = fillTokenFromProps(r.props.value[0]?.[0]?.format?.fill);
  }
}
