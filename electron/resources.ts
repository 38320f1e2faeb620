/**
 * Our own data files shipped with the app (resources/): the model catalog, the starter persona
 * set, the example design. From a checkout (CLI, web mode, `electron-vite dev`) they are the
 * repository's resources/ folder; a packaged app has them outside its asar, where
 * electron-builder's extraResources puts them: `<process.resourcesPath>/resources`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface BundledResources {
  directory: string;
  modelCatalog: string;
  starterPersonas: string;
  exampleDesign: string;
}

/** The file that marks a resources folder as ours. */
const MARKER = "model-catalog.json";

export function bundledResources(directory: string): BundledResources {
  return {
    directory,
    modelCatalog: path.join(directory, MARKER),
    starterPersonas: path.join(directory, "personas", "starter-personas.json"),
    exampleDesign: path.join(directory, "designs", "example-design.json"),
  };
}

/** Where the resources are for this process: packaged (Electron's resourcesPath) or the checkout's folder. */
export function resourcesDirectory(where: { packaged: boolean; resourcesPath?: string } = { packaged: false }): string {
  if (where.packaged) {
    if (!where.resourcesPath) throw new Error("a packaged app needs process.resourcesPath to find its resources");
    return path.join(where.resourcesPath, "resources");
  }
  return checkoutResourcesDirectory(path.dirname(fileURLToPath(import.meta.url)));
}

/**
 * This file runs from electron/ (tsx) or bundled into out/main/: the folder is found by walking
 * up to the first resources/ that holds the catalog, not by a fixed relative path.
 */
export function checkoutResourcesDirectory(start: string): string {
  for (let folder = start, steps = 0; steps < 5; steps++) {
    const candidate = path.join(folder, "resources");
    if (existsSync(path.join(candidate, MARKER))) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  throw new Error(`cannot find the app's resources folder (resources/${MARKER}) above ${start}`);
}
