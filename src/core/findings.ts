/** What the checker reports. The task pane and the CLI show findings; only hosts know how to reach their cells. */

export type Severity = "error" | "warning" | "info";

export interface Explanation {
  text: string;
  author: string;
  /** ISO 8601 time the explanation was recorded. */
  at: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  sheet: string;
  /** A1 addresses on that sheet; the first is the one a link selects. */
  cells: string[];
  /** The message in the user's language (Chinese by default). */
  message: string;
  expected?: string;
  actual?: string;
  /** "exact" | "rounding" (尾差) | "inconsistent" where the finding came from a comparison. */
  outcome?: "exact" | "rounding" | "inconsistent" | "indeterminate";
  /** Present when a stored explanation still covers this warning's figures. */
  explanation?: Explanation;
}

export const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
