/**
 * The attachment forms: 基础数据表 (§2), 绩效自评表 for 部门整体 / 项目 / 基金 (§3b, §4, §5) and 基金预算支出情况表 (§6).
 * Each figure is an expression over the input cells (or over the form's own cells), so the sheet recalculates
 * when an input changes; texts are linked the same way.
 */
import Decimal from "decimal.js";
import {
  BASICS_FORM,
  FORM_TEXT,
  FUND_BUDGET_FORM,
  GRADES,
  SELF_EVAL_FORM,
  SELF_EVAL_NOTES,
  ATTACHMENT_MESSAGES,
} from "../data/attachments";
import { BASICS, FUND_EXPENSE_LINES, FUND_INCOME_LINES, NATURES } from "../data/layout";
import { executionScoreExpr } from "../derive";
import { add, cellAt, div, num, type Expr, type Ref } from "../expr";
import type { RowModel, TableModel } from "../model";
import { normalizeLabel } from "../text";
import type { AttachmentContext } from "./context";
import { SheetWriter, wrappedHeight, type FigureStyle } from "./sheet-writer";
import { format } from "./text";

const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6 };

// ---------------------------------------------------------------------------------------------------------------
// Input cells.

function cellOf(t: TableModel | undefined, rowKey: string, colKey: string): Ref | null {
  const row = t?.rowByKey.get(rowKey);
  return t && row ? rowCell(t, row, colKey) : null;
}

/** Where a table row's cell is: its row and its column's, without reading the cell (a link needs only the place). */
function rowCell(t: TableModel, row: RowModel, colKey: string): Ref | null {
  const col = t.columns.get(colKey);
  return col === undefined ? null : cellAt(t.sheet, row.row, col);
}

/** An amount in 万元: the cell itself, or the cell ÷ 10000 on a sheet kept in 元. */
function amount(t: TableModel | undefined, at: Ref | null): Expr | null {
  if (!at || !t) return null;
  const r: Expr = { t: "ref", at };
  return t.scale === 1 ? r : div(r, num(t.scale));
}

function labelCell(t: TableModel, row: RowModel): Ref {
  return cellAt(t.sheet, row.row, t.labelCol);
}

const same = (a: string | null | undefined, b: string) => !!a && normalizeLabel(a) === normalizeLabel(b);

// ---------------------------------------------------------------------------------------------------------------
// The lines above every form.

function infoCell(ctx: AttachmentContext, key: string): Ref | null {
  return cellOf(ctx.model.tables.get("info")?.[0], key, "value");
}

/** A text with {year} / {prev} that follows the 评价年度 cell when it holds a number. */
function yearText(
  w: SheetWriter,
  ctx: AttachmentContext,
  row: number,
  col: number,
  template: string,
  fallback: string,
  style: string,
  span = {},
): void {
  const year = ctx.model.year;
  const at = infoCell(ctx, "year");
  const typed = at ? ctx.number(at) : null;
  if (year === null) {
    w.text(row, col, fallback, style, span);
    return;
  }
  const cached = format(template, { year, prev: year - 1 });
  if (!at || typed === null) {
    w.text(row, col, cached, style, span);
    return;
  }
  const y = w.refText(at);
  const pieces = template.split(/(\{year\}|\{prev\})/).filter((p) => p !== "");
  const body = pieces
    .map((p) => (p === "{year}" ? y : p === "{prev}" ? `(${y}-1)` : `"${p.replace(/"/g, '""')}"`))
    .join("&");
  w.textFormula(row, col, `=IF(COUNT(${y})=0,"${fallback}",${body})`, cached, style, span);
}

/** 附件n, the title, （{Y}年度）, 填报单位 and 单位：万元. Returns the first row of the table. */
function formHeader(w: SheetWriter, ctx: AttachmentContext, n: number, title: string, right: string = FORM_TEXT.currency): number {
  const cols = w.widths.length;
  w.text(0, 0, format(FORM_TEXT.number, { n }), "attNumber", { cols: 2 });
  w.text(1, 0, title, "attTitle", { cols });
  w.height(1, Math.max(32, wrappedHeight(title, w.width(0, cols) / 1.5, 22, 32)));
  yearText(w, ctx, 2, 0, FORM_TEXT.year, FORM_TEXT.yearUnknown, "attYear", { cols });
  const left = Math.ceil(cols / 2);
  const unit = infoCell(ctx, "unit");
  if (unit) {
    w.textFormula(3, 0, `="${FORM_TEXT.unitPrefix}"&${w.refText(unit)}`, FORM_TEXT.unitPrefix + (ctx.model.unitName ?? ""), "attUnit", {
      cols: left,
    });
    if (!ctx.model.unitName) ctx.reportBlankRef(unit, w.name, 0);
  } else {
    w.text(3, 0, FORM_TEXT.unitPrefix, "attUnit", { cols: left });
  }
  w.text(3, left, right, "attCurrency", { cols: cols - left });
  w.height(3, 20);
  return 4;
}

function pageSetup(w: SheetWriter, titleRows: string) {
  const total = w.width(0, w.widths.length);
  w.pageSetup = {
    orientation: total > 110 ? "landscape" : "portrait",
    paperSize: "A4",
    fitToWidth: true,
    printTitleRows: titleRows,
    margins: MARGINS,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 附件1 部门整体支出绩效评价基础数据表

export function basicsForm(w: SheetWriter, ctx: AttachmentContext, n: number, title: string): void {
  const where = w.name;
  let r = formHeader(w, ctx, n, title);
  const info = ctx.model.tables.get("info")?.[0];
  const basics = ctx.model.tables.get("basics")?.[0];
  const S = BASICS_FORM;

  // Block A: 财政供养人员情况.
  w.text(r, 0, S.staff.section, "attSection", { rows: 2 });
  w.text(r, 1, S.staff.quota, "attHeader", { cols: 2 });
  yearText(w, ctx, r, 3, S.staff.actual, S.staff.actualUnknownYear, "attHeader", { cols: 2 });
  w.text(r, 5, S.staff.rate, "attHeader", { cols: 2 });
  w.height(r, 30);
  r++;
  const quota = cellOf(info, "staffQuota", "value");
  const actual = cellOf(info, "staffActual", "value");
  const hired = cellOf(info, "staffHired", "value");
  const ref = (at: Ref | null): Expr | null => (at ? { t: "ref", at } : null);
  let staff = ref(actual);
  if (ctx.model.settings.staffCaliber === "withHired" && actual && hired) staff = add(ref(actual)!, ref(hired)!);
  w.figure(r, 1, ref(quota), "attCount", { cols: 2 }, where);
  w.figure(r, 3, staff, "attCount", { cols: 2 }, where);
  w.figure(r, 5, div({ t: "ref", at: w.at(r, 3) }, { t: "ref", at: w.at(r, 1) }), "attRate", { cols: 2 });
  w.height(r, 22);
  r++;

  // Block B: 经费控制情况 with the three year columns.
  w.text(r, 0, S.control.section, "attSection");
  const columns = ["prevActual", "budget", "actual"] as const;
  columns.forEach((key, i) => {
    yearText(w, ctx, r, 1 + 2 * i, S.control.columns[key], S.control.columnsUnknownYear[key], "attHeader", { cols: 2 });
  });
  w.height(r, 30);
  r++;
  if (!basics) {
    const text = format(ATTACHMENT_MESSAGES.noBasics, { section: BASICS_FORM.control.section, sheet: BASICS.sheet });
    ctx.addMissing("basics", text, where);
  }
  for (const row of S.control.rows) {
    w.text(r, 0, row.label, row.optional ? "attLabel" : "attLabelBold");
    columns.forEach((key, i) => {
      if (row.notApplicable?.includes(key)) {
        w.blank(r, 1 + 2 * i, "attAmount", { cols: 2 });
        return;
      }
      w.figure(r, 1 + 2 * i, amount(basics, cellOf(basics, row.key, key)), "attAmount", { cols: 2 }, row.optional ? undefined : where);
    });
    w.height(r, 20);
    r++;
  }

  // Block C: 楼堂馆所控制情况.
  const buildings = ctx.model.tables.get("buildings")?.[0];
  const b = buildings?.rows[0];
  yearText(w, ctx, r, 0, S.buildings.section, S.buildings.sectionUnknownYear, "attSection", { rows: 2 });
  S.buildings.headers.forEach((h, i) => w.text(r, 1 + i, h, "attHeader"));
  w.height(r, 40);
  r++;
  const cell = (key: string) => (buildings && b ? rowCell(buildings, b, key) : null);
  const approved = cell("approvedArea");
  const none = approved ? typeof ctx.shown(approved) === "string" : false;
  const report = none ? undefined : `${where}（${S.buildings.noneHint}）`;
  w.link(r, 1, approved, "attAmount", {}, report);
  w.link(r, 2, cell("actualArea"), "attAmount", {}, report);
  w.figure(r, 3, div({ t: "ref", at: w.at(r, 2) }, { t: "ref", at: w.at(r, 1) }), "attRate");
  w.link(r, 4, cell("budgetInvest"), "attAmount", {}, report);
  w.link(r, 5, cell("actualInvest"), "attAmount", {}, report);
  w.figure(r, 6, div({ t: "ref", at: w.at(r, 5) }, { t: "ref", at: w.at(r, 4) }), "attRate");
  w.height(r, 22);
  r++;

  // Block D: 厉行节约保障措施.
  const thrift = ctx.model.tables.get("thrift")?.[0];
  const measures = cellOf(thrift, "measures", "text");
  w.text(r, 0, S.thrift.section, "attSection");
  const text = w.link(r, 1, measures, "attText", { cols: 6 }, where);
  w.height(r, wrappedHeight(typeof text === "string" ? text : "", w.width(1, 6), 14, 40));
  pageSetup(w, "1:4");
}

// ---------------------------------------------------------------------------------------------------------------
// 绩效自评表: 部门整体 (§3b), 项目 (§4), 基金 (§5)

export interface MoneyRow {
  label: string;
  initial: Expr | null;
  annual: Expr | null;
  spent: Expr | null;
}

export interface SelfEvalSubject {
  kind: "whole" | "project" | "fund";
  /** The object's name as the goals and indicators tables write it (部门整体, the project, the fund). */
  object: string;
  /** The name line: a linked cell and an optional constant suffix (a fund's 口径). */
  nameCell: Ref | null;
  nameText: string;
  nameSuffix?: string;
  money: MoneyRow[];
}

const SELF_EVAL_WIDTHS = [9, 9, 10, 20, 7, 8, 11, 11, 8, 9, 20];

export function selfEvalForm(w: SheetWriter, ctx: AttachmentContext, n: number, title: string, subject: SelfEvalSubject): void {
  const where = w.name;
  const F = SELF_EVAL_FORM;
  let r = formHeader(w, ctx, n, title);
  const ref = (row: number, col: number): Expr => ({ t: "ref", at: w.at(row, col) });

  // 项目名称 / 主管部门 / 实施单位.
  w.text(r, 0, F.objectLabel[subject.kind], "attSection", { cols: 2 });
  if (subject.nameCell) {
    const x = w.refText(subject.nameCell);
    const suffix = subject.nameSuffix ? `&"${subject.nameSuffix.replace(/"/g, '""')}"` : "";
    w.textFormula(r, 2, `=${x}&""${suffix}`, subject.nameText + (subject.nameSuffix ?? ""), "attLabel", { cols: 9 });
  } else {
    w.text(r, 2, subject.nameText + (subject.nameSuffix ?? ""), "attLabel", { cols: 9 });
  }
  w.height(r, 22);
  r++;
  w.text(r, 0, F.dept, "attSection", { cols: 2 });
  w.link(r, 2, infoCell(ctx, "dept"), "attLabel", { cols: 3 }, where);
  w.text(r, 5, F.implementer, "attSection", { cols: 2 });
  w.link(r, 7, infoCell(ctx, "unit"), "attLabel", { cols: 4 }, where);
  w.height(r, 22);
  r++;

  // The money block.
  const moneyTop = r;
  w.text(r, 0, F.moneySection[subject.kind], "attSection", { rows: subject.money.length + 1, cols: 2 });
  w.blank(r, 2, "attHeader", { cols: 2 });
  const headerCols = [4, 6, 7, 8, 9, 10];
  F.moneyHeaders.forEach((h, i) => w.text(r, headerCols[i], h, "attHeader", i === 0 ? { cols: 2 } : {}));
  w.height(r, 22);
  r++;
  subject.money.forEach((m, i) => {
    const first = i === 0;
    w.text(r, 2, m.label, first ? "attLabelBold" : "attLabel", { cols: 2 });
    const report = first ? where : undefined;
    w.figure(r, 4, m.initial, "attAmount", { cols: 2 }, report);
    w.figure(r, 6, m.annual, "attAmount", {}, report);
    w.figure(r, 7, m.spent, "attAmount", {}, report);
    if (first) {
      w.put(r, 8, { value: 10, style: "attScore" });
      ctx.wrote(w.name, r, 8, new Decimal(10));
    } else w.text(r, 8, FORM_TEXT.notApplicable, "attCenter");
    w.figure(r, 9, div(ref(r, 7), ref(r, 6)), "attRate");
    if (first) w.figure(r, 10, executionScoreExpr(ref(r, 9), ctx.model.settings.overExecution), "attScore");
    else w.text(r, 10, FORM_TEXT.notApplicable, "attCenter");
    w.height(r, 20);
    r++;
  });
  const scoreRow = moneyTop + 1;

  // 年度总体目标.
  const goals = ctx.model.tables.get("goals")?.[0];
  const goal = goals?.rows.find((g) => same(g.label, subject.object));
  w.text(r, 0, F.goals.section, "attSection", { rows: 2, cols: 2 });
  w.text(r, 2, F.goals.expected, "attHeader", { cols: 4 });
  w.text(r, 6, F.goals.achieved, "attHeader", { cols: 5 });
  w.height(r, 20);
  r++;
  if (goals && goal) {
    const e = w.link(r, 2, rowCell(goals, goal, "expected"), "attText", { cols: 4 }, where);
    const a = w.link(r, 6, rowCell(goals, goal, "achieved"), "attText", { cols: 5 }, where);
    w.height(
      r,
      Math.max(wrappedHeight(typeof e === "string" ? e : "", w.width(2, 4), 14, 40), wrappedHeight(typeof a === "string" ? a : "", w.width(6, 5), 14, 40)),
    );
  } else {
    w.blank(r, 2, "attText", { cols: 4 });
    w.blank(r, 6, "attText", { cols: 5 });
    w.height(r, 40);
    ctx.addMissing(`goal:${subject.object}`, format(ATTACHMENT_MESSAGES.noGoal, { name: subject.object }), where);
  }
  r++;

  // 绩效指标.
  const indicators = ctx.model.tables.get("indicators")?.[0];
  const rows = (indicators?.rows ?? []).filter((x) => same(x.cells.get("object")?.text, subject.object));
  w.text(r, 0, F.indicators.section, "attSection", { rows: Math.max(1, rows.length) + 1 });
  F.indicators.headers.forEach((h, i) => w.text(r, 1 + i, h, "attHeader"));
  w.height(r, 30);
  r++;
  const indicatorRows: number[] = [];
  if (indicators && rows.length > 0) {
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i];
      const c = (key: string) => rowCell(indicators, x, key);
      w.link(r, 1, c("level1"), "attCenter");
      w.link(r, 2, c("level2"), "attCenter");
      const name = w.link(r, 3, labelCell(indicators, x), "attLabel");
      w.link(r, 4, c("nature"), "attCenter");
      w.link(r, 5, c("unit"), "attCenter");
      w.link(r, 6, c("target"), "attValue");
      w.link(r, 7, c("actual"), "attValue");
      w.link(r, 8, c("weight"), "attScore", {}, where);
      const nature = x.cells.get("nature")?.text?.normalize("NFKC").trim();
      const qualitative = !!nature && NATURES.qualitative.includes(nature);
      w.link(r, 9, c("score"), "attScore", {}, qualitative ? where : undefined);
      const reason = w.link(r, 10, c("reason"), "attText");
      w.height(
        r,
        Math.max(
          wrappedHeight(typeof name === "string" ? name : "", w.width(3), 14, 20),
          wrappedHeight(typeof reason === "string" ? reason : "", w.width(10), 14, 20),
        ),
      );
      indicatorRows.push(r);
      r++;
    }
  } else {
    for (let c = 1; c <= 10; c++) w.blank(r, c, "attCenter");
    w.height(r, 20);
    ctx.addMissing(`indicators:${subject.object}`, format(ATTACHMENT_MESSAGES.noIndicators, { name: subject.object }), where);
    r++;
  }

  // 总分 and grade.
  w.text(r, 0, F.total.label, "attTotal", { cols: 8 });
  const has = indicatorRows.length > 0;
  w.figure(r, 8, has ? add(ref(scoreRow, 8), ...indicatorRows.map((i) => ref(i, 8))) : null, "attScore");
  const total = w.figure(r, 9, has ? add(ref(scoreRow, 10), ...indicatorRows.map((i) => ref(i, 9))) : null, "attScore");
  const t = w.refText(w.at(r, 9));
  let grade = `"${GRADES[GRADES.length - 1].label}"`;
  for (const g of [...GRADES].reverse().slice(1)) grade = `IF(${t}>=${g.min},"${g.label}",${grade})`;
  const gradeLabel = total === null ? "" : GRADES.find((g) => total.gte(g.min))!.label;
  w.textFormula(
    r,
    10,
    `=IF(COUNT(${t})=0,"","${F.total.grade}"&${grade})`,
    total === null ? "" : F.total.grade + gradeLabel,
    "attTotal",
  );
  w.height(r, 22);
  r++;

  // Notes.
  const notes = [
    SELF_EVAL_NOTES.rate,
    SELF_EVAL_NOTES.score[ctx.model.settings.overExecution],
    SELF_EVAL_NOTES.indicators,
    SELF_EVAL_NOTES.grade,
    ...(subject.kind === "fund" ? [SELF_EVAL_NOTES.fundBudget] : []),
  ];
  const noteText = SELF_EVAL_NOTES.head + notes.map((t2, i) => `${i + 1}. ${t2}`).join("\n");
  w.text(r, 0, noteText, "attNote", { cols: 11 });
  w.height(r, wrappedHeight(noteText, w.width(0, 11), 12, 20));
  pageSetup(w, "1:4");
}

export function newSelfEvalWriter(ctx: AttachmentContext, name: string): SheetWriter {
  return new SheetWriter(ctx, name, SELF_EVAL_WIDTHS);
}

/** The money block of 部门整体: 预算执行's 合计 / 基本支出 / 项目支出. */
export function wholeSubject(ctx: AttachmentContext, object: string): SelfEvalSubject {
  const budget = ctx.model.tables.get("budget")?.[0];
  const info = ctx.model.tables.get("info")?.[0];
  const money = SELF_EVAL_FORM.moneyRows.whole.map((m) => ({
    label: m.label,
    initial: amount(budget, cellOf(budget, m.key, "initial")),
    annual: amount(budget, cellOf(budget, m.key, "total")),
    spent: amount(budget, cellOf(budget, m.key, "spent")),
  }));
  return {
    kind: "whole",
    object,
    nameCell: cellOf(info, "unit", "value"),
    nameText: ctx.model.unitName ?? "",
    money,
  };
}

/** The money block of a project: 项目's 合计 / 当年财政拨款 / 上年结转资金 / 其他资金 × 年初 / 全年 / 执行. */
export function projectSubject(ctx: AttachmentContext, projects: TableModel, row: RowModel): SelfEvalSubject {
  const money = SELF_EVAL_FORM.moneyRows.project.map((m) => ({
    label: m.label,
    initial: amount(projects, rowCell(projects, row, `initial${m.key}`)),
    annual: amount(projects, rowCell(projects, row, `annual${m.key}`)),
    spent: amount(projects, rowCell(projects, row, `spent${m.key}`)),
  }));
  return { kind: "project", object: row.label, nameCell: labelCell(projects, row), nameText: row.label, money };
}

/** The money block of a fund: its 支出合计, 预算数 taken as both 年初 and 全年 (§5). */
export function fundSubject(fund: TableModel): SelfEvalSubject {
  const budget = amount(fund, cellOf(fund, "expenseTotal", "budget"));
  const money = SELF_EVAL_FORM.moneyRows.fund.map((m) => ({
    label: m.label,
    initial: budget,
    annual: budget,
    spent: amount(fund, cellOf(fund, m.key, "actual")),
  }));
  const name = fund.name ?? "";
  const [sheet, ref] = [fund.sheet, fund.nameCell];
  return {
    kind: "fund",
    object: name,
    nameCell: ref ? { sheet, ref } : null,
    nameText: name,
    nameSuffix: fund.scope ? format(SELF_EVAL_FORM.fundScope, { name: "", scope: fund.scope }) : undefined,
    money,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// {基金}预算支出情况表

export function fundBudgetForm(w: SheetWriter, ctx: AttachmentContext, n: number, title: string, fund: TableModel): void {
  const where = w.name;
  const F = FUND_BUDGET_FORM;
  const right = fund.scope ? format(F.scopeAndCurrency, { scope: fund.scope, currency: FORM_TEXT.currency }) : FORM_TEXT.currency;
  let r = formHeader(w, ctx, n, title, right);
  F.headers.forEach((h, i) => w.text(r, i, h, "attHeader"));
  w.height(r, 22);
  const headerRow = r;
  r++;
  const line = (key: string, label: string, kind: "total" | "line" | "balance") => {
    w.text(r, 0, label, kind === "line" ? "attLabelIndent" : "attLabelBold");
    const report = kind === "line" ? undefined : where;
    const style: FigureStyle = "attAmount";
    w.figure(r, 1, amount(fund, cellOf(fund, key, "budget")), style, {}, report);
    w.figure(r, 2, amount(fund, cellOf(fund, key, "actual")), style, {}, report);
    if (kind === "balance") w.blank(r, 3, "attRate");
    else w.figure(r, 3, div({ t: "ref", at: w.at(r, 2) }, { t: "ref", at: w.at(r, 1) }), "attRate");
    w.height(r, 20);
    r++;
  };
  const lines = (standard: { key: string; label: string }[], extraPrefix: string) => {
    const extras = fund.rows.filter((x) => x.key.startsWith(extraPrefix)).map((x) => ({ key: x.key, label: x.label }));
    [...standard, ...extras].forEach((l, i) => line(l.key, format(F.line, { i: i + 1, label: l.label }), "line"));
  };
  line("incomeTotal", F.incomeTotal, "total");
  lines(FUND_INCOME_LINES, "inExtra:");
  line("expenseTotal", F.expenseTotal, "total");
  lines(FUND_EXPENSE_LINES, "exExtra:");
  line("surplus", F.surplus, "balance");
  line("opening", F.opening, "balance");
  line("closing", F.closing, "balance");
  pageSetup(w, `1:${headerRow + 1}`);
}

export const BASICS_WIDTHS = [30, 12, 12, 12, 12, 12, 12];
export const FUND_BUDGET_WIDTHS = [36, 16, 16, 13];
