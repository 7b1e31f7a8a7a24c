/**
 * An in-memory stand-in for the part of the Excel JavaScript API the Office.js host uses, with Office.js proxy
 * semantics:
 *  - objects returned by getItem/getRange/... are proxies; nothing happens until context.sync();
 *  - property writes and method calls are queued and applied, in order, at sync;
 *  - a property can be read only after load() and a sync (else a PropertyNotLoaded error, as in Office.js);
 *  - *OrNullObject results expose isNullObject after the sync;
 *  - every sync is counted and the size of its queued request (and of its response) recorded, as the UTF-8 bytes
 *    of its JSON (a CJK character is 3 bytes), so tests can assert sync counts and that no request passes Excel on
 *    the web's 5 MB limit, read strictly as 5,000,000 bytes (a larger request is rejected with
 *    RequestPayloadSizeLimitExceeded, a larger response with ResponsePayloadSizeLimitExceeded).
 *  - writes to a protected sheet fail with code "AccessDenied"; with `editing` set every sync fails with
 *    "InvalidOperationInCellEditMode".
 * Strings written through values/formulas are parsed like typed input (numbers, booleans, error values, dates,
 * "=" formulas, a leading apostrophe marks text), so a host that writes "001" unprefixed gets the number 1, as in
 * Excel. The fake does not calculate: a formula cell's value is null (or what a test put in `cachedValue`). Excel
 * would return the computed value, so in the response size such a cell's value counts `uncalculatedValueBytes`
 * (default 20: a 17-digit double such as -1234.5678901234567), not the 2 bytes of the "" the fake returns.
 *  - Range.getSpecialCells[OrNullObject]("Formulas" | "Constants" [, value types]) returns a RangeAreas whose
 *    `areas` collection holds one rectangle per run of matching cells (runs of a row, stacked while consecutive
 *    rows have the same runs); no matching cell gives a null object (ItemNotFound for getSpecialCells).
 * Why not office-addin-mock: it has no sync/load semantics for reads, no payload accounting and no model of
 * protection, merges or used ranges; a purpose-built fake states exactly the behaviour the host relies on.
 */

import { columnIndex, columnLetter } from "../../src/core/address";
import type { WorkbookSnapshot } from "../../src/core/snapshot";

export type FakePrimitive = string | number | boolean | { error: string } | null;

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor?: string;
  tintAndShade: number;
}

export interface FakeCell {
  value: FakePrimitive;
  formula?: string;
  /** What a formula evaluates to, for tests that need it (the fake does not calculate). */
  cachedValue?: FakePrimitive;
  quotePrefix?: boolean;
  numberFormat: string;
  fill: FakeFill | null;
  font?: { bold?: boolean; size?: number; color?: string; name?: string };
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  indentLevel?: number;
  borders?: Record<string, { style?: string; weight?: string }>;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;
/** Excel on the web: "a payload size limit for requests and responses of 5MB", read as decimal megabytes. */
export const WEB_PAYLOAD_LIMIT = 5_000_000;

export class FakeOfficeError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

function notLoaded(prop: string): never {
  throw new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

// ---------------------------------------------------------------------------------------------- addresses

/** "A1", "A1:B2", "C:E", "3:5" (with or without $) → rect. */
export function parseAddress(address: string): Rect {
  const a = address.replace(/\$/g, "").trim();
  const [p, q = p] = a.split(":");
  const one = (s: string) => {
    let m = /^([A-Za-z]{1,3})(\d+)$/.exec(s);
    if (m) return { row: parseInt(m[2], 10) - 1, col: columnIndex(m[1]), kind: "cell" as const };
    m = /^([A-Za-z]{1,3})$/.exec(s);
    if (m) return { row: -1, col: columnIndex(m[1]), kind: "col" as const };
    m = /^(\d+)$/.exec(s);
    if (m) return { row: parseInt(m[1], 10) - 1, col: -1, kind: "row" as const };
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: address '${address}'`);
  };
  const x = one(p);
  const y = one(q);
  if (x.kind === "col" || y.kind === "col") {
    return { top: 0, bottom: MAX_ROW, left: Math.min(x.col, y.col), right: Math.max(x.col, y.col) };
  }
  if (x.kind === "row" || y.kind === "row") {
    return { top: Math.min(x.row, y.row), bottom: Math.max(x.row, y.row), left: 0, right: MAX_COL };
  }
  return { top: Math.min(x.row, y.row), bottom: Math.max(x.row, y.row), left: Math.min(x.col, y.col), right: Math.max(x.col, y.col) };
}

export function rectAddress(r: Rect): string {
  const a = `${columnLetter(r.left)}${r.top + 1}`;
  if (r.top === r.bottom && r.left === r.right) return a;
  return `${a}:${columnLetter(r.right)}${r.bottom + 1}`;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------- the model

const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"]);

/** Parses a string as Excel parses typed input. */
export function parseTyped(s: string): Pick<FakeCell, "value" | "formula" | "quotePrefix"> {
  if (s === "") return { value: null };
  if (s.startsWith("'")) return { value: s.slice(1) === "" ? null : s.slice(1), quotePrefix: true };
  if (s.startsWith("=") && s.length > 1) return { value: null, formula: s };
  const t = s.trim();
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
  if (ERRORS.has(t.toUpperCase())) return { value: { error: t.toUpperCase() } };
  const num = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?$/;
  if (num.test(t) && /\d/.test(t)) {
    const pct = t.endsWith("%");
    const n = Number(t.replace(/[,%]/g, ""));
    if (Number.isFinite(n)) return { value: pct ? n / 100 : n };
  }
  if (/^\(\d+(\.\d+)?\)$/.test(t)) return { value: -Number(t.slice(1, -1)) };
  // Dates typed as 2020-1-2, 2020/1/2, 1/2, 2020年1月, Jan-20: Excel stores a serial number.
  if (/^\d{1,4}[-/]\d{1,2}([-/]\d{1,4})?$/.test(t) || /^\d{1,4}年\d{1,2}月(\d{1,2}日)?$/.test(t) || /^[a-z]{3,9}[\s\-/]\d{1,4}$/i.test(t)) {
    return { value: 40000 + t.length };
  }
  return { value: s };
}

export class FakeSheet {
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  protected = false;
  tabColor = "";
  cells = new Map<string, FakeCell>();
  merges: Rect[] = [];
  /** 0-based column → width in points. */
  columnWidths = new Map<number, number>();
  /** 0-based row → height in points. */
  rowHeights = new Map<number, number>();
  freeze = { rows: 0, cols: 0 };
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
    leftMargin?: number;
    rightMargin?: number;
    topMargin?: number;
    bottomMargin?: number;
    printTitleRows?: string;
  } = {};

  constructor(public name: string) {}

  cell(ref: string): FakeCell | undefined {
    const r = parseAddress(ref);
    return this.cells.get(`${r.top},${r.left}`);
  }

  at(row: number, col: number, create = false): FakeCell | undefined {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c && create) {
      c = { value: null, numberFormat: "General", fill: null };
      this.cells.set(key, c);
    }
    return c;
  }

  /** Test helper: puts a value (parsed like typed input when a string) or formula, and optionally formats, in a cell. */
  set(ref: string, input: FakePrimitive | string, extra: Partial<FakeCell> = {}): this {
    const r = parseAddress(ref);
    const c = this.at(r.top, r.left, true)!;
    if (typeof input === "string") Object.assign(c, { formula: undefined, quotePrefix: undefined }, parseTyped(input));
    else Object.assign(c, { value: input, formula: undefined });
    Object.assign(c, extra);
    return this;
  }

  /** The address of a merged area, e.g. ["A1:C1"]. */
  mergeAddresses(): string[] {
    return this.merges.map(rectAddress);
  }

  usedRect(valuesOnly: boolean): Rect | null {
    let r: Rect | null = null;
    for (const [key, c] of this.cells) {
      const has = c.value !== null || c.formula !== undefined;
      const formatted =
        c.numberFormat !== "General" || c.fill !== null || !!c.font || !!c.borders || !!c.horizontalAlignment || !!c.verticalAlignment || !!c.wrapText;
      if (!has && (valuesOnly || !formatted)) continue;
      const [row, col] = key.split(",").map(Number);
      if (!r) r = { top: row, bottom: row, left: col, right: col };
      else {
        r.top = Math.min(r.top, row);
        r.bottom = Math.max(r.bottom, row);
        r.left = Math.min(r.left, col);
        r.right = Math.max(r.right, col);
      }
    }
    return r;
  }
}

/** UTF-8 bytes of a value's JSON. */
function jsonBytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v), "utf8");
}

export interface RequestRecord {
  /** JSON bytes (UTF-8) of the queued request. */
  bytes: number;
  /** JSON bytes (UTF-8) of the loaded data returned. */
  responseBytes: number;
  /** Queued items. */
  items: number;
}

export interface FakeExcelOptions {
  /** What getCellProperties reports as `pattern` for a cell with no fill (Excel is not consistent: "None" or null). */
  noFillPattern?: "None" | null;
  /** Reject requests or responses larger than this many bytes (default WEB_PAYLOAD_LIMIT, Excel on the web). */
  payloadLimit?: number;
  /**
   * Response bytes a formula cell's value counts for when the test gave it no `cachedValue` (default 20): Excel
   * returns the computed value (a number such as 0.13135593220338984), the fake returns "".
   */
  uncalculatedValueBytes?: number;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  activeSheet = "";
  selection: { sheet: string; address: string } | null = null;
  editing = false;
  syncCount = 0;
  requests: RequestRecord[] = [];
  readonly context: FakeRequestContext;

  constructor(readonly options: FakeExcelOptions = {}) {
    this.context = new FakeRequestContext(this);
  }

  /** The context typed as Office.js's, for passing to the host. */
  get ctx(): Excel.RequestContext {
    return this.context as unknown as Excel.RequestContext;
  }

  addSheet(name: string): FakeSheet {
    const s = new FakeSheet(name);
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = name;
    return s;
  }

  /**
   * A workbook holding what a snapshot holds (e.g. one the .xlsx host read, with formulas' cached results): formula
   * cells get the snapshot's value as `cachedValue`, so they read as Excel would after calculating.
   */
  static fromSnapshot(snapshot: WorkbookSnapshot, options: FakeExcelOptions = {}): FakeExcel {
    const fx = new FakeExcel(options);
    for (const s of snapshot.sheets) {
      const sheet = fx.addSheet(s.name);
      sheet.visibility = s.visibility === "veryHidden" ? "VeryHidden" : s.visibility === "hidden" ? "Hidden" : "Visible";
      sheet.protected = !!s.protected;
      s.values.forEach((line, r) =>
        line.forEach((v, c) => {
          const formula = s.formulas[r]?.[c] ?? null;
          const numberFormat = s.numberFormats[r]?.[c] || "General";
          const value: FakePrimitive = v === "" ? null : v;
          if (formula === null && value === null && numberFormat === "General") return;
          const cell = sheet.at(s.originRow + r, s.originCol + c, true)!;
          cell.numberFormat = numberFormat;
          if (formula !== null) Object.assign(cell, { formula, cachedValue: value });
          else Object.assign(cell, { value, quotePrefix: typeof value === "string" && parseTyped(value).value !== value ? true : undefined });
        }),
      );
      for (const m of s.merges ?? []) {
        sheet.merges.push(parseAddress(m));
      }
    }
    return fx;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  requireSheet(name: string): FakeSheet {
    const s = this.sheet(name);
    if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist. (worksheet '${name}')`);
    return s;
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.requests = [];
  }
}

// ---------------------------------------------------------------------------------------------- the proxies

interface Action {
  payload: unknown;
  run: () => unknown;
}

export class FakeRequestContext {
  private queue: Action[] = [];
  /** Response bytes the JSON of the responses does not show (values of formula cells the fake did not calculate). */
  private unseenResponseBytes = 0;
  readonly workbook: WorkbookProxy;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(payload: unknown, run: () => unknown): void {
    this.queue.push({ payload, run });
  }

  /** Called while a `values` read runs: `cells` formula cells whose value Excel would have computed. */
  countUncalculated(cells: number): void {
    const bytes = this.excel.options.uncalculatedValueBytes ?? 20;
    this.unseenResponseBytes += cells * Math.max(0, bytes - 2);
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    let bytes = 2;
    for (const a of actions) bytes += jsonBytes(a.payload) + 1;
    const record: RequestRecord = { bytes, responseBytes: 0, items: actions.length };
    this.excel.requests.push(record);
    this.excel.syncCount++;
    const limit = this.excel.options.payloadLimit ?? WEB_PAYLOAD_LIMIT;
    if (this.excel.editing) {
      throw new FakeOfficeError("InvalidOperationInCellEditMode", "The operation isn't available while Excel is in cell-edit mode.");
    }
    if (bytes > limit) throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${bytes}) has exceeded the limit.`);
    this.unseenResponseBytes = 0;
    for (const a of actions) {
      const response = a.run();
      if (response !== undefined) record.responseBytes += jsonBytes(response);
    }
    record.responseBytes += this.unseenResponseBytes;
    this.unseenResponseBytes = 0;
    if (record.responseBytes > limit) {
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${record.responseBytes}) has exceeded the limit.`);
    }
  }
}

type LoadSpec = string | string[] | Record<string, unknown> | undefined;

function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined) return [];
  if (typeof spec === "string") return spec.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  return Object.keys(spec).filter((k) => spec[k]);
}

abstract class ClientObject {
  protected loaded = new Map<string, unknown>();
  constructor(
    readonly context: FakeRequestContext,
    readonly path: string,
  ) {}

  get excel(): FakeExcel {
    return this.context.excel;
  }

  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) notLoaded(name);
    return this.loaded.get(name) as T;
  }

  /** Queues a write or call; `run` applies it at sync. */
  protected queue(what: Record<string, unknown>, run: () => void): void {
    this.context.enqueue({ path: this.path, ...what }, run);
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.enqueue({ path: this.path, load: paths }, () => {
      const out: Record<string, unknown> = {};
      for (const p of paths) out[p] = this.loadPath(p.split("/"));
      return out;
    });
    return this;
  }

  loadPath(parts: string[]): unknown {
    if (parts.length === 1) {
      const v = this.read(parts[0]);
      this.loaded.set(parts[0], v);
      return v;
    }
    return this.child(parts[0]).loadPath(parts.slice(1));
  }

  protected read(name: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `fake: cannot load '${name}' on ${this.path}`);
  }

  protected child(name: string): ClientObject {
    throw new FakeOfficeError("InvalidArgument", `fake: no navigation property '${name}' on ${this.path}`);
  }
}

class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  constructor(context: FakeRequestContext) {
    super(context, "workbook");
    this.worksheets = new WorksheetCollectionProxy(context);
  }
}

class WorksheetCollectionProxy extends ClientObject {
  constructor(context: FakeRequestContext) {
    super(context, "workbook.worksheets");
  }

  get items(): WorksheetProxy[] {
    return this.prop<WorksheetProxy[]>("items");
  }

  override loadPath(parts: string[]): unknown {
    if (parts[0] !== "items") return super.loadPath(parts);
    let items = this.loaded.get("items") as WorksheetProxy[] | undefined;
    const names = this.excel.sheets.map((s) => s.name);
    if (!items || items.length !== names.length || items.some((w, i) => w.boundName !== names[i])) {
      items = names.map((n) => new WorksheetProxy(this.context, n));
      this.loaded.set("items", items);
    }
    if (parts.length === 1) return items.map(() => ({}));
    return items.map((w) => w.loadPath(parts.slice(1)));
  }

  getItem(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, name);
    this.context.enqueue({ path: this.path, call: "getItem", name }, () => {
      this.excel.requireSheet(name);
    });
    return ws;
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, name);
    this.context.enqueue({ path: this.path, call: "getItemOrNullObject", name }, () => ws.setNull(!this.excel.sheet(name)));
    return ws;
  }

  add(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, name);
    this.context.enqueue({ path: this.path, call: "add", name }, () => {
      if (this.excel.sheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A resource with the same name or identifier already exists. ('${name}')`);
      this.excel.addSheet(name);
    });
    return ws;
  }
}

class WorksheetProxy extends ClientObject {
  private nullState: boolean | undefined;
  readonly protection: ProtectionProxy;
  readonly freezePanes: FreezePanesProxy;
  readonly pageLayout: PageLayoutProxy;

  constructor(
    context: FakeRequestContext,
    readonly boundName: string,
  ) {
    super(context, `worksheets('${boundName}')`);
    this.protection = new ProtectionProxy(context, this);
    this.freezePanes = new FreezePanesProxy(context, this);
    this.pageLayout = new PageLayoutProxy(context, this);
  }

  setNull(v: boolean): void {
    this.nullState = v;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) notLoaded("isNullObject");
    return this.nullState;
  }

  model(): FakeSheet {
    return this.excel.requireSheet(this.boundName);
  }

  /** The model, for a write: fails on a protected sheet as Excel does. */
  writable(): FakeSheet {
    const s = this.model();
    if (s.protected) throw new FakeOfficeError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet. ('${s.name}')`);
    return s;
  }

  protected override read(name: string): unknown {
    const s = this.model();
    if (name === "name") return s.name;
    if (name === "visibility") return s.visibility;
    if (name === "tabColor") return s.tabColor;
    return super.read(name);
  }

  protected override child(name: string): ClientObject {
    if (name === "protection") return this.protection;
    return super.child(name);
  }

  get name(): string {
    return this.prop("name");
  }
  get visibility(): string {
    return this.prop("visibility");
  }
  set visibility(v: string) {
    this.queue({ set: "visibility", value: v }, () => {
      const s = this.model();
      if (v !== "Visible" && this.excel.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) {
        throw new FakeOfficeError("InvalidOperation", "A workbook must have at least one visible sheet.");
      }
      s.visibility = v as FakeSheet["visibility"];
    });
  }
  get tabColor(): string {
    return this.prop("tabColor");
  }
  set tabColor(v: string) {
    this.queue({ set: "tabColor", value: v }, () => (this.writable().tabColor = v));
  }

  activate(): void {
    this.queue({ call: "activate" }, () => (this.excel.activeSheet = this.model().name));
  }

  delete(): void {
    this.queue({ call: "delete" }, () => {
      // Sheet protection does not prevent deleting the sheet (workbook structure protection would).
      const s = this.model();
      if (this.excel.sheets.length === 1) throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one sheet.");
      this.excel.sheets = this.excel.sheets.filter((x) => x !== s);
    });
  }

  getRange(address?: string): RangeProxy {
    const rect = address === undefined || address === "" ? { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL } : parseAddress(address);
    return new RangeProxy(this.context, this, () => rect);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    const rect = { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 };
    return new RangeProxy(this.context, this, () => rect);
  }

  getRanges(address: string): RangeAreasProxy {
    const rects = address.split(",").map((a) => parseAddress(a));
    return new RangeAreasProxy(this.context, this, () => rects);
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    let rect: Rect | null | undefined;
    const r = new RangeProxy(this.context, this, () => {
      if (rect === undefined) notLoaded("usedRange");
      return rect;
    });
    this.queue({ call: "getUsedRangeOrNullObject", valuesOnly }, () => {
      rect = this.model().usedRect(valuesOnly);
      r.setNull(rect === null);
    });
    return r;
  }
}

class ProtectionProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    private ws: WorksheetProxy,
  ) {
    super(context, `${ws.path}.protection`);
  }
  protected override read(name: string): unknown {
    if (name === "protected") return this.ws.model().protected;
    return super.read(name);
  }
  get protected(): boolean {
    return this.prop("protected");
  }
}

class FreezePanesProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    private ws: WorksheetProxy,
  ) {
    super(context, `${ws.path}.freezePanes`);
  }
  freezeAt(range: RangeProxy | string): void {
    const rect = typeof range === "string" ? parseAddress(range) : null;
    this.queue({ call: "freezeAt", range: typeof range === "string" ? range : range.path }, () => {
      const r = rect ?? (range as RangeProxy).rect();
      if (r === null) throw new FakeOfficeError("InvalidArgument", "null range");
      this.ws.model().freeze = { rows: r.bottom + 1, cols: r.right + 1 };
    });
  }
  freezeRows(count = 1): void {
    this.queue({ call: "freezeRows", count }, () => (this.ws.model().freeze = { rows: count, cols: 0 }));
  }
  freezeColumns(count = 1): void {
    this.queue({ call: "freezeColumns", count }, () => (this.ws.model().freeze = { rows: 0, cols: count }));
  }
  unfreeze(): void {
    this.queue({ call: "unfreeze" }, () => (this.ws.model().freeze = { rows: 0, cols: 0 }));
  }
}

class PageLayoutProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    private ws: WorksheetProxy,
  ) {
    super(context, `${ws.path}.pageLayout`);
  }
  private setp(key: keyof FakeSheet["pageLayout"], value: unknown) {
    this.queue({ set: key, value }, () => {
      (this.ws.writable().pageLayout as Record<string, unknown>)[key] = value;
    });
  }
  set orientation(v: string) {
    this.setp("orientation", v);
  }
  set paperSize(v: string) {
    this.setp("paperSize", v);
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.setp("zoom", { ...v });
  }
  set leftMargin(v: number) {
    this.setp("leftMargin", v);
  }
  set rightMargin(v: number) {
    this.setp("rightMargin", v);
  }
  set topMargin(v: number) {
    this.setp("topMargin", v);
  }
  set bottomMargin(v: number) {
    this.setp("bottomMargin", v);
  }
  setPrintTitleRows(rows: string): void {
    this.setp("printTitleRows", rows);
  }
}

/** What format operations act on: a sheet and one or more rectangles (resolved at sync). */
type Target = () => { sheet: FakeSheet; rects: Rect[] };

function forEachCell(rects: Rect[], sheet: FakeSheet, fn: (c: FakeCell, row: number, col: number) => void, create = true): void {
  for (const r of rects) {
    const n = (r.bottom - r.top + 1) * (r.right - r.left + 1);
    if (n > 2_000_000) {
      // Entire rows/columns: touch only existing cells (good enough for clear/unmerge on whole sheets).
      for (const [key, c] of sheet.cells) {
        const [row, col] = key.split(",").map(Number);
        if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) fn(c, row, col);
      }
      continue;
    }
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const c = sheet.at(row, col, create);
        if (c) fn(c, row, col);
      }
    }
  }
}

class RangeFormatProxy extends ClientObject {
  readonly fill: RangeFillProxy;
  readonly font: RangeFontProxy;
  readonly borders: BordersProxy;
  constructor(
    context: FakeRequestContext,
    path: string,
    readonly target: Target,
  ) {
    super(context, `${path}.format`);
    this.fill = new RangeFillProxy(context, this.path, target);
    this.font = new RangeFontProxy(context, this.path, target);
    this.borders = new BordersProxy(context, this.path, target);
  }
  private setCells(key: "horizontalAlignment" | "verticalAlignment" | "wrapText" | "indentLevel", value: unknown) {
    this.queue({ set: key, value }, () => {
      const { sheet, rects } = this.target();
      forEachCell(rects, sheet, (c) => ((c as unknown as Record<string, unknown>)[key] = value));
    });
  }
  set horizontalAlignment(v: string) {
    this.setCells("horizontalAlignment", v);
  }
  set verticalAlignment(v: string) {
    this.setCells("verticalAlignment", v);
  }
  set wrapText(v: boolean) {
    this.setCells("wrapText", v);
  }
  set indentLevel(v: number) {
    this.setCells("indentLevel", v);
  }
  set columnWidth(v: number) {
    this.queue({ set: "columnWidth", value: v }, () => {
      const { sheet, rects } = this.target();
      for (const r of rects) for (let c = r.left; c <= r.right; c++) sheet.columnWidths.set(c, v);
    });
  }
  set rowHeight(v: number) {
    this.queue({ set: "rowHeight", value: v }, () => {
      const { sheet, rects } = this.target();
      for (const r of rects) for (let row = r.top; row <= r.bottom; row++) sheet.rowHeights.set(row, v);
    });
  }
}

class RangeFillProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    private target: Target,
  ) {
    super(context, `${path}.fill`);
  }
  private each(fn: (c: FakeCell) => void) {
    const { sheet, rects } = this.target();
    forEachCell(rects, sheet, fn);
  }
  set color(v: string) {
    this.queue({ set: "color", value: v }, () =>
      this.each((c) => (c.fill = { color: v.toUpperCase(), pattern: c.fill?.pattern && c.fill.pattern !== "None" ? c.fill.pattern : "Solid", patternColor: c.fill?.patternColor, tintAndShade: 0 })),
    );
  }
  set pattern(v: string) {
    this.queue({ set: "pattern", value: v }, () =>
      this.each((c) => (c.fill = v === "None" ? null : { color: c.fill?.color ?? "#FFFFFF", pattern: v, patternColor: c.fill?.patternColor, tintAndShade: c.fill?.tintAndShade ?? 0 })),
    );
  }
  set patternColor(v: string) {
    this.queue({ set: "patternColor", value: v }, () =>
      this.each((c) => (c.fill = { color: c.fill?.color ?? "#FFFFFF", pattern: c.fill?.pattern ?? "Solid", patternColor: v.toUpperCase(), tintAndShade: c.fill?.tintAndShade ?? 0 })),
    );
  }
  clear(): void {
    this.queue({ call: "clear" }, () => {
      const { sheet, rects } = this.target();
      forEachCell(rects, sheet, (c) => (c.fill = null), false);
    });
  }
}

class RangeFontProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    private target: Target,
  ) {
    super(context, `${path}.font`);
  }
  private setf(key: "bold" | "size" | "color" | "name", value: unknown) {
    this.queue({ set: key, value }, () => {
      const { sheet, rects } = this.target();
      forEachCell(rects, sheet, (c) => (c.font = { ...c.font, [key]: value }));
    });
  }
  set bold(v: boolean) {
    this.setf("bold", v);
  }
  set size(v: number) {
    this.setf("size", v);
  }
  set color(v: string) {
    this.setf("color", v);
  }
  set name(v: string) {
    this.setf("name", v);
  }
}

class BordersProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    private target: Target,
  ) {
    super(context, `${path}.borders`);
  }
  getItem(index: string): BorderProxy {
    return new BorderProxy(this.context, `${this.path}('${index}')`, this.target, index);
  }
}

class BorderProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    path: string,
    private target: Target,
    private index: string,
  ) {
    super(context, path);
  }
  private setb(key: "style" | "weight", value: string) {
    this.queue({ set: key, value }, () => {
      const { sheet, rects } = this.target();
      for (const r of rects) {
        forEachCell([r], sheet, (c, row, col) => {
          const sides = bordersFor(this.index, r, row, col);
          if (sides.length === 0) return;
          c.borders = c.borders ?? {};
          for (const side of sides) c.borders[side] = { ...c.borders[side], [key]: value };
        });
      }
    });
  }
  set style(v: string) {
    this.setb("style", v);
  }
  set weight(v: string) {
    this.setb("weight", v);
  }
}

/** Which sides of cell (row, col) a border item of area r draws. */
function bordersFor(index: string, r: Rect, row: number, col: number): string[] {
  switch (index) {
    case "EdgeTop":
      return row === r.top ? ["top"] : [];
    case "EdgeBottom":
      return row === r.bottom ? ["bottom"] : [];
    case "EdgeLeft":
      return col === r.left ? ["left"] : [];
    case "EdgeRight":
      return col === r.right ? ["right"] : [];
    case "InsideHorizontal":
      return [...(row > r.top ? ["top"] : []), ...(row < r.bottom ? ["bottom"] : [])];
    case "InsideVertical":
      return [...(col > r.left ? ["left"] : []), ...(col < r.right ? ["right"] : [])];
    default:
      return [];
  }
}

class RangeAreasProxy extends ClientObject {
  readonly format: RangeFormatProxy;
  /** The rectangles, one Range each (ExcelApi 1.9); a null object's collection is empty. */
  readonly areas: RangeCollectionProxy;
  private nullState: boolean | undefined;
  constructor(
    context: FakeRequestContext,
    readonly ws: WorksheetProxy,
    readonly rects: () => Rect[] | null,
  ) {
    super(context, `${ws.path}.areas`);
    const target: Target = () => {
      const sheet = this.ws.writable();
      const rs = this.rects();
      if (!rs) throw new FakeOfficeError("InvalidOperation", "null object");
      return { sheet, rects: rs };
    };
    this.format = new RangeFormatProxy(context, this.path, target);
    this.areas = new RangeCollectionProxy(context, ws, `${this.path}.areas`, () => this.rects() ?? []);
  }
  protected override child(name: string): ClientObject {
    if (name === "areas") return this.areas;
    return super.child(name);
  }
  setNull(v: boolean): void {
    this.nullState = v;
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) notLoaded("isNullObject");
    return this.nullState;
  }
  protected override read(name: string): unknown {
    if (name === "address") {
      const rs = this.rects();
      if (!rs) return null;
      const prefix = `${quoteSheet(this.ws.model().name)}!`;
      return rs.map((r) => prefix + rectAddress(r)).join(",");
    }
    if (name === "areaCount") return this.rects()?.length ?? null;
    if (name === "cellCount") {
      const rs = this.rects();
      return rs ? rs.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0) : null;
    }
    return super.read(name);
  }
  get address(): string {
    return this.prop("address");
  }
  get areaCount(): number {
    return this.prop("areaCount");
  }
  get cellCount(): number {
    return this.prop("cellCount");
  }
}

/** RangeAreas.areas: a collection of Range objects, loaded as `items/<property>` like any Office.js collection. */
class RangeCollectionProxy extends ClientObject {
  constructor(
    context: FakeRequestContext,
    private ws: WorksheetProxy,
    path: string,
    private rects: () => Rect[],
  ) {
    super(context, path);
  }

  get items(): RangeProxy[] {
    return this.prop<RangeProxy[]>("items");
  }

  private makeItems(): RangeProxy[] {
    const items = this.rects().map((r) => new RangeProxy(this.context, this.ws, () => r));
    this.loaded.set("items", items);
    return items;
  }

  /** Excel answers a collection load with one object per item, each holding the properties asked for. */
  override load(spec?: LoadSpec): this {
    const paths = loadPaths(spec).map((p) => p.split("/"));
    for (const parts of paths) {
      if (parts[0] !== "items") throw new FakeOfficeError("InvalidArgument", `fake: cannot load '${parts.join("/")}' on ${this.path}`);
    }
    this.context.enqueue({ path: this.path, load: paths.map((p) => p.join("/")) }, () =>
      this.makeItems().map((item) => Object.fromEntries(paths.filter((p) => p.length > 1).map((p) => [p.slice(1).join("/"), item.loadPath(p.slice(1))]))),
    );
    return this;
  }

  override loadPath(parts: string[]): unknown {
    if (parts[0] !== "items") return super.loadPath(parts);
    const items = this.makeItems();
    return parts.length === 1 ? items.map(() => ({})) : items.map((item) => item.loadPath(parts.slice(1)));
  }
}

/** Cells → rectangles: each row's runs of consecutive columns, stacked while consecutive rows have the same run. */
function runsOf(cells: { row: number; col: number }[]): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const cols = byRow.get(row);
    if (cols) cols.push(col);
    else byRow.set(row, [col]);
  }
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = byRow.get(row)!.sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const key = `${cols[i]}:${cols[j]}`;
      const rect = open.get(key);
      if (rect && rect.bottom === row - 1) {
        rect.bottom = row;
        open.delete(key);
        next.set(key, rect);
      } else next.set(key, { top: row, bottom: row, left: cols[i], right: cols[j] });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Whether a cell matches getSpecialCells' cellType and cellValueType ("All", "Numbers", "ErrorsText", ...). */
function specialMatch(c: FakeCell, cellType: string, cellValueType: string): boolean {
  const isFormula = c.formula !== undefined;
  if (cellType === "Formulas") {
    if (!isFormula) return false;
  } else if (cellType === "Constants") {
    if (isFormula || c.value === null) return false;
  } else {
    throw new FakeOfficeError("InvalidArgument", `fake: getSpecialCells('${cellType}') is not modelled`);
  }
  if (cellValueType === "All") return true;
  const v = readValue(c);
  const kind = typeof v === "number" ? "Number" : typeof v === "boolean" ? "Logical" : isErrorValue(c) ? "Error" : "Text";
  return cellValueType.includes(kind);
}

function isErrorValue(c: FakeCell): boolean {
  const v = c.formula !== undefined ? c.cachedValue : c.value;
  return typeof v === "object" && v !== null;
}

class CellPropertiesResult<T> {
  private v: T | undefined;
  private done = false;
  set(v: T) {
    this.v = v;
    this.done = true;
  }
  get value(): T {
    if (!this.done) notLoaded("value");
    return this.v as T;
  }
}

function readValue(c: FakeCell | undefined): string | number | boolean {
  if (!c) return "";
  const v = c.formula !== undefined ? (c.cachedValue ?? null) : c.value;
  if (v === null) return "";
  if (typeof v === "object") return v.error;
  return v;
}

function valueType(c: FakeCell | undefined): string {
  if (!c) return "Empty";
  const v = c.formula !== undefined ? (c.cachedValue ?? null) : c.value;
  if (v === null) return "Empty";
  if (typeof v === "object") return "Error";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

class RangeProxy extends ClientObject {
  readonly format: RangeFormatProxy;
  private nullState: boolean | undefined;

  constructor(
    context: FakeRequestContext,
    readonly ws: WorksheetProxy,
    private resolveRect: () => Rect | null,
  ) {
    super(context, `${ws.path}.range`);
    this.format = new RangeFormatProxy(context, this.path, () => {
      const r = this.rect();
      if (!r) throw new FakeOfficeError("InvalidOperation", "null object");
      return { sheet: this.ws.writable(), rects: [r] };
    });
  }

  rect(): Rect | null {
    return this.resolveRect();
  }

  setNull(v: boolean): void {
    this.nullState = v;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) return false;
    return this.nullState;
  }

  private grid<T>(fn: (c: FakeCell | undefined, row: number, col: number) => T): T[][] | null {
    const r = this.rect();
    if (!r) return null;
    const n = (r.bottom - r.top + 1) * (r.right - r.left + 1);
    if (n > 5_000_000) throw new FakeOfficeError("RangeExceedsLimit", "The number of cells in the range has exceeded the maximum supported number.");
    const sheet = this.ws.model();
    const out: T[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: T[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(fn(sheet.cells.get(`${row},${col}`), row, col));
      out.push(line);
    }
    return out;
  }

  protected override read(name: string): unknown {
    const r = this.rect();
    switch (name) {
      case "values": {
        let uncalculated = 0;
        const grid = this.grid((c) => {
          if (c?.formula !== undefined && c.cachedValue === undefined) uncalculated++;
          return readValue(c);
        });
        this.context.countUncalculated(uncalculated);
        return grid;
      }
      case "formulas":
        return this.grid((c) => (c?.formula !== undefined ? c.formula : readValue(c)));
      case "numberFormat":
        return this.grid((c) => c?.numberFormat ?? "General");
      case "valueTypes":
        return this.grid((c) => valueType(c));
      case "address":
        return r ? `${quoteSheet(this.ws.model().name)}!${rectAddress(r)}` : null;
      case "rowIndex":
        return r ? r.top : null;
      case "columnIndex":
        return r ? r.left : null;
      case "rowCount":
        return r ? r.bottom - r.top + 1 : null;
      case "columnCount":
        return r ? r.right - r.left + 1 : null;
    }
    return super.read(name);
  }

  get values(): (string | number | boolean)[][] {
    return this.prop("values");
  }
  get formulas(): (string | number | boolean)[][] {
    return this.prop("formulas");
  }
  get numberFormat(): string[][] {
    return this.prop("numberFormat");
  }
  get valueTypes(): string[][] {
    return this.prop("valueTypes");
  }
  get address(): string {
    return this.prop("address");
  }
  get rowIndex(): number {
    return this.prop("rowIndex");
  }
  get columnIndex(): number {
    return this.prop("columnIndex");
  }
  get rowCount(): number {
    return this.prop("rowCount");
  }
  get columnCount(): number {
    return this.prop("columnCount");
  }

  /** Writes a 2-D array (or one value for every cell); null entries leave cells unchanged, as in Office.js. */
  private writeCells(prop: string, data: unknown, apply: (c: FakeCell, v: unknown, row: number, col: number) => void) {
    this.queue({ set: prop, value: data }, () => {
      const r = this.rect();
      if (!r) throw new FakeOfficeError("InvalidOperation", "null object");
      const sheet = this.ws.writable();
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      if (Array.isArray(data)) {
        if (data.length !== rows || data.some((line) => !Array.isArray(line) || line.length !== cols)) {
          throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${prop})`);
        }
      }
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const v = Array.isArray(data) ? (data as unknown[][])[i][j] : data;
          if (v === null || v === undefined) continue;
          apply(sheet.at(r.top + i, r.left + j, true)!, v, r.top + i, r.left + j);
        }
      }
    });
  }

  set values(data: unknown) {
    this.writeCells("values", data, setTyped);
  }
  set formulas(data: unknown) {
    this.writeCells("formulas", data, setTyped);
  }
  /** R1C1 formulas, each cell's references resolved from its own position (as Excel does); constants as typed. */
  set formulasR1C1(data: unknown) {
    this.writeCells("formulasR1C1", data, (c, v, row, col) => setTyped(c, typeof v === "string" && v.startsWith("=") ? r1c1ToA1(v, row, col) : v));
  }
  set numberFormat(data: unknown) {
    this.writeCells("numberFormat", data, (c, v) => (c.numberFormat = v === "" ? "General" : String(v)));
  }

  merge(across = false): void {
    this.queue({ call: "merge", across }, () => {
      const r = this.rect()!;
      const sheet = this.ws.writable();
      const parts: Rect[] = across ? Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ ...r, top: r.top + i, bottom: r.top + i })) : [r];
      for (const p of parts) {
        sheet.merges = sheet.merges.filter((m) => !intersects(m, p));
        // Excel keeps the upper-left value of a merged area.
        forEachCell([p], sheet, (c, row, col) => {
          if (row !== p.top || col !== p.left) Object.assign(c, { value: null, formula: undefined, cachedValue: undefined });
        }, false);
        if (p.top !== p.bottom || p.left !== p.right) sheet.merges.push({ ...p });
      }
    });
  }

  unmerge(): void {
    this.queue({ call: "unmerge" }, () => {
      const r = this.rect()!;
      const sheet = this.ws.writable();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, r));
    });
  }

  clear(applyTo: string = "All"): void {
    this.queue({ call: "clear", applyTo }, () => {
      const r = this.rect()!;
      const sheet = this.ws.writable();
      const contents = applyTo === "All" || applyTo === "Contents";
      const formats = applyTo === "All" || applyTo === "Formats";
      forEachCell([r], sheet, (c, row, col) => {
        if (contents) Object.assign(c, { value: null, formula: undefined, cachedValue: undefined, quotePrefix: undefined });
        if (formats) {
          Object.assign(c, { numberFormat: "General", fill: null });
          for (const k of ["font", "horizontalAlignment", "verticalAlignment", "wrapText", "indentLevel", "borders"] as const) delete c[k];
        }
        if (c.value === null && c.formula === undefined && c.numberFormat === "General" && c.fill === null && !c.font && !c.borders) {
          sheet.cells.delete(`${row},${col}`);
        }
      }, false);
      if (formats) sheet.merges = sheet.merges.filter((m) => !intersects(m, r));
    });
  }

  select(): void {
    this.queue({ call: "select" }, () => {
      const r = this.rect()!;
      const s = this.ws.model();
      if (this.excel.activeSheet.toLowerCase() !== s.name.toLowerCase()) {
        throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation (sheet not active).");
      }
      this.excel.selection = { sheet: s.name, address: rectAddress(r) };
    });
  }

  getCellProperties(opts: { format?: { fill?: Record<string, boolean> } }): CellPropertiesResult<unknown[][]> {
    const result = new CellPropertiesResult<unknown[][]>();
    const want = opts.format?.fill ?? {};
    this.context.enqueue({ path: this.path, call: "getCellProperties", opts }, () => {
      const noFillPattern = this.excel.options.noFillPattern === undefined ? "None" : this.excel.options.noFillPattern;
      const grid = this.grid((c) => {
        const f = c?.fill ?? null;
        const fill: Record<string, unknown> = {};
        if (want.color) fill.color = f ? f.color : "#FFFFFF";
        if (want.pattern) fill.pattern = f ? f.pattern : noFillPattern;
        if (want.patternColor) fill.patternColor = f?.patternColor ?? "#000000";
        if (want.tintAndShade) fill.tintAndShade = f ? f.tintAndShade : null;
        return { format: { fill } };
      });
      result.set(grid ?? []);
      return grid;
    });
    return result;
  }

  /** ExcelApi 1.9: the matching cells of this range as a RangeAreas; ItemNotFound when there is none. */
  getSpecialCells(cellType: string, cellValueType = "All"): RangeAreasProxy {
    return this.specialCells(cellType, cellValueType, false);
  }

  /** ExcelApi 1.9: as getSpecialCells, but a null object when no cell matches. */
  getSpecialCellsOrNullObject(cellType: string, cellValueType = "All"): RangeAreasProxy {
    return this.specialCells(cellType, cellValueType, true);
  }

  private specialCells(cellType: string, cellValueType: string, orNull: boolean): RangeAreasProxy {
    let found: Rect[] | null | undefined;
    const areas = new RangeAreasProxy(this.context, this.ws, () => {
      if (found === undefined) notLoaded("specialCells");
      return found;
    });
    const call = orNull ? "getSpecialCellsOrNullObject" : "getSpecialCells";
    this.queue({ call, cellType, cellValueType }, () => {
      const r = this.rect();
      if (!r) throw new FakeOfficeError("InvalidOperation", "null object");
      const sheet = this.ws.model();
      const cells: { row: number; col: number }[] = [];
      const consider = (c: FakeCell | undefined, row: number, col: number) => {
        if (c && specialMatch(c, cellType, cellValueType)) cells.push({ row, col });
      };
      if ((r.bottom - r.top + 1) * (r.right - r.left + 1) <= sheet.cells.size) {
        for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) consider(sheet.cells.get(`${row},${col}`), row, col);
      } else {
        for (const [key, c] of sheet.cells) {
          const [row, col] = key.split(",").map(Number);
          if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) consider(c, row, col);
        }
      }
      found = cells.length > 0 ? runsOf(cells) : null;
      if (found === null && !orNull) throw new FakeOfficeError("ItemNotFound", "No cells were found.");
      areas.setNull(found === null);
    });
    return areas;
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    let found: Rect[] | null | undefined;
    const areas = new RangeAreasProxy(this.context, this.ws, () => {
      if (found === undefined) notLoaded("mergedAreas");
      return found;
    });
    this.queue({ call: "getMergedAreasOrNullObject" }, () => {
      const r = this.rect();
      const list = r ? this.ws.model().merges.filter((m) => intersects(m, r)) : [];
      found = list.length > 0 ? list : null;
      areas.setNull(found === null);
    });
    return areas;
  }
}

/**
 * An R1C1 formula as A1 text at 0-based (row, col): R[n] and C[n] are offsets from the cell, Rn and Cn absolute rows
 * and columns, a bare R or C the cell's own; text in double quotes and quoted sheet names are left as they are.
 */
export function r1c1ToA1(formula: string, row: number, col: number): string {
  const isName = (ch: string | undefined) => ch !== undefined && /[\w.$\u0080-\uffff]/.test(ch);
  let out = "";
  let i = 0;
  const number = (): { value: number; relative: boolean } | null => {
    if (formula[i] === "[") {
      const close = formula.indexOf("]", i);
      const value = Number(formula.slice(i + 1, close));
      i = close + 1;
      return { value, relative: true };
    }
    let j = i;
    while (j < formula.length && formula[j] >= "0" && formula[j] <= "9") j++;
    if (j === i) return null;
    const value = Number(formula.slice(i, j));
    i = j;
    return { value, relative: false };
  };
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "R" && !isName(formula[i - 1])) {
      const start = i;
      i++;
      const r = number();
      if (formula[i] === "C") {
        i++;
        const c = number();
        if (!isName(formula[i]) && formula[i] !== "(") {
          const rowNumber = r === null ? row + 1 : r.relative ? row + 1 + r.value : r.value;
          const colNumber = c === null ? col + 1 : c.relative ? col + 1 + c.value : c.value;
          out += `${c && !c.relative ? "$" : ""}${columnLetter(colNumber - 1)}${r && !r.relative ? "$" : ""}${rowNumber}`;
          continue;
        }
      }
      i = start;
    }
    // Any other name is copied whole, so that a name holding "R…C" is not read as a reference.
    if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      let j = i;
      while (j < formula.length && isName(formula[j])) j++;
      out += formula.slice(i, Math.max(j, i + 1));
      i = Math.max(j, i + 1);
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function setTyped(c: FakeCell, v: unknown): void {
  if (typeof v === "number" || typeof v === "boolean") {
    Object.assign(c, { value: v, formula: undefined, cachedValue: undefined, quotePrefix: undefined });
    return;
  }
  Object.assign(c, { value: null, formula: undefined, cachedValue: undefined, quotePrefix: undefined }, parseTyped(String(v)));
}
