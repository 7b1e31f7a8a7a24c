/**
 * Applies a Plan through Office.js.
 *
 * Requests: one sync reads the sheet list (names, protection); everything else is queued and sent in as few
 * requests as the payload allows. Cell contents and number formats go as 2-D arrays over rectangles (null where a
 * rectangle covers a cell the plan does not touch: Office.js leaves such cells unchanged); styles and fills go per
 * style/fill as RangeAreas (worksheet.getRanges("A1:B2, D4"), ExcelApi 1.9). The running JSON size of what is
 * queued is estimated in UTF-8 bytes (payload.ts: sheet names in formulas are CJK, 3 bytes a character); when the
 * next item would push the request past `maxBytesPerRequest` (default 4.6 MB, under Excel on the web's 5 MB
 * request limit; the estimate is within 1% of the JSON sent) the queue is synced first. A rectangle too big for one
 * request is split into row bands. So the number of syncs grows with the payload size, never with the number of cells or sheets.
 *
 * Order (as the .xlsx host): sheets in plan order (create, clear, cells, formats, merges, layout), then deletions.
 * Safety: only sheets in plan.deleteSheets are deleted; only sheets with `clear` are cleared; no sheet is renamed.
 * A plan that writes to a protected sheet is refused before anything is written (HostError "protected").
 * (Sheet protection does not stop deleting a sheet in Excel; workbook structure protection would, and its
 * AccessDenied error is mapped to "protected" as well.)
 *
 * Constants are written through Range.formulas together with formulas. Excel parses what is written there as if
 * typed, so a string that Excel would turn into something else (a number, date, boolean, error, formula) is
 * written with a leading apostrophe, Excel's text prefix: the cell then holds exactly that string.
 *
 * Column widths: plans give Excel character units; Office.js wants points. Width w characters of the default
 * font (maximum digit width 7 px) is trunc(w*7 + 5) px, and a pixel is 0.75 pt at 96 dpi: pt = trunc(w*7+5)*0.75.
 * Row heights are points in both. Margins: plan inches x 72 = points.
 * Borders: style.border "thin" puts a thin continuous line on every edge of every cell (edges + inside lines).
 * Fit to width: pageLayout.zoom = {horizontalFitToPages: 1, verticalFitToPages: 0} (0 = as many pages tall as
 * needed, as in the file format's fitToHeight="0"; not verified against a live Excel).
 */
import { hasFormula, LazyFormulaWrite, LinkFormulaWrite, TemplatedFormulaWrite, writeFields, type CellStyle, type CellWrite, type Plan, type SheetPlan } from "../../core/plan";
import { refCoords, type FormulaTemplate } from "../../core/expr";
import type { CellValue } from "../../core/snapshot";
import { isCellError } from "../../core/snapshot";
import { cellRef, COLUMNS, columnLetter, parseRef, rangeRef } from "../../core/address";
import { format } from "../../core/data/messages";
import { HostError } from "../../taskpane/host-api";
import { protectedSheetError, quotedSheets, toHostError } from "./errors";
import { parseFill } from "./fills";
import { utf8Length } from "./payload";
import { sharedR1C1 } from "./r1c1";
import { rectangles, spans, type Rect } from "./rects";

export interface ApplyOptions {
  /** Estimated JSON bytes (UTF-8) per request before a sync is forced (default 4,600,000). */
  maxBytesPerRequest?: number;
  /** Cells (array entries) per request before a sync is forced (default 1,000,000). */
  maxCellsPerRequest?: number;
  /** Empty columns a row run may bridge when grouping writes into rectangles (default 2). */
  maxGap?: number;
}

export interface ApplyResult {
  syncs: number;
  /** Estimated payload of each request sent, in bytes (the first is the sheet-list read). */
  requestBytes: number[];
}

export const APPLY_DEFAULTS = { maxBytesPerRequest: 4_600_000, maxCellsPerRequest: 1_000_000, maxGap: 2 };

/** Longest address string passed to one getRanges() call. */
const MAX_AREAS_ADDRESS = 2000;
/** Rough per-operation overhead of a queued request item (object path, method name, ids). */
const OP_OVERHEAD = 120;

export function columnWidthToPoints(chars: number): number {
  return Math.trunc(chars * 7 + 5) * 0.75;
}

export async function applyPlan(context: Excel.RequestContext, plan: Plan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const batch = new Batch(
    context,
    options.maxBytesPerRequest ?? APPLY_DEFAULTS.maxBytesPerRequest,
    options.maxCellsPerRequest ?? APPLY_DEFAULTS.maxCellsPerRequest,
  );
  const maxGap = options.maxGap ?? APPLY_DEFAULTS.maxGap;
  let protectedTargets: string[] = [];
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name,items/protection/protected");
    await batch.flush();
    const existing = new Map<string, Excel.Worksheet>();
    for (const ws of worksheets.items) existing.set(ws.name.toLowerCase(), ws);

    protectedTargets = plan.sheets
      .map((s) => existing.get(s.name.toLowerCase()))
      .filter((ws): ws is Excel.Worksheet => !!ws && ws.protection.protected)
      .map((ws) => ws.name);
    if (protectedTargets.length > 0) throw protectedSheetError(protectedTargets);
    const missing = plan.sheets.filter((s) => !s.create && !existing.has(s.name.toLowerCase()));
    if (missing.length > 0) {
      throw new HostError("other", format("hostSheetsMissing", { names: quotedSheets(missing.map((s) => s.name)) }));
    }

    const handles = new Map<SheetPlan, Excel.Worksheet>();
    for (const sp of plan.sheets) {
      let ws = existing.get(sp.name.toLowerCase());
      if (!ws) {
        await batch.reserve(OP_OVERHEAD + sp.name.length * 3);
        ws = worksheets.add(sp.name);
        existing.set(sp.name.toLowerCase(), ws);
      }
      handles.set(sp, ws);
    }
    for (const sp of plan.sheets) await applySheet(handles.get(sp)!, sp, plan.styles, batch, maxGap);
    // Removals last, as the .xlsx host does; only names the plan lists, and only if they exist.
    for (const name of plan.deleteSheets ?? []) {
      const ws = existing.get(name.toLowerCase());
      if (!ws) continue;
      await batch.reserve(OP_OVERHEAD);
      ws.delete();
      existing.delete(name.toLowerCase());
    }
    if (batch.pending) await batch.flush();
    return { syncs: batch.syncs, requestBytes: batch.sent };
  } catch (e) {
    throw toHostError(e, protectedTargets);
  }
}

/** Queues writes; syncs when the estimated request would exceed its limits. */
class Batch {
  syncs = 0;
  sent: number[] = [];
  private bytes = 0;
  private cells = 0;
  private queued = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    readonly maxBytes: number,
    readonly maxCells: number,
  ) {}

  get pending(): boolean {
    return this.queued > 0;
  }

  /**
   * Call before queuing an item of this estimated size. The sync here is the one place a sync happens inside a
   * loop: it runs only when the queued payload reaches the request limit, so the sync count follows payload size.
   */
  async reserve(bytes: number, cells = 0): Promise<void> {
    if (this.queued > 0 && (this.bytes + bytes > this.maxBytes || this.cells + cells > this.maxCells)) await this.flush();
    this.bytes += bytes;
    this.cells += cells;
    this.queued++;
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.sent.push(this.bytes);
    this.bytes = 0;
    this.cells = 0;
    this.queued = 0;
  }
}

interface Cell {
  row: number;
  col: number;
  write: CellWrite;
}

async function applySheet(ws: Excel.Worksheet, sp: SheetPlan, styles: Record<string, CellStyle>, batch: Batch, maxGap: number) {
  if (sp.clear) {
    await batch.reserve(OP_OVERHEAD * 2);
    const all = ws.getRange();
    all.unmerge();
    all.clear("All");
  }

  // Later writes to the same cell override earlier ones, field by field.
  const byRef = new Map<string, Cell>();
  for (const w of sp.cells) {
    const { row, col } = w instanceof LazyFormulaWrite ? w : parseRef(w.ref);
    const key = `${row},${col}`;
    const prev = byRef.get(key);
    byRef.set(key, { row, col, write: prev ? { ...writeFields(prev.write), ...writeFields(w) } : w });
  }
  const cells = [...byRef.values()];

  // Contents: formulas and constants together through Range.formulas; a run of one R1C1 formula as one value.
  const contents = cells.filter((c) => hasFormula(c.write) || c.write.value !== undefined);
  const r1c1 = templatedR1C1((w, row, col) => (hasFormula(w) ? sharedR1C1(formulaInput(w) as string, row, col) : null));
  const looseContents = await writeRuns(ws, contents, batch, r1c1, formulaInput, (range, text) => {
    (range as unknown as { formulasR1C1: string }).formulasR1C1 = text;
  });
  await writeGrid(ws, grid(looseContents), maxGap, batch, (w) => formulaInput(w), (range, data) => (range.formulas = data));

  // Number formats: the cell's own, else its style's; a run of one format as one value.
  const formatOf = (w: CellWrite) => w.numberFormat ?? (w.style ? styles[w.style]?.numberFormat : undefined);
  const formatted = cells.filter((c) => formatOf(c.write) !== undefined);
  const looseFormats = await writeRuns(ws, formatted, batch, (w) => formatOf(w) ?? null, formatOf, (range, format) => {
    (range as unknown as { numberFormat: string }).numberFormat = format;
  });
  await writeGrid(ws, grid(looseFormats), maxGap, batch, (w) => formatOf(w) ?? null, (range, data) => (range.numberFormat = data));

  // Styles by name, as range areas.
  const byStyle = groupBy(cells.filter((c) => c.write.style && styles[c.write.style]), (c) => c.write.style!);
  for (const [name, group] of byStyle) {
    for (const address of areaAddresses(group)) {
      const ops = styleOps(styles[name]);
      if (ops === 0) continue;
      await batch.reserve(address.length + OP_OVERHEAD * ops);
      applyStyle(ws.getRanges(address), styles[name]);
    }
  }

  // Fills after styles: an explicit fill overrides the style's.
  const byFill = groupBy(
    cells.filter((c) => c.write.fill !== undefined),
    (c) => (c.write.fill === null ? "\u0000none" : c.write.fill!),
  );
  for (const [key, group] of byFill) {
    const instr = parseFill(key === "\u0000none" ? null : key);
    for (const address of areaAddresses(group)) {
      await batch.reserve(address.length + OP_OVERHEAD * 3);
      const fill = ws.getRanges(address).format.fill;
      if (instr.kind === "clear") fill.clear();
      else if (instr.kind === "solid") fill.color = instr.color;
      else {
        fill.color = instr.token.c;
        fill.pattern = instr.token.p as Excel.FillPattern;
        if (instr.token.pc) fill.patternColor = instr.token.pc;
      }
    }
  }

  for (const m of sp.merges ?? []) {
    await batch.reserve(m.length + OP_OVERHEAD);
    ws.getRange(m).merge(false);
  }
  for (const s of spans((sp.columnWidths ?? []).map((c) => ({ index: c.col, value: c.width })))) {
    await batch.reserve(OP_OVERHEAD);
    ws.getRange(`${columnLetter(s.first - 1)}:${columnLetter(s.last - 1)}`).format.columnWidth = columnWidthToPoints(s.value);
  }
  for (const s of spans((sp.rowHeights ?? []).map((r) => ({ index: r.row, value: r.height })))) {
    await batch.reserve(OP_OVERHEAD);
    ws.getRange(`${s.first}:${s.last}`).format.rowHeight = s.value;
  }
  if (sp.freeze) {
    await batch.reserve(OP_OVERHEAD);
    const { rows, cols } = sp.freeze;
    if (rows > 0 && cols > 0) ws.freezePanes.freezeAt(ws.getRange(rangeRef(0, 0, rows - 1, cols - 1)));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else if (cols > 0) ws.freezePanes.freezeColumns(cols);
    else ws.freezePanes.unfreeze();
  }
  const ps = sp.pageSetup;
  if (ps) {
    await batch.reserve(OP_OVERHEAD * 6);
    const pl = ws.pageLayout;
    pl.orientation = ps.orientation === "landscape" ? "Landscape" : "Portrait";
    pl.paperSize = "A4";
    if (ps.fitToWidth) pl.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (ps.printTitleRows) pl.setPrintTitleRows(absoluteRows(ps.printTitleRows));
    if (ps.margins) {
      pl.leftMargin = ps.margins.left * 72;
      pl.rightMargin = ps.margins.right * 72;
      pl.topMargin = ps.margins.top * 72;
      pl.bottomMargin = ps.margins.bottom * 72;
    }
  }
  if (sp.tabColor) {
    await batch.reserve(OP_OVERHEAD);
    ws.tabColor = sp.tabColor;
  }
  if (sp.visibility) {
    await batch.reserve(OP_OVERHEAD);
    ws.visibility = sp.visibility === "veryHidden" ? "VeryHidden" : sp.visibility === "hidden" ? "Hidden" : "Visible";
  }
}

/**
 * Writes each run of adjacent cells, down a column and then (of the cells left) along a row, that take the same text
 * (`text`: null for a cell that cannot share one) with a single value for the whole range: Office.js applies a single
 * value to every cell. A run is taken only where its own request items (object path and property set) cost fewer
 * bytes than its cells would in a 2-D array: thousands of short row runs would fill requests faster than the arrays.
 * Returns the cells left to write in arrays.
 */
async function writeRuns(
  ws: Excel.Worksheet,
  cells: Cell[],
  batch: Batch,
  text: (w: CellWrite, row: number, col: number) => string | null,
  entry: (w: CellWrite) => unknown,
  assign: (range: Excel.Range, text: string) => void,
): Promise<Cell[]> {
  // Each cell's text found once (an R1C1 conversion there and back), for both passes.
  const texts = new Map(cells.map((c) => [c, text(c.write, c.row, c.col)]));
  let left = cells;
  for (const line of ["column", "row"] as const) {
    const loose: Cell[] = [];
    // Down a column the position moves by row; along a row, by column.
    const step = line === "column" ? (c: Cell) => c.row : (c: Cell) => c.col;
    for (const group of groupBy(left, (c) => String(line === "column" ? c.col : c.row)).values()) {
      group.sort((a, b) => step(a) - step(b));
      let start = 0;
      while (start < group.length) {
        const first = group[start];
        const shared = texts.get(first)!;
        let end = start + 1;
        while (shared !== null && end < group.length && step(group[end]) === step(group[end - 1]) + 1 && texts.get(group[end]) === shared) {
          end++;
        }
        const last = group[end - 1];
        const address = shared === null || end - start < 2 ? null : rangeRef(first.row, first.col, last.row, last.col);
        const runBytes = address === null ? 0 : utf8Length(JSON.stringify(shared)) + address.length + OP_OVERHEAD * 2;
        if (address !== null && costMoreInArray(group, start, end, entry, runBytes)) {
          await batch.reserve(runBytes);
          assign(ws.getRange(address), shared!);
        } else {
          for (let i = start; i < end; i++) loose.push(group[i]);
        }
        start = end;
      }
    }
    left = loose;
  }
  return left;
}

/** Whether cells start..end-1 of a group would add more than `bytes` to a 2-D array (each entry and its comma). */
function costMoreInArray(group: Cell[], start: number, end: number, entry: (w: CellWrite) => unknown, bytes: number): boolean {
  let sum = 0;
  for (let i = start; i < end && sum <= bytes; i++) sum += utf8Length(JSON.stringify(entry(group[i].write))) + 1;
  return sum > bytes;
}

type Grid = Map<string, Cell>;

function grid(cells: Cell[]): Grid {
  return new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
}

/**
 * Writes one 2-D array per rectangle (split into row bands when a rectangle is too big for one request).
 * `value` gives a cell's entry; null leaves the cell as it is.
 */
async function writeGrid<T>(
  ws: Excel.Worksheet,
  cells: Grid,
  maxGap: number,
  batch: Batch,
  value: (w: CellWrite) => T | null,
  assign: (range: Excel.Range, data: (T | null)[][]) => void,
): Promise<void> {
  for (const rect of rectangles(cells.values(), maxGap)) {
    const rows: (T | null)[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: (T | null)[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = cells.get(`${r},${c}`);
        row.push(cell ? value(cell.write) : null);
      }
      rows.push(row);
    }
    const width = rect.right - rect.left + 1;
    let band: (T | null)[][] = [];
    let bandBytes = 0;
    let bandTop = rect.top;
    const emit = async () => {
      if (band.length === 0) return;
      await batch.reserve(bandBytes + OP_OVERHEAD, band.length * width);
      assign(ws.getRange(rangeRef(bandTop, rect.left, bandTop + band.length - 1, rect.right)), band);
      bandTop += band.length;
      band = [];
      bandBytes = 0;
    };
    for (const row of rows) {
      const rowBytes = utf8Length(JSON.stringify(row)) + 1;
      const tooBig =
        band.length > 0 &&
        (bandBytes + rowBytes + OP_OVERHEAD > batch.maxBytes || (band.length + 1) * width > batch.maxCells);
      if (tooBig) await emit();
      band.push(row);
      bandBytes += rowBytes;
    }
    await emit();
  }
}

type R1C1Of = (w: CellWrite, row: number, col: number) => string | null;

/**
 * `r1c1`, found once per template for the cells of a list column and once per target sheet and offset for links, so
 * that their A1 texts need not be made (~190,000 in a build of 10,000 projects) to find that they share one R1C1
 * text. A template's row numbers move with its cell, so its R1C1 text is the same down the column unless the text
 * holds a relative reference that does not move (a fixed range): the text one row down tells which, since such a
 * reference's R1C1 offset changes with every row.
 */
function templatedR1C1(r1c1: R1C1Of): R1C1Of {
  const known = new Map<FormulaTemplate, { base: number; col: number; text: string | null } | "perCell">();
  // A link's R1C1 text is fixed by the sheet it points to and how far: by sheet, then by offset.
  const links = new Map<string, Map<number, string | null>>();
  return (w, row, col) => {
    if (w instanceof LinkFormulaWrite) {
      const target = refCoords(w.target);
      // Column offsets run from −(COLUMNS − 1) to COLUMNS − 1: rows counted in twice that keep every offset apart.
      const offset = (target.row - row) * 2 * COLUMNS + (target.col - col);
      let bySheet = links.get(w.target.sheet);
      if (!bySheet) links.set(w.target.sheet, (bySheet = new Map()));
      let text = bySheet.get(offset);
      if (text === undefined) bySheet.set(offset, (text = r1c1(w, row, col)));
      return text;
    }
    if (!(w instanceof TemplatedFormulaWrite)) return r1c1(w, row, col);
    const base = row - w.shift;
    const seen = known.get(w.template);
    if (seen === "perCell") return r1c1(w, row, col);
    if (seen && seen.base === base && seen.col === col) return seen.text;
    const text = r1c1(w, row, col);
    const below = r1c1(new TemplatedFormulaWrite(row + 1, col, w.template, w.shift + 1, null, undefined), row + 1, col);
    known.set(w.template, text === below ? { base, col, text } : "perCell");
    return text;
  };
}

/** What to put in Range.formulas for a write: a formula, a constant Excel will keep as is, or null (untouched). */
export function formulaInput(w: CellWrite): string | number | boolean | null {
  if (w.formula !== undefined) return w.formula.startsWith("=") ? w.formula : `=${w.formula}`;
  return constantInput(w.value);
}

export function constantInput(v: CellValue | undefined): string | number | boolean | null {
  if (v === undefined) return null;
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  if (isCellError(v)) return v.error;
  if (v === "") return "";
  return needsTextPrefix(v) ? `'${v}` : v;
}

/**
 * True when Excel, parsing the string as typed input, might store something other than this text: a formula,
 * number, percentage, currency, date or time, boolean, error value — or drop a leading apostrophe.
 */
export function needsTextPrefix(s: string): boolean {
  const t = s.trim();
  if (t === "") return s !== "";
  if (/^[=+\-@'#]/.test(t)) return true;
  if (/^[0-9０-９.,，$¥￥€£%－＋]/.test(t)) return true;
  // "(12)" is typed input for -12.
  if (/^[(（]\s*[0-9０-９.]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  // English month names and day names start dates such as "Jan-20" or "May 5".
  if (/^[a-z]{3,9}[\s\-/.,]+\d/i.test(t)) return true;
  return false;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(it);
  }
  return out;
}

/** Cells → "A1:B2, D4" address strings, each short enough for one getRanges() call. */
function areaAddresses(cells: Cell[]): string[] {
  const areas = rectangles(cells, 0).map((r: Rect) =>
    r.top === r.bottom && r.left === r.right ? cellRef(r.top, r.left) : rangeRef(r.top, r.left, r.bottom, r.right),
  );
  const out: string[] = [];
  let cur = "";
  for (const a of areas) {
    if (cur && cur.length + a.length + 2 > MAX_AREAS_ADDRESS) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur}, ${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}

function styleOps(style: CellStyle): number {
  let n = 0;
  if (style.fill) n++;
  if (style.font) n += Object.keys(style.font).length;
  if (style.alignment) n += Object.keys(style.alignment).length;
  if (style.border) n += 12;
  return n;
}

const BORDER_ITEMS = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

function applyStyle(areas: Excel.RangeAreas, style: CellStyle): void {
  const f = areas.format;
  if (style.fill) f.fill.color = style.fill;
  if (style.font) {
    if (style.font.bold !== undefined) f.font.bold = style.font.bold;
    if (style.font.size !== undefined) f.font.size = style.font.size;
    if (style.font.color !== undefined) f.font.color = style.font.color;
    if (style.font.name !== undefined) f.font.name = style.font.name;
  }
  const a = style.alignment;
  if (a) {
    if (a.horizontal) f.horizontalAlignment = a.horizontal === "left" ? "Left" : a.horizontal === "center" ? "Center" : "Right";
    if (a.vertical) f.verticalAlignment = a.vertical === "top" ? "Top" : a.vertical === "middle" ? "Center" : "Bottom";
    if (a.wrap !== undefined) f.wrapText = a.wrap;
    if (a.indent !== undefined) f.indentLevel = a.indent;
  }
  if (style.border === "thin") {
    for (const item of BORDER_ITEMS) {
      const b = f.borders.getItem(item);
      b.style = "Continuous";
      b.weight = "Thin";
    }
  }
}

/** "1:5" → "$1:$5"; "3" → "$3:$3". */
function absoluteRows(rows: string): string {
  const [a, b] = rows.replace(/\$/g, "").split(":");
  return `$${a}:$${b ?? a}`;
}
