/**
 * The Models page's commands through the router (in-process, JSON both ways): add and remove
 * local files, hardware and fit, load and unload, the catalog, a download from a loopback
 * server with its progress events, and server profiles that actors can pick.
 */
import { createServer, type Server } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelCommands } from "../../shared/contract-models.js";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { buildTinyModel, ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { collectUntil, failure, startHarness, type Harness } from "./studio-harness.js";


describe("models page commands", () => {
  let harness: Harness;
  let client: StudioClient;
  let modelPath: string;
  let fileServer: Server;
  let fileUrl: string;

  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client("in-process");
    const bytes = buildTinyModel();
    fileServer = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) });
      res.end(bytes);
    });
    await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
    const address = fileServer.address();
    if (!address || typeof address === "string") throw new Error("no address");
    fileUrl = `http://127.0.0.1:${address.port}/files/downloaded-tiny.gguf`;
  });
  afterAll(async () => {
    // (The key commands have their own suite, models-api-keys.test.ts, with a desktop key store.)
    const elsewhere = new Set(["models.setApiKey", "models.deleteApiKey"]);
    expect(Object.keys(modelCommands).filter((name) => !elsewhere.has(name) && !harness.handlerCalls.has(name))).toEqual([]);
    await new Promise<void>((resolve) => fileServer.close(() => resolve()));
    await harness.close();
  });

  it("adds a GGUF by path with its metadata, refuses a non-GGUF clearly, and removes it again", async () => {
    const { model } = await client.call("models.add", { path: modelPath });
    expect(model).toMatchObject({ path: modelPath, source: "added", error: null, info: { architecture: "llama" } });
    expect(model.info?.parameters).toBeGreaterThan(0);
    const listed = await client.call("models.list", {});
    expect(listed.models.map((entry) => entry.path)).toContain(modelPath);
    // Remembered in the data folder, so a restart lists it too.
    expect(JSON.parse(await readFile(path.join(harness.dataDirectory, "models.json"), "utf8"))).toEqual({ version: 1, paths: [modelPath] });

    const text = path.join(harness.dataDirectory, "notes.txt");
    await writeFile(text, "not a model at all");
    const error = await failure(client.call("models.add", { path: text }));
    expect(error.code).toBe("bad-request");
    expect(error.message).toMatch(/GGUF/i);
    expect((await client.call("models.list", {})).models.map((entry) => entry.path)).not.toContain(text);

    expect(await client.call("models.remove", { path: modelPath })).toEqual({ removed: true });
    expect((await client.call("models.list", {})).models.map((entry) => entry.path)).not.toContain(modelPath);
    expect(await client.call("models.remove", { path: modelPath })).toEqual({ removed: false });
  });

  it("reports the CPU backend and whether a model fits, with what auto decided", async () => {
    const hardware = await client.call("models.hardware", {});
    expect(hardware.backend).toBe("cpu");
    expect(hardware.vram).toBeNull();
    expect(hardware.ram.total).toBeGreaterThan(0);
    const fit = await client.call("models.fit", { path: modelPath, sequences: 4, contextSize: 1024 });
    expect(fit).toMatchObject({ fits: true, gpuLayers: 0, contextSize: 1024, sequences: 4 });
    expect(fit.explanation).toMatch(/^Fits: CPU only, 4 sequences at 1024 tokens/);
    // Without a context size, the one the engine loads with (here the harness's override of the settings' 4096).
    const asLoaded = await client.call("models.fit", { path: modelPath });
    expect(asLoaded.contextSize).toBe(2048);
    expect(asLoaded.contextSize).toBe(harness.studio.services.registryOptions.contextSize);
  });

  it("loads a model with progress, lists it as loaded, and unloads it", async () => {
    const progress = collectUntil(client, (event) => event.name === "progress" && event.payload.done === 1 && event.payload.label.startsWith("Loaded"));
    const { loaded } = await client.call("models.load", { path: modelPath, sequences: 2 });
    expect(loaded).toEqual([{ path: modelPath, displayName: path.basename(modelPath, ".gguf"), backend: "llama", gpuLayers: 0 }]);
    const events = await progress.done;
    expect(events.filter((event) => event.name === "progress").every((event) => event.payload.operationId === `load:${modelPath}`)).toBe(true);
    expect((await client.call("models.loaded", {})).loaded).toHaveLength(1);
    expect(await client.call("models.unload", { path: modelPath })).toEqual({ unloaded: true, loaded: [] });
    expect((await client.call("models.unload", { path: modelPath })).unloaded).toBe(false);
  });

  it("lists the curated catalog and downloads a model with progress events into the models folder", async () => {
    const { models } = await client.call("models.catalog", {});
    expect(models.length).toBeGreaterThan(2);
    expect(models.every((entry) => entry.uri.startsWith("hf:") || entry.uri.startsWith("https://"))).toBe(true);

    const finished = collectUntil(client, (event) => event.name === "models.download" && (event.payload.state === "done" || event.payload.state === "failed"));
    const started = await client.call("models.download", { uri: fileUrl, name: "Tiny" });
    expect(started).toMatchObject({ uri: fileUrl, name: "Tiny", state: "starting" });
    const last = (await finished.done).at(-1);
    expect(last).toMatchObject({ name: "models.download", payload: { state: "done", error: null } });
    const file = last?.name === "models.download" ? last.payload.file : null;
    expect(file && path.dirname(file)).toBe(path.join(harness.dataDirectory, "models"));
    expect((await client.call("models.downloads", {})).downloads).toMatchObject([{ downloadId: started.downloadId, state: "done" }]);
    expect((await client.call("models.list", {})).models.find((entry) => entry.path === file)).toMatchObject({ source: "folder", error: null });
    // A finished download has nothing left to pause.
    expect((await client.call("models.downloadControl", { downloadId: started.downloadId, action: "pause" })).state).toBe("done");
    expect((await failure(client.call("models.downloadControl", { downloadId: "nope", action: "cancel" }))).code).toBe("not-found");
  });

  it("saves server profiles in the data folder (no key, only its variable) as refs actors can pick", async () => {
    const { profile } = await client.call("models.saveProfile", {
      profile: { name: "Lab vLLM", baseUrl: "http://127.0.0.1:9/v1", modelName: "llama-70b", apiKeyEnv: "LAB_KEY_NOT_SET", maxConcurrent: 16 },
    });
    // Actors name the profile; its URL and key variable stay in the profile.
    expect(profile.ref).toEqual({ backend: "openai", profile: "Lab vLLM" });
    expect(profile.apiKeyPresent).toBe(false);
    const stored = await readFile(path.join(harness.dataDirectory, "server-profiles.json"), "utf8");
    expect(JSON.parse(stored)).toEqual({ version: 1, profiles: [{ id: profile.id, name: "Lab vLLM", baseUrl: "http://127.0.0.1:9/v1", modelName: "llama-70b", apiKeyEnv: "LAB_KEY_NOT_SET", maxConcurrent: 16 }] });
    const renamed = await client.call("models.saveProfile", { profile: { ...profile, name: "Lab" } });
    expect((await client.call("models.profiles", {})).profiles.map((p) => [p.id, p.name])).toEqual([[profile.id, "Lab"]]);
    expect(renamed.profile.id).toBe(profile.id);
    const bad = await failure(client.call("models.saveProfile", { profile: { name: "x", baseUrl: "ftp://host", modelName: "m", maxConcurrent: 1 } }));
    expect(bad.code).toBe("bad-request");
    // Designs refer to profiles by name, so a second "Lab" would make them ambiguous.
    const twin = await failure(client.call("models.saveProfile", { profile: { name: "Lab", baseUrl: "http://127.0.0.1:10/v1", modelName: "m", maxConcurrent: 1 } }));
    expect(twin).toMatchObject({ code: "conflict", message: 'a server profile named "Lab" already exists' });
    expect(await client.call("models.deleteProfile", { id: profile.id })).toEqual({ deleted: true });
    expect((await client.call("models.profiles", {})).profiles).toEqual([]);
  });
});
