import os from "node:os";
import path from "node:path";

/** Electron names the user-data folder after package.json's name; web mode uses the same so both see one library. */
export const APP_FOLDER_NAME = "syndisco-studio";

/** The platform's per-user application-data folder, as Electron's `app.getPath("appData")` computes it. */
export function appDataDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === "win32") return env.APPDATA ?? path.join(home, "AppData", "Roaming");
  if (platform === "darwin") return path.join(home, "Library", "Application Support");
  return env.XDG_CONFIG_HOME ?? path.join(home, ".config");
}

export function defaultDataDirectory(): string {
  return path.join(appDataDirectory(), APP_FOLDER_NAME);
}

/** Where each kind of data lives inside the data folder. */
export interface DataLayout {
  root: string;
  settingsFile: string;
  personasFile: string;
  personaSetsFile: string;
  designsDirectory: string;
  /** SynDisco discussion files only (give this folder to SynDisco's loader), named by discussion id. */
  discussionsDirectory: string;
  /** Run records and journals of the runs whose files are in discussionsDirectory. */
  recordsDirectory: string;
  libraryIndexFile: string;
  /** Default models folder when the settings name none. */
  modelsDirectory: string;
}

export function dataLayout(root: string): DataLayout {
  const absolute = path.resolve(root);
  return {
    root: absolute,
    settingsFile: path.join(absolute, "settings.json"),
    personasFile: path.join(absolute, "personas.json"),
    personaSetsFile: path.join(absolute, "persona-sets.json"),
    designsDirectory: path.join(absolute, "designs"),
    discussionsDirectory: path.join(absolute, "discussions"),
    recordsDirectory: path.join(absolute, "records"),
    libraryIndexFile: path.join(absolute, "library-index.json"),
    modelsDirectory: path.join(absolute, "models"),
  };
}
