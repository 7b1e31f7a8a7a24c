/** A host error in plain words, with the one action that helps: 重试 (retry) or 新建模板 (new template). */
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { UiText } from "../../core/data/ui-text";
import { format } from "../i18n";
import type { CommandId, PaneError } from "../state";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

export interface ErrorBoxProps {
  error: PaneError;
  text: UiText;
  disabled: boolean;
  onRetry(command: CommandId): void;
  onDismiss(): void;
}

export function errorMessage(error: PaneError, text: UiText): string {
  return error.kind === "other" ? format(text.errors.other, { message: error.message }) : text.errors[error.kind];
}

export function ErrorBox({ error, text, disabled, onRetry, onDismiss }: ErrorBoxProps): React.JSX.Element {
  const styles = useStyles();
  const retry = error.retry;
  return (
    <div role="alert" className={styles.box}>
      <Text weight="semibold">{text.errorTitle}</Text>
      <Text>{errorMessage(error, text)}</Text>
      <div className={styles.actions}>
        {retry ? (
          <Button appearance="primary" disabled={disabled} onClick={() => onRetry(retry)}>
            {text.retry}
          </Button>
        ) : null}
        {error.kind === "noInputSheets" ? (
          <Button appearance="primary" disabled={disabled} onClick={() => onRetry("newTemplate")}>
            {text.commands.newTemplate.label}
          </Button>
        ) : null}
        <Button appearance="subtle" onClick={onDismiss}>
          {text.dismiss}
        </Button>
      </div>
    </div>
  );
}
