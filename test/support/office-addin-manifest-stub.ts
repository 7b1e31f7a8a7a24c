/**
 * Jest stand-in for the `office-addin-manifest` package (mapped in jest.config.js moduleNameMapper).
 *
 * office-addin-mock@4 requires office-addin-manifest only for the `OfficeApp` enum (lib/host.js:
 * Object.values(OfficeApp) to validate a `host` field; lib/officeMockObject.js: `=== OfficeApp.Outlook`).
 * The real package pulls in an ESM-only dependency that Jest (CommonJS, Node 20) cannot load.
 * Values mirror node_modules/office-addin-manifest/lib/officeApp.d.ts (office-addin-manifest 3.0.0).
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
