import { execFileSync } from "node:child_process";
import path from "node:path";

/** The browser tests drive the built renderer, as web mode serves it: build it once first. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  execFileSync(process.execPath, [path.join(root, "node_modules", "electron-vite", "bin", "electron-vite.js"), "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
}
