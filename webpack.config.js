/* Task-pane bundle, in the conventions of the `yo office` React task-pane template.
 *
 *   npm run build        webpack --mode production   → dist/ (no certificates needed)
 *   npm run build:dev    webpack --mode development  → dist/ (no certificates needed)
 *   npm run dev-server   webpack serve --mode development: https://localhost:3000 with office-addin-dev-certs
 *
 * office.js is never bundled: taskpane.html loads it from Microsoft's CDN; its types come from @types/office-js.
 * Production URL: manifest*.xml are copied to dist/ with https://localhost:3000/ replaced by the deployed URL,
 * given as `npm run build -- --env addinUrl=https://内网主机/selfeval/` (`--env url=…` is the same) or the
 * ADDIN_PUBLIC_URL environment variable.
 * Intranet (no internet): `--env localOfficeJs` copies office.js and the files it loads for Excel from the
 * @microsoft/office-js package into dist/office-js/ and taskpane.html loads it from the add-in's own origin;
 * the Content-Security-Policy then names no other origin at all. See docs/deploy.md.
 *
 * Outside Office the page is a standalone .xlsx tool (src/host/browser); ExcelJS is loaded only there, as its own
 * chunk (exceljs.[hash].js), never by the Excel add-in.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
const originDev = "https://localhost:3000";

/** Dev certificates, only when serving (`webpack serve`): a build must never need them. */
async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

function productionUrl(env) {
  const given = (env && (env.addinUrl || env.url)) || process.env.ADDIN_PUBLIC_URL;
  if (!given || given === true) return null;
  // Normalised: an internationalised host name (内网主机) becomes its ASCII (punycode) form, a path is
  // percent-encoded; Office and the manifest schema expect plain URLs.
  const url = new URL(given.endsWith("/") ? given : `${given}/`);
  if (url.protocol !== "https:") throw new Error(`webpack: the add-in URL must be https:// (got ${given})`);
  return url.href;
}

const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/**
 * What office.js loads in Excel, taken from the @microsoft/office-js package: office.js itself, the host files
 * (excel-<platform>-16.xx[-core].js, chosen at run time from the host's platform), the UI strings of every locale,
 * the telemetry helpers, and the Office 2013 mapping table it asks for on old hosts. Not copied: the .debug.js
 * twins, other applications' files, Outlook strings and the SSO (webauth) helpers, which this add-in does not use.
 */
function officeJsPatterns() {
  const from = path.dirname(require.resolve("@microsoft/office-js/package.json"));
  const context = path.join(from, "dist");
  // Microsoft's files as published: never minified again (which would also rewrite their license comments).
  const common = { context, to: "office-js/[path][name][ext]", info: { minimized: true } };
  const noDebug = { ignore: ["**/*.debug.js"] };
  return [
    { ...common, from: "office.js" },
    { ...common, from: "excel-*16.0*.js", globOptions: noDebug },
    { ...common, from: "*/office_strings.js" },
    // A single file (not a glob) loses its folder in [path]: named explicitly.
    { ...common, from: "telemetry/oteljs_agave.js", to: "office-js/telemetry/[name][ext]" },
    { ...common, from: "ariatelemetry/*.js" },
    { ...common, from: "o15apptofilemappingtable.js" },
    { ...common, from: "es6-promise.js" },
    { from: path.join(from, "LICENSE.md"), to: "office-js/LICENSE.md" },
  ];
}

/**
 * The page's Content-Security-Policy (a <meta> tag, so it holds on any web server): scripts from the add-in's own
 * origin (and office.js's CDN unless office.js is local), styles from the origin plus inline <style> elements,
 * which Fluent UI's Griffel inserts at run time; no connection, frame, form or plugin anywhere else. The
 * workbook never leaves the page.
 */
function contentSecurityPolicy(localOfficeJs) {
  const scripts = localOfficeJs ? "'self'" : `'self' ${new URL(officeJsCdn).origin}`;
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * ExcelJS's browser build is minified already; minifying its chunk again costs most of a production build's time
 * on a small machine and saves nothing. Marking the asset `minimized` makes the minimizer skip it.
 */
class SkipMinifiedExcelJs {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("SkipMinifiedExcelJs", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "SkipMinifiedExcelJs", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (/^exceljs\.[0-9a-f]+\.js$/.test(name)) compilation.updateAsset(name, (source) => source, { minimized: true });
          }
        },
      );
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = productionUrl(env);
  const localOfficeJs = Boolean(env.localOfficeJs) && env.localOfficeJs !== "false";
  if (!dev && !urlProd) {
    console.warn(
      "webpack: no production URL given (--env addinUrl=https://… or ADDIN_PUBLIC_URL); " +
        "dist/manifest.xml keeps https://localhost:3000/.",
    );
  }

  return {
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".jsx"],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // ExcelJS (its prebuilt browser build, picked through package.json "browser") in a chunk of its own,
          // loaded only by the standalone page.
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: "exceljs",
            chunks: "async",
            priority: 20,
            enforce: true,
          },
        },
      },
    },
    module: {
      // Already bundled and minified (browserify UMD): nothing for webpack to parse in it.
      noParse: /[\\/]exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { configFile: "tsconfig.web.json", onlyCompileBundledFiles: true },
          },
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext][query]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              if (dev || !urlProd) return content;
              // The development notes (comments) go: they name development URLs, and a punycode host name
              // (xn--…) rewritten into a comment would put "--" inside it, which XML forbids.
              // URLs first (they may carry a path), then the AppDomain, which is an origin only.
              return content
                .toString()
                .replace(/<!--[\s\S]*?-->\s*/g, "")
                .split(urlDev)
                .join(urlProd)
                .split(`<AppDomain>${originDev}</AppDomain>`)
                .join(`<AppDomain>${new URL(urlProd).origin}</AppDomain>`);
            },
          },
          ...(localOfficeJs ? officeJsPatterns() : []),
        ],
      }),
      new SkipMinifiedExcelJs(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: {
          officeJs: localOfficeJs ? "office-js/office.js" : officeJsCdn,
          officeJsComment: localOfficeJs
            ? "Office JavaScript API: a local copy from the @microsoft/office-js package (intranet build)."
            : "Office JavaScript API: from Microsoft's CDN, never bundled.",
          contentSecurityPolicy: contentSecurityPolicy(localOfficeJs),
        },
      }),
    ],
    performance: dev
      ? { hints: false }
      : // Fluent UI v9 + React are most of the bundle; warn only if it grows well past today's size.
        {
          hints: "warning",
          maxEntrypointSize: 1024 * 1024,
          maxAssetSize: 1024 * 1024,
          // The local copy of office.js (intranet build) is Microsoft's, loaded only inside Office.
          assetFilter: (name) => !name.startsWith("office-js/") && !name.endsWith(".map"),
        },
    devServer: {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving
        ? { type: "https", options: options.https !== undefined ? options.https : await getHttpsOptions() }
        : "https",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
