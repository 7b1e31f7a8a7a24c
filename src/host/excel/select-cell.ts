/** Activates a sheet and selects one cell (or range) on it, in one sync. */
import { toHostError } from "./errors";

export async function selectCell(context: Excel.RequestContext, sheet: string, address: string): Promise<void> {
  try {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  } catch (e) {
    throw toHostError(e);
  }
}
