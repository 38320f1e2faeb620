#!/usr/bin/env node
/**
 * `npm start [-- web-mode options]` always ends in a working app: the desktop app when Electron
 * can run here, otherwise the same app in the browser (web mode), after one line that says why.
 *
 * The project installs with scripts disabled (.npmrc), so Electron's own postinstall, which
 * downloads its binary, never ran: the first start downloads it once. Where that cannot happen
 * (no network to Electron's releases) or no window can be shown (Linux without a display), web
 * mode starts instead and prints its URL; the browser opens where there is one.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const electronVite = path.join(root, "node_modules", "electron-vite", "bin", "electron-vite.js");

/** The Electron executable when it is on disk, else null. */
function electronBinary() {
  try {
    delete require.cache[require.resolve("electron")];
    const binary = require("electron");
    return typeof binary === "string" && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Downloads Electron once; answers null, or why it could not (the first line of the error, no stack). */
function downloadElectron() {
  console.log("Downloading the Electron binary (first start only)...");
  const installer = path.join(path.dirname(require.resolve("electron/package.json")), "install.js");
  const result = spawnSync(process.execPath, [installer], { cwd: root, encoding: "utf8", timeout: 10 * 60_000 });
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ""}\n${result.stdout ?? ""}`.split("\n").map((line) => line.trim());
  const first = lines.find((line) => line !== "" && !line.startsWith("at ")) ?? (result.error ? String(result.error.message) : `exit ${result.status}`);
  return `the download failed: ${first.replace(/^\w*Error:\s*/, "")}`;
}

/** Why the desktop app cannot run here, or null when it can. */
function whyNoDesktop() {
  if (!electronBinary()) {
    const failure = process.env.ELECTRON_OVERRIDE_DIST_PATH ? `no Electron binary in ${process.env.ELECTRON_OVERRIDE_DIST_PATH}` : downloadElectron();
    if (failure) return failure;
    if (!electronBinary()) return "the Electron binary is still missing after its download";
  }
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return "there is no display to show a window on";
  return null;
}

/** Newest modification time under the given paths (files or folders). */
function newest(paths) {
  let latest = 0;
  for (const entry of paths) {
    if (!existsSync(entry)) continue;
    const stats = statSync(entry);
    if (stats.isDirectory()) latest = Math.max(latest, newest(readdirSync(entry).map((name) => path.join(entry, name))));
    else latest = Math.max(latest, stats.mtimeMs);
  }
  return latest;
}

/** Web mode serves out/renderer: build it unless it is newer than everything it is built from. */
function buildRendererIfStale() {
  const built = path.join(root, "out", "renderer", "index.html");
  const sources = ["renderer", "shared", "resources", "electron.vite.config.ts", "package.json"].map((name) => path.join(root, name));
  if (existsSync(built) && statSync(built).mtimeMs >= newest(sources)) return;
  console.log("Building the app for the browser...");
  const result = spawnSync(process.execPath, [electronVite, "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a child with this terminal; Ctrl+C and kills reach it, and its exit code is ours. */
function run(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const reason = whyNoDesktop();
if (reason === null) {
  run([electronVite, "dev"]);
} else {
  console.log(`The desktop app cannot start (${reason}); starting web mode instead.`);
  buildRendererIfStale();
  run(["--import", "tsx", path.join(root, "electron", "server.ts"), "--open", ...process.argv.slice(2)]);
}
