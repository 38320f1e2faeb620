import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from "electron";
import { ipcChannels } from "../../shared/contract.js";
import type { Studio } from "../api/studio.js";
import { isTrustedSender } from "./security.js";

/**
 * Wires the router to Electron IPC. Every message's sender frame is checked before the router
 * sees it; the router then validates the payload against the contract.
 */
export function bindIpc(ipcMain: IpcMain, studio: Studio, windows: () => BrowserWindow[], devServerUrl: string | undefined): () => void {
  ipcMain.handle(ipcChannels.invoke, (event: IpcMainInvokeEvent, command: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, devServerUrl)) {
      return { ok: false, error: { code: "unauthorized", message: "this frame may not use the studio" } };
    }
    return studio.router.invoke(command, input);
  });
  const unsubscribe = studio.events.subscribe((event) => {
    for (const window of windows()) {
      if (window.isDestroyed()) continue;
      // A window that navigated away from our page (it should not be able to) gets nothing.
      if (isTrustedSender(window.webContents.mainFrame, devServerUrl)) window.webContents.send(ipcChannels.event, event);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(ipcChannels.invoke);
  };
}
