/**
 * Opaque fill tokens for the Office.js host.
 *
 * Reading: Range.getCellProperties({format: {fill: {color, pattern, patternColor, tintAndShade}}}) (ExcelApi 1.9:
 * one call returns every cell of a range; @types/office-js marks RangeFill.pattern 1.9 as well). Excel reports a cell with *no fill* as color
 * "#FFFFFF" — the same as a white fill (office-js issues #4900, #6218). What tells them apart: pattern "None", or
 * (per the Excel team's answer in #4900) tintAndShade null for no fill versus a number for a real fill. So a cell
 * is "no fill" (token null) when pattern is "None", or when the colour is #FFFFFF and tintAndShade is null/absent.
 * A white fill with tintAndShade 0 keeps its token. Where neither signal is available (a host returning only a
 * colour) a #FFFFFF cell reads as no fill: restoring it clears the fill, which looks the same on screen.
 *
 * Token: JSON {"c": "#RRGGBB"} for a solid fill, plus {"p": pattern, "pc": patternColor} for a pattern fill.
 * tintAndShade is not stored: Excel reports `color` as the effective RGB already, so writing color back gives the
 * same look; writing the tint too would tint twice. Restoring a non-solid pattern uses RangeFill.pattern and
 * patternColor (ExcelApi 1.9); solid fills and "no fill" need only 1.1 (color, clear()).
 */

export interface FillToken {
  c: string;
  p?: string;
  pc?: string;
}

export interface CellFillProps {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
}

export function fillTokenFromProps(fill: CellFillProps | undefined | null): string | null {
  if (!fill || !fill.color) return null;
  if (fill.pattern === "None") return null;
  const color = normalizeColor(fill.color);
  if (color === "#FFFFFF" && (fill.tintAndShade === null || fill.tintAndShade === undefined)) return null;
  const token: FillToken = { c: color };
  if (fill.pattern && fill.pattern !== "Solid") {
    token.p = fill.pattern;
    if (fill.patternColor) token.pc = normalizeColor(fill.patternColor);
  }
  return JSON.stringify(token);
}

/** What a plan's `fill` asks for: a colour, a token to restore, or null to remove the fill. */
export type FillInstruction = { kind: "clear" } | { kind: "solid"; color: string } | { kind: "pattern"; token: FillToken };

export function parseFill(fill: string | null): FillInstruction {
  if (fill === null || fill === "") return { kind: "clear" };
  if (fill.startsWith("{")) {
    const token = JSON.parse(fill) as FillToken;
    if (token.p && token.p !== "Solid") return { kind: "pattern", token };
    return { kind: "solid", color: token.c };
  }
  return { kind: "solid", color: normalizeColor(fill) };
}

export function normalizeColor(color: string): string {
  const c = color.trim();
  return /^#?[0-9a-fA-F]{6}$/.test(c) ? `#${c.replace("#", "").toUpperCase()}` : c;
}
