import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Dialog, MenuItemConstructorOptions, Shell } from "electron";
import type { Studio } from "../api/studio.js";

export interface MenuDependencies {
  studio: Studio;
  dialog: Dialog;
  shell: Shell;
  isMac: boolean;
  isDevelopment: boolean;
}

const JSON_FILTER = [{ name: "SynDisco JSON", extensions: ["json"] }];
const HELP_URL = "https://github.com/dimits-ts/syndisco";

/**
 * The native menus. File actions go through the same router as the renderer, so they are
 * validated the same way; the renderer hears of their effect through progress events.
 */
export function menuTemplate({ studio, dialog, shell, isMac, isDevelopment }: MenuDependencies): MenuItemConstructorOptions[] {
  const importDiscussions = async () => {
    const picked = await dialog.showOpenDialog({ title: "Import discussions", properties: ["openFile", "multiSelections"], filters: JSON_FILTER });
    if (picked.canceled || picked.filePaths.length === 0) return;
    const files = await Promise.all(picked.filePaths.map(async (file) => ({ fileName: path.basename(file), content: await readFile(file, "utf8") })));
    await report(studio.router.invoke("library.importFiles", { files }), "Import discussions");
  };
  const importPersonas = async () => {
    const picked = await dialog.showOpenDialog({ title: "Import personas", properties: ["openFile"], filters: JSON_FILTER });
    const file = picked.filePaths[0];
    if (picked.canceled || !file) return;
    await report(studio.router.invoke("personas.importFile", { file: { fileName: path.basename(file), content: await readFile(file, "utf8") } }), "Import personas");
  };
  const exportPersonas = async () => {
    const result = await studio.router.invoke("personas.exportFile", {});
    if (!result.ok) return report(Promise.resolve(result), "Export personas");
    const target = await dialog.showSaveDialog({ title: "Export personas", defaultPath: "personas.json", filters: JSON_FILTER });
    if (!target.canceled && target.filePath) await writeFile(target.filePath, (result.value as { content: string }).content, "utf8");
  };
  const report = async (pending: ReturnType<Studio["router"]["invoke"]>, title: string) => {
    const result = await pending;
    if (!result.ok) dialog.showErrorBox(title, result.error.message);
  };
  return [
    ...(isMac ? [{ role: "appMenu" as const }] : []),
    {
      label: "File",
      submenu: [
        { label: "Import Discussions…", accelerator: "CmdOrCtrl+O", click: () => void importDiscussions() },
        { label: "Import Personas…", click: () => void importPersonas() },
        { label: "Export Personas…", click: () => void exportPersonas() },
        { type: "separator" },
        { label: "Open Data Folder", click: () => void shell.openPath(studio.services.layout.root) },
        { type: "separator" },
        isMac ? { role: "close" } : { role: "quit" },
      ],
    },
    { role: "editMenu" },
    {
      label: "View",
      submenu: [
        ...(isDevelopment ? [{ role: "reload" as const }, { role: "toggleDevTools" as const }, { type: "separator" as const }] : []),
        { role: "resetZoom" },
        { role: "zoomIn" },
        { role: "zoomOut" },
        { type: "separator" },
        { role: "togglefullscreen" },
      ],
    },
    {
      role: "help",
      submenu: [{ label: "SynDisco on GitHub", click: () => void shell.openExternal(HELP_URL) }],
    },
  ];
}
