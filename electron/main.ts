/**
 * The desktop app's main process: lifecycle, one secure window, menus, and the router wired to
 * IPC. Security follows Electron's checklist (see desktop/security.ts).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from "electron";
import { createStudio, type Studio } from "./api/studio.js";
import { resourcesDirectory } from "./resources.js";
import { SafeStorageApiKeyStore } from "./api/api-keys.js";
import { registerAppScheme, serveRenderer } from "./desktop/app-protocol.js";
import { bindIpc } from "./desktop/ipc.js";
import { menuTemplate } from "./desktop/menu.js";
import { startOrExplain } from "./desktop/startup-failure.js";
import { useGgufReaderScript } from "./llm/gguf-reader-process.js";
import { APP_URL, denyAllPermissions, hardenWebContents, isSafeExternalUrl, secureWindowOptions } from "./desktop/security.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Set by `electron-vite dev`; absent in a packaged or built app. */
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let studio: Studio | null = null;

registerAppScheme(protocol);
useGgufReaderScript(path.join(here, "gguf-reader-child.js"));
app.enableSandbox();

const openExternal = (url: string) => {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
};
app.on("web-contents-created", (_event, contents) => hardenWebContents(contents, devServerUrl, openExternal));

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(path.join(here, "../preload/preload.cjs")));
  window.once("ready-to-show", () => window.show());
  void (devServerUrl ? window.loadURL(devServerUrl) : window.loadURL(APP_URL));
  return window;
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  serveRenderer(protocol, path.join(here, "../renderer"));
  const dataDirectory = app.getPath("userData");
  studio = await createStudio({
    dataDirectory,
    appLabel: `syndisco-studio ${app.getVersion()}`,
    // Packaged, the resources sit outside the asar (electron-builder's extraResources).
    resourcesDirectory: resourcesDirectory({ packaged: app.isPackaged, resourcesPath: process.resourcesPath }),
    // Server API keys are kept encrypted by the OS keychain, never in plain files.
    apiKeys: new SafeStorageApiKeyStore(safeStorage, path.join(dataDirectory, "api-keys.json")),
  });
  bindIpc(ipcMain, studio, () => BrowserWindow.getAllWindows(), devServerUrl);
  const template = menuTemplate({ studio, dialog, shell, isMac: process.platform === "darwin", isDevelopment: !app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  createWindow();
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

// Whatever fails on the way to the window (Electron itself, a corrupt data file), the user gets a dialog naming the file and the fix.
void startOrExplain(() => app.whenReady().then(start), { showErrorBox: (title, content) => dialog.showErrorBox(title, content), quit: () => app.quit() }, app.getPath("userData"));

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

// Running discussions are stopped and their files written before the process ends.
let disposed = false;
app.on("before-quit", (event) => {
  if (disposed || !studio) return;
  event.preventDefault();
  disposed = true;
  void studio.dispose().finally(() => app.quit());
});
