/**
 * Nothing is ever written over an input file: fill and build refuse an output that names the input however it is
 * spelled (relative, absolute, ./, a/../, a symlink), and after fill, check and build the input's bytes and mtime are
 * unchanged.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { templatePlan } from "../../src/core/template";
import { applyPlanToWorkbook } from "../../src/host/xlsx/apply";
import { runCli as run, seedData } from "../support/workbooks";

let dir: string;
let input: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "selfeval-inputs-"));
  mkdirSync(join(dir, "sub"));
  const wb = new ExcelJS.Workbook();
  applyPlanToWorkbook(wb, templatePlan(seedData()).plan);
  input = join(dir, "unit.xlsx");
  writeFileSync(input, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  symlinkSync(input, join(dir, "link.xlsx"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spellings = (): string[] => [
  input,
  relative(process.cwd(), input),
  join(dir, ".", "unit.xlsx"),
  join(dir, "sub", "..", "unit.xlsx"),
  `${dir}//unit.xlsx`,
  join(dir, "link.xlsx"),
];

describe("no input file is ever written", () => {
  it("fill and build refuse -o naming the input, however spelled", async () => {
    const bytes = readFileSync(input);
    const mtime = statSync(input).mtimeMs;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("fill", "build"), fc.nat(5), fc.nat(5), fc.boolean(), async (cmd, i, o, longOption) => {
        const names = spellings();
        const r = await run([cmd, names[i], longOption ? "--output" : "-o", names[o]]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("输出文件不能与输入文件相同");
      }),
      // Each run loads the workbook before refusing: 1,000 runs take ~30 s here.
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
    );
    expect(readFileSync(input).equals(bytes)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(mtime);
  });

  it("fill, check (also --summary and --highlight) and build leave the input's bytes and mtime unchanged", async () => {
    const copy = join(dir, "copy.xlsx");
    copyFileSync(input, copy);
    const bytes = readFileSync(copy);
    const mtime = statSync(copy).mtimeMs;
    expect((await run(["fill", copy, "-o", join(dir, "out-fill.xlsx")])).code).toBe(0);
    expect([0, 1]).toContain((await run(["check", copy, "--json"])).code);
    expect([0, 1]).toContain((await run(["check", copy, "--summary", join(dir, "summary.xlsx")])).code);
    expect([0, 1]).toContain((await run(["check", copy, "--highlight", join(dir, "marked")])).code);
    expect([0, 1]).toContain((await run(["build", copy, "-o", join(dir, "out-build.xlsx")])).code);
    expect(readFileSync(copy).equals(bytes)).toBe(true);
    expect(statSync(copy).mtimeMs).toBe(mtime);
  });

  it("check --summary naming an input is refused", async () => {
    const r = await run(["check", input, "--summary", input]);
    expect(r.code).toBe(2);
  });
});
