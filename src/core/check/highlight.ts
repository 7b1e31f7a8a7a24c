/**
 * Highlights: each finding's cells filled by its worst severity, the cell's original fill recorded in the registry
 * (kind "fill") the first time, so that clearHighlights restores it exactly — the host's opaque fill token, or no
 * fill. A re-check never records its own highlight as an original, and restores cells that are no longer flagged.
 */
import { parseRef } from "../address";
import { CHECK_MESSAGES, formatRuleMessage } from "../data/rules";
import type { Finding, Severity } from "../findings";
import type { RegistryEntry, WorkbookModel } from "../model";
import type { CellWrite, Plan, SheetPlan } from "../plan";
import { readWorkbook } from "../reader";
import { registrySheetPlan, replaceEntries } from "../registry";
import type { WorkbookSnapshot } from "../snapshot";

export const HIGHLIGHT_COLORS: Record<Severity, string> = { error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" };

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Whether a fill token is one of our highlights (tokens are opaque; both hosts spell the colour in them). */
export function isHighlightToken(token: string | null): boolean {
  if (token === null) return false;
  const t = token.toUpperCase();
  return Object.values(HIGHLIGHT_COLORS).some((c) => t.includes(c.slice(1)));
}

function currentFill(snapshot: WorkbookSnapshot, sheetName: string, ref: string): string | null {
  const sheet = snapshot.sheets.find((s) => s.name === sheetName);
  if (!sheet) return null;
  if (!sheet.fills) throw new Error(formatRuleMessage(CHECK_MESSAGES.highlightNoFills.zh, { sheet: sheetName }));
  const { row, col } = parseRef(ref);
  return sheet.fills[row - sheet.originRow]?.[col - sheet.originCol] ?? null;
}

function writesBySheet(writes: { sheet: string; cell: CellWrite }[]): SheetPlan[] {
  const bySheet = new Map<string, SheetPlan>();
  for (const w of writes) {
    if (!bySheet.has(w.sheet)) bySheet.set(w.sheet, { name: w.sheet, cells: [] });
    bySheet.get(w.sheet)!.cells.push(w.cell);
  }
  return [...bySheet.values()];
}

const key = (sheet: string, cell: string) => `${sheet}!${cell}`;

function restoreToken(e: RegistryEntry): string | null {
  try {
    const v = JSON.parse(e.data) as unknown;
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

/**
 * The cells whose fills highlighting (or clearing) needs: the findings' cells and those highlighted before. A host that
 * cannot afford every cell's fill (Excel on the web answers at most 5 MB) reads just these into snapshot.fills.
 */
export function cellsNeedingFills(model: WorkbookModel, findings: Finding[] = []): { sheet: string; cell: string }[] {
  const out = new Map<string, { sheet: string; cell: string }>();
  for (const f of findings) if (!f.explanation) for (const cell of f.cells) out.set(key(f.sheet, cell), { sheet: f.sheet, cell });
  for (const e of model.registry) if (e.kind === "fill") out.set(key(e.sheet, e.cell), { sheet: e.sheet, cell: e.cell });
  return [...out.values()];
}

/** The plan that highlights the findings' cells (explained ones are left unmarked). */
export function highlightPlan(snapshot: WorkbookSnapshot, model: WorkbookModel, findings: Finding[]): Plan {
  const sheetNames = new Set(snapshot.sheets.map((s) => s.name));
  const worst = new Map<string, { sheet: string; cell: string; severity: Severity }>();
  // Indexed loops: 10,000s of findings at once, in code not yet optimized (for…of makes an iterator result each).
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.explanation || !sheetNames.has(f.sheet)) continue;
    for (let j = 0; j < f.cells.length; j++) {
      const cell = f.cells[j];
      const k = key(f.sheet, cell);
      const prev = worst.get(k);
      if (!prev || rank[f.severity] < rank[prev.severity]) worst.set(k, { sheet: f.sheet, cell, severity: f.severity });
    }
  }
  const recorded = new Map(model.registry.filter((e) => e.kind === "fill").map((e) => [key(e.sheet, e.cell), e]));
  const writes: { sheet: string; cell: CellWrite }[] = [];
  const entries: RegistryEntry[] = [];
  worst.forEach((w, k) => {
    const old = recorded.get(k);
    entries.push(old ?? { kind: "fill", sheet: w.sheet, cell: w.cell, data: JSON.stringify(currentFill(snapshot, w.sheet, w.cell)) });
    writes.push({ sheet: w.sheet, cell: { ref: w.cell, fill: HIGHLIGHT_COLORS[w.severity] } });
  });
  // Cells highlighted before and clean now get their own fill back.
  for (const [k, e] of recorded) {
    if (worst.has(k) || !sheetNames.has(e.sheet)) continue;
    if (isHighlightToken(currentFill(snapshot, e.sheet, e.cell))) writes.push({ sheet: e.sheet, cell: { ref: e.cell, fill: restoreToken(e) } });
  }
  const changed = entries.length !== recorded.size || entries.some((e) => recorded.get(key(e.sheet, e.cell)) !== e);
  const sheets = writesBySheet(writes);
  if (changed) sheets.push(registrySheetPlan(replaceEntries(model.registry, "fill", entries)));
  return { styles: {}, sheets };
}

/** Removes every highlight, restoring each cell's original fill exactly, and forgets the recorded fills. */
export function clearHighlights(snapshot: WorkbookSnapshot): Plan {
  const model = readWorkbook(snapshot);
  const fills = model.registry.filter((e) => e.kind === "fill");
  if (fills.length === 0) return { styles: {}, sheets: [] };
  const names = new Set(snapshot.sheets.map((s) => s.name));
  const writes: { sheet: string; cell: CellWrite }[] = [];
  for (const e of fills) {
    if (!names.has(e.sheet)) continue;
    // A cell the user has re-coloured since the check keeps the user's colour.
    if (!isHighlightToken(currentFill(snapshot, e.sheet, e.cell))) continue;
    writes.push({ sheet: e.sheet, cell: { ref: e.cell, fill: restoreToken(e) } });
  }
  const sheets = writesBySheet(writes);
  sheets.push(registrySheetPlan(replaceEntries(model.registry, "fill", [])));
  return { styles: {}, sheets };
}
