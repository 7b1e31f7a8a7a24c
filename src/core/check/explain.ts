/**
 * Explanations (说明) of warnings, stored in the add-in's registry sheet. An explanation is keyed by the rule, the
 * sheet and the cells, and carries a fingerprint of the values of those cells and of their inputs: while the
 * figures stay the same the warning shows as explained; when one changes the explanation lapses.
 */
import { parseRef } from "../address";
import { CHECK_MESSAGES } from "../data/rules";
import { derivations } from "../derive";
import { inputsOf } from "../expr";
import type { Finding } from "../findings";
import type { RegistryEntry } from "../model";
import type { Plan } from "../plan";
import { readWorkbook } from "../reader";
import { registrySheetPlan, replaceEntries } from "../registry";
import { isCellError, snapshotCell } from "../snapshot";
import type { WorkbookSnapshot } from "../snapshot";
import { CheckContext } from "./evaluate";

interface StoredExplanation {
  ruleId: string;
  sheet: string;
  cells: string[];
  fingerprint: string;
  text: string;
  author: string;
  at: string;
}

/** 53-bit string hash (cyrb53): short, stable, no platform crypto needed in the core. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

const findingKey = (ruleId: string, sheet: string, cells: string[]) => `${ruleId}|${sheet}|${cells.join(",")}`;

/** The cells a finding covers and the cells their formulas read, as "sheet!A1", sorted. */
export function coveredCells(ctx: CheckContext, finding: Finding): string[] {
  const keys = new Set<string>();
  for (const ref of finding.cells) {
    const key = `${finding.sheet}!${ref}`;
    keys.add(key);
    const d = ctx.derivationAt({ sheet: finding.sheet, ref });
    if (d) for (const at of inputsOf(d.expr)) keys.add(`${at.sheet}!${at.ref}`);
  }
  return [...keys].sort();
}

/** A fingerprint of the values a finding covers (its cells and their inputs) and of what it compared. */
export function fingerprint(ctx: CheckContext, finding: Finding): string {
  const parts = coveredCells(ctx, finding).map((key) => {
    const bang = key.lastIndexOf("!");
    const sheet = ctx.sheets.get(key.slice(0, bang));
    if (!sheet) return `${key}=`;
    const { row, col } = parseRef(key.slice(bang + 1));
    const v = snapshotCell(sheet, row, col).value;
    return `${key}=${v !== null && isCellError(v) ? v.error : JSON.stringify(v)}`;
  });
  parts.push(`expected=${finding.expected ?? ""}`, `actual=${finding.actual ?? ""}`);
  return hash(parts.join("\n"));
}

function parseStored(e: RegistryEntry): StoredExplanation | null {
  if (e.kind !== "explanation") return null;
  try {
    const s = JSON.parse(e.data) as StoredExplanation;
    return s && typeof s.ruleId === "string" && Array.isArray(s.cells) ? s : null;
  } catch {
    return null;
  }
}

/** Marks warnings and notes whose stored explanation still matches their figures. */
export function attachExplanations(ctx: CheckContext, findings: Finding[]): Finding[] {
  const stored = new Map<string, StoredExplanation>();
  for (const e of ctx.model.registry) {
    const s = parseStored(e);
    if (s) stored.set(findingKey(s.ruleId, s.sheet, s.cells), s);
  }
  if (stored.size === 0) return findings;
  return findings.map((f) => {
    if (f.severity === "error") return f;
    const s = stored.get(findingKey(f.ruleId, f.sheet, f.cells));
    if (!s || s.fingerprint !== fingerprint(ctx, f)) return f;
    return { ...f, explanation: { text: s.text, author: s.author, at: s.at } };
  });
}

/**
 * Stores an explanation of a warning (or note) in the registry sheet; replaces an earlier explanation of the same
 * finding. Errors (强制性) must be fixed, not explained.
 */
export function explainFinding(
  snapshot: WorkbookSnapshot,
  finding: Finding,
  text: string,
  author: string,
  now: Date | string = new Date(),
): Plan {
  if (finding.severity === "error") throw new Error(CHECK_MESSAGES.explainError.zh);
  if (text.trim() === "") throw new Error(CHECK_MESSAGES.explainEmpty.zh);
  const model = readWorkbook(snapshot);
  const ctx = new CheckContext(snapshot, model, derivations(model));
  const stored: StoredExplanation = {
    ruleId: finding.ruleId,
    sheet: finding.sheet,
    cells: finding.cells,
    fingerprint: fingerprint(ctx, finding),
    text: text.trim(),
    author,
    at: typeof now === "string" ? now : now.toISOString(),
  };
  const key = findingKey(stored.ruleId, stored.sheet, stored.cells);
  const entry: RegistryEntry = { kind: "explanation", sheet: finding.sheet, cell: finding.cells[0] ?? "", data: JSON.stringify(stored) };
  const entries = replaceEntries(model.registry, "explanation", [entry], (e) => {
    const s = parseStored(e);
    return s !== null && findingKey(s.ruleId, s.sheet, s.cells) !== key;
  });
  return { styles: {}, sheets: [registrySheetPlan(entries)] };
}
