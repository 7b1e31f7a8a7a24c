#!/usr/bin/env node
// Runs the compiled CLI (npm run build:cli writes lib/).
require("../lib/cli/main.js").runFromProcess();
