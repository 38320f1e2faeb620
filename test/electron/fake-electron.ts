/**
 * A recording stand-in for the `electron` module (the binary cannot run here): it keeps every
 * option, handler and listener the main process and preload register, so tests can inspect
 * them and call them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";

type Listener = (...args: never[]) => unknown;

export class FakeWebContents {
  readonly listeners = new Map<string, Listener>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = { url: "studio://app/index.html", parent: null as unknown };
  readonly sent: { channel: string; payload: unknown }[] = [];
  on(name: string, listener: Listener) {
    this.listeners.set(name, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
}

export function createFakeElectron() {
  const userData = mkdtempSync(path.join(tmpdir(), "studio-electron-"));
  const record = {
    userData,
    windows: [] as FakeBrowserWindow[],
    appListeners: new Map<string, Listener>(),
    sandboxEnabled: false,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    menuTemplate: null as unknown,
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Listener>(),
  };

  class FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(readonly options: Record<string, unknown>) {
      record.windows.push(this);
    }
    static getAllWindows() {
      return record.windows;
    }
    once() {
      return this;
    }
    show() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }

  const module = {
    app: {
      enableSandbox: () => void (record.sandboxEnabled = true),
      on: (name: string, listener: Listener) => void record.appListeners.set(name, listener),
      whenReady: () => Promise.resolve(),
      getPath: () => userData,
      getVersion: () => "0.0.0-test",
      isPackaged: true,
      quit: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: Listener) => void record.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => void record.ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => void (record.permissionRequestHandler = handler),
        setPermissionCheckHandler: (handler: Listener) => void (record.permissionCheckHandler = handler),
      },
    },
    // Reversible stand-in for the OS keychain: enough for the key store to round-trip.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`enc:${text}`),
      decryptString: (data: Buffer) => data.toString().replace(/^enc:/, ""),
    },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => "") },
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown }) => void (record.menuTemplate = menu.template),
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void record.exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
      on: vi.fn((channel: string, listener: Listener) => void record.rendererListeners.set(channel, listener)),
      removeListener: vi.fn((channel: string) => void record.rendererListeners.delete(channel)),
    },
  };
  return { record, module: { ...module, default: module } };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
