/* Task-pane bundle, in the conventions of the `yo office` React task-pane template.
 *
 *   npm run build        webpack --mode production   → dist/ (no certificates needed)
 *   npm run build:dev    webpack --mode development  → dist/ (no certificates needed)
 *   npm run dev-server   webpack serve --mode development: https://localhost:3000 with office-addin-dev-certs
 *
 * office.js is never bundled: taskpane.html loads it from Microsoft's CDN; its types come from @types/office-js.
 * Production URL: manifest*.xml are copied to dist/ with https://localhost:3000/ replaced by the deployed origin,
 * given as `npm run build -- --env url=https://example.org/selfeval/` or the ADDIN_PUBLIC_URL environment variable.
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
  const url = (env && env.url) || process.env.ADDIN_PUBLIC_URL;
  if (!url) return null;
  return url.endsWith("/") ? url : `${url}/`;
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = productionUrl(env);
  if (!dev && !urlProd) {
    console.warn(
      "webpack: no production URL given (--env url=https://… or ADDIN_PUBLIC_URL); " +
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
    module: {
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
              // URLs first (they may carry a path), then the AppDomain, which is an origin only.
              return content
                .toString()
                .split(urlDev)
                .join(urlProd)
                .split(`<AppDomain>${originDev}</AppDomain>`)
                .join(`<AppDomain>${new URL(urlProd).origin}</AppDomain>`);
            },
          },
        ],
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
    ],
    performance: dev
      ? { hints: false }
      : // Fluent UI v9 + React are most of the bundle; warn only if it grows well past today's size.
        { hints: "warning", maxEntrypointSize: 1024 * 1024, maxAssetSize: 1024 * 1024 },
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
