/** Renders the rule catalogue (data/rules.ts) as the Markdown page docs/rules.md. */
import { RULES, type Rule, type RuleKind } from "../data/rules";

const KIND_NAMES: Record<RuleKind, string> = {
  sum: "合计 = 分项之和 (totals vs parts)",
  identity: "预算恒等式 (budget identity)",
  balance: "差额 (balances and changes)",
  rollForward: "基金结余滚存 (fund roll-forward)",
  derived: "派生数重算 (recomputed shares, rates, scores)",
  plug: "尾差调整 (rounding plug)",
  ofWhich: "其中 ≤ 上级 (part ≤ parent)",
  same: "同一数字两处一致 (same quantity in two places)",
  yearLabel: "年度标签 (year labels)",
  textNumber: "文本型数字 (numbers stored as text)",
  typedConstant: "公式位置的常数 (typed constant)",
  errorValue: "错误值 (Excel error values)",
  unitScale: "元/万元 (10⁴ off)",
  required: "必填输入 (required inputs)",
  reader: "读取问题 (reader problems)",
  plausibility: "合理性提示 (plausibility prompts)",
};

const SEVERITY: Record<string, string> = { error: "错误（强制性）", warning: "警告（提示性）", info: "提示" };

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function row(r: Rule): string {
  const sev = SEVERITY[r.severity] + (r.roundingSeverity ? `；尾差：${SEVERITY[r.roundingSeverity]}` : "");
  return `| \`${r.id}\` | ${r.scope} | ${cell(r.covers.zh)} | ${sev} | ${r.tolerance} | ${cell(r.message.zh)} |`;
}

export function rulesMarkdown(): string {
  const lines: string[] = [];
  lines.push("# 审核规则目录 (rule catalogue)");
  lines.push("");
  lines.push("<!-- Generated from src/core/data/rules.ts by `npm run docs:rules`; do not edit by hand. -->");
  lines.push("");
  lines.push(`${RULES.length} rules. Severity: 错误 = 强制性 (must be fixed); 警告 = 提示性 (may stand with an explanation, 说明); 提示 = note.`);
  lines.push("Tolerance: `rounding` — a figure shown with d decimals stands for an interval (round-to-nearest, or truncation");
  lines.push("by the 设置 sheet); exact when the figures as shown agree, 尾差 when they differ only within the intervals,");
  lines.push("otherwise inconsistent. `exact` — any difference beyond the figures' own rounding is reported at the rule's");
  lines.push("severity. `none` — no comparison.");
  lines.push("");
  const kinds = [...new Set(RULES.map((r) => r.kind))];
  lines.push("| kind | rules |");
  lines.push("|---|---|");
  for (const k of kinds) lines.push(`| ${KIND_NAMES[k]} | ${RULES.filter((r) => r.kind === k).length} |`);
  lines.push("");
  for (const k of kinds) {
    lines.push(`## ${KIND_NAMES[k]}`);
    lines.push("");
    lines.push("| id | 范围 | 覆盖 | 严重性 | 容差 | 消息 |");
    lines.push("|---|---|---|---|---|---|");
    for (const r of RULES.filter((x) => x.kind === k)) lines.push(row(r));
    lines.push("");
  }
  return lines.join("\n");
}
