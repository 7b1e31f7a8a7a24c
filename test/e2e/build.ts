/**
 * Production builds for the end-to-end and deployment tests, made once and reused while their inputs are unchanged.
 *
 * A webpack production build takes minutes on a two-core machine, so each variant is built at most once per change
 * of its inputs: the build directory carries a stamp (a hash of src/, assets/, the manifest, the webpack and
 * TypeScript configs, package-lock.json and the variant's arguments) and is rebuilt only when the stamp differs.
 * Test files in parallel Jest workers share a build through a lock directory.
 */
import { execFile } from "child_process";
import { createHash } from "crypto";
import fs from "fs";
import path from "path";

export const repoRoot = path.resolve(__dirname, "../..");
const buildsDir = path.join(repoRoot, ".tmp", "e2e-build");

/** The intranet URL the self-contained build is made for (given in Chinese, as an administrator would type it). */
export const INTRANET_URL = "https://内网主机/selfeval/";
/** The same URL as the build writes it (host name in punycode): every URL of that build's manifest starts with it. */
export const INTRANET_URL_NORMALISED = new URL(INTRANET_URL).href;
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export type Variant = "cdn" | "local";

const VARIANT_ARGS: Record<Variant, string[]> = {
  // The default build: office.js from Microsoft's CDN, manifest left at the development URL.
  cdn: [],
  // The intranet build: manifest for the given URL, office.js served from the add-in's own origin.
  local: ["--env", `addinUrl=${INTRANET_URL}`, "--env", "localOfficeJs"],
};

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function inputsHash(variant: Variant): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(VARIANT_ARGS[variant]));
  const roots = ["src", "assets"].flatMap((d) => filesUnder(path.join(repoRoot, d)));
  const single = ["manifest.xml", "webpack.config.js", "tsconfig.json", "tsconfig.web.json", "package-lock.json"].map((f) =>
    path.join(repoRoot, f),
  );
  for (const file of [...roots, ...single].sort()) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(repoRoot, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock left by a killed run is stale after 20 minutes (no build takes that long).
      const stat = fs.statSync(lock, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 20 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(1000);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface Build {
  variant: Variant;
  dir: string;
  /** Seconds the build took in this run; 0 when an up-to-date build was reused. */
  seconds: number;
}

/** The production build of a variant, up to date with the sources; builds it when missing or stale. */
export async function ensureBuild(variant: Variant): Promise<Build> {
  const dir = path.join(buildsDir, variant);
  const stampFile = path.join(buildsDir, `${variant}.stamp`);
  return withLock(path.join(buildsDir, `${variant}.lock`), async () => {
    const want = inputsHash(variant);
    const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
    if (have === want && fs.existsSync(path.join(dir, "taskpane.html"))) return { variant, dir, seconds: 0 };
    fs.rmSync(stampFile, { force: true });
    const started = Date.now();
    const webpack = path.join(repoRoot, "node_modules", "webpack-cli", "bin", "cli.js");
    const args = [webpack, "--mode", "production", "--output-path", dir, ...VARIANT_ARGS[variant]];
    const log = path.join(buildsDir, `${variant}.log`);
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        fs.writeFileSync(log, `${stdout}\n${stderr}`);
        if (err) reject(new Error(`webpack (${variant}) failed (${err.message.split("\n")[0]}); see ${log}\n${stderr.slice(-2000)}`));
        else resolve();
      });
    });
    fs.writeFileSync(stampFile, want);
    return { variant, dir, seconds: Math.round((Date.now() - started) / 1000) };
  });
}
