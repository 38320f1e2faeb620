import { expect, it } from "vitest";
import { browserCommand, openInBrowser } from "../../electron/open-browser.js";

const url = "http://127.0.0.1:5173/?token=abc&x=1";

it("opens the browser with the platform's opener, and only where a window can be shown", () => {
  expect(browserCommand(url, {}, "darwin")).toEqual(["open", url]);
  expect(browserCommand(url, {}, "win32")).toEqual(["cmd", "/c", "start", '""', "http://127.0.0.1:5173/?token=abc^&x=1"]);
  expect(browserCommand(url, { DISPLAY: ":0" }, "linux")).toEqual(["xdg-open", url]);
  expect(browserCommand(url, { WAYLAND_DISPLAY: "wayland-0" }, "linux")).toEqual(["xdg-open", url]);
  expect(browserCommand(url, {}, "linux")).toBeNull();
});

it("never opens one in CI or tests", () => {
  expect(openInBrowser(url, { CI: "1", DISPLAY: ":0" }, "linux")).toBe(false);
  expect(openInBrowser(url, { SYNDISCO_NO_BROWSER: "1" }, "darwin")).toBe(false);
  expect(openInBrowser(url, {}, "linux")).toBe(false);
});
