/**
 * 新建模板: the standard input sheets, written from the layout data (data/layout.ts). The same writer lays out the
 * embedded sample, which is the template with the seed's figures typed in.
 */
import { cellRef, rangeRef } from "./address";
import {
  FUND_BLOCK_LABELS,
  INPUT_TABLES,
  SETTING_CHOICES,
  SETTING_DEFAULTS,
  TEMPLATE_WORDS,
  type ColumnSpec,
  type TableId,
  type TableSpec,
} from "./data/layout";
import { format } from "./data/messages";
import { NUMBER_FORMATS } from "./derive";
import type { CellStyle, CellWrite, Plan, SheetPlan } from "./plan";
import type { CellValue } from "./snapshot";

/** A typed cell of the sample: a number, a text, or a number typed as text ({ text: "1,273.97" }). */
export type CellInput = number | string | { text: string } | { percent: number };

export interface TableData {
  /** Fund blocks: the fund's name and scope. */
  name?: string;
  scope?: string;
  /** Header texts replacing the template's (e.g. year columns "2019年决算数"). */
  headers?: Record<string, string>;
  /** Fixed tables: values by row key. Dynamic tables: one entry per row with its label. */
  rows: { key?: string; label?: string; values: Record<string, CellInput> }[];
}

export type TemplateData = Partial<Record<TableId, TableData[]>>;

export const TEMPLATE_STYLES: Record<string, CellStyle> = {
  title: { font: { bold: true, size: 14 }, alignment: { horizontal: "center", vertical: "middle" } },
  note: { font: { size: 9, color: "#595959" }, alignment: { horizontal: "left", vertical: "middle", wrap: true } },
  unit: { font: { size: 10 }, alignment: { horizontal: "right" } },
  header: {
    font: { bold: true },
    fill: "#D9E1F2",
    border: "thin",
    alignment: { horizontal: "center", vertical: "middle", wrap: true },
  },
  label: { border: "thin", alignment: { vertical: "middle", wrap: true } },
  labelIndent: { border: "thin", alignment: { horizontal: "left", vertical: "middle", wrap: true, indent: 2 } },
  labelTotal: { border: "thin", font: { bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  input: { border: "thin", fill: "#FFFBE6" },
  derived: { border: "thin", fill: "#EDEDED" },
  blockLabel: { font: { bold: true } },
  longText: { border: "thin", fill: "#FFFBE6", alignment: { vertical: "top", wrap: true } },
};

export interface TablePosition {
  sheet: string;
  headerRow: number;
  labelCol: number;
  columns: Map<string, number>;
  rows: Map<string, number>;
}

function columnOrder(spec: TableSpec): (ColumnSpec | "label")[] {
  const order: (ColumnSpec | "label")[] = [];
  if (!spec.labelAfter) order.push("label");
  for (const c of spec.columns) {
    order.push(c);
    if (spec.labelAfter === c.key) order.push("label");
  }
  return order;
}

function toCell(ref: string, input: CellInput, kind: ColumnSpec["kind"], style: string): CellWrite {
  const numberFormat = NUMBER_FORMATS[kind];
  if (typeof input === "number") return { ref, value: input, numberFormat, style };
  if (typeof input === "object" && "percent" in input) {
    // Typed as "15.44%": Excel stores 0.1544 shown with a percent format.
    return { ref, value: input.percent / 100, numberFormat: "0.00%", style };
  }
  if (typeof input === "object") return { ref, value: input.text, numberFormat: "@", style };
  return { ref, value: input, style };
}

class SheetWriter {
  readonly plan: SheetPlan;
  row = 0;
  readonly widths = new Map<number, number>();
  constructor(name: string) {
    this.plan = { name, create: true, cells: [], merges: [], columnWidths: [], rowHeights: [] };
  }
  put(row: number, col: number, value: CellValue, style?: string, numberFormat?: string) {
    this.plan.cells.push({ ref: cellRef(row, col), value, style, numberFormat });
  }
  width(col: number, w: number) {
    this.widths.set(col, Math.max(this.widths.get(col) ?? 8, w));
  }
}

function writeTable(w: SheetWriter, spec: TableSpec, data: TableData | undefined, withTitle: boolean): TablePosition {
  const order = columnOrder(spec);
  const lastCol = order.length - 1;
  const pos: TablePosition = { sheet: w.plan.name, headerRow: 0, labelCol: 0, columns: new Map(), rows: new Map() };
  if (withTitle) {
    w.put(w.row, 0, spec.title, "title");
    w.plan.merges!.push(rangeRef(w.row, 0, w.row, lastCol));
    w.plan.rowHeights!.push({ row: w.row + 1, height: 24 });
    w.row++;
    w.put(w.row, 0, spec.instruction, "note");
    w.plan.merges!.push(rangeRef(w.row, 0, w.row, lastCol));
    w.plan.rowHeights!.push({ row: w.row + 1, height: 30 });
    w.row++;
  }
  if (spec.repeated) {
    w.put(w.row, 0, FUND_BLOCK_LABELS.name.label, "blockLabel");
    w.put(w.row, 1, data?.name ?? "", "input");
    w.put(w.row, 2, FUND_BLOCK_LABELS.scope.label, "blockLabel");
    w.put(w.row, 3, data?.scope ?? "", "input");
    w.row++;
  }
  if (spec.unitLine) {
    w.put(w.row, lastCol, format("unitLine"), "unit");
    w.row++;
  }
  const grouped = spec.columns.some((c) => c.group);
  const top = w.row;
  const headerRow = grouped ? top + 1 : top;
  order.forEach((c, col) => {
    const header = c === "label" ? spec.labelColumn.header : data?.headers?.[c.key] ?? c.header;
    w.width(col, c === "label" ? spec.labelColumn.width ?? 16 : c.width ?? 12);
    if (c === "label") pos.labelCol = col;
    else pos.columns.set(c.key, col);
    if (!grouped) {
      w.put(headerRow, col, header, "header");
      return;
    }
    if (c !== "label" && c.group) {
      const first = order.findIndex((o) => o !== "label" && o.group === c.group);
      if (first === col) {
        w.put(top, col, c.group, "header");
        const span = order.filter((o) => o !== "label" && o.group === c.group).length;
        w.plan.merges!.push(rangeRef(top, col, top, col + span - 1));
      } else w.put(top, col, null, "header");
      w.put(headerRow, col, header, "header");
    } else {
      w.put(top, col, header, "header");
      w.put(headerRow, col, null, "header");
      w.plan.merges!.push(rangeRef(top, col, headerRow, col));
    }
  });
  pos.headerRow = headerRow;
  w.row = headerRow + 1;

  const bodyRows: { key: string; label: string; indent: number; derived: boolean; values: Record<string, CellInput> }[] = [];
  if (spec.rows) {
    for (const r of spec.rows) {
      const given = data?.rows.find((d) => d.key === r.key);
      bodyRows.push({ key: r.key, label: given?.label ?? r.label, indent: r.indent ?? 0, derived: !!r.derived, values: given?.values ?? {} });
    }
  } else {
    const totalKey = spec.totalRow?.key;
    const given = (data?.rows ?? []).filter((d) => d.key === undefined || d.key !== totalKey);
    given.forEach((d, i) => bodyRows.push({ key: d.key ?? `row${i}`, label: d.label ?? "", indent: 0, derived: false, values: d.values }));
    // A blank template leaves room to type; a filled one gets exactly its rows.
    if (given.length === 0) {
      for (let i = 0; i < (spec.blankRows ?? 0); i++) {
        bodyRows.push({ key: `row${i}`, label: "", indent: 0, derived: false, values: {} });
      }
    }
    if (spec.totalRow) {
      const values = data?.rows.find((d) => d.key === totalKey)?.values ?? {};
      bodyRows.push({ key: spec.totalRow.key, label: spec.totalRow.label, indent: 0, derived: true, values });
    }
  }
  for (const r of bodyRows) {
    pos.rows.set(r.key, w.row);
    const isTotal = r.derived && r.key.toLowerCase().includes("total");
    w.put(w.row, pos.labelCol, r.label, isTotal ? "labelTotal" : r.indent ? "labelIndent" : "label");
    for (const [key, col] of pos.columns) {
      const c = spec.columns.find((x) => x.key === key)!;
      const derived = c.derived || (r.derived && c.kind !== "text");
      const rowSpec = spec.rows?.find((x) => x.key === r.key);
      const kind = rowSpec?.kind && spec.columns.length <= 2 && key === spec.columns[0].key ? rowSpec.kind : c.kind;
      const rowDerived = (rowSpec?.derived && spec.columns.length <= 2) || rowSpec?.derivedColumns?.includes(key);
      const style = derived || rowDerived ? "derived" : "input";
      const input = r.values[key];
      if (input !== undefined) w.plan.cells.push(toCell(cellRef(w.row, col), input, kind, style));
      else w.put(w.row, col, null, style, NUMBER_FORMATS[kind]);
      if (spec.mergeValueAcross) {
        for (let extra = 1; extra < spec.mergeValueAcross; extra++) w.put(w.row, col + extra, null, style);
        w.plan.merges!.push(rangeRef(w.row, col, w.row, col + spec.mergeValueAcross - 1));
        w.plan.cells.push({ ref: cellRef(w.row, col), value: input === undefined ? null : (input as string), style: "longText" });
        w.plan.rowHeights!.push({ row: w.row + 1, height: 60 });
      }
    }
    w.row++;
  }
  return pos;
}

function settingsData(): TableData {
  const rows: TableData["rows"] = (Object.keys(SETTING_CHOICES) as (keyof typeof SETTING_CHOICES)[]).map((key) => ({
        key,
        values: {
          value: SETTING_CHOICES[key][0].label,
          options: SETTING_CHOICES[key].map((o) => o.label).join(" / "),
    },
  }));
  for (const key of Object.keys(SETTING_DEFAULTS) as (keyof typeof SETTING_DEFAULTS)[]) {
    rows.push({ key, values: { value: { percent: Number(SETTING_DEFAULTS[key]) * 100 }, options: TEMPLATE_WORDS.percentOption } });
  }
  return { rows };
}

export interface TemplateResult {
  plan: Plan;
  positions: Map<string, TablePosition>;
}

/** The standard input sheets, blank or with data typed in. Sheets listed in `skip` exist already and are left alone. */
export function templatePlan(data: TemplateData = {}, skip: string[] = []): TemplateResult {
  const writers = new Map<string, SheetWriter>();
  const positions = new Map<string, TablePosition>();
  for (const spec of INPUT_TABLES) {
    if (skip.includes(spec.sheet)) continue;
    let w = writers.get(spec.sheet);
    const first = !w;
    if (!w) {
      w = new SheetWriter(spec.sheet);
      writers.set(spec.sheet, w);
    } else w.row += 1;
    const blocks = spec.id === "settings" && !data.settings ? [settingsData()] : data[spec.id] ?? [undefined];
    blocks.forEach((block, i) => {
      if (i > 0) w!.row += 1;
      const pos = writeTable(w!, spec, block, i === 0);
      positions.set(`${spec.id}#${i}`, pos);
      if (first && i === 0) w!.plan.freeze = { rows: pos.headerRow + 1, cols: 0 };
    });
    if (spec.id === "info" && !data.info) {
      const pos = positions.get("info#0")!;
      w.put(pos.rows.get("currency")!, pos.columns.get("value")!, TEMPLATE_WORDS.defaultCurrency, "input");
    }
  }
  const sheets: SheetPlan[] = [];
  for (const w of writers.values()) {
    w.plan.columnWidths = [...w.widths].map(([col, width]) => ({ col: col + 1, width }));
    const totalWidth = [...w.widths.values()].reduce((a, b) => a + b, 0);
    w.plan.pageSetup = {
      orientation: totalWidth > 90 ? "landscape" : "portrait",
      paperSize: "A4",
      fitToWidth: true,
      printTitleRows: w.plan.freeze ? `1:${w.plan.freeze.rows}` : undefined,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6 },
    };
    // The last write to a cell wins in every host; keep one write per cell so hosts agree.
    const seen = new Map<string, CellWrite>();
    for (const c of w.plan.cells) seen.set(c.ref, { ...seen.get(c.ref), ...c });
    w.plan.cells = [...seen.values()];
    sheets.push(w.plan);
  }
  return { plan: { styles: TEMPLATE_STYLES, sheets }, positions };
}
