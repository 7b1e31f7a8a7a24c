/**
 * 审核: runs the rule catalogue (data/rules.ts) over a snapshot and returns findings, a plan (highlights, when asked)
 * and a summary. One routine per rule kind; which cells a rule covers and what it says come from the catalogue.
 * Every pass is linear in the number of cells or derivations (no pairwise loops over cells).
 */
import Decimal from "decimal.js";
import { cellRef, parseRef } from "../address";
import { MARKS, REGISTRY_SHEET, type TableId } from "../data/layout";
import type { Language } from "../data/messages";
import {
  CHECK_MESSAGES,
  formatRuleMessage,
  RULES,
  rule as ruleById,
  type DerivedSelector,
  type FigureSelector,
  type Rule,
} from "../data/rules";
import { derivedFlags, expenseCode, expenseHierarchy, indicatorNature, type DerivedCellState, type Derivation, type OwnFormulas } from "../derive";
import { derive, readModel, type StepCache } from "../step-cache";
import { cellAt, inputsOf, refCol, refCoords, refKey, refRow, strictInputsOf, type Expr, type Ref } from "../expr";
import { CellMap } from "../cell-map";
import { requiredInputCells } from "../fill";
import { severityOrder, type Finding, type Severity } from "../findings";
import type { CellModel, RowModel, TableModel, WorkbookModel } from "../model";
import { emptyPlan, type Plan } from "../plan";
import { isCellError, type WorkbookSnapshot } from "../snapshot";
import { compareDecimals, decimalFromNumber, decimalToNumber, normalizeLabel, YUAN_PER_WAN } from "../text";
import { CheckContext, statedFigure, type Figure, type StatedFigure } from "./evaluate";
import { attachExplanations } from "./explain";
import { highlightPlan } from "./highlight";
import {
  add as ivAdd,
  compareIntervals,
  decimalsOf,
  exactInterval,
  findPlug,
  meets,
  roundDecimal,
  scale as scaleInterval,
  statedInterval,
  type Outcome,
} from "./interval";

export interface CheckOptions {
  /** Fill each finding's cells by its worst severity (the snapshot must carry fills). */
  highlight?: boolean;
  lang?: Language;
  /** Derivations kept from an earlier step of the same command. */
  cache?: StepCache;
}

export interface CheckSummary {
  unitName: string | null;
  year: number | null;
  counts: Record<Severity, number>;
  /** Warnings (and notes) whose stored explanation still holds. */
  explained: number;
  text: string;
}

export interface CheckResult {
  findings: Finding[];
  plan: Plan;
  summary: CheckSummary;
  model: WorkbookModel;
}

type Params = Record<string, string | number | undefined>;

/** A nominal value of a table kept in 元 (scale 10⁴), in 万元: as inWan computes the figure's value. */
function inWanNominal(v: Decimal, tableScale: number): Decimal {
  return tableScale === 1 ? v : v.times(new Decimal(1).dividedBy(tableScale));
}

/** A figure of a table kept in 元 (scale 10⁴), expressed in 万元. */
function inWan(f: Figure, tableScale: number): Figure {
  if (tableScale === 1) return f;
  const k = new Decimal(1).dividedBy(tableScale);
  return { nom: f.nom.times(k), iv: f.iv ? scaleInterval(f.iv, k) : null };
}

/** Formats a figure the way the cell shows it: rates as percentages. */
export function showFigure(v: Decimal, decimals: number | null, rate: boolean): string {
  if (rate) {
    const d = Math.max(0, (decimals ?? 4) - 2);
    return `${v.times(100).toFixed(d)}%`;
  }
  return decimals === null ? v.toString() : v.toFixed(Math.max(0, decimals));
}

function matches(sel: DerivedSelector, d: Derivation): boolean {
  if (sel.table !== d.table) return false;
  if (sel.cols && !sel.cols.includes(d.colKey)) return false;
  if (sel.rows) {
    for (let i = 0; i < sel.rows.length; i++) {
      const r = sel.rows[i];
      if (r === d.rowKey || (r.endsWith("*") && d.rowKey.startsWith(r.slice(0, -1)))) return true;
    }
    return false;
  }
  return true;
}

const NO_DERIVATIONS: Derivation[] = [];
/** A finding's fields besides the usual ones: none (shared, as a default {} made an object a finding). */
const NOTHING_MORE: Partial<Finding> = Object.freeze({});
const NO_COLUMNS: ReadonlyMap<string, Derivation[]> = new Map();
/** A text that may name a year (yearLabels asks every text cell of the input sheets). */
const FOUR_DIGITS = /\d{4}/;

const DERIVED_KINDS = new Set(["sum", "identity", "balance", "rollForward", "derived", "same"]);

/** The first catalogue rule whose selector covers a derivation. */
export function ruleForDerivation(d: Derivation, rules: Rule[] = RULES): Rule | undefined {
  return rules.find((r) => DERIVED_KINDS.has(r.kind) && r.select?.some((s) => matches(s, d)));
}

/**
 * A rate's numerator and denominator, and the rate a person typed over the formula (null where the cell stands for
 * num / den). The plausibility rules compare num / den with a bound without dividing (rateVersus): 10,000s of rates,
 * few of them past a bound; a finding's message shows the rate (ratePercent).
 */
export type RatioParts = { num: Decimal; den: Decimal; stated: Decimal | null };

/** A rate as a finding shows it: a percent with two decimals ("57.14%"). */
function percentText(rate: Decimal): string {
  return `${rate.times(100).toFixed(2)}%`;
}

/**
 * The rate of a finding's message as percentText shows it: what the cell states, else num / den (den is never zero)
 * in hundredths of a percent, rounded once, half away from zero, as toFixed rounds. A synthetic workbook of 10,000
 * projects flags 8,500 rates: the hundredths are counted on doubles when no rounding boundary is near (their error is
 * a few parts in 10¹⁶), exactly otherwise, where a 40-digit quotient made for each message was a fifth of what 审核
 * allocated (and rounded twice: 100.0000499… showed as 10000.01%).
 */
export function ratePercent(p: RatioParts): string {
  if (p.stated) return percentText(p.stated);
  const negative = !p.num.isZero() && p.num.isNeg() !== p.den.isNeg();
  const a = Math.abs(decimalToNumber(p.num));
  const b = Math.abs(decimalToNumber(p.den));
  const hundredthsNear = (a / b) * 10000;
  const normal = (a === 0 && p.num.isZero()) || (a > 1e-280 && a < 1e280);
  if (normal && b > 1e-280 && b < 1e280 && hundredthsNear < 1e12) {
    const below = Math.floor(hundredthsNear);
    const fraction = hundredthsNear - below;
    if (Math.abs(fraction - 0.5) > 1e-13 * Math.max(1, hundredthsNear)) {
      const hundredths = fraction > 0.5 ? below + 1 : below;
      const text = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
      return `${negative ? "-" : ""}${text}%`;
    }
  }
  return exactRatePercent(p.num, p.den, negative);
}

/** ratePercent near a rounding boundary: the integer quotient of num × 10⁴ by den, rounded on its remainder. */
function exactRatePercent(num: Decimal, den: Decimal, negative: boolean): string {
  const scaled = num.times(10000);
  const whole = scaled.divToInt(den);
  const roundsAway = scaled.minus(whole.times(den)).abs().times(2).gte(den.abs());
  const hundredths = roundsAway ? whole.plus(negative ? -1 : 1) : whole;
  // toFixed writes a negative rate that rounds to zero as "-0.00", and a negative zero as "0.00".
  return `${negative && hundredths.isZero() ? "-" : ""}${hundredths.dividedBy(100).toFixed(2)}%`;
}

/**
 * The rate against `bound` (1, 0 or −1, as Decimal.cmp): num against bound × den, turned round for a negative den.
 * Decided on doubles when they are clearly apart, as 10,000s of rates are; exactly when they are close.
 */
export function rateVersus(p: RatioParts, bound: Decimal): number {
  if (p.stated) return compareDecimals(p.stated, bound);
  const turn = p.den.isPositive() ? 1 : -1;
  const a = decimalToNumber(p.num);
  const b = decimalToNumber(bound) * decimalToNumber(p.den);
  // Each double is within 2⁻⁵³ of its decimal and the product within 2⁻⁵² (away from the subnormals), so a gap of
  // 10⁻¹² of their size is the decimals' gap's sign.
  const size = Math.abs(a) + Math.abs(b);
  if (size > 1e-280 && size < Infinity && Math.abs(a - b) > 1e-12 * size) return a > b ? turn : -turn;
  const c = compareDecimals(p.num, bound.times(p.den));
  return turn > 0 ? c : -c;
}

const ONE = new Decimal(1);

class Checker {
  readonly findings: Finding[] = [];
  readonly ctx: CheckContext;
  readonly lang: Language;
  /** Cells whose comparison has been reported by a more specific rule (plug, unit). */
  private readonly handled = new Set<string>();
  /** By derivation's ordinal: 1 once a plausibility rule has reported it (the first rule to flag a rate reports it). */
  private plausibilityDone: Uint8Array | null = null;
  private readonly ratios = new Map<Derivation, RatioParts | null>();

  constructor(
    readonly snapshot: WorkbookSnapshot,
    readonly model: WorkbookModel,
    list: Derivation[],
    lang: Language,
    own?: OwnFormulas,
    states?: readonly DerivedCellState[] | null,
  ) {
    this.ctx = new CheckContext(snapshot, model, list, own, states);
    this.lang = lang;
  }

  private tableOf(d: Derivation): TableModel {
    return this.model.tables.get(d.table)![d.tableIndex];
  }

  add(r: Rule, severity: Severity, sheet: string, cells: string[], params: Params, extra: Partial<Finding> = NOTHING_MORE, note = "") {
    const message = formatRuleMessage(r.message[this.lang], { sheet, cell: cells[0] ?? "", ...params }) + note;
    const f: Finding = { ruleId: r.id, severity, sheet, cells, message };
    if (params.expected !== undefined) f.expected = String(params.expected);
    if (params.actual !== undefined) f.actual = String(params.actual);
    Object.assign(f, extra);
    this.findings.push(f);
  }

  labelOf(d: Derivation): { label: string; column: string; rate: boolean } {
    const t = this.tableOf(d);
    const row = t.rowByKey.get(d.rowKey);
    const col = t.spec.columns.find((c) => c.key === d.colKey);
    const column = col ? (col.group && col.key.endsWith("Total") ? `${col.group}` : col.header) : d.colKey;
    const label = t.spec.columns.length <= 2 ? row?.label ?? d.rowKey : row?.label ?? d.rowKey;
    return { label, column, rate: d.kind === "rate" };
  }

  // ---- 尾差 plug ---------------------------------------------------------------------------------------------
  plugs() {
    for (const r of RULES.filter((x) => x.kind === "plug")) {
      const table = r.params?.table as TableId;
      const cols = (r.params?.cols as string[]) ?? [];
      for (const t of this.model.tables.get(table) ?? []) {
        const { classes } = expenseHierarchy(t);
        for (const colKey of cols) {
          const entries: { row: RowModel; cell: CellModel; stated: StatedFigure; computed: Decimal }[] = [];
          for (const row of classes) {
            const cell = row.cells.get(colKey);
            if (!cell) continue;
            const state = this.ctx.stateAt(cell);
            const d = this.ctx.derivationAt(cell);
            if (!d || (state !== "typed" && state !== "foreign")) continue;
            const stated = statedFigure(cell);
            const computed = this.ctx.evaluate(d);
            if (!stated || typeof computed !== "object") continue;
            entries.push({ row, cell, stated, computed: computed.nom });
          }
          if (entries.length < 2) continue;
          const k = findPlug(
            entries.map((e) => ({ value: e.stated.value, decimals: e.stated.decimals, computed: e.computed })),
            1,
            this.ctx.mode,
          );
          if (k === null) continue;
          const e = entries[k];
          const col = t.spec.columns.find((c) => c.key === colKey)!;
          this.handled.add(`${e.cell.sheet}!${e.cell.ref}`);
          this.add(
            r,
            r.severity,
            e.cell.sheet,
            [e.cell.ref],
            {
              label: e.row.label,
              column: col.header,
              expected: showFigure(roundDecimal(e.computed, e.stated.decimals, this.ctx.mode), e.stated.decimals, true),
              actual: showFigure(e.stated.value, e.stated.decimals, true),
            },
            { outcome: "rounding" },
          );
        }
      }
    }
  }

  // ---- derived figures vs recomputation (sums, identities, balances, roll-forward, rates, links) -------------
  derived() {
    const zeroRule = ruleById("plaus.zeroChange");
    for (let i = 0; i < this.ctx.derivations.length; i++) {
      const d = this.ctx.derivations[i];
      // Most cells hold 计算's formulas: asked first, so that only the others have their "sheet!A1" made.
      const state = this.ctx.stateAt(d);
      if (state !== "typed" && state !== "foreign") continue;
      const key = d.key;
      if (this.handled.has(key)) continue;
      const cell = this.ctx.cell(d);
      const stated = statedFigure(cell);
      if (!cell || !stated) continue;
      const r = ruleForDerivation(d);
      if (!r) continue;
      const computed = this.ctx.evaluate(d);
      const { label, column, rate } = this.labelOf(d);
      const show = (v: Decimal) => showFigure(v, stated.decimals, rate);
      if (computed === "blank") continue;
      if (computed === "zeroDiv") {
        const zero = this.model.settings.zeroDivision;
        if (stated.value.isZero()) {
          if (zero !== "zero") {
            this.add(zeroRule, zeroRule.severity, d.sheet, [d.ref], {
              label,
              column,
              actual: show(stated.value),
              expected: (zero === "dash" ? CHECK_MESSAGES.zeroDivDash : CHECK_MESSAGES.zeroDivBlank)[this.lang],
            });
          }
        } else {
          this.add(r, r.severity, d.sheet, [d.ref], { label, column, actual: show(stated.value), expected: "—" }, { outcome: "inconsistent" });
        }
        continue;
      }
      let outcome: Outcome | "indeterminate";
      if (computed.iv === null) {
        outcome = roundDecimal(computed.nom, stated.decimals, this.ctx.mode).eq(stated.value) ? "exact" : "indeterminate";
      } else {
        outcome = compareIntervals(stated.value, stated.decimals, computed.iv, computed.nom, this.ctx.mode);
      }
      if (outcome === "exact") continue;
      // An indicator score below its formula is a cut: plaus.scoreCut asks for the reason instead.
      if (d.table === "indicators" && d.colKey === "score" && stated.value.lt(computed.nom)) continue;
      const expected = show(roundDecimal(computed.nom, stated.decimals, this.ctx.mode));
      const params: Params = { label, column, expected, actual: show(stated.value) };
      if (outcome === "indeterminate") {
        this.add(r, "info", d.sheet, [d.ref], params, { outcome }, CHECK_MESSAGES.baseTooSmall[this.lang]);
        continue;
      }
      if (outcome === "inconsistent" && this.unitScale(d, stated, computed)) continue;
      if (outcome === "rounding") {
        this.add(r, r.roundingSeverity ?? "warning", d.sheet, [d.ref], params, { outcome }, CHECK_MESSAGES.roundingNote[this.lang]);
      } else {
        this.add(r, r.severity, d.sheet, [d.ref], params, { outcome });
      }
    }
  }

  /** Linear terms of an expression: the cells a sum / difference adds, with their signs. */
  linearTerms(e: Expr, w: number, out: { at: Ref; w: number }[]): boolean {
    switch (e.t) {
      case "ref":
        out.push({ at: e.at, w });
        return true;
      case "num":
        return true;
      case "add":
        return e.args.every((a) => this.linearTerms(a, w, out));
      case "sub":
        return this.linearTerms(e.a, w, out) && this.linearTerms(e.b, -w, out);
      case "sum":
        e.refs.forEach((at) => out.push({ at, w }));
        return true;
      case "sumIfs":
        for (const at of inputsOf(e)) if (refCoords(at).col === e.sumCol) out.push({ at, w });
        return true;
      default:
        return false;
    }
  }

  /** 元 typed where 万元 is meant: the relation holds once one figure is divided by 10⁴. */
  unitScale(d: Derivation, stated: StatedFigure, computed: Figure): boolean {
    if (!computed.iv) return false;
    const r = ruleById("unit.yuan");
    const scale = new Decimal(YUAN_PER_WAN);
    const statedIv = statedInterval(stated.value, stated.decimals, this.ctx.mode);
    // The stated figure itself.
    if (stated.value.abs().gte(100)) {
      const shrunk = stated.value.dividedBy(scale);
      if (meets(statedInterval(shrunk, stated.decimals + 4, this.ctx.mode), computed.iv) && !computed.nom.isZero()) {
        this.add(r, r.severity, d.sheet, [d.ref], { actual: stated.value.toString(), expected: roundDecimal(computed.nom, stated.decimals).toString() });
        return true;
      }
    }
    const terms: { at: Ref; w: number }[] = [];
    if (!this.linearTerms(d.expr, 1, terms)) return false;
    for (const term of terms) {
      const key = `${term.at.sheet}!${term.at.ref}`;
      const st = this.ctx.stateAt(term.at);
      if (st !== undefined && st !== "typed" && st !== "foreign") continue;
      const p = statedFigure(this.ctx.cell(term.at));
      if (!p || p.value.abs().lt(100)) continue;
      const delta = p.value.minus(p.value.dividedBy(scale)).times(-term.w);
      if (meets(statedIv, ivAdd(computed.iv, exactInterval(delta)))) {
        this.handled.add(key);
        this.add(r, r.severity, term.at.sheet, [term.at.ref], {
          actual: p.value.toString(),
          expected: p.value.dividedBy(scale).toString(),
        });
        return true;
      }
    }
    return false;
  }

  // ---- the same quantity in two places -------------------------------------------------------------------------
  resolve(sel: FigureSelector): { cells: CellModel[]; refs: Ref[]; table: TableModel; row: RowModel } | null {
    const t = this.model.tables.get(sel.table)?.[0];
    if (!t) return null;
    let row: RowModel | undefined;
    if (sel.row) row = t.rowByKey.get(sel.row);
    else {
      const labels = (sel.labels ?? []).map(normalizeLabel);
      row = t.rows.find((r) => (sel.codes ?? []).includes(expenseCode(r) ?? "")) ?? t.rows.find((r) => labels.includes(normalizeLabel(r.label)));
    }
    if (!row) return null;
    const cells = sel.cols.map((c) => row!.cells.get(c)).filter((c): c is CellModel => !!c);
    if (cells.length === 0) return null;
    return { cells, refs: cells.map((c) => cellAt(c.sheet, c.row, c.col)), table: t, row };
  }

  everyRowHas(t: TableModel, colKey: string): boolean {
    const col = t.columns.get(colKey);
    if (col === undefined) return false;
    const body = t.rows.filter((r) => r.key !== "total" && r.cells.look("inTotal")?.text?.trim() !== MARKS.no[0]);
    return body.length > 0 && body.every((r) => this.ctx.nominal(cellAt(t.sheet, r.row, col)) !== "blank");
  }

  same() {
    for (const r of RULES.filter((x) => x.kind === "same" && x.pairs)) {
      for (const pair of r.pairs!) {
        const a = this.resolve(pair.a);
        const b = this.resolve(pair.b);
        if (!a || !b) continue;
        // Nominal values first: equal sides (the usual case) need no interval arithmetic over their parts.
        const an = this.ctx.nominalSum(a.refs);
        const bn = this.ctx.nominalSum(b.refs);
        if (typeof an !== "object" || typeof bn !== "object") continue;
        if (inWanNominal(an, a.table.scale).eq(inWanNominal(bn, b.table.scale))) continue;
        // Asked of every row, so only of sides that differ.
        if (pair.requireAllRows && !pair.a.cols.every((c) => this.everyRowHas(a.table, c))) continue;
        // Each side in 万元: one table may be kept in 元 (单位：元).
        const af = inWan(this.ctx.sumOf(a.refs) as Figure, a.table.scale);
        const bf = inWan(this.ctx.sumOf(b.refs) as Figure, b.table.scale);
        const ad = Math.max(...a.cells.map((c) => statedFigure(c)?.decimals ?? 2));
        const first = a.cells.find((c) => c.raw !== null) ?? a.cells[0];
        const bCell = b.cells[0];
        const col = a.table.spec.columns.find((c) => c.key === pair.a.cols[0]);
        const params: Params = {
          label: a.row.label,
          column: col ? (col.group ?? col.header) : "",
          actual: af.nom.toFixed(ad),
          expected: bf.nom.toFixed(ad),
          other: `${bCell.sheet}!${bCell.ref}`,
        };
        const scale = new Decimal(YUAN_PER_WAN);
        if (!bf.nom.isZero() && (af.nom.dividedBy(bf.nom).minus(scale).abs().lt(10) || bf.nom.dividedBy(af.nom.isZero() ? 1 : af.nom).minus(scale).abs().lt(10))) {
          const big = af.nom.abs().gt(bf.nom.abs()) ? { c: first, v: af.nom, e: bf.nom } : { c: bCell, v: bf.nom, e: af.nom };
          const u = ruleById("unit.yuan");
          this.add(u, u.severity, big.c.sheet, [big.c.ref], { actual: big.v.toString(), expected: big.e.toString() });
          continue;
        }
        const outcome: Outcome = af.iv && bf.iv && meets(af.iv, bf.iv) ? "rounding" : "inconsistent";
        if (outcome === "rounding") this.add(r, r.roundingSeverity ?? "warning", first.sheet, [first.ref], params, { outcome }, CHECK_MESSAGES.roundingNote[this.lang]);
        else this.add(r, r.severity, first.sheet, [first.ref], params, { outcome });
      }
    }
  }

  // ---- 其中 ≤ parent ------------------------------------------------------------------------------------------
  ofWhich() {
    const r = ruleById("ofWhich.parent");
    for (const tables of this.model.tables.values()) {
      for (const t of tables) {
        for (const spec of t.spec.rows ?? []) {
          if (!spec.parent) continue;
          const child = t.rowByKey.get(spec.key);
          const parent = t.rowByKey.get(spec.parent);
          if (!child || !parent) continue;
          for (const col of t.spec.columns) {
            if (col.kind !== "amount") continue;
            const cc = child.cells.get(col.key);
            const pc = parent.cells.get(col.key);
            if (!cc || !pc) continue;
            const pd = this.ctx.derivationAt(pc);
            // A parent that is the sum of its lines is checked as a sum.
            if (pd && !this.ctx.isBlank(pd)) continue;
            const cf = this.ctx.figure(cellAt(cc.sheet, cc.row, cc.col));
            const pf = this.ctx.figure(cellAt(pc.sheet, pc.row, pc.col));
            if (typeof cf !== "object" || typeof pf !== "object" || !cf.iv || !pf.iv) continue;
            if (cf.nom.lte(pf.nom)) continue;
            const possible = cf.iv.lo.lt(pf.iv.hi) || (cf.iv.lo.eq(pf.iv.hi) && !cf.iv.loOpen && !pf.iv.hiOpen);
            const d = statedFigure(cc)?.decimals ?? 2;
            this.add(
              r,
              possible ? "warning" : r.severity,
              cc.sheet,
              [cc.ref],
              { label: child.label, column: col.header, actual: cf.nom.toFixed(d), expected: pf.nom.toFixed(d), other: parent.label },
              { outcome: possible ? "rounding" : "inconsistent" },
              possible ? CHECK_MESSAGES.roundingNote[this.lang] : "",
            );
          }
        }
      }
    }
  }

  // ---- year labels ---------------------------------------------------------------------------------------------
  yearLabels() {
    const year = this.model.year;
    if (year === null) return;
    const r = ruleById("year.label");
    const p = r.params as {
      previousYearColumns: string[];
      previousYearContexts: string[];
      comparisonBefore: string[];
      comparisonAfter: string[];
      yearMark: string;
    };
    const yearPattern = `(\\d{4})\\s*${p.yearMark}`;
    const inputSheets = new Set<string>();
    const prevHeaders = new Set<string>();
    for (const [id, tables] of this.model.tables) {
      for (const t of tables) {
        if (id !== "settings") inputSheets.add(t.sheet);
        for (const spec of p.previousYearColumns) {
          const [table, colKey] = spec.split(".");
          if (table !== id) continue;
          const col = t.columns.get(colKey);
          if (col === undefined) continue;
          for (const row of [t.headerRow, t.headerRow - 1]) prevHeaders.add(`${t.sheet}!${row}:${col}`);
        }
      }
    }
    const contexts = p.previousYearContexts.map((c) => c.replace("{Y}", String(year)));
    for (const sheet of this.snapshot.sheets) {
      if (!inputSheets.has(sheet.name) || sheet.name === REGISTRY_SHEET) continue;
      // Indexed loops over every cell of the input sheets (a closure a row was 6 MB at 10,000 projects).
      for (let ri = 0; ri < sheet.values.length; ri++) {
        const rowValues = sheet.values[ri];
        if (!rowValues) continue;
        for (let ci = 0; ci < rowValues.length; ci++) {
          const v = rowValues[ci];
          if (typeof v !== "string" || !FOUR_DIGITS.test(v)) continue;
          const row = sheet.originRow + ri;
          const col = sheet.originCol + ci;
          const text = v.normalize("NFKC");
          const re = new RegExp(yearPattern, "g");
          let m: RegExpExecArray | null;
          while ((m = re.exec(text))) {
            const y = parseInt(m[1], 10);
            if (y === year || y < 1950 || y > 2100) continue;
            if (/\d/.test(text[m.index - 1] ?? "")) continue;
            if (y === year - 1) {
              if (prevHeaders.has(`${sheet.name}!${row}:${col}`)) continue;
              const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12).replace(/\s/g, "");
              const before = text.slice(Math.max(0, m.index - 3), m.index);
              if (contexts.some((c) => after.includes(c))) continue;
              if (p.comparisonBefore.some((c) => before.endsWith(c))) continue;
              if (p.comparisonAfter.some((c) => after.startsWith(c))) continue;
            }
            const start = Math.max(0, m.index - 8);
            const excerpt = (start > 0 ? "…" : "") + text.slice(start, m.index + m[0].length + 14) + (m.index + m[0].length + 14 < text.length ? "…" : "");
            this.add(r, r.severity, sheet.name, [cellRef(row, col)], { year: y, expected: year, actual: `${y}${p.yearMark}`, detail: excerpt });
            break;
          }
        }
      }
    }
  }

  // ---- cells: errors, numbers stored as text, typed constants -------------------------------------------------
  cells() {
    const errorRule = ruleById("cell.error");
    const inputSheets = new Set<string>();
    for (const [id, tables] of this.model.tables) for (const t of tables) if (id !== "settings") inputSheets.add(t.sheet);
    for (const sheet of this.snapshot.sheets) {
      if (!inputSheets.has(sheet.name)) continue;
      for (let ri = 0; ri < sheet.values.length; ri++) {
        const rowValues = sheet.values[ri];
        if (!rowValues) continue;
        for (let ci = 0; ci < rowValues.length; ci++) {
          const v = rowValues[ci];
          if (v !== null && isCellError(v)) {
            this.add(errorRule, errorRule.severity, sheet.name, [cellRef(sheet.originRow + ri, sheet.originCol + ci)], { actual: v.error });
          }
        }
      }
    }
    // Numbers stored as text; which formula reads them is looked up only when there are any. A cell not read yet is a
    // blank or a number (RowCells), so only the read ones are looked at.
    const textCells: CellModel[] = [];
    const keepTextNumber = (c: CellModel) => {
      if (c.typedAsText) textCells.push(c);
    };
    for (const t of this.ctx.tables()) {
      for (let i = 0; i < t.rows.length; i++) t.rows[i].cells.forEachRead(keepTextNumber);
    }
    if (textCells.length > 0) {
      const readers = new Map<string, string>();
      for (let i = 0; i < this.ctx.derivations.length; i++) {
        const d = this.ctx.derivations[i];
        const key = d.key;
        const st = this.ctx.stateAt(d);
        if (st !== "ours" && st !== "foreign") continue;
        for (const at of inputsOf(d.expr, { numbersOnly: true })) {
          const k = `${at.sheet}!${at.ref}`;
          if (!readers.has(k)) readers.set(k, key);
        }
      }
      for (const c of textCells) {
        const k = `${c.sheet}!${c.ref}`;
        const reader = readers.get(k);
        const r = ruleById(reader ? "cell.textNumberInFormula" : "cell.textNumber");
        this.add(r, r.severity, c.sheet, [c.ref], { actual: String(c.original), other: reader });
      }
    }
    // Typed constants where a formula belongs.
    const tc = ruleById("cell.typedConstant");
    for (let i = 0; i < this.ctx.derivations.length; i++) {
      const d = this.ctx.derivations[i];
      if (this.ctx.stateAt(d) !== "typed") continue;
      const cell = this.ctx.cell(d);
      if (!cell || typeof cell.original !== "number") continue;
      // A value pasted over the formula carries the full precision of a computed number.
      const own = Math.max(0, decimalFromNumber(cell.original).decimalPlaces());
      const shown = decimalsOf(cell.numberFormat, undefined, undefined);
      if (shown === null || own < shown + 3 || own < 6) continue;
      const detail = CHECK_MESSAGES.pastedValue[this.lang];
      this.add(tc, tc.severity, d.sheet, [d.ref], { actual: cell.original, detail });
    }
  }

  // ---- required inputs -----------------------------------------------------------------------------------------
  required() {
    const r = ruleById("input.required");
    const exclude = ((r.params?.exclude as DerivedSelector[]) ?? []) as DerivedSelector[];
    const required = requiredInputCells(this.model);
    const byRow = new Map<string, { sheet: string; cells: string[]; label: string; needs: string[] }>();
    const excluded = new Set<string>();
    for (const sel of exclude) {
      for (const t of this.model.tables.get(sel.table) ?? []) {
        for (const row of t.rows) {
          if (sel.rows && !sel.rows.includes(row.key)) continue;
          for (const [colKey, c] of row.cells) if (!sel.cols || sel.cols.includes(colKey)) excluded.add(`${c.sheet}!${c.ref}`);
        }
      }
    }
    // A typed total stands in for its breakdown ("a total without breakdown is legal input").
    for (let i = 0; i < this.ctx.derivations.length; i++) {
      const d = this.ctx.derivations[i];
      const st = this.ctx.stateAt(d);
      if (st === "typed" || st === "foreign") for (const at of strictInputsOf(d.expr)) excluded.add(refKey(at));
    }
    // Only a required cell left empty is reported (not excluded, not derived itself), through a blank derived cell that
    // reads it: the derived cells that read one are found from the few empty cells (a list column's cell from its first cell's inputs, moved down)
    // rather than each of ~93,000 asked whether it is blank.
    const empty = new CellMap<true>();
    let anyEmpty = false;
    for (const k of required.keys()) {
      if (excluded.has(k)) continue;
      const bang = k.lastIndexOf("!");
      const { row, col } = parseRef(k.slice(bang + 1));
      const at = cellAt(k.slice(0, bang), row, col);
      if (this.ctx.derivationAt(at)) continue;
      const c = this.ctx.cell(at);
      if (!c || c.raw !== null || c.text !== null || c.noneMark || c.error) continue;
      empty.set(at.sheet, row, col, true);
      anyEmpty = true;
    }
    const readsEmpty = (d: Derivation): boolean => {
      const inputs = strictInputsOf(d.baseExpr);
      for (let j = 0; j < inputs.length; j++) {
        if (empty.has(inputs[j].sheet, refRow(inputs[j]) + d.shift, refCol(inputs[j]))) return true;
      }
      return false;
    };
    const seen = new Set<string>();
    for (let i = 0; anyEmpty && i < this.ctx.derivations.length; i++) {
      const d = this.ctx.derivations[i];
      const st = this.ctx.stateAt(d);
      if (st !== "blank" && st !== "ours") continue;
      if (!readsEmpty(d) || !this.ctx.isBlank(d)) continue;
      for (const at of strictInputsOf(d.expr)) {
        const { row, col } = refCoords(at);
        const k = refKey(at);
        if (!empty.has(at.sheet, row, col) || seen.has(k)) continue;
        seen.add(k);
        const rowKey = `${at.sheet}!${row}`;
        const name = required.get(k)!;
        const entry = byRow.get(rowKey) ?? { sheet: at.sheet, cells: [], label: "", needs: [] };
        entry.cells.push(at.ref);
        entry.label = entry.label ? `${entry.label}、${name.split("/").pop()}` : name;
        const dl = this.labelOf(d);
        if (!entry.needs.includes(dl.column)) entry.needs.push(dl.column);
        byRow.set(rowKey, entry);
      }
    }
    for (const e of byRow.values()) {
      const columns = e.needs.join(CHECK_MESSAGES.columnSeparator[this.lang]);
      const detail = formatRuleMessage(CHECK_MESSAGES.requiredBlocks[this.lang], { columns });
      e.cells.sort((a, b) => parseRef(a).col - parseRef(b).col);
      this.add(r, r.severity, e.sheet, e.cells, { label: e.label, detail });
    }
    const info = this.model.tables.get("info")?.[0];
    const unit = info?.rowByKey.get("unit")?.cells.get("value");
    if (unit && unit.text === null && unit.raw === null) {
      this.add(r, r.severity, unit.sheet, [unit.ref], {
        label: info!.rowByKey.get("unit")!.label,
        detail: CHECK_MESSAGES.unitNameMissing[this.lang],
      });
    }
  }

  // ---- reader problems -----------------------------------------------------------------------------------------
  reader() {
    const byCode = new Map<string, Rule>();
    for (const r of RULES) for (const c of r.readerCodes ?? []) byCode.set(c, r);
    for (const issue of this.model.issues) {
      const r = byCode.get(issue.code);
      if (!r) continue; // errorValue: the cell scan reports every error value.
      this.add(r, r.severity, issue.sheet, issue.cells, { detail: issue.message });
    }
  }

  // ---- plausibility --------------------------------------------------------------------------------------------
  /**
   * The derivations the selectors name, in derivation order. Only the columns a selector names are walked: four rules
   * each ask for a table's rates, one column of 60,000 derivations at 10,000 projects.
   */
  rateCells(sels: DerivedSelector[]): Derivation[] {
    const lists = new Set<Derivation[]>();
    for (const sel of sels) {
      const columns = this.columnsOf(sel.table);
      if (sel.cols) for (const col of sel.cols) lists.add(columns.get(col) ?? NO_DERIVATIONS);
      else for (const list of columns.values()) lists.add(list);
    }
    const out: Derivation[] = [];
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        const d = list[i];
        for (let k = 0; k < sels.length; k++) {
          if (matches(sels[k], d)) {
            out.push(d);
            break;
          }
        }
      }
    }
    return lists.size > 1 ? out.sort((a, b) => a.ordinal - b.ordinal) : out;
  }

  /** A table's derivations by column key, grouped once, each column's in derivation order. */
  private columnsOf(table: TableId): ReadonlyMap<string, Derivation[]> {
    if (!this.byColumn) {
      this.byColumn = new Map();
      // Derivations come table by table, a row's columns together: the maps are looked up when the table changes.
      let columns: Map<string, Derivation[]> | undefined;
      let listed: TableId | undefined;
      for (let i = 0; i < this.ctx.derivations.length; i++) {
        const d = this.ctx.derivations[i];
        const t = d.table;
        if (t !== listed) {
          listed = t;
          columns = this.byColumn.get(t);
          if (!columns) this.byColumn.set(t, (columns = new Map()));
        }
        const list = columns!.get(d.colKey);
        if (list) list.push(d);
        else columns!.set(d.colKey, [d]);
      }
    }
    return this.byColumn.get(table) ?? NO_COLUMNS;
  }
  private byColumn: Map<TableId, Map<string, Derivation[]>> | null = null;

  /** A rate's value, numerator and denominator (each a cell or a sum), or null; asked by several rules, made once. */
  ratioParts(d: Derivation): RatioParts | null {
    let parts = this.ratios.get(d);
    if (parts === undefined) this.ratios.set(d, (parts = this.workOutRatio(d)));
    return parts;
  }

  private workOutRatio(d: Derivation): RatioParts | null {
    const q = this.ctx.quotientParts(d);
    if (!q) return null;
    const { num: a, den: b } = q;
    if (typeof a !== "object" || typeof b !== "object") return null;
    // A cell worked out from its formula is a / b (a zero b makes no rate); a typed rate is what it states.
    const v = this.ctx.isWorkedOut(d) ? null : this.ctx.nominal(d);
    if (v instanceof Decimal) return { num: a, den: b, stated: v };
    if (b.isZero()) return null;
    return { num: a, den: b, stated: null };
  }

  plausible(r: Rule, d: Derivation, params: Params) {
    const done = (this.plausibilityDone ??= derivedFlags(this.ctx.derivations));
    if (done[d.ordinal] === 1) return;
    done[d.ordinal] = 1;
    this.add(r, r.severity, d.sheet, [d.ref], params);
  }

  plausibility() {
    const s = this.model.settings;
    const noExec = ruleById("plaus.noExecution");
    const idle = this.rateCells(noExec.params!.cells as DerivedSelector[]);
    for (let i = 0; i < idle.length; i++) {
      const d = idle[i];
      const p = this.ratioParts(d);
      if (!p || !p.num.isZero() || !p.den.gt(0)) continue;
      this.plausible(noExec, d, { label: this.labelOf(d).label, expected: p.den.toFixed(2), actual: p.num.toFixed(2) });
    }
    const high = ruleById("plaus.executionHigh");
    const highCells = this.rateCells(high.params!.cells as DerivedSelector[]);
    for (let i = 0; i < highCells.length; i++) {
      const d = highCells[i];
      const p = this.ratioParts(d);
      if (p && rateVersus(p, ONE) > 0) this.plausible(high, d, { label: this.labelOf(d).label, actual: ratePercent(p) });
    }
    const low = ruleById("plaus.executionLow");
    const lowCells = this.rateCells(low.params!.cells as DerivedSelector[]);
    const lowThreshold = percentText(s.lowExecution);
    for (let i = 0; i < lowCells.length; i++) {
      const d = lowCells[i];
      const p = this.ratioParts(d);
      if (p && rateVersus(p, s.lowExecution) < 0) {
        this.plausible(low, d, { label: this.labelOf(d).label, actual: ratePercent(p), threshold: lowThreshold });
      }
    }
    const line = ruleById("plaus.fundLine");
    const lo = ONE.minus(s.lineDeviation);
    const hi = ONE.plus(s.lineDeviation);
    for (const d of this.rateCells([{ table: "fund", cols: ["rate"] }])) {
      if (!/^(in|ex)/.test(d.rowKey) || d.rowKey === "incomeTotal" || d.rowKey === "expenseTotal") continue;
      const p = this.ratioParts(d);
      if (p && (rateVersus(p, lo) < 0 || rateVersus(p, hi) > 0)) {
        this.plausible(line, d, { label: this.labelOf(d).label, actual: ratePercent(p), threshold: `${percentText(lo)}–${percentText(hi)}` });
      }
    }
    // 三公 up on last year: the total, or each row when there is no total.
    const sg = this.model.tables.get("sangong")?.[0];
    if (sg) {
      const up = ruleById("plaus.sangongUp");
      const fig = (row: RowModel, col: string) => {
        const c = row.cells.get(col);
        return c ? this.ctx.nominal(c) : "blank";
      };
      const total = sg.rowByKey.get("total");
      const rows = total && typeof fig(total, "current") === "object" && typeof fig(total, "previous") === "object" ? [total] : sg.rows.filter((x) => ["abroad", "reception", "car"].includes(x.key));
      for (const row of rows) {
        const cur = fig(row, "current");
        const prev = fig(row, "previous");
        if (typeof cur === "object" && typeof prev === "object" && cur.gt(prev)) {
          const c = row.cells.get("current")!;
          this.add(up, up.severity, c.sheet, [c.ref], { label: row.label, actual: cur.toFixed(2), expected: prev.toFixed(2) });
        }
      }
    }
    // 在职 > 编制.
    const info = this.model.tables.get("info")?.[0];
    if (info) {
      const v = (k: string) => info.rowByKey.get(k)?.cells.get("value");
      const actual = v("staffActual");
      const quota = v("staffQuota");
      const hired = s.staffCaliber === "withHired" ? v("staffHired")?.value ?? new Decimal(0) : new Decimal(0);
      if (actual?.value && quota?.value && actual.value.plus(hired).gt(quota.value)) {
        const r = ruleById("plaus.staffOverQuota");
        this.add(r, r.severity, actual.sheet, [actual.ref], { actual: actual.value.plus(hired).toString(), expected: quota.value.toString() });
      }
    }
    this.indicatorPrompts();
  }

  indicatorPrompts() {
    const t = this.model.tables.get("indicators")?.[0];
    if (!t) return;
    const over = ruleById("plaus.overAchievement");
    const cut = ruleById("plaus.scoreCut");
    const threshold = this.model.settings.overAchievement;
    const pct = (v: Decimal) => `${v.times(100).toFixed(1)}%`;
    // Cells looked at for their place and figure only (RowCells.look): 10,000 indicators' cells need not be kept.
    const fig = (row: RowModel, col: string): Decimal | null => {
      const c = row.cells.look(col);
      if (!c) return null;
      const v = this.ctx.nominal(c);
      return typeof v === "object" ? v : null;
    };
    for (let i = 0; i < t.rows.length; i++) {
      const row = t.rows[i];
      const nature = indicatorNature(row);
      if (nature === "qualitative") continue;
      const target = fig(row, "target");
      const actual = fig(row, "actual");
      const anchor = row.cells.look("completion") ?? row.cells.look("actual");
      if (!anchor) continue;
      let ratio: Decimal | null = null;
      if (target && actual && !target.isZero() && !actual.isZero()) {
        // n / d > threshold, asked without dividing (10,000 indicators, few of them far over): n > threshold × d when d
        // is positive, n < threshold × d when it is negative, decided on doubles when they are clearly apart.
        const [n, d] = nature === "atMost" ? [target, actual] : [actual, target];
        if (rateVersus({ num: n, den: d, stated: null }, threshold) > 0) ratio = n.dividedBy(d);
      } else if (!target && nature !== "atMost") {
        // No target: the stated completion is all there is.
        ratio = fig(row, "completion");
      }
      if (ratio && compareDecimals(ratio, threshold) > 0) {
        const detail =
          nature === "atMost" && target && actual
            ? formatRuleMessage(CHECK_MESSAGES.farBelowCeiling[this.lang], {
                actual: actual.toString(),
                target: target.toString(),
                ratio: pct(ratio),
              })
            : formatRuleMessage(CHECK_MESSAGES.farAboveTarget[this.lang], { ratio: pct(ratio) });
        this.add(over, over.severity, anchor.sheet, [anchor.ref], { label: row.label, actual: pct(ratio), threshold: pct(threshold), detail });
      }
      // A score cut although the target was met. The score (a formula's value) is asked last: only a met target with
      // no reason given needs it.
      if (!target || !actual || row.cells.look("reason")?.text) continue;
      const met = nature === "atMost" ? actual.lte(target) : nature === "equal" ? actual.eq(target) : actual.gte(target);
      if (!met) continue;
      const weight = fig(row, "weight");
      const score = weight && fig(row, "score");
      if (weight && score && score.lt(weight)) {
        const sc = row.cells.get("score")!;
        this.add(cut, cut.severity, sc.sheet, [sc.ref], {
          label: row.label,
          actual: score.toString(),
          expected: weight.toString(),
          detail: `${actual.toString()} ${row.cells.get("nature")?.text ?? ""} ${target.toString()}`,
        });
      }
    }
  }
}


/** Workbook order of sheets, then row, then column. */
export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const order = new Map(sheetOrder.map((s, i) => [s, i]));
  const pos = (f: Finding) => {
    if (f.cells.length === 0) return [-1, -1];
    try {
      const { row, col } = parseRef(f.cells[0]);
      return [row, col];
    } catch {
      return [-1, -1];
    }
  };
  return findings
    .map((f) => ({ f, p: pos(f) }))
    .sort(
      (a, b) =>
        severityOrder[a.f.severity] - severityOrder[b.f.severity] ||
        (order.get(a.f.sheet) ?? 1e9) - (order.get(b.f.sheet) ?? 1e9) ||
        a.p[0] - b.p[0] ||
        a.p[1] - b.p[1] ||
        a.f.ruleId.localeCompare(b.f.ruleId),
    )
    .map((x) => x.f);
}

/** Runs every rule; findings sorted by severity, sheet and cell. */
export function checkWorkbook(snapshot: WorkbookSnapshot, options: CheckOptions = {}): CheckResult {
  const lang = options.lang ?? "zh";
  const model = readModel(snapshot, options.cache);
  const { list, own } = derive(model, options.cache);
  const c = new Checker(snapshot, model, list, lang, own, options.cache?.keptStates(snapshot, list));
  c.plugs();
  c.derived();
  c.same();
  c.ofWhich();
  c.yearLabels();
  c.cells();
  c.required();
  c.reader();
  c.plausibility();
  let findings = sortFindings(c.findings, snapshot.sheets.map((s) => s.name));
  findings = attachExplanations(c.ctx, findings);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const explained = findings.filter((f) => f.explanation).length;
  const text = formatRuleMessage(CHECK_MESSAGES.summary[lang], {
    ...counts,
    explained: explained ? formatRuleMessage(CHECK_MESSAGES.summaryExplained[lang], { count: explained }) : "",
  });
  const plan = options.highlight ? highlightPlan(snapshot, model, findings) : emptyPlan();
  return { findings, plan, summary: { unitName: model.unitName, year: model.year, counts, explained, text }, model };
}
