/** Language choice and placeholder filling for the pane's strings (the strings themselves: core/data/ui-text). */
import { uiText, type UiLanguage, type UiText } from "../core/data/ui-text";

/** English when Office's display language (e.g. "en-US") starts with "en"; Chinese otherwise. */
export function languageFor(displayLanguage: string | null | undefined): UiLanguage {
  return displayLanguage && displayLanguage.toLowerCase().startsWith("en") ? "en" : "zh";
}

export function textFor(language: UiLanguage): UiText {
  return uiText[language];
}

/** Replaces {name} placeholders; unknown names are left as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}
