/**
 * API keys in the desktop app: SafeStorageApiKeyStore against a fake of Electron's safeStorage
 * (the real one needs the OS keychain), and the studio using a stored key in place of its
 * environment variable when it calls a loopback OpenAI-compatible server. Web mode stores none.
 */
import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SafeStorageApiKeyStore, type SafeStorageLike } from "../../electron/api/api-keys.js";
import { createStudio, type Studio } from "../../electron/api/studio.js";
import { StudioClient } from "../../renderer/client/studio-client.js";
import { createInProcessTransport, startHarness } from "./studio-harness.js";

/** Reversible and visibly not plain text, like the real one; `available` plays a system without a keychain. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join("")}`),
    decryptString: (buffer) => {
      const text = buffer.toString();
      if (!text.startsWith("enc:")) throw new Error("not ours");
      return [...text.slice(4)].reverse().join("");
    },
  };
}

describe("SafeStorageApiKeyStore", () => {
  let directory: string;
  beforeAll(async () => void (directory = await mkdtemp(path.join(tmpdir(), "api-keys-"))));
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it("keeps keys encrypted on disk and gives them back decrypted", async () => {
    const file = path.join(directory, "api-keys.json");
    const store = new SafeStorageApiKeyStore(fakeSafeStorage(), file);
    await store.set("LAB_KEY", "sk-secret-123");
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("sk-secret-123");
    expect(JSON.parse(text)).toEqual({ version: 1, keys: { LAB_KEY: Buffer.from("enc:321-terces-ks").toString("base64") } });
    expect(await new SafeStorageApiKeyStore(fakeSafeStorage(), file).load()).toEqual(new Map([["LAB_KEY", "sk-secret-123"]]));
    expect(await store.delete("LAB_KEY")).toBe(true);
    expect(await store.delete("LAB_KEY")).toBe(false);
    expect(await store.load()).toEqual(new Map());
  });

  it("refuses to store without encryption, and skips a key it cannot decrypt", async () => {
    const file = path.join(directory, "other.json");
    await expect(new SafeStorageApiKeyStore(fakeSafeStorage(false), file).set("K", "v")).rejects.toThrow(/no encrypted storage/);
    const store = new SafeStorageApiKeyStore(fakeSafeStorage(), file);
    await store.set("GOOD", "v1");
    const foreign = new SafeStorageApiKeyStore({ ...fakeSafeStorage(), encryptString: (text) => Buffer.from(`other:${text}`) }, file);
    await foreign.set("FOREIGN", "v2");
    expect(await store.load()).toEqual(new Map([["GOOD", "v1"]]));
  });
});

describe("stored API keys in the studio", () => {
  let server: Server;
  let baseUrl: string;
  const authorizations: (string | undefined)[] = [];
  let studio: Studio;
  let dataDirectory: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      authorizations.push(req.headers.authorization);
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: "hello" }, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    baseUrl = `http://127.0.0.1:${address.port}/v1`;
    dataDirectory = await mkdtemp(path.join(tmpdir(), "studio-keys-"));
    studio = await createStudio({
      dataDirectory,
      registry: { threads: 1, contextSize: 1024, gpu: false },
      apiKeys: new SafeStorageApiKeyStore(fakeSafeStorage(), path.join(dataDirectory, "api-keys.json")),
    });
  });
  afterAll(async () => {
    await studio.dispose();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it("a key stored for a variable is what the server receives, and the profile shows it as present", async () => {
    const client = new StudioClient(createInProcessTransport(studio));
    const variable = "SYNDISCO_TEST_KEY_NEVER_SET";
    const { profile } = await client.call("models.saveProfile", { profile: { name: "Loopback", baseUrl, modelName: "m", apiKeyEnv: variable, maxConcurrent: 1 } });
    expect(profile).toMatchObject({ apiKeyPresent: false, apiKeyStored: false });
    expect((await client.call("models.profiles", {})).canStoreKeys).toBe(true);
    expect(await client.call("models.setApiKey", { name: variable, key: "sk-stored" })).toEqual({ stored: true });
    expect((await client.call("models.profiles", {})).profiles[0]).toMatchObject({ apiKeyPresent: true, apiKeyStored: true });
    const model = await studio.services.registry.load(profile.ref);
    const reply = await model.generate({ sequenceKey: "a", prompt: { system: "s", user: "u" }, sampling: { temperature: 0, topP: 1, seed: 1, maxTokens: 5, stopStrings: [] }, seed: 1 });
    expect(reply.text).toBe("hello");
    expect(authorizations).toEqual(["Bearer sk-stored"]);
    expect(await client.call("models.deleteApiKey", { name: variable })).toEqual({ deleted: true });
    // The model built with the old key is gone; a new one would need the variable again.
    expect(studio.services.registry.has(profile.ref)).toBe(false);
    await expect(studio.services.registry.load(profile.ref)).rejects.toThrow(/is not set/);
  });

  it("web mode (no key store) refuses to store a key", async () => {
    const harness = await startHarness();
    try {
      const client = harness.client("in-process");
      expect((await client.call("models.profiles", {})).canStoreKeys).toBe(false);
      const error = await client.call("models.setApiKey", { name: "LAB_KEY", key: "sk" }).catch((caught: { code: string; message: string }) => caught);
      expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/environment/) });
      expect((await client.call("models.deleteApiKey", { name: "LAB_KEY" }).catch((caught: { code: string }) => caught.code))).toBe("conflict");
    } finally {
      await harness.close();
    }
  });
});
