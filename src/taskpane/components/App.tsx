/**
 * The task pane: five command buttons, a live status line, host errors in plain Chinese, and the findings of the
 * last check grouped by severity. It talks only to an AddinHost; it knows nothing of cells or Office.js.
 */
import * as React from "react";
import {
  Button,
  FluentProvider,
  Spinner,
  Subtitle2,
  Text,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { UiLanguage } from "../../core/data/ui-text";
import type { Finding } from "../../core/findings";
import type { AddinHost } from "../host-api";
import { rememberAuthor } from "../author";
import { isHostError } from "../host-api";
import { format, textFor } from "../i18n";
import { commandIds, initialState, reducer, type CommandId, type PaneError } from "../state";
import { ErrorBox } from "./ErrorBox";
import { FindingsView } from "./FindingsView";

export interface AppProps {
  host: AddinHost;
  /** "zh" (default) or "en"; index.tsx picks it from Office.context.displayLanguage. */
  language?: UiLanguage;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: "100vh",
    boxSizing: "border-box",
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  commands: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  status: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minHeight: "2.5em" },
});

/** Turns whatever the host threw into something the pane can show; never rethrows. */
export function toPaneError(e: unknown, command?: CommandId): PaneError {
  if (isHostError(e)) {
    const retry = command && (e.kind === "editing" || e.kind === "protected") ? command : undefined;
    return { kind: e.kind, message: e.message, retry };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: "other", message };
}

export function App({ host, language = "zh" }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const t = textFor(language);
  const [state, dispatch] = React.useReducer(reducer, initialState);
  // A ref as well as state: a second click in the same tick must not start a second command.
  const busy = React.useRef(false);

  const run = React.useCallback(
    async (command: CommandId) => {
      if (busy.current) return;
      busy.current = true;
      dispatch({ type: "started", command });
      try {
        if (command === "check") {
          const findings = await host.check();
          dispatch({ type: "checked", findings, status: format(t.checkDone, { n: findings.length }) });
        } else {
          const summary = await host[command]();
          dispatch({ type: "succeeded", status: summary.message });
        }
      } catch (e) {
        dispatch({ type: "failed", error: toPaneError(e, command) });
      } finally {
        busy.current = false;
      }
    },
    [host, t],
  );

  const selectCell = React.useCallback(
    async (sheet: string, cell: string) => {
      try {
        await host.selectCell(sheet, cell);
      } catch (e) {
        dispatch({ type: "failed", error: toPaneError(e) });
      }
    },
    [host],
  );

  /** Resolves true when the host stored the explanation. */
  const explain = React.useCallback(
    async (finding: Finding, index: number, text: string, author: string): Promise<boolean> => {
      try {
        await host.explain(finding, text, author);
        rememberAuthor(author);
        dispatch({ type: "explained", index, text, author, at: new Date().toISOString() });
        dispatch({ type: "notice", status: t.explanationSaved });
        return true;
      } catch (e) {
        dispatch({ type: "failed", error: toPaneError(e) });
        return false;
      }
    },
    [host, t],
  );

  const running = state.running;
  const statusText = running ? format(t.running, { command: t.commands[running].label }) : (state.status ?? t.ready);

  return (
    <FluentProvider theme={webLightTheme} lang={language === "zh" ? "zh-CN" : "en-US"}>
      <main className={styles.root} aria-busy={running !== null}>
        <header className={styles.header}>
          <Title3 as="h1" className={styles.heading}>
            {t.appTitle}
          </Title3>
          <Text size={200}>{t.appSubtitle}</Text>
        </header>

        <section aria-labelledby="selfeval-commands-heading">
          <Subtitle2 as="h2" id="selfeval-commands-heading" className={styles.heading}>
            {t.commandsHeading}
          </Subtitle2>
          <div className={styles.commands}>
            {commandIds.map((id) => (
              <Button
                key={id}
                appearance={id === "check" ? "primary" : "secondary"}
                disabled={running !== null}
                title={t.commands[id].hint}
                onClick={() => void run(id)}
              >
                {t.commands[id].label}
              </Button>
            ))}
          </div>
        </section>

        <div className={styles.status}>
          <div role="status" aria-live="polite" data-testid="status">
            {running ? <Spinner size="tiny" labelPosition="after" label={statusText} /> : <Text>{statusText}</Text>}
          </div>
        </div>

        {state.error ? (
          <ErrorBox
            error={state.error}
            text={t}
            disabled={running !== null}
            onRetry={(command) => void run(command)}
            onDismiss={() => dispatch({ type: "dismissError" })}
          />
        ) : null}

        <FindingsView
          findings={state.findings}
          text={t}
          disabled={running !== null}
          onSelectCell={(sheet, cell) => void selectCell(sheet, cell)}
          onExplain={explain}
        />
      </main>
    </FluentProvider>
  );
}
