/**
 * Issue 16 item 6: a study on a server profile with three loopback OpenAI-compatible servers,
 * one of which breaks mid-reply and then goes away mid-study. Nothing is lost: the study
 * completes, every comment is a whole reply, and the run records say which server wrote each.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ExperimentRunner } from "../../electron/engine/experiment-runner.js";
import { OpenAiChatModel } from "../../electron/llm/openai-chat-model.js";
import { fixedProfiles } from "../../electron/llm/server-resolver.js";
import { runRecordSchema, type DiscussionEvent } from "../../shared/domain/index.js";
import type { ServerProfile } from "../../shared/domain/server-profile.js";
import { testExperimentSpec } from "../support/experiments.js";
import { FakeServer, stream } from "../support/fake-openai-server.js";

let servers: FakeServer[];
let out: string;
beforeEach(async () => {
  servers = [new FakeServer(), new FakeServer(), new FakeServer()];
  await Promise.all(servers.map((server) => server.start()));
  out = await mkdtemp(path.join(os.tmpdir(), "syndisco-fleet-study-"));
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
  await rm(out, { recursive: true, force: true });
});

async function runRecords(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(".run.json")) files.push(path.join(entry.parentPath, entry.name));
  }
  return files;
}

it("spreads a study over three servers, survives one failing mid-reply and then going away, and records each comment's server", async () => {
  const [a, b, c] = servers as [FakeServer, FakeServer, FakeServer];
  const names = new Map([
    [a.baseUrl, "a"],
    [b.baseUrl, "b"],
    [c.baseUrl, "c"],
  ]);
  let reply = 0;
  for (const server of [a, c]) server.handler = (_, res) => stream(res, ["Reply ", `${++reply} `, `from ${names.get(server.baseUrl)}.`], { delayMs: 5 });
  let brokeMidReply = false;
  b.handler = async (_, res, index) => {
    if (index < 4) return stream(res, ["Reply ", `${++reply} `, "from b."], { delayMs: 5 });
    // The fifth request: some text, then the connection dies, and so does the server.
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: "Reply half" } }] })}\n\n`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    brokeMidReply = true;
    res.destroy();
    void b.stop();
  };
  const profile: ServerProfile = { id: "fleet", name: "fleet", baseUrl: a.baseUrl, extraBaseUrls: [b.baseUrl, c.baseUrl], modelName: "served", maxConcurrent: 2 };
  const spec = testExperimentSpec("unused.gguf", { turns: 4, sampling: { temperature: 0.7, topP: 0.95, maxTokens: 16, stopStrings: [] } });
  spec.conditions.models = [{ label: "fleet", model: { backend: "openai", profile: "fleet" } }];

  const events: DiscussionEvent[] = [];
  const runner = new ExperimentRunner(spec, {
    outputDirectory: out,
    parallel: 8,
    registry: { remote: (ref) => OpenAiChatModel.connect(ref, fixedProfiles([profile]), { retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 50 } }) },
    runtime: { app: "test", gpu: "none", threads: 1, contextSize: 2048 },
    onDiscussionEvent: (event) => events.push(event),
  });
  const final = await runner.run();

  expect(brokeMidReply).toBe(true);
  expect(final).toMatchObject({ total: 12, done: 12, failed: 0, state: "finished" });
  // Never more than the per-server limit in flight on any server.
  for (const server of servers) expect(server.maxInFlight).toBeLessThanOrEqual(2);

  const records = await Promise.all((await runRecords(out)).map(async (file) => runRecordSchema.parse(JSON.parse(await readFile(file, "utf8")))));
  expect(records).toHaveLength(12);
  const written = records.flatMap((record) => record.comments.filter((comment) => comment.stats).map((comment) => comment.stats?.endpoint));
  const byServer = (url: string) => written.filter((endpoint) => endpoint === url).length;
  expect(written.every((endpoint) => endpoint !== undefined && names.has(endpoint))).toBe(true);
  // b wrote the replies it finished before it went away (up to four: one in flight may die with it); a and c the rest, about evenly.
  expect(byServer(b.baseUrl)).toBeGreaterThanOrEqual(1);
  expect(byServer(b.baseUrl)).toBeLessThanOrEqual(4);
  expect(Math.min(byServer(a.baseUrl), byServer(c.baseUrl))).toBeGreaterThan(written.length / 4);

  // The reply that broke started over elsewhere: its half was withdrawn, and every logged comment is a whole reply.
  expect(events.some((event) => event.type === "restart" && /reply stream broke|network error/.test(event.message))).toBe(true);
  const comments = events.flatMap((event) => (event.type === "comment" && event.comment.role !== "seed" ? [event.comment.text] : []));
  expect(comments.length).toBe(written.length);
  for (const text of comments) expect(text).toMatch(/^Reply \d+ from [abc]\.$/);
});
