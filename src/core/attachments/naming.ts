/**
 * Sheet names of the attachments: within Excel's limits, unique, never a sheet the user made. A sheet the previous run
 * created (the registry's "sheet" entries) is reused in place; one no longer needed is deleted.
 */
import { ATTACHMENT_ROLE_PREFIX, FORM_TEXT } from "../data/attachments";
import type { RegistryEntry } from "../model";
import { format } from "./text";

export const MAX_SHEET_NAME = 31;

/** The registry's cell of an attachment sheet: "附件4:project:就业资金". */
export const ATTACHMENT_ROLE = new RegExp(`^${ATTACHMENT_ROLE_PREFIX}\\d+:`);

/** Replaces what Excel forbids in sheet names and trims apostrophes at either end. */
export function cleanSheetName(name: string): string {
  let s = [...name].map((ch) => FORM_TEXT.sheetNameReplacements[ch] ?? ch).join("");
  s = [...s].filter((ch) => ch.charCodeAt(0) >= 0x20).join("").replace(/^'+|'+$/g, "");
  return s;
}

/** Fills a sheet-name template, shortening {name} (with …) so that the name and the suffix fit in 31 characters. */
export function sheetName(template: string, n: number, name = "", suffix = ""): { name: string; shortened: boolean } {
  const fixed = [...cleanSheetName(format(template, { n, name: "" }))].length + [...suffix].length;
  const clean = [...cleanSheetName(name)];
  const room = MAX_SHEET_NAME - fixed;
  const shortened = clean.length > room;
  const fitted = shortened ? clean.slice(0, Math.max(1, room - 1)).join("") + FORM_TEXT.ellipsis : clean.join("");
  const full = cleanSheetName(format(template, { n, name: fitted })) + suffix;
  return { name: [...full].slice(0, MAX_SHEET_NAME).join(""), shortened };
}

export interface NameRequest {
  role: string;
  template: string;
  n: number;
  object?: string;
}

export interface NameAssignment {
  role: string;
  name: string;
  /** The sheet exists and the add-in made it: clear and rewrite in place. */
  reuse: boolean;
  /** A user's sheet had the name this attachment wanted. */
  takenBy?: string;
  shortened: boolean;
}

/**
 * Chooses names: the wanted name, or the first of "name(2)", "name(3)" … that is free or ours. Sheets the registry
 * lists as ours that no attachment uses any more are returned for deletion.
 */
export function assignNames(
  requests: NameRequest[],
  sheetNames: string[],
  registry: RegistryEntry[],
): { assignments: NameAssignment[]; deleted: string[] } {
  const key = (s: string) => s.toLowerCase();
  const existing = new Set(sheetNames.map(key));
  const ours = new Set(
    registry.filter((e) => e.kind === "sheet" && ATTACHMENT_ROLE.test(e.cell) && existing.has(key(e.sheet))).map((e) => key(e.sheet)),
  );
  const used = new Set<string>();
  const assignments: NameAssignment[] = [];
  for (const req of requests) {
    const base = sheetName(req.template, req.n, req.object ?? "");
    let chosen: string | null = null;
    let takenBy: string | undefined;
    for (let i = 1; chosen === null; i++) {
      const candidate = i === 1 ? base.name : sheetName(req.template, req.n, req.object ?? "", `(${i})`).name;
      const k = key(candidate);
      if (used.has(k)) continue;
      if (existing.has(k) && !ours.has(k)) {
        takenBy ??= sheetNames.find((s) => key(s) === k);
        continue;
      }
      chosen = candidate;
    }
    used.add(key(chosen));
    assignments.push({ role: req.role, name: chosen, reuse: ours.has(key(chosen)), takenBy, shortened: base.shortened });
  }
  const deleted = sheetNames.filter((s) => ours.has(key(s)) && !used.has(key(s)));
  return { assignments, deleted };
}
