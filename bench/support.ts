/** Sync counts of the host commands on the fake Excel, for the benchmark. */
import type { Plan } from "../src/core/plan";
import { FakeExcel } from "../test/support/fake-excel";
import { applyPlan } from "../src/host/excel/apply-plan";
import { createExcelHost, type Runner } from "../src/host/excel/addin-host";

/** context.sync() calls per host command on the fake Excel, after the template with data is in the workbook. */
export async function syncCounts(templateWithData: Plan): Promise<Record<string, number | string>> {
  // The stand-in enforces Excel on the web's 5 MB per request and response, as the real host does.
  const fx = new FakeExcel();
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
  const host = createExcelHost({ run, undoGrouping: true });
  const commands: Record<string, () => Promise<unknown>> = {
    fill: () => host.fill(),
    check: () => host.check(),
    generate: () => host.generate(),
  };
  const out: Record<string, number | string> = {};
  for (const name of ["fill", "check", "generate"]) {
    fx.resetCounters();
    runs = [];
    try {
      await commands[name]();
      out[name] = fx.syncCount;
      out[`${name}PerRun`] = runs.join("+");
    } catch (err) {
      out[name] = `n/a: ${(err as Error).message}`;
    }
  }
  return out;
}
