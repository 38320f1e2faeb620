/**
 * Exposes exactly one object, `window.studio`: one method per contract command plus
 * `onEvent`. ipcRenderer itself never reaches the page, and listeners receive only the
 * event, never Electron's IPC event (whose `sender` would be ipcRenderer).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { commandNames, ipcChannels, type StudioBridge, type StudioEvent } from "../shared/contract.js";

const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const name of commandNames) methods[name] = (input: unknown) => ipcRenderer.invoke(ipcChannels.invoke, name, input);

const bridge = {
  ...methods,
  onEvent(listener: (event: StudioEvent) => void): () => void {
    const forward = (_event: IpcRendererEvent, studioEvent: StudioEvent) => listener(studioEvent);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => void ipcRenderer.removeListener(ipcChannels.event, forward);
  },
} as StudioBridge;

contextBridge.exposeInMainWorld("studio", bridge);
