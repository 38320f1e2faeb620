/**
 * The installers' configuration (electron-builder.json). The Electron binary cannot be downloaded
 * here, so `npm run dist` cannot run in tests: what can be checked without it is checked here.
 */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { bundledResources, resourcesDirectory } from "../../electron/resources.js";
import { createStudio } from "../../electron/api/studio.js";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const readJson = async (file: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(file, "utf8"));

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
  directories: { output: string };
}

async function builderConfig(): Promise<BuilderConfig> {
  return (await readJson(path.join(root, "electron-builder.json"))) as unknown as BuilderConfig;
}

describe("electron-builder.json", () => {
  it("validates against electron-builder's own JSON schema, which rejects what it does not know", async () => {
    const schema = await readJson(require.resolve("app-builder-lib/scheme.json"));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const config = await builderConfig();
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } })).toBe(false);
  });

  it("builds AppImage and deb, dmg, NSIS into dist/ (ignored by git and lint)", async () => {
    const config = await builderConfig();
    expect([config.linux.target, config.mac.target, config.win.target]).toEqual([["AppImage", "deb"], ["dmg"], ["nsis"]]);
    expect(config.directories.output).toBe("dist");
    expect(await readFile(path.join(root, ".gitignore"), "utf8")).toMatch(/^dist\/$/m);
  });

  it("sets the fuses: no RunAsNode, no NODE_OPTIONS, no --inspect, cookie encryption, asar integrity, only the asar", async () => {
    const { electronFuses } = await builderConfig();
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it("packs the built app and keeps node-llama-cpp's native binaries outside the asar, for this platform only", async () => {
    const config = await builderConfig();
    const pkg = await readJson(path.join(root, "package.json"));
    expect(pkg.main).toMatch(/^out\//);
    expect(config.files).toContain("out/**/*");
    expect(config.asarUnpack).toEqual(expect.arrayContaining(["node_modules/node-llama-cpp/bins", "node_modules/node-llama-cpp/llama/localBuilds", "node_modules/@node-llama-cpp/*"]));
    // Every binary package is excluded, then the current platform's put back.
    expect(config.files).toEqual(expect.arrayContaining(["!node_modules/@node-llama-cpp/*/bins/**/*", "node_modules/@node-llama-cpp/${os}-${arch}*/bins/**/*"]));
    expect(pkg.scripts).toMatchObject({ dist: expect.stringMatching(/electron-vite build.*electron-builder/) });
  });
});

describe("resources in a packaged app", () => {
  it("are read from <resourcesPath>/resources, laid out as extraResources copies them", async () => {
    const { extraResources } = await builderConfig();
    expect(extraResources).toEqual([{ from: "resources", to: "resources", filter: ["**/*", "!build/**"] }]);
    const resourcesPath = await mkdtemp(path.join(os.tmpdir(), "packaged-"));
    const data = await mkdtemp(path.join(os.tmpdir(), "packaged-data-"));
    try {
      await cp(path.join(root, "resources"), path.join(resourcesPath, "resources"), { recursive: true, filter: (source) => !source.includes(`${path.sep}build`) });
      const directory = resourcesDirectory({ packaged: true, resourcesPath });
      expect(directory).toBe(path.join(resourcesPath, "resources"));
      const studio = await createStudio({ dataDirectory: data, resourcesDirectory: directory });
      try {
        expect(studio.services.resources.modelCatalog.startsWith(resourcesPath)).toBe(true);
        const result = await studio.router.invoke("models.catalog", {});
        expect(result.ok && (result.value as { models: unknown[] }).models.length).toBeGreaterThan(0);
      } finally {
        await studio.dispose();
      }
    } finally {
      await rm(resourcesPath, { recursive: true, force: true });
      await rm(data, { recursive: true, force: true });
    }
  });

  it("a packaged app without resourcesPath says so; from a checkout the folder is found above this file", () => {
    expect(() => resourcesDirectory({ packaged: true })).toThrow(/resourcesPath/);
    expect(resourcesDirectory()).toBe(path.join(root, "resources"));
    expect(bundledResources(resourcesDirectory()).modelCatalog).toBe(path.join(root, "resources", "model-catalog.json"));
  });
});
