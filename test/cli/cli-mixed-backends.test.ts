import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runCli } from "../support/cli.js";

const personas = path.resolve(import.meta.dirname, "../fixtures/cli/personas.json");

describe("cli run with users on an OpenAI-compatible server and the moderator on a local GGUF", () => {
  let server: Server;
  let baseUrl: string;
  const systemPrompts: string[] = [];

  beforeAll(async () => {
    // A loopback server speaking the chat-completions streaming protocol.
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const request = JSON.parse(body) as { messages: { role: string; content: string }[]; model: string };
        systemPrompts.push(request.messages[0]?.content ?? "");
        res.writeHead(200, { "content-type": "text/event-stream" });
        for (const piece of ["I ride ", "to work ", "every day."]) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
        res.end("data: [DONE]\n\n");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("logs each comment with the model that wrote it", async () => {
    const model = await ensureTinyModel();
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-mixed-"));
    const result = await runCli(["run", "--backend", "openai", "--base-url", baseUrl, "--model-name", "remote-llm", "--personas", personas,
      "--users", "maple,river", "--moderator", "harbor", "--moderator-model", model, "--turns", "2", "--max-tokens", "8", "--out", out, "--quiet"]);
    expect(result.code, result.stderr).toBe(0);
    const log = JSON.parse(await readFile(result.stdout.trim(), "utf8")) as { logs: { name: string; text: string; model: string }[]; user_prompts: string[] };
    expect(log.logs.map((c) => [c.name, c.model])).toEqual([["maple", "remote-llm"], ["harbor", path.basename(model, ".gguf")], ["river", "remote-llm"], ["harbor", path.basename(model, ".gguf")]]);
    expect(log.logs.filter((c) => c.model === "remote-llm").every((c) => c.text === "I ride to work every day.")).toBe(true);
    // The server saw exactly the system prompts the file records.
    expect(systemPrompts).toEqual(log.user_prompts);
  });
});
