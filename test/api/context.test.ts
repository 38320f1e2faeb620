/**
 * Context that fits what the model was trained for, and settings that reach the engine without
 * a restart. A studio without a context-size override, so the settings decide it as in the app.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudio, type Studio } from "../../electron/api/studio.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { StudioClient } from "../../renderer/client/studio-client.js";
import { runPaths } from "../../electron/storage/run-layout.js";
import { runRecordSchema } from "../../shared/domain/run-record.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign } from "../support/designs.js";
import { collectUntil, createInProcessTransport } from "./studio-harness.js";

let data: string;
let studio: Studio;
let client: StudioClient;
let modelPath: string;
let tiny: string;
beforeAll(async () => {
  modelPath = await ensureTinyModel(); // trained for 4096 tokens
  tiny = path.basename(modelPath, ".gguf");
  data = await mkdtemp(path.join(os.tmpdir(), "context-"));
  studio = await createStudio({ dataDirectory: data, registry: { threads: 1, gpu: false } });
  client = new StudioClient(createInProcessTransport(studio));
});
afterAll(async () => {
  await studio.dispose();
  await rm(data, { recursive: true, force: true });
});

const loadedContext = () => studio.services.registry.entries.map(({ model }) => (model as LlamaChatModel).contextSize);

describe("the trained context", () => {
  it("the fit estimate is for the engine's context and says when it is more than the model was trained for", async () => {
    const fit = await client.call("models.fit", { path: modelPath });
    expect(fit).toMatchObject({ contextSize: 4096, trainedContextSize: 4096, beyondTraining: false });
    await client.call("settings.update", { changes: { contextSize: 8192 } });
    const beyond = await client.call("models.fit", { path: modelPath });
    expect(beyond).toMatchObject({ contextSize: 8192, trainedContextSize: 4096, beyondTraining: true });
    expect(beyond.explanation).toContain("8192 tokens is more than the 4096 this model was trained for");
  });
});

describe("settings without a restart", () => {
  it("a saved context size reloads idle models with it; a model a running discussion uses keeps its own until restart", async () => {
    await client.call("settings.update", { changes: { contextSize: 2048 } });
    await client.call("models.load", { path: modelPath, sequences: 4 });
    expect(loadedContext()).toEqual([2048]);

    const applied = await client.call("settings.update", { changes: { contextSize: 1024 } });
    expect(applied.engine).toEqual({ unloaded: [tiny], inUse: [] });
    expect(loadedContext()).toEqual([]);
    await client.call("models.load", { path: modelPath, sequences: 4 });
    expect(loadedContext()).toEqual([1024]);

    const { discussionId } = await client.call("discussion.start", { design: testDesign(modelPath, { turns: 2 }), startPaused: true });
    const busy = await client.call("settings.update", { changes: { contextSize: 1536 } });
    expect(busy.engine).toEqual({ unloaded: [], inUse: [tiny] });
    expect(loadedContext()).toEqual([1024]);
    const { done } = collectUntil(client, (event) => event.name === "discussion.end" && event.payload.discussionId === discussionId);
    await client.call("discussion.stop", { discussionId });
    await done;
    expect(await client.call("settings.restartEngine", {})).toEqual({ unloaded: [tiny], inUse: [] });
    await client.call("models.load", { path: modelPath, sequences: 4 });
    expect(loadedContext()).toEqual([1536]);
  });

  it("saving something else leaves the other settings and the loaded models alone", async () => {
    const saved = await client.call("settings.update", { changes: { defaultModelPath: modelPath } });
    expect(saved.settings).toMatchObject({ defaultModelPath: modelPath, contextSize: 1536 });
    expect(saved.engine).toEqual({ unloaded: [], inUse: [] });
    expect(loadedContext()).toEqual([1536]);
  });
});

describe("prompt preview", () => {
  it("counts each speaker's first prompt as the engine does, and the most a turn can take", async () => {
    const design = testDesign(modelPath, { turns: 1, moderatorInTurnOrder: false });
    const preview = await client.call("designs.promptPreview", { design });
    expect(preview.contextSize).toBe(1536);
    expect(preview.models).toEqual([{ name: tiny, trainedContextSize: 4096, problem: null }]);
    expect(preview.speakers.map((speaker) => [speaker.name, speaker.role])).toEqual([
      ["Ann", "user"],
      ["Bo", "user"],
      ["Cy", "user"],
      ["Mod", "moderator"],
    ]);
    const ann = preview.speakers[0]!;
    expect(ann.systemPrompt).toContain('"username": "Ann"');
    expect(ann.userMessage).toContain("The park should open later.");
    // A window of 3 replies of up to 12 tokens each, and this reply's 12, on top of the first prompt.
    expect(ann.mostTokens! - ann.firstTurnTokens!).toBeGreaterThanOrEqual(4 * 12);

    // The first speaker of a round-robin run sees exactly the previewed prompt: its record says how many tokens that was.
    const { discussionId } = await client.call("discussion.start", { design });
    const { done } = collectUntil(client, (event) => event.name === "discussion.end" && event.payload.discussionId === discussionId);
    await done;
    const record = runRecordSchema.parse(JSON.parse(await readFile(runPaths(data, discussionId).runRecord, "utf8")));
    const first = record.comments.find((comment) => comment.name === "Ann" && comment.stats);
    expect(first?.stats?.promptTokens).toBe(ann.firstTurnTokens);
  });

  it("with the model unloaded by a saved setting, the trained context still comes from the file (a vocabulary-only load says 0)", async () => {
    const design = testDesign(modelPath, { turns: 1, moderatorInTurnOrder: false });
    const before = await client.call("designs.promptPreview", { design });
    await client.call("settings.update", { changes: { contextSize: 8192 } });
    expect(loadedContext()).toEqual([]);
    const after = await client.call("designs.promptPreview", { design });
    expect(after).toMatchObject({ contextSize: 8192, models: [{ name: tiny, trainedContextSize: 4096, problem: null }] });
    expect(after.speakers.map((speaker) => speaker.firstTurnTokens)).toEqual(before.speakers.map((speaker) => speaker.firstTurnTokens));
  });
});
