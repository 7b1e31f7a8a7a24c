// ESLint flat config (ESLint 9). eslint-plugin-office-addins v4 ships flat configs: `recommended` (Office.js
// rules such as load-before-read and no context.sync() in loops, plus prettier) and `react` (recommended +
// eslint-plugin-react). Its own TypeScript block only matches .ts/.js files, so the block below gives .tsx the
// same parser and Office.js rules. office-addin-lint picks this file up from the project root.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import globals from "globals";

// The recommended config's block with the TypeScript parser, the Office.js rules and prettier.
const officeTs = officeAddins.configs.recommended.find((c) => c.plugins && c.plugins["office-addins"]);
// Formatting is not checked here: the code base is hand-formatted at 120 columns, not prettier-formatted, and a
// formatter's opinion is not a lint error. (`npx prettier --check` with printWidth 120 is available for anyone.)
const noFormat = "off";

export default [
  {
    ignores: ["dist/**", "lib/**", "node_modules/**", "coverage/**", "**/*.d.ts"],
  },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    plugins: officeTs.plugins,
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: { ...globals.browser, Office: "readonly", Excel: "readonly", OfficeExtension: "readonly" },
    },
    rules: {
      ...officeTs.rules,
      "prettier/prettier": noFormat,
      // TypeScript checks names; ESLint's own check does not know type-only globals such as JSX or NodeJS.
      "no-undef": "off",
      // The new JSX transform (tsconfig "jsx": "react-jsx") needs no React in scope.
      "react/react-in-jsx-scope": "off",
      "react/prop-types": "off",
    },
  },
  {
    // The Office.js rules (load before read, sync after load, …) recognise proxy objects by shape, so on code that
    // uses ExcelJS or plain objects (core, the .xlsx host, the CLI, tests' fakes) they report false positives.
    // They stay on where Office.js is used: src/host/excel and src/taskpane.
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    ignores: ["src/host/excel/**", "src/taskpane/**"],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, "off"])),
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    files: ["test/**"],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.node } },
    rules: { "prettier/prettier": noFormat },
  },
];
