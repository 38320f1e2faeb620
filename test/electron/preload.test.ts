import { describe, expect, it, vi } from "vitest";
import { commandNames, ipcChannels } from "../../shared/contract.js";
import type { FakeElectron } from "./fake-electron.js";

const fake = vi.hoisted(() => ({ electron: null as FakeElectron | null }));
vi.mock("electron", async () => {
  const { createFakeElectron } = await import("./fake-electron.js");
  fake.electron = createFakeElectron();
  return fake.electron.module;
});

describe("preload", async () => {
  await import("../../electron/preload.js");
  const { record, module } = fake.electron as FakeElectron;
  const studio = record.exposed.get("studio") as Record<string, unknown>;

  it("exposes one object, with exactly the contract's methods and onEvent, all functions", () => {
    expect([...record.exposed.keys()]).toEqual(["studio"]);
    expect(Object.keys(studio).sort()).toEqual([...commandNames, "onEvent"].sort());
    for (const value of Object.values(studio)) expect(typeof value).toBe("function");
  });

  it("each method invokes its command over the one IPC channel", async () => {
    const call = studio["personas.list"] as (input: unknown) => Promise<unknown>;
    await call({});
    expect(module.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannels.invoke, "personas.list", {});
  });

  it("onEvent forwards only the event, never Electron's IPC event, and can be removed", () => {
    const received: unknown[] = [];
    const off = (studio.onEvent as (listener: (event: unknown) => void) => () => void)((event) => received.push(event));
    const forward = record.rendererListeners.get(ipcChannels.event) as unknown as (ipcEvent: unknown, payload: unknown) => void;
    forward({ sender: module.ipcRenderer }, { name: "progress", payload: {} });
    expect(received).toEqual([{ name: "progress", payload: {} }]);
    off();
    expect(record.rendererListeners.has(ipcChannels.event)).toBe(false);
  });
});
