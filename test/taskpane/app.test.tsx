/** @jest-environment jsdom */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import type { AddinHost, CommandSummary } from "../../src/taskpane/host-api";
import { HostError } from "../../src/taskpane/host-api";
import type { Finding } from "../../src/core/findings";
import { uiText } from "../../src/core/data/ui-text";

const zh = uiText.zh;

const findings: Finding[] = [
  {
    ruleId: "budget.total",
    severity: "error",
    sheet: "预算执行",
    cells: ["F7", "G7"],
    message: "合计不等于各项之和",
    expected: "1,234.56",
    actual: "1,234.00",
    outcome: "inconsistent",
  },
  {
    ruleId: "sangong.total",
    severity: "error",
    sheet: "三公经费",
    cells: ["C9"],
    message: "三公经费合计不等于三项之和",
    expected: "11.00",
    actual: "12.00",
  },
  {
    ruleId: "budget.rate.high",
    severity: "warning",
    sheet: "预算执行",
    cells: ["H5"],
    message: "执行率高于 100%",
    actual: "103.20%",
  },
  {
    ruleId: "share.plug",
    severity: "warning",
    sheet: "支出明细",
    cells: ["D12"],
    message: "占比为尾差调整",
    outcome: "rounding",
    explanation: { text: "为使合计为100%调整", author: "张三", at: "2021-03-01T08:00:00Z" },
  },
];

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeHost(overrides: Partial<AddinHost> = {}): jest.Mocked<AddinHost> {
  const ok = (message: string) => jest.fn(async (): Promise<CommandSummary> => ({ message }));
  return {
    newTemplate: ok("已添加输入表"),
    fill: ok("已写入 12 个公式"),
    check: jest.fn(async () => findings.map((f) => ({ ...f }))),
    generate: ok("已生成 6 张附表"),
    clearHighlights: ok("已清除标记"),
    selectCell: jest.fn(async () => undefined),
    explain: jest.fn(async () => undefined),
    ...overrides,
  } as jest.Mocked<AddinHost>;
}

const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;
const commandButtons = () =>
  [zh.commands.newTemplate, zh.commands.fill, zh.commands.check, zh.commands.generate, zh.commands.clearHighlights].map(
    (c) => button(c.label),
  );

async function runCheck() {
  fireEvent.click(button("审核"));
  await screen.findByTestId("findings-summary");
}

describe("task pane", () => {
  test("审核 lists the findings grouped by severity with their counts", async () => {
    const host = fakeHost();
    render(<App host={host} />);
    expect(screen.getByText(zh.notCheckedYet)).toBeTruthy();

    await runCheck();
    expect(host.check).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("findings-summary").textContent).toBe("共 4 条：错误 2 条，警告 2 条，提示 0 条");

    expect(screen.getByRole("heading", { level: 3, name: "错误（强制性）：2 条" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "警告（提示性）：2 条" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "提示：0 条" })).toBeTruthy();

    const errors = within(screen.getByTestId("group-error")).getAllByTestId("finding");
    expect(errors.map((li) => li.textContent)).toEqual([
      expect.stringContaining("合计不等于各项之和"),
      expect.stringContaining("三公经费合计不等于三项之和"),
    ]);
    // rule id, expected vs. found
    expect(errors[0].textContent).toContain("budget.total");
    expect(errors[0].textContent).toContain("应为：1,234.56");
    expect(errors[0].textContent).toContain("实际：1,234.00");
    const warnings = within(screen.getByTestId("group-warning")).getAllByTestId("finding");
    expect(warnings).toHaveLength(2);
    expect(warnings[1].textContent).toContain("尾差");
    expect(within(screen.getByTestId("group-info")).queryAllByTestId("finding")).toHaveLength(0);
    // the live status region announces the result
    expect(screen.getByRole("status").textContent).toBe("审核完成，共 4 条结果。");
  });

  test("a finding's link asks the host to select its sheet and first cell", async () => {
    const host = fakeHost();
    render(<App host={host} />);
    await runCheck();

    fireEvent.click(button("定位 预算执行!F7"));
    await waitFor(() => expect(host.selectCell).toHaveBeenCalledWith("预算执行", "F7"));
    fireEvent.click(button("定位 三公经费!C9"));
    await waitFor(() => expect(host.selectCell).toHaveBeenLastCalledWith("三公经费", "C9"));
    expect(host.selectCell).toHaveBeenCalledTimes(2);
  });

  test("a protected sheet shows the Chinese message and the pane keeps working", async () => {
    const host = fakeHost({
      fill: jest.fn(async () => {
        throw new HostError("protected", "AccessDenied: sheet is protected");
      }),
    });
    render(<App host={host} />);

    fireEvent.click(button("计算"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(zh.errors.protected);
    expect(alert.textContent).not.toContain("AccessDenied");
    // not stuck: buttons are enabled again and another command runs
    expect(commandButtons().every((b) => !b.disabled)).toBe(true);
    await runCheck();
    expect(host.check).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("a cell in edit mode offers 重试, which runs the same command again", async () => {
    const generate = jest
      .fn<Promise<CommandSummary>, []>()
      .mockRejectedValueOnce(new HostError("editing", "InvalidOperationInCellEditMode"))
      .mockResolvedValueOnce({ message: "已生成 6 张附表" });
    const host = fakeHost({ generate });
    render(<App host={host} />);

    fireEvent.click(button("生成附表"));
    expect((await screen.findByRole("alert")).textContent).toContain(zh.errors.editing);
    fireEvent.click(button("重试"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("已生成 6 张附表"));
    expect(generate).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("a workbook without input sheets offers 新建模板", async () => {
    const host = fakeHost({
      check: jest.fn(async () => {
        throw new HostError("noInputSheets", "no input sheets");
      }),
    });
    render(<App host={host} />);

    fireEvent.click(button("审核"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(zh.errors.noInputSheets);
    fireEvent.click(within(alert).getByRole("button", { name: "新建模板" }));
    await waitFor(() => expect(host.newTemplate).toHaveBeenCalledTimes(1));
  });

  test("an unexpected error shows its message and does not crash the pane", async () => {
    const host = fakeHost({
      clearHighlights: jest.fn(async () => {
        throw new Error("网络中断");
      }),
    });
    render(<App host={host} />);
    fireEvent.click(button("清除标记"));
    expect((await screen.findByRole("alert")).textContent).toContain("操作失败：网络中断");
    fireEvent.click(button("关闭"));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(button("审核").disabled).toBe(false);
  });

  test("explaining a warning calls host.explain with the text and the name, and shows them as 已说明", async () => {
    const host = fakeHost();
    render(<App host={host} />);
    await runCheck();

    const warning = within(screen.getByTestId("group-warning")).getAllByTestId("finding")[0];
    // errors cannot be explained away; only the unexplained warning has a box
    expect(within(screen.getByTestId("group-error")).queryAllByRole("textbox")).toHaveLength(0);
    const box = within(warning).getByRole("textbox", { name: "说明" });
    fireEvent.change(within(warning).getByRole("textbox", { name: "说明人（可不填）" }), { target: { value: "王会计" } });

    // an empty explanation is not sent
    fireEvent.click(within(warning).getByRole("button", { name: "保存说明" }));
    expect(host.explain).not.toHaveBeenCalled();
    expect(warning.textContent).toContain(zh.explanationEmpty);

    fireEvent.change(box, { target: { value: "年中追加了就业补助资金" } });
    fireEvent.click(within(warning).getByRole("button", { name: "保存说明" }));
    await waitFor(() => expect(host.explain).toHaveBeenCalledTimes(1));
    const [finding, text, author] = host.explain.mock.calls[0];
    expect(finding).toMatchObject({ ruleId: "budget.rate.high", sheet: "预算执行", cells: ["H5"] });
    expect(text).toBe("年中追加了就业补助资金");
    expect(author).toBe("王会计");

    await waitFor(() => expect(within(warning).queryByRole("textbox")).toBeNull());
    expect(warning.textContent).toContain("已说明");
    expect(warning.textContent).toContain("年中追加了就业补助资金");
    expect(warning.textContent).toContain("王会计");
    // The name is remembered for the next explanation.
    expect(localStorage.getItem("selfeval.explanationAuthor")).toBe("王会计");
  });

  test("an explained finding shows 已说明 with the stored text and no box", async () => {
    render(<App host={fakeHost()} />);
    await runCheck();
    const plugged = within(screen.getByTestId("group-warning")).getAllByTestId("finding")[1];
    expect(plugged.textContent).toContain("已说明");
    expect(within(plugged).getByTestId("explanation-text").textContent).toBe("为使合计为100%调整");
    expect(within(plugged).queryByRole("textbox")).toBeNull();
  });

  test("every button is disabled while a command runs, and enabled when it ends", async () => {
    const pending = deferred<CommandSummary>();
    const host = fakeHost({ generate: jest.fn(() => pending.promise) });
    render(<App host={host} />);

    fireEvent.click(button("生成附表"));
    expect(commandButtons().every((b) => b.disabled)).toBe(true);
    expect(screen.getByRole("status").textContent).toContain("正在生成附表");
    expect(screen.getByRole("progressbar")).toBeTruthy();
    // a click on a disabled button starts nothing
    fireEvent.click(button("审核"));
    expect(host.check).not.toHaveBeenCalled();

    await act(async () => pending.resolve({ message: "已生成 6 张附表" }));
    expect(commandButtons().every((b) => !b.disabled)).toBe(true);
    expect(screen.getByRole("status").textContent).toBe("已生成 6 张附表");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(host.generate).toHaveBeenCalledTimes(1);
  });

  test("English strings when the language is en", async () => {
    render(<App host={fakeHost()} language="en" />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Performance Self-Evaluation Assistant");
    fireEvent.click(button("Check"));
    expect((await screen.findByTestId("findings-summary")).textContent).toBe(
      "4 in all: 2 errors, 2 warnings, 0 info",
    );
  });
});
