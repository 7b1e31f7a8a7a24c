/**
 * npm run bench: prints ONE JSON object with the figures of issue 7 against their targets. Never asserted in tests.
 * Each size runs in its own process under /usr/bin/time -v (peak RSS); the batch in another; the bundle is read from
 * dist/ (built once with webpack when absent). Timings are wall and CPU ms on this machine, whatever else runs.
 * The children run tsc's output (.bench-build/), as the CLI does, not a transpiling loader (which adds ~30 %).
 */
import { execFileSync, spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import { cpus, loadavg } from "os";

const ROOT = join(__dirname, "..");
const SIZES = (process.env.BENCH_SIZES ?? "10,100,1000,10000").split(",").map(Number);
const BUILD = join(ROOT, ".bench-build", "bench");

function child(args: string[], timeoutMs: number): { json: Record<string, unknown>; maxRssMB: number | null } {
  const useTime = existsSync("/usr/bin/time");
  const cmd = useTime ? "/usr/bin/time" : process.execPath;
  const script = [join(BUILD, args[0].replace(/^bench\//, "").replace(/\.ts$/, ".js")), ...args.slice(1)];
  const argv = useTime ? ["-v", process.execPath, ...script] : script;
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 });
  const line = (r.stdout ?? "").trim().split("\n").filter((l) => l.startsWith("{")).pop();
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  let json: Record<string, unknown>;
  try {
    json = line ? JSON.parse(line) : { error: `no output (status ${r.status}, signal ${r.signal}) ${(r.stderr ?? "").slice(-300)}` };
  } catch {
    json = { error: `bad output: ${line?.slice(0, 200)}` };
  }
  return { json, maxRssMB: rss ? Math.round(Number(rss[1]) / 1024) : null };
}

/** The latest change to the task pane's sources, assets and build settings (mtime in ms). */
function newestInput(): number {
  const newest = (path: string): number => {
    const st = statSync(path);
    if (!st.isDirectory()) return st.mtimeMs;
    return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
  };
  return Math.max(...["src", "assets", "webpack.config.js", "package-lock.json", "tsconfig.json"].map((p) => join(ROOT, p)).filter(existsSync).map(newest));
}

function bundle(): Record<string, unknown> {
  const dist = join(ROOT, "dist");
  let built = false;
  // Built again when absent or older than what goes into it, so the size is this source's.
  const html = join(dist, "taskpane.html");
  if (!existsSync(html) || statSync(html).mtimeMs < newestInput()) {
    execFileSync(process.execPath, [join(ROOT, "node_modules", ".bin", "webpack"), "--mode", "production"], { cwd: ROOT, stdio: "ignore" });
    // webpack leaves an output whose content did not change untouched: mark the build as this source's.
    const now = new Date();
    utimesSync(html, now, now);
    built = true;
  }
  const page = readFileSync(html, "utf8");
  const scripts = [...page.matchAll(/<script[^>]*src=["']?([^"' >]+)/g)].map((m) => m[1]).filter((s) => !/office\.js$/i.test(s));
  const gz = (f: string) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  const local = scripts.filter((s) => !/^https?:/.test(s));
  const entryKB = local.reduce((a, f) => a + gz(f), 0) / 1024;
  // Chunks the entry may load (excel-host, browser-host, vendor chunks): all JS in dist/ except office.js copies.
  const allJs = readdirSync(dist).filter((f) => f.endsWith(".js"));
  const chunks = Object.fromEntries(allJs.map((f) => [f, Math.round((gz(f) / 1024) * 10) / 10]));
  const allKB = allJs.reduce((a, f) => a + gz(f), 0) / 1024;
  return {
    builtNow: built,
    distMtime: statSync(html).mtime.toISOString(),
    taskpaneScripts: local,
    entryGzipKB: Math.round(entryKB * 10) / 10,
    allJsGzipKB: Math.round(allKB * 10) / 10,
    chunksGzipKB: chunks,
    officeJsExcluded: true,
  };
}

function main() {
  const started = Date.now();
  execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "bench", "tsconfig.json")], { cwd: ROOT, stdio: "inherit" });
  const sizes: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    const { json, maxRssMB } = child(["bench/size.ts", String(n), "--sync"], 15 * 60_000);
    sizes.push({ ...json, maxRssMB });
  }
  const batch = child(["bench/batch.ts"], 15 * 60_000);
  const byN = new Map(sizes.map((s) => [s.projects as number, s]));
  const ms = (n: number, cmd: string) => ((byN.get(n)?.core as Record<string, { ms: number }> | undefined)?.[cmd]?.ms ?? null);
  const cpu = (n: number, cmd: string) => ((byN.get(n)?.core as Record<string, { cpuMs: number }> | undefined)?.[cmd]?.cpuMs ?? null);
  const ratio = (cmd: string) => {
    const a = ms(10000, cmd);
    const b = ms(1000, cmd);
    return a !== null && b ? Math.round((a / b) * 100) / 100 : null;
  };
  const syncs = sizes.map((s) => JSON.stringify(s.syncs ?? null));
  const syncsInterleaved = sizes.map((s) => JSON.stringify(s.syncsInterleaved ?? null));
  const b = bundle();
  const build10k = ms(10000, "build");
  const batchRatio = (batch.json.ratio as number | undefined) ?? null;
  const result = {
    machine: { cpus: cpus().length, loadavg1AtStart: Math.round(loadavg()[0] * 100) / 100, node: process.version },
    sizes,
    ratios10kOver1k: { fill: ratio("fill"), check: ratio("check"), build: ratio("build") },
    batch: { ...batch.json, maxRssMB: batch.maxRssMB },
    bundle: b,
    targets: {
      // A process's first build, as a user's one build runs: the median of several processes' first builds (each
      // listed); the best and median of the builds run again in that process beside it.
      build10kUnder2s: {
        value: build10k,
        cpuMs: cpu(10000, "build"),
        met: build10k !== null && build10k < 2000,
        firstBuildsMs: byN.get(10000)?.buildFirstRuns ?? null,
        runs: byN.get(10000)?.buildRuns ?? null,
      },
      ratio10kOver1kAtMost12: { value: ratio("build"), met: ratio("build") !== null && ratio("build")! <= 12 },
      // Indicators grouped by object (as the seed report keeps them); worstCase: interleaved row by row, whose
      // attachment write outgrows one 5 MB request at 10,000 indicators.
      syncCountsEqualAcrossSizes: {
        value: sizes.map((s) => s.syncs ?? null),
        met: new Set(syncs).size === 1,
        worstCase: { value: sizes.map((s) => s.syncsInterleaved ?? null), equal: new Set(syncsInterleaved).size === 1 },
      },
      batchRatioAtMost1_3: { value: batchRatio, met: batchRatio !== null && batchRatio <= 1.3 },
      bundleAtMost400KBGzip: { value: b.entryGzipKB, met: (b.entryGzipKB as number) <= 400 },
    },
    benchSeconds: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main();
