/**
 * Issue 11 item 5 on the command line: a design FILE names a server profile of the data folder
 * and cannot bring a URL or key variable of its own; `--backend openai --base-url ...
 * --api-key-env` typed by the user still works, as a profile for that one command.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { testDesign } from "../support/designs.js";

const SECRET_VARIABLE = "SYNDISCO_TEST_CLI_SECRET";

describe("cli run and server profiles", () => {
  let server: Server;
  let baseUrl: string;
  const authorizations: (string | undefined)[] = [];
  let folder: string;

  beforeAll(async () => {
    process.env[SECRET_VARIABLE] = "sk-cli-secret";
    server = createServer((req, res) => {
      authorizations.push(req.headers.authorization);
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: "sure" }, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    folder = await mkdtemp(path.join(os.tmpdir(), "syndisco-cli-profiles-"));
  });
  afterAll(async () => {
    delete process.env[SECRET_VARIABLE];
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function designFile(name: string, model: unknown): Promise<string> {
    const file = path.join(folder, `${name}.json`);
    await writeFile(file, JSON.stringify({ ...testDesign("unused.gguf", { turns: 1, moderator: null }), model }));
    return file;
  }

  it("a design file's own URL and key variable are refused before anything is sent", async () => {
    const file = await designFile("inline", { backend: "openai", baseUrl, modelName: "m", apiKeyEnv: SECRET_VARIABLE });
    const result = await runCli(["run", file, "--data", path.join(folder, "empty-data"), "--out", path.join(folder, "out"), "--quiet"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`this design names the server ${baseUrl}`);
    expect(result.stderr).not.toContain(SECRET_VARIABLE);
    expect(authorizations).toEqual([]);
  });

  it("a design file naming a profile of the data folder runs with that profile's key", async () => {
    const data = path.join(folder, "data");
    await mkdir(data, { recursive: true });
    await writeFile(path.join(data, "server-profiles.json"), JSON.stringify({ version: 1, profiles: [{ id: "lab", name: "Lab", baseUrl, modelName: "m", apiKeyEnv: SECRET_VARIABLE, maxConcurrent: 2 }] }));
    const file = await designFile("named", { backend: "openai", profile: "Lab" });
    const result = await runCli(["run", file, "--data", data, "--out", path.join(folder, "out"), "--quiet"]);
    expect(result.code, result.stderr).toBe(0);
    expect(authorizations).toEqual(["Bearer sk-cli-secret"]);
    const log = JSON.parse(await readFile(result.stdout.trim(), "utf8")) as { logs: { model: string }[] };
    expect(log.logs.at(-1)?.model).toBe("Lab");
  });

  it("--backend openai --base-url --api-key-env typed by the user sends that key to that URL", async () => {
    authorizations.length = 0;
    const file = await designFile("flags", { backend: "llama", path: "unused.gguf" });
    const result = await runCli(["run", file, "--backend", "openai", "--base-url", baseUrl, "--model-name", "served", "--api-key-env", SECRET_VARIABLE,
      "--data", path.join(folder, "empty-data"), "--out", path.join(folder, "out"), "--quiet"]);
    expect(result.code, result.stderr).toBe(0);
    expect(authorizations).toEqual(["Bearer sk-cli-secret"]);
  });
});
