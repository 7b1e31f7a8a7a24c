/** Renders the rule catalogue (data/rules.ts) as the Markdown page docs/rules.md. */
import { formatRuleMessage, RULES, RULES_DOC, type Rule, type RuleKind } from "../data/rules";

const bilingual = (t: { zh: string; en: string }) => `${t.zh} (${t.en})`;
const kindName = (k: RuleKind) => bilingual(RULES_DOC.kinds[k]);

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function row(r: Rule): string {
  const severity = RULES_DOC.severity[r.severity];
  const sev = r.roundingSeverity
    ? formatRuleMessage(RULES_DOC.roundingSeverity, { severity, rounding: RULES_DOC.severity[r.roundingSeverity] })
    : severity;
  return `| \`${r.id}\` | ${r.scope} | ${cell(r.covers.zh)} | ${sev} | ${r.tolerance} | ${cell(r.message.zh)} |`;
}

export function rulesMarkdown(): string {
  const lines: string[] = [];
  lines.push(`# ${bilingual(RULES_DOC.title)}`);
  lines.push("");
  lines.push("<!-- Generated from src/core/data/rules.ts by `npm run docs:rules`; do not edit by hand. -->");
  lines.push("");
  for (const l of RULES_DOC.intro) lines.push(formatRuleMessage(l, { count: RULES.length }));
  lines.push("");
  const kinds = [...new Set(RULES.map((r) => r.kind))];
  lines.push("| kind | rules |");
  lines.push("|---|---|");
  for (const k of kinds) lines.push(`| ${kindName(k)} | ${RULES.filter((r) => r.kind === k).length} |`);
  lines.push("");
  for (const k of kinds) {
    lines.push(`## ${kindName(k)}`);
    lines.push("");
    lines.push(`| ${RULES_DOC.columns.join(" | ")} |`);
    lines.push(`|${RULES_DOC.columns.map(() => "---").join("|")}|`);
    for (const r of RULES.filter((x) => x.kind === k)) lines.push(row(r));
    lines.push("");
  }
  return lines.join("\n");
}
