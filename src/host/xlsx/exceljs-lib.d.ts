// ExcelJS's own helpers, which the direct reader calls so that it reads cells exactly as ExcelJS's load does.
declare module "exceljs/lib/utils/utils" {
  const utils: {
    isDateFmt(format: string | undefined): boolean;
    excelToDate(value: unknown, date1904?: boolean): Date;
    xmlDecode(text: string): string;
  };
  export default utils;
}

declare module "exceljs/lib/utils/shared-formula" {
  export function slideFormula(formula: string, fromCell: string, toCell: string): string;
}

declare module "exceljs/lib/xlsx/defaultnumformats" {
  const formats: Record<number, { f: string } | undefined>;
  export default formats;
}
