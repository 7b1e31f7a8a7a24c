/**
 * Test support: let a real spreadsheet program (LibreOffice Calc, headless) check what we write.
 *
 * - recalculate(xlsx)      → LibreOffice loads the workbook, recalculates EVERY formula (cached results we
 *                            wrote are ignored), saves it as xlsx again; we read the cached results it wrote.
 * - renderPdf(xlsx, dir)   → LibreOffice prints the workbook to PDF (also after a full recalculation).
 * - pdfToPngs / pdfPageSizes → poppler-utils (pdftoppm / pdfinfo) helpers to look at / measure the PDF.
 *
 * Every soffice call gets its own temp dir and its own fresh user profile (-env:UserInstallation), so calls
 * from parallel jest workers never share a profile (LibreOffice refuses to run twice on one profile).
 * The profile's registrymodifications.xcu sets Calc's OOXML/ODF "recalculation on file load" to 0 (always):
 * without it LibreOffice trusts the cached <v> values in files whose docProps/app.xml says "Microsoft Excel",
 * which is exactly what ExcelJS writes — so a wrong cached result would survive unnoticed.
 *
 * Gotchas (measured with LibreOffice 7.4, ExcelJS 4.4) are documented in libreoffice.test.ts.
 */
import { spawn } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
// jszip is ExcelJS's own zip dependency (always installed with it); used only to recover "" formula results.
import JSZip from "jszip";

/** An error value as LibreOffice reports it, e.g. {error: "#DIV/0!"}. */
export interface RecalcError {
  error: string;
}

/**
 * A recalculated cell value. Dates (date-formatted numbers, which ExcelJS turns into Date objects) are
 * returned as Excel serial numbers (1900 date system), so numbers stay numbers.
 */
export type RecalcValue = number | string | boolean | null | RecalcError;

/** Per sheet name: A1 address → value. Empty cells are absent (Map.get returns undefined). */
export type RecalcResult = Map<string, Map<string, RecalcValue>>;

export interface SofficeOptions {
  /** Kill soffice and fail after this many ms. Default 120 000. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Path of the soffice binary (override with $SOFFICE). */
export function sofficeBinary(): string {
  return process.env.SOFFICE || "soffice";
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], timeoutMs: number, env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // detached → own process group, so on timeout we can kill the soffice wrapper script AND soffice.bin.
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: env ?? process.env });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${cmd}: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      if (timedOut) {
        reject(
          new Error(
            `${cmd} timed out after ${timeoutMs} ms and was killed\n$ ${cmd} ${args.join(" ")}\n` +
              `stdout: ${stdout.trim()}\nstderr: ${stderr.trim()}`,
          ),
        );
      } else {
        resolve({ code, signal, stdout, stderr, ms });
      }
    });
  });
}

/** Last measured wall time (ms) of a soffice run in this process — handy for reporting. */
export let lastSofficeMs = 0;

/**
 * Copy `inputPath` into a fresh temp dir, run `soffice --convert-to <target>` on the copy with a fresh
 * always-recalculate profile, and return the converted file's path (inside `outDir`, or the temp dir).
 * Returns the temp dir too; the caller removes it.
 */
async function convert(
  inputPath: string,
  target: string,
  outExt: string,
  outDir: string | undefined,
  opts: SofficeOptions,
): Promise<{ outPath: string; tmpDir: string }> {
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), "selfeval-lo-"));
  try {
    const profileDir = path.join(tmpDir, "profile");
    const inDir = path.join(tmpDir, "in");
    const convDir = outDir ? path.resolve(outDir) : path.join(tmpDir, "out");
    await fs.mkdir(path.join(profileDir, "user"), { recursive: true });
    await fs.mkdir(inDir);
    await fs.mkdir(convDir, { recursive: true });
    await fs.writeFile(path.join(profileDir, "user", "registrymodifications.xcu"), RECALC_XCU, "utf8");
    const base = path.basename(inputPath);
    const copy = path.join(inDir, base);
    await fs.copyFile(inputPath, copy);

    const args = [
      `-env:UserInstallation=file://${profileDir}`,
      "--headless",
      "--invisible",
      "--nologo",
      "--nodefault",
      "--norestore",
      "--nolockcheck",
      "--calc",
      "--convert-to",
      target,
      "--outdir",
      convDir,
      copy,
    ];
    // HOME inside the temp dir too: some LibreOffice builds touch ~/.config even with UserInstallation.
    const env = { ...process.env, HOME: tmpDir, SAL_USE_VCLPLUGIN: "svp" };
    const res = await run(sofficeBinary(), args, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, env);
    lastSofficeMs = res.ms;
    const outPath = path.join(convDir, base.replace(/\.[^.]+$/, "") + "." + outExt);
    const exists = await fs
      .stat(outPath)
      .then((s) => s.size > 0)
      .catch(() => false);
    if (res.code !== 0 || !exists) {
      throw new Error(
        `LibreOffice conversion of ${inputPath} to ${target} failed (exit ${res.code}${res.signal ? ", signal " + res.signal : ""}` +
          `${exists ? "" : `, no ${outPath}`})\n$ ${sofficeBinary()} ${args.join(" ")}\n` +
          `stdout: ${res.stdout.trim()}\nstderr: ${res.stderr.trim()}`,
      );
    }
    return { outPath, tmpDir };
  } catch (e) {
    await fs.rm(tmpDir, { recursive: true, force: true });
    throw e;
  }
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function toSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

/** Normalise an ExcelJS cell value / formula result to a RecalcValue. */
export function normaliseValue(v: unknown): RecalcValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return toSerial(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("error" in o) return { error: String(o.error) };
    if ("formula" in o || "sharedFormula" in o) return normaliseValue(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in o) return normaliseValue(o.text); // hyperlink
  }
  throw new Error(`unexpected cell value ${JSON.stringify(v)}`);
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/**
 * Per sheet name, the addresses of formula cells whose cached result is the EMPTY STRING.
 * LibreOffice writes them as <c t="str"><f>…</f><v></v></c>; ExcelJS drops an empty <v>, so such a cell
 * would otherwise be indistinguishable from "no cached result".
 */
async function emptyStringFormulaCells(xlsxPath: string): Promise<Map<string, Set<string>>> {
  const zip = await JSZip.loadAsync(await fs.readFile(xlsxPath));
  const read = async (p: string) => (await zip.file(p)?.async("string")) ?? "";
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith("/") ? t.slice(1) : "xl/" + t);
  }
  const out = new Map<string, Set<string>>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const file = rid && target.get(rid);
    if (!name || !file) continue;
    const xml = await read(file);
    const cells = new Set<string>();
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const body = c[2] ?? "";
      if (!/\bt="str"/.test(attrs) || !/<f\b/.test(body)) continue;
      if (/<v>[^<]/.test(body)) continue; // non-empty cached string: ExcelJS has it
      const r = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      if (r) cells.add(r);
    }
    out.set(xmlUnescape(name), cells);
  }
  return out;
}

/**
 * Read every non-empty cell of an xlsx with ExcelJS (formula cells → their cached result;
 * a formula cell without any cached result → null, with an empty-string cached result → "").
 */
export async function readValues(xlsxPath: string): Promise<RecalcResult> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const empties = await emptyStringFormulaCells(xlsxPath);
  const result: RecalcResult = new Map();
  wb.eachSheet((ws) => {
    const sheet = new Map<string, RecalcValue>();
    const emptyHere = empties.get(ws.name) ?? new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return; // merged slaves mirror the master
        // ExcelJS's cell.value omits falsy formula results (0, false); cell.result keeps them.
        const v = cell.type === ExcelJS.ValueType.Formula ? normaliseValue(cell.result ?? null) : normaliseValue(cell.value);
        sheet.set(cell.address, v === null && emptyHere.has(cell.address) ? "" : v);
      });
    });
    result.set(ws.name, sheet);
  });
  return result;
}

/**
 * Let LibreOffice recalculate every formula in `xlsxPath` and return the values it computed,
 * per sheet name, A1 address → value. Errors come back as {error: "#DIV/0!"} etc.
 */
export async function recalculate(xlsxPath: string, opts: SofficeOptions = {}): Promise<RecalcResult> {
  // Filter name is one argv entry (no shell), so no quotes around it.
  const { outPath, tmpDir } = await convert(xlsxPath, "xlsx:Calc MS Excel 2007 XML", "xlsx", undefined, opts);
  try {
    return await readValues(outPath);
  } finally {
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

/** `xlsxPath` opened and saved again as .xlsx by LibreOffice (recalculated); returns `<outDir>/<name>.xlsx`. */
export async function resaveWithLibreOffice(xlsxPath: string, outDir: string, opts: SofficeOptions = {}): Promise<string> {
  const { outPath, tmpDir } = await convert(xlsxPath, "xlsx:Calc MS Excel 2007 XML", "xlsx", outDir, opts);
  await fs.rm(tmpDir, { recursive: true, force: true });
  return outPath;
}

/** Print `xlsxPath` to PDF with LibreOffice (after a full recalculation); returns `<outDir>/<name>.pdf`. */
export async function renderPdf(xlsxPath: string, outDir: string, opts: SofficeOptions = {}): Promise<string> {
  const { outPath, tmpDir } = await convert(xlsxPath, "pdf:calc_pdf_Export", "pdf", outDir, opts);
  await fs.rm(tmpDir, { recursive: true, force: true });
  return outPath;
}

/** Rasterise a PDF with `pdftoppm -png -r dpi`; returns the page PNG paths in page order. */
export async function pdfToPngs(pdfPath: string, outPrefix: string, dpi = 80): Promise<string[]> {
  const res = await run("pdftoppm", ["-png", "-r", String(dpi), pdfPath, outPrefix], DEFAULT_TIMEOUT_MS);
  if (res.code !== 0) throw new Error(`pdftoppm failed (exit ${res.code}) on ${pdfPath}\nstderr: ${res.stderr.trim()}`);
  const dir = path.dirname(path.resolve(outPrefix));
  const stem = path.basename(outPrefix);
  // pdftoppm zero-pads the page number to the width of the page count: p-1.png or p-01.png …
  const re = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)\\.png$`);
  const pages = (await fs.readdir(dir))
    .map((f) => ({ f, m: re.exec(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => path.join(dir, x.f));
  return pages;
}

export interface PdfPageSizes {
  pages: number;
  /** Per page (index 0 = page 1), in PostScript points (1/72 in). A4 landscape ≈ 841.89 × 595.28. */
  sizes: { width: number; height: number }[];
}

/** Page count and per-page size of a PDF, via `pdfinfo`. */
export async function pdfPageSizes(pdfPath: string): Promise<PdfPageSizes> {
  const first = await run("pdfinfo", [pdfPath], DEFAULT_TIMEOUT_MS);
  if (first.code !== 0) throw new Error(`pdfinfo failed (exit ${first.code}) on ${pdfPath}\nstderr: ${first.stderr.trim()}`);
  const m = /^Pages:\s+(\d+)/m.exec(first.stdout);
  if (!m) throw new Error(`pdfinfo printed no page count for ${pdfPath}:\n${first.stdout}`);
  const pages = Number(m[1]);
  const res = await run("pdfinfo", ["-f", "1", "-l", String(pages), pdfPath], DEFAULT_TIMEOUT_MS);
  if (res.code !== 0) throw new Error(`pdfinfo failed (exit ${res.code}) on ${pdfPath}\nstderr: ${res.stderr.trim()}`);
  const sizes: { width: number; height: number }[] = [];
  for (const line of res.stdout.split("\n")) {
    const s = /^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/.exec(line);
    if (s) sizes[Number(s[1]) - 1] = { width: Number(s[2]), height: Number(s[3]) };
  }
  if (sizes.length !== pages) throw new Error(`pdfinfo gave ${sizes.length} page sizes for ${pages} pages of ${pdfPath}`);
  return { pages, sizes };
}
