/** The main process's security settings, checked against a recording fake of the `electron` module. */
import { cpSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { ipcChannels } from "../../shared/contract.js";
import type { FakeElectron } from "./fake-electron.js";
import { FakeWebContents } from "./fake-electron.js";

const fake = vi.hoisted(() => ({ electron: null as FakeElectron | null }));
vi.mock("electron", async () => {
  const { createFakeElectron } = await import("./fake-electron.js");
  fake.electron = createFakeElectron();
  return fake.electron.module;
});

// A packaged app (the fake says isPackaged) reads its resources from process.resourcesPath, where
// electron-builder's extraResources puts them: lay them out so in a temporary folder.
const resourcesPath = mkdtempSync(path.join(os.tmpdir(), "resources-path-"));
cpSync(path.resolve(import.meta.dirname, "../../resources"), path.join(resourcesPath, "resources"), { recursive: true });
Object.assign(process, { resourcesPath });

describe("main process", async () => {
  await import("../../electron/main.js");
  const { record, module } = fake.electron as FakeElectron;
  await vi.waitFor(() => expect(record.windows).toHaveLength(1));
  const window = record.windows[0]!;
  const invoke = record.ipcHandlers.get(ipcChannels.invoke) as unknown as (event: unknown, command: unknown, input: unknown) => Promise<unknown>;
  afterAll(async () => {
    const quit = record.appListeners.get("before-quit") as unknown as (event: { preventDefault(): void }) => void;
    quit({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(module.app.quit).toHaveBeenCalled());
    await rm(record.userData, { recursive: true, force: true });
    await rm(resourcesPath, { recursive: true, force: true });
  });

  it("creates the window isolated, sandboxed and without Node, from the app scheme", () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect(window.loadedUrl).toBe("studio://app/index.html");
    expect(record.sandboxEnabled).toBe(true);
    expect(record.privilegedSchemes).toEqual([{ scheme: "studio", privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it("serves the renderer with a strict CSP and nothing outside its folder", async () => {
    const handler = record.protocolHandlers.get("studio")!;
    const page = await handler(new Request("studio://app/index.html"));
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe");
    expect((await handler(new Request("studio://app/%2e%2e/package.json"))).status).toBe(404);
    expect((await handler(new Request("studio://other/index.html"))).status).toBe(404);
  });

  it("denies navigation away from the app, every new window, and <webview>; https links open in the system browser", () => {
    const contents = new FakeWebContents();
    (record.appListeners.get("web-contents-created") as unknown as (event: unknown, contents: FakeWebContents) => void)({}, contents);
    const navigate = contents.listeners.get("will-navigate") as unknown as (event: { preventDefault(): void }, url: string) => void;
    const prevented = (url: string) => {
      const event = { preventDefault: vi.fn() };
      navigate(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(prevented("https://evil.example/")).toBe(true);
    expect(prevented("file:///etc/passwd")).toBe(true);
    expect(prevented("studio://app/index.html")).toBe(false);
    const webview = { preventDefault: vi.fn() };
    (contents.listeners.get("will-attach-webview") as unknown as (event: unknown) => void)(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    for (const url of ["https://github.com/dimits-ts/syndisco", "http://example.com", "javascript:alert(1)", "file:///etc/passwd", "https://user:pw@example.com"]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: "deny" });
    }
    expect(module.shell.openExternal.mock.calls).toEqual([["https://github.com/dimits-ts/syndisco"]]);
  });

  it("refuses every permission request", () => {
    const callback = vi.fn();
    (record.permissionRequestHandler as unknown as (contents: unknown, permission: string, callback: (granted: boolean) => void) => void)({}, "media", callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((record.permissionCheckHandler as unknown as () => boolean)()).toBe(false);
  });

  it("checks each IPC message's sender frame before the router sees it", async () => {
    const trusted = { senderFrame: { url: "studio://app/index.html", parent: null } };
    expect(await invoke(trusted, "personas.list", {})).toEqual({ ok: true, value: { personas: [], problems: [] } });
    for (const senderFrame of [null, { url: "https://evil.example/", parent: null }, { url: "studio://app/index.html", parent: {} }, { url: "file:///x/index.html", parent: null }]) {
      expect(await invoke({ senderFrame }, "personas.list", {})).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    expect(await invoke(trusted, "personas.save", { persona: 5 })).toMatchObject({ ok: false, error: { code: "bad-request" } });
  });

  it("packaged, reads the bundled model catalog from process.resourcesPath", async () => {
    const trusted = { senderFrame: { url: "studio://app/index.html", parent: null } };
    const result = (await invoke(trusted, "models.catalog", {})) as { ok: boolean; value: { models: unknown[] } };
    expect(result.ok && result.value.models.length).toBeGreaterThan(0);
    await rm(path.join(resourcesPath, "resources", "model-catalog.json"));
    expect(await invoke(trusted, "models.catalog", {})).toMatchObject({ ok: false, error: { message: expect.stringContaining(resourcesPath) } });
  });

  it("sends events to the app's window", async () => {
    const trusted = { senderFrame: { url: "studio://app/index.html", parent: null } };
    await invoke(trusted, "library.importFiles", { files: [{ fileName: "x.json", content: "{}" }] });
    expect(window.webContents.sent.map((message) => message.channel)).toContain(ipcChannels.event);
    expect(window.webContents.sent[0]?.payload).toMatchObject({ name: "progress" });
  });

  it("has File, View and Help menus with import, export and the data folder", () => {
    const template = record.menuTemplate as { label?: string; role?: string; submenu?: { label?: string }[] }[];
    const file = template.find((item) => item.label === "File");
    expect(file?.submenu?.map((item) => item.label).filter(Boolean)).toEqual(["Import Discussions…", "Import Personas…", "Export Personas…", "Open Data Folder"]);
    expect(template.some((item) => item.label === "View")).toBe(true);
    expect(template.some((item) => item.role === "help")).toBe(true);
  });
});
