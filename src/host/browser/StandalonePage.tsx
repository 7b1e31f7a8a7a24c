/**
 * The page outside Office: a file panel (choose or drop an .xlsx, download the result, where 定位 links show their
 * cell) beside the task pane itself, which runs its commands through the browser host. The pane is unchanged:
 * it knows only the AddinHost; the panel knows the file.
 */
import * as React from "react";
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { UiLanguage } from "../../core/data/ui-text";
import { App } from "../../taskpane/components/App";
import { isHostError } from "../../taskpane/host-api";
import { format, textFor } from "../../taskpane/i18n";
import type { BrowserHost, BrowserHostEvent } from "./browser-host";

const useStyles = makeStyles({
  page: {
    display: "grid",
    gridTemplateColumns: "minmax(260px, 340px) minmax(0, 1fr)",
    alignItems: "start",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    "@media (max-width: 720px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  panel: {
    position: "sticky",
    top: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    boxSizing: "border-box",
    height: "100vh",
    overflowY: "auto",
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    "@media (max-width: 720px)": {
      position: "static",
      height: "auto",
      borderRight: "none",
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  pane: { backgroundColor: tokens.colorNeutralBackground1, minWidth: 0 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    rowGap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: "center",
  },
  dropActive: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  // Visually hidden, still in the accessibility tree of the form (the button in front of it is what users reach).
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  fileName: { wordBreak: "break-all" },
  cell: { fontFamily: tokens.fontFamilyMonospace },
});

export interface StandalonePageProps {
  host: BrowserHost;
  language?: UiLanguage;
  /** Saves bytes as a download (a Blob link); replaced in tests. */
  save?: (fileName: string, bytes: Uint8Array) => void;
}

/** Offers bytes as a download through a Blob URL: the browser saves a new file, nothing is overwritten. */
export function saveAsDownload(fileName: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the link; the URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type FileState =
  | { kind: "none" }
  | { kind: "opening"; name: string }
  | { kind: "open"; name: string; sheets: number }
  | { kind: "new" };

export function StandalonePage({ host, language = "zh", save = saveAsDownload }: StandalonePageProps) {
  const styles = useStyles();
  const t = textFor(language);
  const s = t.standalone;
  const input = React.useRef<HTMLInputElement>(null);
  const [file, setFile] = React.useState<FileState>({ kind: "none" });
  const [openError, setOpenError] = React.useState<string | null>(null);
  const [resultName, setResultName] = React.useState<string | null>(null);
  const [downloaded, setDownloaded] = React.useState<string | null>(null);
  const [downloadError, setDownloadError] = React.useState<string | null>(null);
  const [cell, setCell] = React.useState<{ sheet: string; cell: string } | null>(null);
  const [dragging, setDragging] = React.useState(false);

  React.useEffect(
    () =>
      host.subscribe((event: BrowserHostEvent) => {
        if (event.type === "opened") {
          setFile({ kind: "open", name: event.file.fileName, sheets: event.file.sheetCount });
          setResultName(host.resultName());
        } else if (event.type === "changed") {
          setFile((f) => (f.kind === "none" ? { kind: "new" } : f));
          setResultName(event.fileName);
          setDownloaded(null);
        } else {
          setCell({ sheet: event.sheet, cell: event.cell });
        }
      }),
    [host],
  );

  const open = React.useCallback(
    async (picked: File | undefined) => {
      if (!picked) return;
      setOpenError(null);
      setDownloaded(null);
      setCell(null);
      setFile((f) => (f.kind === "open" || f.kind === "new" ? f : { kind: "opening", name: picked.name }));
      try {
        const bytes = new Uint8Array(await picked.arrayBuffer());
        await host.open(picked.name, bytes);
      } catch (e) {
        setFile((f) => (f.kind === "opening" ? { kind: "none" } : f));
        setOpenError(isHostError(e) || e instanceof Error ? e.message : String(e));
      }
    },
    [host],
  );

  const download = React.useCallback(async () => {
    setDownloadError(null);
    try {
      const result = await host.result();
      save(result.fileName, result.bytes);
      setDownloaded(result.fileName);
    } catch (e) {
      setDownloadError(e instanceof Error ? e.message : String(e));
    }
  }, [host, save]);

  // Dropping a file anywhere on the page opens it (and never lets the browser navigate away to the file).
  const onDragOver = (e: React.DragEvent) => {
    if (!Array.from(e.dataTransfer.types).includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setDragging(true);
  };
  const onDragLeave = (e: React.DragEvent) => {
    if (e.currentTarget === e.target) setDragging(false);
  };
  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };

  let fileLine: string;
  switch (file.kind) {
    case "none":
      fileLine = s.noFile;
      break;
    case "opening":
      fileLine = s.opening;
      break;
    case "open":
      fileLine = format(s.opened, { name: file.name, n: file.sheets });
      break;
    case "new":
      fileLine = s.newWorkbook;
      break;
  }

  return (
    <FluentProvider theme={webLightTheme} lang={language === "zh" ? "zh-CN" : "en-US"}>
      <div className={styles.page} onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
        <aside className={styles.panel} aria-label={s.fileHeading} data-testid="file-panel">
          <section className={styles.section} aria-labelledby="selfeval-file-heading">
            <Subtitle2 as="h2" id="selfeval-file-heading" className={styles.heading}>
              {s.fileHeading}
            </Subtitle2>
            <Text size={200}>{s.privacy}</Text>
            <div className={mergeClasses(styles.drop, dragging && styles.dropActive)} data-testid="drop-zone">
              <input
                ref={input}
                className={styles.hiddenInput}
                type="file"
                accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                tabIndex={-1}
                aria-hidden="true"
                data-testid="file-input"
                onChange={(e) => {
                  const picked = e.currentTarget.files?.[0];
                  // Cleared so that choosing the same file again opens it again.
                  e.currentTarget.value = "";
                  void open(picked);
                }}
              />
              <Button appearance="primary" onClick={() => input.current?.click()}>
                {s.chooseFile}
              </Button>
              <Text size={200}>{dragging ? s.dropActive : s.dropHint}</Text>
            </div>
            <div role="status" aria-live="polite" data-testid="file-status">
              <Text className={styles.fileName}>{fileLine}</Text>
            </div>
            {openError ? (
              <MessageBar intent="error" data-testid="open-error">
                <MessageBarBody>
                  <MessageBarTitle>{s.openFailedTitle}</MessageBarTitle>
                  <span role="alert">{openError}</span>
                </MessageBarBody>
              </MessageBar>
            ) : null}
          </section>

          <section className={styles.section} aria-labelledby="selfeval-download-heading">
            <Subtitle2 as="h2" id="selfeval-download-heading" className={styles.heading}>
              {s.downloadHeading}
            </Subtitle2>
            <div>
              <Button
                appearance="primary"
                disabled={resultName === null}
                onClick={() => void download()}
                data-testid="download"
              >
                {s.download}
              </Button>
            </div>
            <Text size={200} className={styles.fileName} data-testid="download-name">
              {resultName ? format(s.downloadAs, { name: resultName }) : s.downloadNothing}
            </Text>
            <div role="status" aria-live="polite">
              {downloaded ? <Text size={200}>{format(s.downloaded, { name: downloaded })}</Text> : null}
            </div>
            {downloadError ? (
              <MessageBar intent="error">
                <MessageBarBody>
                  <span role="alert">{downloadError}</span>
                </MessageBarBody>
              </MessageBar>
            ) : null}
          </section>

          <section className={styles.section} aria-labelledby="selfeval-cells-heading">
            <Subtitle2 as="h2" id="selfeval-cells-heading" className={styles.heading}>
              {s.cellsHeading}
            </Subtitle2>
            <Text size={200}>{s.cellsNote}</Text>
            <div role="status" aria-live="polite" data-testid="cell-shown">
              {cell ? (
                <Text weight="semibold" className={styles.cell}>
                  {format(s.cellShown, cell)}
                </Text>
              ) : null}
            </div>
          </section>
        </aside>
        <div className={styles.pane}>
          <App host={host} language={language} />
        </div>
      </div>
    </FluentProvider>
  );
}
