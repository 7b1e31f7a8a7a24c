/**
 * selfeval template | fill | check | build — the engine on .xlsx files.
 */
import ExcelJS from "exceljs";
import { build as buildCommand, fillWorkbook, newTemplate } from "../core/commands";
import { format } from "../core/data/messages";
import { workbookStepHost } from "../host/xlsx/steps";
import { UnreadableWorkbookError, runOnWorkbook } from "../host/xlsx/workbook";
import { runCheck } from "./check";
import { CliError, readInput, writeOutput } from "./files";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = format("cliUsage");

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("-")) throw new CliError(`${format("cliNeedsValue", { option: name })}\n${USAGE}`, 2);
  args.splice(i, 2);
  return value;
}

function oneInputAndOutput(args: string[]): { input: string; output: string } {
  const output = takeOption(args, "-o") ?? takeOption(args, "--output");
  if (!output) throw new CliError(`${format("cliNeedsOutput", { example: "OUT.xlsx" })}\n${USAGE}`, 2);
  if (args.length !== 1) throw new CliError(`${format("cliOneInput")}\n${USAGE}`, 2);
  return { input: args[0], output };
}

async function template(args: string[], io: Io): Promise<number> {
  const output = takeOption(args, "-o") ?? takeOption(args, "--output");
  if (!output) throw new CliError(`${format("cliNeedsOutput", { example: "blank.xlsx" })}\n${USAGE}`, 2);
  const wb = new ExcelJS.Workbook();
  const result = runOnWorkbook(wb, (s) => newTemplate(s));
  await writeOutput(wb, output, []);
  io.stdout(`${result.summary}\n${format("cliWritten", { file: output })}\n`);
  return 0;
}

async function fill(args: string[], io: Io): Promise<number> {
  const { input, output } = oneInputAndOutput(args);
  const wb = await readInput(input);
  const result = runOnWorkbook(wb, (s) => fillWorkbook(s));
  await writeOutput(wb, output, [input]);
  for (const issue of result.model.issues) io.stderr(`${issue.message}\n`);
  io.stdout(`${result.summary}\n${format("cliWritten", { file: output })}\n`);
  return 0;
}

/** fill + attachments + check with highlights; exits 1 when a finding is an error (the output is written anyway). */
async function build(args: string[], io: Io): Promise<number> {
  const { input, output } = oneInputAndOutput(args);
  const wb = await readInput(input);
  const result = await buildCommand(workbookStepHost(wb));
  await writeOutput(wb, output, [input]);
  io.stdout(`${result.summary}\n${format("cliWritten", { file: output })}\n`);
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}

function check(args: string[], io: Io): Promise<number> {
  return runCheck(args, { stdout: { write: io.stdout }, stderr: { write: io.stderr } });
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = { template, fill, check, build };

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    io.stderr(`${command ? `${format("cliUnknownCommand", { command })}\n` : ""}${USAGE}\n`);
    return 2;
  }
  try {
    return await run(args, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof UnreadableWorkbookError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

/** Runs the CLI on this process's arguments and exits with its status. */
export function runFromProcess(): void {
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`${format("cliInternal", { reason: err.message })}\n`);
      process.exit(3);
    },
  );
}

if (require.main === module) runFromProcess();
