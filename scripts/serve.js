#!/usr/bin/env node
/*
 * A tiny static web server for the production build (dist/), for the standalone page outside Office:
 *
 *   npm run build && npm run serve            → http://127.0.0.1:8080/taskpane.html
 *   npm run serve -- --port 9000 --dir dist   (or PORT=9000 npm run serve)
 *
 * It listens on 127.0.0.1 only (never on the network), serves files read-only, and answers nothing but GET/HEAD.
 * The page's Content-Security-Policy is the <meta> tag in taskpane.html; the same policy is not repeated here.
 * Excel itself needs HTTPS: for the add-in use `npm run dev-server` or a real web server (docs/deploy.md).
 */
const fs = require("fs");
const http = require("http");
const path = require("path");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".svg": "image/svg+xml",
  ".gif": "image/gif",
  ".jpg": "image/jpeg",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Resolves a request path inside root, or null when it would leave root. */
function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/**
 * Starts the server; resolves with { server, url } once it listens. port 0 picks a free port (tests).
 * @param {{ dir?: string, port?: number, quiet?: boolean }} options
 */
function startServer({ dir = "dist", port = 8080, quiet = false } = {}) {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, "taskpane.html"))) {
    return Promise.reject(new Error(`serve: ${root}/taskpane.html not found — run \`npm run build\` first.`));
  }
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "Method Not Allowed", { Allow: "GET, HEAD" });
    let urlPath = (req.url || "/").split("?")[0];
    if (urlPath === "/" || urlPath === "") urlPath = "/taskpane.html";
    const file = fileFor(root, urlPath);
    if (!file) return send(400, "Bad Request");
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return send(404, "Not Found");
      const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      res.writeHead(200, {
        "Content-Type": type,
        "Content-Length": stat.size,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        // The build's file names carry content hashes except taskpane.html/js and the manifest: revalidate all.
        "Cache-Control": "no-cache",
      });
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file).pipe(res);
    });
    if (!quiet) console.log(`${req.method} ${req.url}`);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

function parseArgs(argv) {
  const options = { dir: "dist", port: Number(process.env.PORT || 8080) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`serve: ${arg} needs a value`);
      return v;
    };
    if (arg === "--port" || arg === "-p") options.port = Number(value());
    else if (arg.startsWith("--port=")) options.port = Number(arg.slice(7));
    else if (arg === "--dir" || arg === "-d") options.dir = value();
    else if (arg.startsWith("--dir=")) options.dir = arg.slice(6);
    else if (/^\d+$/.test(arg)) options.port = Number(arg);
    else throw new Error(`serve: unknown argument ${arg}\nusage: node scripts/serve.js [--port 8080] [--dir dist]`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`serve: bad port ${options.port}`);
  }
  return options;
}

if (require.main === module) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  startServer(options).then(
    ({ url }) => console.log(`绩效自评助手（浏览器版）：${url}taskpane.html  (serving ${path.resolve(options.dir)}; Ctrl+C to stop)`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}

module.exports = { startServer, fileFor };
