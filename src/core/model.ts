/** The workbook as the engine understands it: tables found by label, each cell with what was typed and how. */
import type Decimal from "decimal.js";
import type { TableId, TableSpec } from "./data/layout";
import type { RowCells } from "./row-cells";
import type { CellValue } from "./snapshot";

export interface CellModel {
  sheet: string;
  ref: string;
  row: number;
  col: number;
  /** The number in 万元 (amounts) or as a fraction (rates); null when blank, text or an error. */
  value: Decimal | null;
  /** The number in the sheet's own unit (元 sheets: 元). Formulas and cached results work in this unit. */
  raw: Decimal | null;
  /** Text that is not a number. */
  text: string | null;
  /** The cell as the host reported it. */
  original: CellValue;
  /** A number typed as text ("1,273.97"). */
  typedAsText: boolean;
  /** Digits after the point as typed in text form, when typed as text. */
  typedDecimals?: number;
  formula: string | null;
  numberFormat: string | null;
  error: string | null;
  /** "—", "无" and the like: explicitly nothing. */
  noneMark: boolean;
  /** The number format is a date format. */
  isDate: boolean;
}

export interface RowModel {
  key: string;
  label: string;
  row: number;
  cells: RowCells;
}

export interface TableModel {
  spec: TableSpec;
  sheet: string;
  headerRow: number;
  labelCol: number;
  /** First and last row of the table body (0-based, inclusive). */
  firstRow: number;
  lastRow: number;
  columns: Map<string, number>;
  rows: RowModel[];
  rowByKey: Map<string, RowModel>;
  /** 10000 when the table's amounts are in 元. */
  scale: number;
  /** For repeated blocks (funds): the block's name and scope. */
  name?: string;
  scope?: string;
  nameCell?: string;
}

export interface ReaderIssue {
  severity: "error" | "warning" | "info";
  code: string;
  sheet: string;
  cells: string[];
  message: string;
}

export interface Settings {
  overExecution: "cap" | "deviation" | "manual";
  zeroDivision: "blank" | "dash" | "zero";
  rounding: "nearest" | "truncate";
  sangongCaliber: "actual" | "budget";
  staffCaliber: "onPayroll" | "withHired";
  stepRounding: "floor" | "ceil";
  overAchievement: Decimal;
  lowExecution: Decimal;
  lineDeviation: Decimal;
}

export interface RegistryEntry {
  kind: "sheet" | "explanation" | "fill";
  sheet: string;
  cell: string;
  data: string;
}

export interface WorkbookModel {
  tables: Map<TableId, TableModel[]>;
  year: number | null;
  unitName: string | null;
  settings: Settings;
  issues: ReaderIssue[];
  registry: RegistryEntry[];
  sheetNames: string[];
}
