// The project installs with scripts disabled (.npmrc), so Electron's own postinstall, which
// downloads its binary, never ran. `npm start` runs this first: it downloads the binary
// once, on a machine that can reach Electron's release server.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import path from "node:path";

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve("electron/package.json"));
if (!existsSync(path.join(electronDir, "path.txt"))) {
  console.log("Downloading the Electron binary (first start only)...");
  const result = spawnSync(process.execPath, [path.join(electronDir, "install.js")], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error("Could not download Electron. Use web mode instead: npm run serve");
    process.exit(1);
  }
}
