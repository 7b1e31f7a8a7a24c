/** Writes docs/rules.md from the rule catalogue (src/core/data/rules.ts). */
import { writeFileSync } from "fs";
import { join } from "path";
import { rulesMarkdown } from "../src/core/check/rules-doc";

export const RULES_DOC = join(__dirname, "..", "docs", "rules.md");

if (require.main === module) {
  writeFileSync(RULES_DOC, rulesMarkdown(), "utf8");
  console.log(`已生成 ${RULES_DOC}`);
}
