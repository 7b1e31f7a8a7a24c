/**
 * The two production builds as an administrator deploys them (docs/deploy.md):
 *  - the self-contained intranet build (--env addinUrl=https://内网主机/selfeval/ --env localOfficeJs): its manifest
 *    validates offline and names only that URL; taskpane.html loads every script from under it (office.js
 *    included); the page's Content-Security-Policy names no other origin;
 *  - the default build keeps office.js on Microsoft's CDN, and its policy allows that one origin besides its own.
 * The builds are shared with page.e2e.test.ts (test/e2e/build.ts).
 */
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { ensureBuild, INTRANET_URL_NORMALISED, OFFICE_JS_CDN, repoRoot } from "./build";

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=("([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => m[2] ?? m[3] ?? m[4]);
}

function csp(html: string): string {
  const m = html.match(/http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/);
  if (!m) throw new Error("taskpane.html has no Content-Security-Policy meta tag");
  return m[1];
}

/** Every URL the manifest names, namespace declarations aside. */
function manifestUrls(xml: string): string[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, "").replace(/\sxmlns(:\w+)?="[^"]*"/g, "");
  return [...body.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]);
}

describe("self-contained intranet build", () => {
  let dir: string;
  beforeAll(async () => {
    dir = (await ensureBuild("local")).dir;
  }, 20 * 60_000);

  it("has a manifest that validates offline against the schemas", () => {
    expect(() =>
      execFileSync("bash", [path.join(repoRoot, "scripts/validate-manifest.sh"), path.join(dir, "manifest.xml")], {
        stdio: "pipe",
      }),
    ).not.toThrow();
  });

  it("has a manifest that names only the given URL", () => {
    const urls = manifestUrls(read(dir, "manifest.xml"));
    expect(urls.length).toBeGreaterThan(5);
    const origin = new URL(INTRANET_URL_NORMALISED).origin;
    const outside = urls.filter((u) => !u.startsWith(INTRANET_URL_NORMALISED) && u !== origin);
    expect(outside).toEqual([]);
    expect(read(dir, "manifest.xml")).toContain(`<SourceLocation DefaultValue="${INTRANET_URL_NORMALISED}taskpane.html"/>`);
    expect(read(dir, "manifest.xml")).toContain(`<AppDomain>${origin}</AppDomain>`);
  });

  it("loads every script from under that URL, office.js from its own copy, and its policy names no other origin", () => {
    const html = read(dir, "taskpane.html");
    const page = new URL("taskpane.html", INTRANET_URL_NORMALISED);
    const sources = scriptSources(html);
    expect(sources).toEqual(expect.arrayContaining(["office-js/office.js", "taskpane.js"]));
    for (const src of sources) {
      expect(new URL(src, page).href.startsWith(INTRANET_URL_NORMALISED)).toBe(true);
      expect(fs.existsSync(path.join(dir, src))).toBe(true);
    }
    const policy = csp(html);
    expect(policy).not.toMatch(/https?:|\*/);
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self'");
    // Nothing the page itself loads mentions Microsoft's CDN.
    for (const file of fs.readdirSync(dir).filter((f) => /\.(js|html)$/.test(f))) {
      expect([file, read(dir, file).includes("appsforoffice.microsoft.com")]).toEqual([file, false]);
    }
  });

  it("carries office.js and what it loads for Excel, from the @microsoft/office-js package", () => {
    for (const file of [
      "office.js",
      "excel-win32-16.01.js",
      "excel-web-16.00.js",
      "excel-mac-16.00.js",
      "excel-ios-16.00.js",
      "zh-cn/office_strings.js",
      "en-us/office_strings.js",
      "telemetry/oteljs_agave.js",
      "o15apptofilemappingtable.js",
      "LICENSE.md",
    ]) {
      expect([file, fs.existsSync(path.join(dir, "office-js", file))]).toEqual([file, true]);
    }
    const packaged = fs.readFileSync(require.resolve("@microsoft/office-js/dist/office.js"));
    expect(fs.readFileSync(path.join(dir, "office-js/office.js")).equals(packaged)).toBe(true);
    expect(fs.existsSync(path.join(dir, "office-js/office.debug.js"))).toBe(false);
  });
});

describe("default build", () => {
  let dir: string;
  beforeAll(async () => {
    dir = (await ensureBuild("cdn")).dir;
  }, 20 * 60_000);

  it("loads office.js from Microsoft's CDN and allows only that origin besides its own", () => {
    const html = read(dir, "taskpane.html");
    expect(scriptSources(html)).toEqual(expect.arrayContaining([OFFICE_JS_CDN, "taskpane.js"]));
    const policy = csp(html);
    expect(policy.match(/https?:\/\/[^\s;]+/g)).toEqual([new URL(OFFICE_JS_CDN).origin]);
    expect(policy).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(fs.existsSync(path.join(dir, "office-js"))).toBe(false);
  });

  it("keeps ExcelJS out of what the Excel add-in loads: it is a chunk of its own, for the standalone page only", () => {
    const sources = (file: string): string[] => JSON.parse(read(dir, `${file}.map`)).sources;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
    const excelHost = files.find((f) => f.startsWith("excel-host."))!;
    const excelJs = files.find((f) => /^exceljs\.[0-9a-f]+\.js$/.test(f))!;
    expect(excelJs).toBeDefined();
    for (const file of ["taskpane.js", excelHost]) {
      expect([file, sources(file).filter((s) => /node_modules\/exceljs\//.test(s))]).toEqual([file, []]);
    }
    // The only chunk with ExcelJS in it is its own.
    const withExcelJs = files.filter((f) => read(dir, f).includes("ExcelJS") || sources(f).some((s) => /exceljs/.test(s)));
    expect(withExcelJs).toEqual([excelJs]);
  });
});
