/** No eval and no new Function anywhere in src/ (the add-in runs under a CSP without 'unsafe-eval'). */
import { readdirSync, readFileSync, statSync } from "fs";
import { join } from "path";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [p] : [];
  });
}

test("src/ contains no eval( and no new Function", () => {
  const offenders: string[] = [];
  for (const f of files(join(__dirname, "..", "..", "src"))) {
    readFileSync(f, "utf8")
      .split("\n")
      .forEach((line, i) => {
        // Comments may mention the words; code may not use them.
        const code = line.replace(/\/\/.*$/, "");
        if (/(^|[^\w.$])eval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*["'`]/.test(code)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(offenders).toEqual([]);
});
