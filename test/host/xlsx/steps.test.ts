/** The .xlsx step host: a sheet not written since the host's last read is handed over again as it was read. */
import { build, type StepHost } from "../../../src/core/commands";
import type { Plan } from "../../../src/core/plan";
import { snapshotCell } from "../../../src/core/snapshot";
import { applyPlanToWorkbook } from "../../../src/host/xlsx/apply";
import { snapshotFromWorkbook } from "../../../src/host/xlsx/snapshot";
import { workbookStepHost } from "../../../src/host/xlsx/steps";
import { loadSample, seedData, workbookFrom } from "../../support/workbooks";

const write = (sheet: string, ref: string, value: number, fill?: string): Plan => ({
  styles: {},
  sheets: [{ name: sheet, cells: [{ ref, value, ...(fill ? { fill } : {}) }] }],
});

describe("workbookStepHost", () => {
  test("hands an unwritten sheet over again and reads a written one afresh", async () => {
    const wb = workbookFrom(seedData());
    const host = workbookStepHost(wb);
    const first = await host.read({ fills: false });
    await host.apply(write("项目", "A1", 42));
    const second = await host.read({ fills: false });
    const names = first.sheets.map((s) => s.name);
    expect(second.sheets.map((s) => s.name)).toEqual(names);
    for (let i = 0; i < names.length; i++) {
      expect([names[i], second.sheets[i] === first.sheets[i]]).toEqual([names[i], names[i] !== "项目"]);
    }
    const projects = second.sheets.find((s) => s.name === "项目")!;
    expect(snapshotCell(projects, 0, 0).value).toBe(42);
    // What it hands over is what a fresh read gives.
    expect(second).toEqual(snapshotFromWorkbook(wb, { fills: false }));
  });

  test("adds the fills to a sheet read without them, sharing its grids, as a fresh read with fills gives them", async () => {
    const wb = workbookFrom(seedData());
    const host = workbookStepHost(wb);
    await host.apply(write("预算执行", "C7", 1, "#FFC7CE"));
    const plain = await host.read({ fills: false });
    const filled = await host.read({ fills: true });
    expect(filled).toEqual(snapshotFromWorkbook(wb, { fills: true }));
    const budget = filled.sheets.findIndex((s) => s.name === "预算执行");
    expect(filled.sheets[budget].fills!.flat().filter((f) => f !== null).length).toBeGreaterThan(0);
    expect(filled.sheets[budget].values).toBe(plain.sheets[budget].values);
    expect(plain.sheets[budget].fills).toBeUndefined();
    // A read without fills after one with them hands the filled one over.
    expect((await host.read({ fills: false })).sheets[budget]).toBe(filled.sheets[budget]);
  });

  test("a build through it writes the same workbook and findings as through a host that reads every sheet afresh", async () => {
    const reused = await loadSample();
    const fresh = await loadSample();
    const afresh: StepHost = {
      read: async ({ fills }) => snapshotFromWorkbook(fresh, { fills }),
      apply: async (plan) => applyPlanToWorkbook(fresh, plan),
    };
    const a = await build(workbookStepHost(reused));
    const b = await build(afresh);
    expect(a.findings).toEqual(b.findings);
    expect(a.summary).toBe(b.summary);
    expect(snapshotFromWorkbook(reused, { fills: true })).toEqual(snapshotFromWorkbook(fresh, { fills: true }));
  });
});
