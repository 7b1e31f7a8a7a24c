/** Task-pane entry: wait for Office, pick the language and the host, render the pane. */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { createExcelHostLazily, isInsideExcel } from "./create-host";
import { format, languageFor, textFor } from "./i18n";

async function officeReady(): Promise<void> {
  // office.js comes from Microsoft's CDN (taskpane.html). Opened outside Office, or offline, it may be missing.
  if (typeof Office === "undefined") return;
  await Office.onReady();
}

/** Office's display language inside Office; outside Office there is none, and the pane stays Chinese. */
function displayLanguage(): string | undefined {
  if (typeof Office !== "undefined" && Office.context && Office.context.displayLanguage) {
    return Office.context.displayLanguage;
  }
  return undefined;
}

async function main(): Promise<void> {
  await officeReady();
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  if (!isInsideExcel()) {
    // Outside Office (or office.js could not load): the standalone .xlsx page, in its own chunk with ExcelJS.
    const { renderStandalonePage } = await import(/* webpackChunkName: "browser-host" */ "../host/browser/standalone");
    renderStandalonePage(container, languageFor(displayLanguage()));
    return;
  }
  const host = await createExcelHostLazily();
  createRoot(container).render(
    <React.StrictMode>
      <App host={host} language={languageFor(displayLanguage())} />
    </React.StrictMode>,
  );
}

main().catch((e: unknown) => {
  // Nothing rendered yet: show the reason rather than an empty pane.
  const container = document.getElementById("container");
  const text = textFor(languageFor(displayLanguage())).startupFailed;
  if (container) container.textContent = format(text, { reason: e instanceof Error ? e.message : String(e) });
  throw e;
});
