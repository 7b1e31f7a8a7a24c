/**
 * The pane's state as a plain reducer, so that it can be tested without React or Office.
 * A command is one of the five buttons; while one runs, `running` names it and every button is disabled.
 */
import type { Finding } from "../core/findings";
import { severityOrder, type Severity } from "../core/findings";
import type { HostErrorKind } from "./host-api";

export type CommandId = "newTemplate" | "fill" | "check" | "generate" | "clearHighlights";

export const commandIds: readonly CommandId[] = ["newTemplate", "fill", "check", "generate", "clearHighlights"];

export interface PaneError {
  kind: HostErrorKind;
  /** The host's own message (shown for kind "other"). */
  message: string;
  /** The command to run again from the error's 重试 button, when the error says "try again". */
  retry?: CommandId;
}

export interface PaneState {
  running: CommandId | null;
  /** The last summary, shown in the live status region. */
  status: string | null;
  error: PaneError | null;
  /** null until the first check. */
  findings: Finding[] | null;
}

export const initialState: PaneState = { running: null, status: null, error: null, findings: null };

export type PaneAction =
  | { type: "started"; command: CommandId }
  | { type: "succeeded"; status: string }
  | { type: "checked"; findings: Finding[]; status: string }
  | { type: "failed"; error: PaneError }
  | { type: "explained"; index: number; text: string; author: string; at: string }
  | { type: "notice"; status: string }
  | { type: "dismissError" };

export function reducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "started":
      return { ...state, running: action.command, error: null };
    case "succeeded":
      return { ...state, running: null, status: action.status };
    case "checked":
      return { ...state, running: null, status: action.status, findings: action.findings };
    case "failed":
      return { ...state, running: null, error: action.error };
    case "explained": {
      if (!state.findings || !state.findings[action.index]) return state;
      const findings = state.findings.slice();
      findings[action.index] = {
        ...findings[action.index],
        explanation: { text: action.text, author: action.author, at: action.at },
      };
      return { ...state, findings };
    }
    case "notice":
      return { ...state, status: action.status };
    case "dismissError":
      return { ...state, error: null };
  }
}

export interface FindingGroup {
  severity: Severity;
  /** Each finding with its index in the state's list (the key for explain). */
  items: { finding: Finding; index: number }[];
}

/** Findings grouped error → warning → info, keeping the checker's order within a group. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups: FindingGroup[] = (Object.keys(severityOrder) as Severity[])
    .sort((a, b) => severityOrder[a] - severityOrder[b])
    .map((severity) => ({ severity, items: [] }));
  findings.forEach((finding, index) => {
    const group = groups.find((g) => g.severity === finding.severity);
    if (group) group.items.push({ finding, index });
  });
  return groups;
}
