/** File handling of the CLI: reads inputs, writes outputs, and never writes over an input. */
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "fs";
import { dirname, resolve } from "path";
import type ExcelJS from "exceljs";
import { format } from "../core/data/messages";
import { loadWorkbook, saveWorkbook } from "../host/xlsx/workbook";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function canonical(path: string): string {
  const abs = resolve(path);
  return existsSync(abs) ? realpathSync(abs) : abs;
}

export async function readInput(path: string): Promise<ExcelJS.Workbook> {
  if (!existsSync(path)) throw new CliError(format("fileMissing", { file: path }), 2);
  return loadWorkbook(new Uint8Array(readFileSync(path)), path);
}

/** Writes a workbook to `out`, refusing when `out` is one of the inputs. */
export async function writeOutput(wb: ExcelJS.Workbook, out: string, inputs: string[]): Promise<void> {
  const target = canonical(out);
  if (inputs.some((input) => canonical(input) === target)) {
    throw new CliError(format("outputIsInput", { file: out }), 2);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await saveWorkbook(wb));
}
