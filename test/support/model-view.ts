/**
 * A model as plain data, to compare two models with toEqual: each cell by what it answers (a read cell looks its
 * sheet, value, formula and format up in the snapshot it was read from, so two equal cells of different reads hold
 * different snapshots).
 */
import type { CellModel, RowModel, TableModel, WorkbookModel } from "../../src/core/model";

/** Every field of the cell, by name: a field added to CellModel and left out here does not compile. */
function cellView(c: CellModel): Record<keyof CellModel, unknown> {
  return {
    sheet: c.sheet,
    ref: c.ref,
    row: c.row,
    col: c.col,
    value: c.value,
    raw: c.raw,
    text: c.text,
    original: c.original,
    typedAsText: c.typedAsText,
    typedDecimals: c.typedDecimals,
    formula: c.formula,
    numberFormat: c.numberFormat,
    error: c.error,
    noneMark: c.noneMark,
    isDate: c.isDate,
  };
}

function rowView(r: RowModel) {
  return { key: r.key, label: r.label, row: r.row, cells: [...r.cells].map(([key, c]) => [key, cellView(c)]) };
}

function tableView(t: TableModel) {
  return { ...t, rows: t.rows.map(rowView), rowByKey: [...t.rowByKey].map(([key, r]) => [key, rowView(r)]) };
}

export function modelView(m: WorkbookModel) {
  return { ...m, tables: [...m.tables].map(([id, tables]) => [id, tables.map(tableView)]) };
}
