/** The findings of the last check, grouped by severity with counts; each can select its cell or be explained. */
import * as React from "react";
import {
  Badge,
  Button,
  Field,
  Link,
  Subtitle2,
  Text,
  Textarea,
  Input,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { UiText } from "../../core/data/ui-text";
import type { Finding, Severity } from "../../core/findings";
import { format } from "../i18n";
import { rememberedAuthor } from "../author";
import { groupFindings } from "../state";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  error: { borderLeft: `4px solid ${tokens.colorPaletteRedBorderActive}` },
  warning: { borderLeft: `4px solid ${tokens.colorPaletteMarigoldBorderActive}` },
  info: { borderLeft: `4px solid ${tokens.colorNeutralStroke1}` },
  meta: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
  explain: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  explained: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
});

export interface FindingsViewProps {
  findings: Finding[] | null;
  text: UiText;
  /** True while a command runs. */
  disabled: boolean;
  onSelectCell(sheet: string, cell: string): void;
  onExplain(finding: Finding, index: number, text: string, author: string): Promise<boolean>;
}

export function FindingsView({ findings, text, disabled, onSelectCell, onExplain }: FindingsViewProps) {
  const styles = useStyles();
  let body: React.ReactNode;
  if (findings === null) {
    body = <Text>{text.notCheckedYet}</Text>;
  } else {
    const groups = groupFindings(findings);
    const count = (s: Severity) => groups.find((g) => g.severity === s)?.items.length ?? 0;
    body = (
      <>
        <Text data-testid="findings-summary">
          {findings.length === 0
            ? text.noFindings
            : format(text.findingsSummary, {
                total: findings.length,
                error: count("error"),
                warning: count("warning"),
                info: count("info"),
              })}
        </Text>
        {groups.map((group) => (
          <section
            key={group.severity}
            className={styles.section}
            aria-labelledby={`selfeval-group-${group.severity}`}
            data-testid={`group-${group.severity}`}
          >
            <Subtitle2 as="h3" id={`selfeval-group-${group.severity}`} className={styles.heading}>
              {format(text.severityHeading, { label: text.severity[group.severity], n: group.items.length })}
            </Subtitle2>
            {group.items.length === 0 ? (
              <Text>{text.noneInGroup}</Text>
            ) : (
              <ul className={styles.list}>
                {group.items.map(({ finding, index }) => (
                  <FindingItem
                    key={index}
                    finding={finding}
                    index={index}
                    text={text}
                    disabled={disabled}
                    onSelectCell={onSelectCell}
                    onExplain={onExplain}
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
      </>
    );
  }
  return (
    <section className={styles.section} aria-labelledby="selfeval-findings-heading">
      <Subtitle2 as="h2" id="selfeval-findings-heading" className={styles.heading}>
        {text.findingsHeading}
      </Subtitle2>
      {body}
    </section>
  );
}

interface FindingItemProps {
  finding: Finding;
  index: number;
  text: UiText;
  disabled: boolean;
  onSelectCell(sheet: string, cell: string): void;
  onExplain(finding: Finding, index: number, text: string, author: string): Promise<boolean>;
}

function FindingItem({ finding, index, text, disabled, onSelectCell, onExplain }: FindingItemProps) {
  const styles = useStyles();
  const cell = finding.cells[0];
  return (
    <li className={`${styles.item} ${styles[finding.severity]}`} data-testid="finding">
      <Text weight="semibold">{finding.message}</Text>
      <div className={styles.meta}>
        <Text size={200}>
          {text.rule}：{finding.ruleId}
        </Text>
        {finding.outcome === "rounding" ? (
          <Badge appearance="tint" color="warning">
            {text.outcomeRounding}
          </Badge>
        ) : null}
      </div>
      {finding.expected !== undefined || finding.actual !== undefined ? (
        <div className={styles.meta}>
          {finding.expected !== undefined ? (
            <Text size={200}>
              {text.expected}：{finding.expected}
            </Text>
          ) : null}
          {finding.actual !== undefined ? (
            <Text size={200}>
              {text.actual}：{finding.actual}
            </Text>
          ) : null}
        </div>
      ) : null}
      {cell ? (
        <div>
          <Link as="button" onClick={() => onSelectCell(finding.sheet, cell)}>
            {format(text.goToCell, { sheet: finding.sheet, cell })}
          </Link>
        </div>
      ) : null}
      {finding.explanation ? (
        <div className={styles.explained}>
          <div className={styles.meta}>
            <Badge appearance="filled" color="success">
              {text.explained}
            </Badge>
            {finding.explanation.author || finding.explanation.at ? (
              <Text size={200}>
                {format(text.explainedBy, {
                  author: finding.explanation.author,
                  at: finding.explanation.at.slice(0, 10),
                }).trim()}
              </Text>
            ) : null}
          </div>
          <Text data-testid="explanation-text">{finding.explanation.text}</Text>
        </div>
      ) : finding.severity === "warning" ? (
        <ExplainBox finding={finding} index={index} text={text} disabled={disabled} onExplain={onExplain} />
      ) : null}
    </li>
  );
}

interface ExplainBoxProps {
  finding: Finding;
  index: number;
  text: UiText;
  disabled: boolean;
  onExplain(finding: Finding, index: number, text: string, author: string): Promise<boolean>;
}

function ExplainBox({ finding, index, text, disabled, onExplain }: ExplainBoxProps) {
  const styles = useStyles();
  const [value, setValue] = React.useState("");
  const [author, setAuthor] = React.useState(rememberedAuthor);
  const [saving, setSaving] = React.useState(false);
  const [invalid, setInvalid] = React.useState(false);

  const save = async () => {
    const trimmed = value.trim();
    if (!trimmed) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setSaving(true);
    try {
      await onExplain(finding, index, trimmed, author.trim());
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={styles.explain}>
      <Field
        label={text.explainLabel}
        validationState={invalid ? "error" : "none"}
        validationMessage={invalid ? text.explanationEmpty : undefined}
      >
        <Textarea
          value={value}
          placeholder={text.explainPlaceholder}
          resize="vertical"
          onChange={(_, data) => setValue(data.value)}
        />
      </Field>
      <Field label={text.explainAuthor}>
        <Input value={author} onChange={(_, data) => setAuthor(data.value)} />
      </Field>
      <div>
        <Button disabled={disabled || saving} onClick={() => void save()}>
          {text.saveExplanation}
        </Button>
      </div>
    </div>
  );
}
