/**
 * Issue 11 item 2: in web mode (`serve`), paths a client sends are confined to the data folder
 * and the folders (or files) the person starting the server named on its command line; answers
 * do not tell whether a file elsewhere exists; downloads get a safe `.gguf` name whatever the
 * server's Content-Disposition says. Reproduced against the real `serve` over its WebSocket.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioEvent } from "../../shared/contract.js";
import { StudioClient } from "../../renderer/client/studio-client.js";
import { createSocketTransport } from "../../renderer/client/socket-transport.js";
import { startWebStudio, type WebStudio } from "../e2e/harness.js";
import { safeModelFileName } from "../../electron/llm/downloader.js";
import { buildTinyModel, ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign } from "../support/designs.js";
import { testAnnotator } from "../support/annotations.js";
import { outcome } from "../support/outcome.js";

describe("web mode confines the paths a client sends", () => {
  let studio: WebStudio;
  let client: StudioClient;
  let outside: string;
  let allowed: string;
  let tiny: string;
  let fileServer: Server;
  let fileUrl: string;

  beforeAll(async () => {
    outside = await mkdtemp(path.join(os.tmpdir(), "syndisco-outside-"));
    await writeFile(path.join(outside, "authorized_keys"), "ssh-ed25519 AAAA the user's own key\n");
    allowed = await mkdtemp(path.join(os.tmpdir(), "syndisco-allowed-"));
    await writeFile(path.join(allowed, "allowed.gguf"), buildTinyModel());
    tiny = await ensureTinyModel();
    studio = await startWebStudio({ model: tiny, allow: [allowed] });
    await symlink(outside, path.join(studio.dataDirectory, "link-to-outside"));
    const { port, searchParams } = new URL(studio.url);
    client = new StudioClient(createSocketTransport({ url: `ws://127.0.0.1:${port}/ws?token=${searchParams.get("token")}`, createSocket: (target) => new WebSocket(target) }));
    // A download server that names its file like the probe did.
    const bytes = buildTinyModel();
    fileServer = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length), "content-disposition": 'attachment; filename="authorized_keys"' });
      res.end(bytes);
    });
    await new Promise<void>((resolve) => fileServer.listen(0, "127.0.0.1", resolve));
    fileUrl = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}/download?id=7`;
  });
  afterAll(async () => {
    client?.close();
    await studio?.stop();
    await new Promise<void>((resolve) => fileServer.close(() => resolve()));
  });

  it("refuses a models folder outside the data folder and the --allow folders, also through a symlink", async () => {
    for (const modelsDirectory of [path.join(outside), path.join(studio.dataDirectory, "..", path.basename(outside)), path.join(studio.dataDirectory, "link-to-outside")]) {
      const answer = await outcome(client.call("settings.update", { changes: { modelsDirectory } }));
      expect(answer).toMatchObject({ code: "bad-request", message: expect.stringContaining("outside the folders this web server may use") });
    }
    await expect(client.call("settings.update", { changes: { modelsDirectory: path.join(studio.dataDirectory, "my-models") } })).resolves.toMatchObject({ settings: { modelsDirectory: path.join(studio.dataDirectory, "my-models") } });
    await expect(client.call("settings.update", { changes: { modelsDirectory: allowed } })).resolves.toMatchObject({ settings: { modelsDirectory: allowed } });
    await client.call("settings.update", { changes: { modelsDirectory: null } });
  });

  it("answers the same for a file outside that exists and one that does not", async () => {
    const existing = path.join(outside, "authorized_keys");
    const missing = path.join(outside, "no-such-file");
    for (const command of ["models.info", "models.add", "models.fit", "models.load"] as const) {
      const a = await outcome(client.call(command, { path: existing }));
      const b = await outcome(client.call(command, { path: missing }));
      expect(a.code, command).toBe("bad-request");
      expect(a.message.replace(existing, "<path>")).toBe(b.message.replace(missing, "<path>"));
      expect(a.message).toContain("outside the folders this web server may use");
    }
    // A design naming such a file is refused the same way before anything is read.
    const started = await outcome(client.call("discussion.start", { design: testDesign(existing, { turns: 1 }) }));
    expect(started).toMatchObject({ code: "bad-request", message: expect.stringContaining("outside the folders this web server may use") });
    // And previews, which load the design's models: the prompt preview and the first-speaker preview.
    for (const command of ["designs.promptPreview", "discussion.previewSpeaker"] as const) {
      const a = await outcome(client.call(command, { design: testDesign(existing, { turns: 1 }) }));
      const b = await outcome(client.call(command, { design: testDesign(missing, { turns: 1 }) }));
      expect(a, command).toMatchObject({ code: "bad-request", message: expect.stringContaining("outside the folders this web server may use") });
      expect(a.message.replace(existing, "<path>")).toBe(b.message.replace(missing, "<path>"));
    }
    // So is an annotator whose model is such a file, when saved or when a job starts.
    const annotator = testAnnotator("a1", existing);
    const annotating = await outcome(client.call("annotations.start", { name: "probe", annotators: [annotator], target: { kind: "discussions", ids: ["x"] } }));
    expect(annotating).toMatchObject({ code: "bad-request", message: expect.stringContaining("outside the folders this web server may use") });
    const saved = await outcome(
      client.call("annotations.saveAnnotators", { annotators: [{ name: "a1", persona: null, schemeId: "s1", model: { backend: "llama", path: existing }, sampling: annotator.sampling ?? { temperature: 0 } }] }),
    );
    expect(saved).toMatchObject({ code: "bad-request", message: expect.stringContaining("outside the folders this web server may use") });
  });

  it("reads models in the data folder, the --allow folders and the --model file", async () => {
    await expect(client.call("models.info", { path: path.join(allowed, "allowed.gguf") })).resolves.toMatchObject({ architecture: "llama" });
    await expect(client.call("models.info", { path: tiny })).resolves.toMatchObject({ architecture: "llama" });
    // Beside the --model file is not allowed: only the file itself was named.
    const sibling = await outcome(client.call("models.info", { path: path.join(path.dirname(tiny), "other.gguf") }));
    expect(sibling.code).toBe("bad-request");
  });

  it("a download gets a .gguf name of its own, never the server's Content-Disposition name", async () => {
    const done = new Promise<StudioEvent>((resolve) => {
      const off = client.onEvent((event) => {
        if (event.name === "models.download" && (event.payload.state === "done" || event.payload.state === "failed")) {
          off();
          resolve(event);
        }
      });
    });
    await client.call("models.download", { uri: fileUrl });
    const event = await done;
    expect(event).toMatchObject({ payload: { state: "done", error: null } });
    const models = path.join(studio.dataDirectory, "models");
    expect(await readdir(models)).toEqual(["download.gguf"]);
    expect(await readdir(outside)).toEqual(["authorized_keys"]);
  });
});

describe("paths in web mode stay usable", () => {
  it("a relative path names a file in the models folder", async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), "syndisco-relative-"));
    await mkdir(path.join(data, "models"));
    await writeFile(path.join(data, "models", "here.gguf"), buildTinyModel());
    const studio = await startWebStudio({ dataDirectory: data });
    const { port, searchParams } = new URL(studio.url);
    const client = new StudioClient(createSocketTransport({ url: `ws://127.0.0.1:${port}/ws?token=${searchParams.get("token")}`, createSocket: (target) => new WebSocket(target) }));
    try {
      await expect(client.call("models.info", { path: "here.gguf" })).resolves.toMatchObject({ fileName: "here.gguf" });
      expect((await outcome(client.call("models.info", { path: "../../etc/passwd" }))).code).toBe("bad-request");
    } finally {
      client.close();
      await studio.stop();
    }
  });
});

describe("safeModelFileName", () => {
  it("keeps the last part, in a safe alphabet, not hidden, ending in .gguf", () => {
    expect(safeModelFileName("/files/Llama-3.1-8B.Q4_K_M.gguf")).toBe("Llama-3.1-8B.Q4_K_M.gguf");
    expect(safeModelFileName("../../.ssh/authorized_keys")).toBe("authorized_keys.gguf");
    expect(safeModelFileName("/a/%2e%2e%2f%2e%2e%2fevil.gguf")).toBe("evil.gguf");
    expect(safeModelFileName("/.bashrc")).toBe("bashrc.gguf");
    expect(safeModelFileName("/download")).toBe("download.gguf");
    expect(safeModelFileName("/")).toBe("model.gguf");
    expect(safeModelFileName("/name with spaces;rm.gguf")).toBe("name_with_spaces_rm.gguf");
  });
});
