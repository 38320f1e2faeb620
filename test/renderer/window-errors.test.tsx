/** The window's own failures reach the studio's log, and a view that throws does not blank the window. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createErrorReporter, reportUncaught } from "../../renderer/app/error-report.js";
import { ViewBoundary } from "../../renderer/ui/view-boundary.js";
import type { RendererError } from "../../shared/contract-diagnostics.js";

afterEach(cleanup);

describe("the error reporter", () => {
  it("sends the message and stack, the same failure once a minute, and at most 20 reports a minute", () => {
    let clock = 1_000_000;
    const sent: RendererError[] = [];
    const report = createErrorReporter(async (error) => void sent.push(error), () => clock);
    const failure = new TypeError("rows is undefined");
    report("view Library", failure, "Components:\n    at LibraryView");
    report("view Library", failure);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ where: "view Library", message: "rows is undefined" });
    expect(sent[0]!.stack).toMatch(/^TypeError: rows is undefined\n[\s\S]*Components:\n {4}at LibraryView$/);

    clock += 60_000;
    report("view Library", failure);
    expect(sent).toHaveLength(2);

    for (let index = 0; index < 40; index++) report("window", `failure ${index}`);
    // 20 a minute in all: the one above and 19 of these (2 were sent the minute before).
    expect(sent).toHaveLength(21);
    expect(sent.at(-1)).toEqual({ where: "window", message: "failure 18" });
    clock += 60_000;
    report("window", "failure 39");
    expect(sent.at(-1)).toEqual({ where: "window", message: "failure 39" });
  });

  it("a report that cannot be sent goes to the console, not back into the window as another error", async () => {
    const console = vi.spyOn(globalThis.console, "error").mockImplementation(() => undefined);
    const report = createErrorReporter(() => Promise.reject(new Error("the studio is not connected")));
    report("promise", new Error("lost"));
    await vi.waitFor(() => expect(console).toHaveBeenCalledWith("could not log an error of this window:", expect.any(Error), expect.any(Error)));
    console.mockRestore();
  });

  it("catches errors and promise rejections nothing else caught", () => {
    const seen: [string, unknown][] = [];
    const target = new EventTarget();
    reportUncaught(target as unknown as Window, (where, error) => seen.push([where, error]));
    const thrown = new Error("boom");
    target.dispatchEvent(Object.assign(new Event("error"), { error: thrown, message: "Uncaught Error: boom" }));
    target.dispatchEvent(Object.assign(new Event("unhandledrejection"), { reason: "no model loaded" }));
    expect(seen).toEqual([
      ["window", thrown],
      ["promise", "no model loaded"],
    ]);
  });
});

describe("a view that throws while rendering", () => {
  it("shows the error in its place, logs it with the components it was in, and opens again", () => {
    const silence = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let broken = true;
    function Library() {
      if (broken) throw new TypeError("rows is undefined");
      return <p>Library rows</p>;
    }
    const onError = vi.fn();
    render(
      <ViewBoundary view="Library" onError={onError}>
        <Library />
      </ViewBoundary>,
    );
    const alert = screen.getByRole("alert", { name: "The Library view stopped with an error" });
    expect(alert.textContent).toContain("rows is undefined");
    expect(alert.textContent).toContain("Settings, Logged errors");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toBe("view Library");
    expect(onError.mock.calls[0]![1]).toBeInstanceOf(TypeError);
    expect(onError.mock.calls[0]![2]).toMatch(/^Components:[\s\S]*Library/);

    broken = false;
    fireEvent.click(screen.getByRole("button", { name: "Open the view again" }));
    expect(screen.getByText("Library rows")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
    silence.mockRestore();
  });
});
