/** Entry of the standalone page (loaded by the task pane's index.tsx only when it is not inside Excel). */
import * as React from "react";
import { createRoot } from "react-dom/client";
import type { UiLanguage } from "../../core/data/ui-text";
import { createBrowserHost } from "./browser-host";
import { StandalonePage } from "./StandalonePage";

export function renderStandalonePage(container: HTMLElement, language: UiLanguage = "zh"): void {
  const host = createBrowserHost();
  createRoot(container).render(
    <React.StrictMode>
      <StandalonePage host={host} language={language} />
    </React.StrictMode>,
  );
}
