/**
 * Runs electron-builder for real with electron-builder.json, up to the unpacked app (`--dir`),
 * on a machine that cannot download Electron: a stand-in Electron folder holds an "executable"
 * that is only Electron's fuse wire, so electron-builder packs the app, unpacks node-llama-cpp's
 * binaries, copies the resources and flips the fuses exactly as for a real build. Then it checks
 * the result. Linux only; slow (it copies node-llama-cpp's binaries): run by hand, not in `npm test`.
 *
 *   npx tsx test/packaging/package-with-stand-in-electron.ts
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
// @electron/fuses comes with electron-builder; its wire format is what Electron binaries carry.
const { getCurrentFuseWire, FuseV1Options } = require("@electron/fuses") as typeof import("@electron/fuses");
const SENTINEL = "dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX";
// Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, v8 snapshot off, file protocol on.
const DEFAULT_WIRE = "10110001";

async function standInElectron(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "stand-in-electron-"));
  await mkdir(path.join(directory, "resources"));
  await writeFile(path.join(directory, "electron"), Buffer.concat([Buffer.from("not really electron\n"), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE)]), { mode: 0o755 });
  await writeFile(path.join(directory, "version"), require("electron/package.json").version);
  return directory;
}

async function listAsar(file: string): Promise<string[]> {
  const { listPackage } = require("@electron/asar") as typeof import("@electron/asar");
  return listPackage(file, { isPack: false });
}

async function main(): Promise<void> {
  if (process.platform !== "linux") throw new Error("this check packs for Linux");
  const electronDist = await standInElectron();
  const output = await mkdtemp(path.join(os.tmpdir(), "syndisco-dist-"));
  try {
    execFileSync("npx", ["electron-vite", "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
    execFileSync("npx", ["electron-builder", "--linux", "--dir", `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`], { cwd: root, stdio: "inherit" });
    const unpacked = path.join(output, "linux-unpacked");
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
      if (!ok) problems.push(what);
    };

    const wire = await getCurrentFuseWire(path.join(unpacked, "syndisco-studio"));
    const fuse = (option: number) => String.fromCharCode(wire[option as keyof typeof wire] as number);
    check(fuse(FuseV1Options.RunAsNode) === "0", "fuse RunAsNode off");
    check(fuse(FuseV1Options.EnableNodeOptionsEnvironmentVariable) === "0", "fuse NODE_OPTIONS off");
    check(fuse(FuseV1Options.EnableNodeCliInspectArguments) === "0", "fuse --inspect off");
    check(fuse(FuseV1Options.EnableCookieEncryption) === "1", "fuse cookie encryption on");
    check(fuse(FuseV1Options.EnableEmbeddedAsarIntegrityValidation) === "1", "fuse asar integrity on");
    check(fuse(FuseV1Options.OnlyLoadAppFromAsar) === "1", "fuse only load from asar on");

    const inAsar = await listAsar(path.join(unpacked, "resources", "app.asar"));
    check(inAsar.includes("/out/main/main.js") && inAsar.includes("/out/renderer/index.html") && inAsar.includes("/package.json"), "app.asar holds out/ and package.json");
    check(!inAsar.some((entry) => entry.startsWith("/electron/") || entry.startsWith("/test/")), "app.asar holds no sources or tests");
    const binaries = path.join(unpacked, "resources", "app.asar.unpacked", "node_modules", "@node-llama-cpp");
    const platforms = existsSync(binaries) ? await readdir(binaries) : [];
    check(platforms.includes("linux-x64") && platforms.every((name) => name.startsWith("linux-x64")), `node-llama-cpp binaries unpacked for linux-x64 only (${platforms.join(", ")})`);
    check(existsSync(path.join(unpacked, "resources", "resources", "model-catalog.json")), "resources/ beside app.asar (process.resourcesPath/resources)");
    if (problems.length > 0) throw new Error(`${problems.length} check(s) failed`);
  } finally {
    await rm(electronDist, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
