/** What the benchmark needs beyond the core: the commands that exist so far, and sync counts on the fake Excel. */
import type { Plan } from "../src/core/plan";
import type { WorkbookSnapshot } from "../src/core/snapshot";
import { FakeExcel } from "../test/support/fake-excel";
import { applyPlan } from "../src/host/excel/apply-plan";
import { createExcelHost, type Runner } from "../src/host/excel/addin-host";

type Step = (s: WorkbookSnapshot) => { plan: Plan };

export interface StepHost {
  read(options: { fills: boolean }): Promise<WorkbookSnapshot>;
  apply(plan: Plan): Promise<void>;
}

export interface Commands {
  check?: Step;
  attachments?: Step;
  /** The one-button path over a host (commands.build). */
  build?: (host: StepHost) => Promise<unknown>;
}

/** check / attachments / build as they land in src/core (commands.ts first, then their own modules). */
export function optionalCommands(): Commands {
  const commands = require("../src/core/commands") as Record<string, unknown>;
  const pick = (mod: Record<string, unknown>, names: string[]): Step | undefined => {
    for (const n of names) if (typeof mod[n] === "function") return mod[n] as Step;
    return undefined;
  };
  const out: Commands = {
    check: pick(commands, ["checkWorkbook"]),
    attachments: pick(commands, ["attachmentsPlan", "generateAttachments", "generate"]),
    build: typeof commands.build === "function" ? (commands.build as Commands["build"]) : undefined,
  };
  try {
    out.check ??= pick(require("../src/core/check/check"), ["checkWorkbook"]);
  } catch {
    /* not there yet */
  }
  try {
    out.attachments ??= pick(require("../src/core/attachments"), ["attachmentsPlan"]);
  } catch {
    /* not there yet */
  }
  return out;
}

/** context.sync() calls per host command on the fake Excel, after the template with data is in the workbook. */
export async function syncCounts(templateWithData: Plan): Promise<Record<string, number | string>> {
  const fx = new FakeExcel({ payloadLimit: Number.MAX_SAFE_INTEGER });
  fx.addSheet("Sheet1");
  await applyPlan(fx.ctx, templateWithData);
  // Syncs per Excel.run: the host reads in one run and applies in the next, so reads and applies are counted apart.
  let runs: number[] = [];
  const run: Runner = async (_options, batch) => {
    const before = fx.syncCount;
    const result = await batch(fx.ctx);
    runs.push(fx.syncCount - before);
    return result;
  };
  const host = createExcelHost({ run, undoGrouping: true }) as unknown as Record<string, () => Promise<unknown>>;
  const out: Record<string, number | string> = {};
  for (const name of ["fill", "check", "generate"]) {
    fx.resetCounters();
    runs = [];
    try {
      await host[name]();
      out[name] = fx.syncCount;
      out[`${name}PerRun`] = runs.join("+");
    } catch (err) {
      out[name] = `n/a: ${(err as Error).message}`;
    }
  }
  return out;
}
