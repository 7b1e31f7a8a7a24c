/**
 * End to end: the task pane page opened in a browser outside Office (the standalone .xlsx tool), in Debian's
 * Chromium through playwright-core, against the production builds served on 127.0.0.1 by scripts/serve.js.
 *
 * Runs once per build:
 *  - cdn:   the default build. taskpane.html asks for office.js from Microsoft's CDN; the test aborts that request
 *           (there is no internet here, and the page must start without it) and counts it as the one declared
 *           request to another origin.
 *  - local: the self-contained intranet build (--env localOfficeJs). Not a single request may leave the origin.
 * Every request the page makes is recorded; any other request to another origin fails the test, as does any
 * Content-Security-Policy violation except the one noted below, and any uncaught exception in the page.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Server } from "http";
import ExcelJS from "exceljs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { SAMPLE_ATTACHMENT_SHEETS } from "../support/workbooks";
import { ensureBuild, OFFICE_JS_CDN, repoRoot, type Variant } from "./build";

const { startServer } = require("../../scripts/serve.js") as {
  startServer(o: { dir: string; port: number; quiet: boolean }): Promise<{ server: Server; url: string }>;
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const resultsDir = path.join(repoRoot, "test-results");
const samplePath = path.join(repoRoot, "samples", "sample.xlsx");

interface Recorded {
  url: string;
  /** "self": the page's own origin; "declared": office.js on the CDN (cdn build only); "foreign": anything else. */
  kind: "self" | "declared" | "foreign";
}

interface Violation {
  directive: string;
  blocked: string;
}

const timings: Record<string, number> = {};

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Date.now() - started;
  }
}

describe.each<Variant>(["cdn", "local"])("standalone page, %s build", (variant) => {
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  let userDataDir: string;
  const requests: Recorded[] = [];
  const pageErrors: string[] = [];
  /** Requests to the page's own origin that failed (e.g. a file office.js asks for but the build lacks). */
  const failed: string[] = [];

  beforeAll(async () => {
    const build = await timed(`${variant}: build`, () => ensureBuild(variant));
    const served = await startServer({ dir: build.dir, port: 0, quiet: true });
    server = served.server;
    origin = new URL(served.url).origin;
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "selfeval-chromium-"));
    fs.mkdirSync(resultsDir, { recursive: true });
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: "zh-CN",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    // Every request goes through here: the page's origin passes, everything else is aborted and recorded.
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        requests.push({ url, kind: "self" });
        return route.continue();
      }
      requests.push({ url, kind: variant === "cdn" && url === OFFICE_JS_CDN ? "declared" : "foreign" });
      return route.abort("blockedbyclient");
    });
    context.on("response", (response) => {
      if (new URL(response.url()).origin === origin && response.status() >= 400) {
        failed.push(`${response.status()} ${response.url()}`);
      }
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: { directive: string; blocked: string }[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      );
    });
  }, 20 * 60_000);

  afterAll(async () => {
    await context?.close();
    server?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, "e2e-timings.json"), JSON.stringify(timings, null, 2));
  });

  async function openPage(): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Listening from the start turns on Playwright's file-chooser interception before any click or key can open one
    // (enabling it only when the test starts waiting races with the key press).
    page.on("filechooser", () => undefined);
    await page.goto(`${origin}/taskpane.html`);
    // The standalone page is up when its file panel is: office.js either failed to load (cdn) or reported no host.
    await page.getByRole("button", { name: "选择 .xlsx 文件…" }).waitFor({ timeout: 30_000 });
    return page;
  }

  async function violations(page: Page): Promise<Violation[]> {
    const all = await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
    // office.js, outside Office, frames Microsoft's telemetry proxy a few seconds after loading (the Office 2013
    // compatibility path it takes when no host answers). The policy blocks it, which is what it is for; that one
    // is expected. Anything else (a style, a script, a connection) is a failure.
    return all.filter((v) => !(v.directive === "frame-src" && v.blocked.startsWith("https://telemetryservice.firstpartyapps.oaspapps.com")));
  }

  it("opens the sample from the keyboard, 计算 → 审核 lists the 13.14% 尾差 warning, 生成附表 downloads a new file", async () => {
    const page = await timed(`${variant}: open page`, openPage);
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe(
      variant === "local" ? "object" : "undefined",
    );

    // Keyboard: Tab to the file button, Enter opens the file chooser.
    await timed(`${variant}: open sample`, async () => {
      const chooseButton = page.getByRole("button", { name: "选择 .xlsx 文件…" });
      for (let i = 0; i < 10 && !(await chooseButton.evaluate((b) => b === document.activeElement)); i++) {
        await page.keyboard.press("Tab");
      }
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
      await chooser.setFiles(samplePath);
      await page.getByTestId("file-status").getByText("已打开：sample.xlsx（9 张工作表）").waitFor();
    });

    await timed(`${variant}: 计算`, async () => {
      await page.getByRole("button", { name: "计算", exact: true }).click();
      await page.getByTestId("status").getByText(/已填入/).waitFor();
    });
    await expect(page.getByTestId("download-name").textContent()).resolves.toContain("sample-已计算.xlsx");
    await page.screenshot({ path: path.join(resultsDir, `page-${variant}-before-check.png`), fullPage: true });

    await timed(`${variant}: 审核`, async () => {
      await page.getByRole("button", { name: "审核", exact: true }).click();
      await page.getByTestId("findings-summary").waitFor();
    });
    const warnings = page.getByTestId("group-warning").getByTestId("finding");
    const plug = warnings.filter({ hasText: "13.14%" });
    await expect(plug.count()).resolves.toBe(1);
    await expect(plug.textContent()).resolves.toMatch(/支出明细!D20.*13\.13%.*13\.14%.*尾差/);
    await expect(plug.getByText("尾差", { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(resultsDir, `page-${variant}-after-check.png`), fullPage: true });

    // A finding's 定位 link cannot select a cell here: the page shows where to look instead.
    await plug.getByRole("button", { name: "定位 支出明细!D20" }).click();
    await expect(page.getByTestId("cell-shown").textContent()).resolves.toBe("请在 Excel 中查看：支出明细!D20");
    // What a user sees after 审核 (one screen): the summary, the first warnings with the 尾差 plug, and its address.
    await page.screenshot({ path: path.join(resultsDir, `page-${variant}-findings.png`) });

    await timed(`${variant}: 生成附表`, async () => {
      await page.getByRole("button", { name: "生成附表", exact: true }).click();
      await page.getByTestId("status").getByText(/已生成附表 6 张/).waitFor();
    });
    const download = await timed(`${variant}: download`, async () => {
      const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
      return d;
    });
    expect(download.suggestedFilename()).toBe("sample-附表.xlsx");
    const saved = path.join(resultsDir, `e2e-${variant}-${download.suggestedFilename()}`);
    await download.saveAs(saved);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => /^附件\d/.test(n))).toEqual(SAMPLE_ATTACHMENT_SHEETS);
    // 附件4 就业资金: 执行率 96.10% (366.60 / 381.48) and its score 9.61 of 10, linked by formula to the inputs.
    const a4 = wb.getWorksheet("附件4 项目（就业资金）")!;
    const figures: { value: unknown; numFmt: string; formula: boolean }[] = [];
    a4.eachRow((row) =>
      row.eachCell((cell) =>
        figures.push({ value: cell.result ?? cell.value, numFmt: cell.numFmt ?? "", formula: cell.type === ExcelJS.ValueType.Formula }),
      ),
    );
    const rate = figures.find((f) => typeof f.value === "number" && Math.abs(f.value - 0.961) < 0.0005);
    expect(rate).toMatchObject({ formula: true, numFmt: expect.stringContaining("0.00%") });
    expect(figures.find((f) => f.value === 9.61)).toMatchObject({ formula: true });
    // The highlights of 审核 travel with the file: D20 of 支出明细 is amber.
    expect(JSON.stringify(wb.getWorksheet("支出明细")!.getCell("D20").fill)).toContain("FFEB9C");

    await expect(violations(page)).resolves.toEqual([]);
    await page.close();
  });

  it("a bad file gets a clear Chinese message (picked or dropped), and the workbook keeps working", async () => {
    const page = await openPage();
    const input = page.getByTestId("file-input");
    const error = page.getByTestId("open-error");

    await input.setInputFiles({ name: "预算表.xlsx", mimeType: "text/plain", buffer: Buffer.from("这不是 Excel 工作簿\n1,2,3\n") });
    await expect(error.textContent()).resolves.toMatch(/无法打开文件预算表\.xlsx：不是 \.xlsx 格式，无法读取；请在 Excel 中另存为 \.xlsx。/);

    const noSheets = Buffer.from((await new ExcelJS.Workbook().xlsx.writeBuffer()) as ArrayBuffer);
    await input.setInputFiles({ name: "空工作簿.xlsx", mimeType: "application/octet-stream", buffer: noSheets });
    await expect(error.textContent()).resolves.toMatch(/空工作簿\.xlsx：工作簿中没有工作表。/);

    // Dropped on the page: a zero-byte file.
    await page.getByTestId("drop-zone").evaluate((zone) => {
      const data = new DataTransfer();
      data.items.add(new File([], "零字节.xlsx"));
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect(error.textContent()).resolves.toMatch(/零字节\.xlsx：文件是空的（0 字节），不是 Excel 工作簿。/);
    await expect(page.getByTestId("file-status").textContent()).resolves.toContain("尚未打开文件");

    // A workbook with one blank sheet opens, but 计算 asks for the input sheets first (the pane's own message).
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("Sheet1");
    await input.setInputFiles({ name: "空白.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from((await blank.xlsx.writeBuffer()) as ArrayBuffer) });
    await page.getByTestId("file-status").getByText("已打开：空白.xlsx（1 张工作表）").waitFor();
    await expect(error.count()).resolves.toBe(0);
    await page.getByRole("button", { name: "计算", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "出错了" }).textContent()).resolves.toContain(
      "工作簿中没有找到输入表。请先点击“新建模板”添加标准输入表。",
    );
    // …and 新建模板 from the error adds them.
    await page.getByRole("alert").getByRole("button", { name: "新建模板" }).click();
    await page.getByTestId("status").getByText(/已添加输入表/).waitFor();
    await expect(page.getByTestId("download-name").textContent()).resolves.toContain("空白-模板.xlsx");

    await expect(violations(page)).resolves.toEqual([]);
    await page.close();
  });

  it(
    variant === "cdn"
      ? "made no request to another origin but the declared office.js on the CDN (aborted: no internet)"
      : "made no request to another origin at all, office.js included",
    () => {
      expect(requests.filter((r) => r.kind === "foreign").map((r) => r.url)).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(failed).toEqual([]);
      const officeJs = requests.filter((r) => /\/office\.js$/.test(r.url));
      if (variant === "cdn") {
        expect(officeJs.map((r) => r.kind)).toContain("declared");
        expect(requests.filter((r) => r.kind === "declared").every((r) => r.url === OFFICE_JS_CDN)).toBe(true);
      } else {
        expect(requests.filter((r) => r.kind !== "self")).toEqual([]);
        expect(officeJs.map((r) => r.url)).toContain(`${origin}/office-js/office.js`);
      }
      // ExcelJS came from its own chunk, on the page's origin.
      expect(requests.some((r) => r.kind === "self" && /\/exceljs\.[0-9a-f]+\.js$/.test(r.url))).toBe(true);
    },
  );
});
