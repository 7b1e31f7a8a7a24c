/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // Types are checked once by `npm run typecheck`; tests only transpile.
    "^.+\\.tsx?$": ["ts-jest", {}],
  },
  moduleNameMapper: {
    // office-addin-mock imports office-addin-manifest, whose ESM-only dependency Jest on Node 20 cannot load.
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.ts",
  },
  testTimeout: 120000,
};
