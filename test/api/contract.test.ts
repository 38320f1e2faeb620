/**
 * One contract suite, run against the router in-process and over the WebSocket: every
 * command's happy path, the typed errors, and a discussion's event stream on the tiny model.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandNames, type StudioEvent } from "../../shared/contract.js";
import { modelCommands } from "../../shared/contract-models.js";
import { experimentCommands } from "../../shared/contract-experiments.js";
import { personaCommands } from "../../shared/contract-personas.js";
import { designCommands } from "../../shared/contract-designs.js";
import { analysisCommands } from "../../shared/contract-analysis.js";
import { annotationCommands } from "../../shared/contract-annotations.js";
import { populationCommands } from "../../shared/contract-populations.js";
import { StudioClientError, type StudioClient } from "../../renderer/client/studio-client.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { testDesign, testPersona } from "../support/designs.js";
import { collectUntil, startHarness, type Harness, type TransportKind } from "./studio-harness.js";

async function failure(promise: Promise<unknown>): Promise<StudioClientError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StudioClientError);
  return error as StudioClientError;
}

const isEndOf = (id: string) => (event: StudioEvent) =>
  (event.name === "discussion.end" || event.name === "discussion.error") && event.payload.discussionId === id;

describe.each<TransportKind>(["in-process", "websocket"])("contract over %s", (kind) => {
  let harness: Harness;
  let client: StudioClient;
  let modelPath: string;
  let designId: string;
  let finishedId: string;

  beforeAll(async () => {
    modelPath = await ensureTinyModel();
    harness = await startHarness();
    client = harness.client(kind);
  });
  afterAll(async () => {
    // Every command of the contract had its happy path exercised through this transport.
    // (The Models, Experiments, analysis, annotation and population commands have their own suites, test/api/models*, experiments*, analysis*, annotations* and populations*, which check the same;
    // the starter set, persona sets, the example design and prompt previews are test/api/first-start's and context's.)
    const ownSuites = new Set<string>([...Object.keys(modelCommands), ...Object.keys(experimentCommands), ...Object.keys(analysisCommands), ...Object.keys(annotationCommands), ...Object.keys(populationCommands), ...Object.keys(personaCommands), ...Object.keys(designCommands)]);
    expect(commandNames.filter((name) => !ownSuites.has(name) && !harness.handlerCalls.has(name))).toEqual([]);
    await harness.close();
  });

  it("reads and updates settings; refuses values outside the contract", async () => {
    const initial = await client.call("settings.get", {});
    expect(initial.dataDirectory).toBe(harness.dataDirectory);
    expect(initial.problems).toEqual([]);
    const { settings } = await client.call("settings.update", { changes: { modelsDirectory: path.dirname(modelPath), contextSize: 2048 } });
    expect(settings).toMatchObject({ modelsDirectory: path.dirname(modelPath), contextSize: 2048, gpu: "auto" });
    const error = await failure(client.call("settings.update", { changes: { contextSize: 3 } }));
    expect(error.code).toBe("bad-request");
    expect(error.issues?.[0]?.path).toBe("changes.contextSize");
    expect((await client.call("settings.get", {})).settings.contextSize).toBe(2048);
    // Nothing is loaded or running here: a restart of the engine has nothing to unload or keep.
    expect(await client.call("settings.restartEngine", {})).toEqual({ unloaded: [], inUse: [] });
  });

  it("saves, lists, exports, imports and deletes personas", async () => {
    await client.call("personas.save", { persona: testPersona("Ann", { hobby: "chess" }) });
    await client.call("personas.save", { persona: testPersona("Bo") });
    const listed = await client.call("personas.list", {});
    expect(listed.personas.map((persona) => persona.username)).toEqual(["Ann", "Bo"]);
    expect(listed.personas[0]?.hobby).toBe("chess");
    const exported = await client.call("personas.exportFile", { usernames: ["Bo"] });
    expect(JSON.parse(exported.content)).toHaveLength(1);
    const file = { fileName: "more.json", content: JSON.stringify([{ username: "Cy" }, { username: "Bo" }, { age: 3 }]) };
    const imported = await client.call("personas.importFile", { file });
    expect(imported.imported).toEqual(["Cy"]);
    expect(imported.skipped).toHaveLength(2);
    expect(await client.call("personas.delete", { username: "Cy" })).toEqual({ deleted: true });
    expect(await client.call("personas.delete", { username: "Nobody" })).toEqual({ deleted: false });
    const broken = await failure(client.call("personas.importFile", { file: { fileName: "x.json", content: "{" } }));
    expect(broken.code).toBe("bad-request");
  });

  it("saves, lists and loads designs; an unknown id is not-found", async () => {
    const summary = await client.call("designs.save", { design: testDesign(modelPath, { name: "Parks", turns: 3 }) });
    designId = summary.id;
    expect(summary).toMatchObject({ name: "Parks", participants: ["Ann", "Bo", "Cy"], turns: 3 });
    expect((await client.call("designs.list", {})).designs.map((design) => design.id)).toContain(designId);
    const loaded = await client.call("designs.load", { id: designId });
    expect(loaded.design.model).toEqual({ backend: "llama", path: modelPath });
    expect((await failure(client.call("designs.load", { id: "missing" }))).code).toBe("not-found");
  });

  it("lists the models folder and reads a model's header", async () => {
    const { models, directory } = await client.call("models.list", {});
    expect(directory).toBe(path.dirname(modelPath));
    expect(models.find((model) => model.path === modelPath)?.info?.architecture).toBe("llama");
    const info = await client.call("models.info", { path: path.basename(modelPath) });
    expect(info).toMatchObject({ path: modelPath, architecture: "llama", hasChatTemplate: true });
    expect((await failure(client.call("models.info", { path: "/no/such/model.gguf" }))).code).toBe("bad-request");
  });

  it("streams a discussion's events completely and in order, then files it in the library", async () => {
    const { discussionId } = await client.call("discussion.start", { designId });
    const { done } = collectUntil(client, isEndOf(discussionId));
    const events = (await done).filter((event) => "discussionId" in event.payload && event.payload.discussionId === discussionId);
    finishedId = discussionId;
    const seqs = events.map((event) => ("seq" in event.payload ? event.payload.seq : 0));
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(events.at(-1)).toMatchObject({ name: "discussion.end", payload: { reason: "completed" } });

    const comments = events.flatMap((event) => (event.name === "discussion.comment" ? [event.payload] : []));
    expect(comments.map((comment) => comment.index)).toEqual(comments.map((_, index) => index));
    expect(comments[0]?.comment.role).toBe("seed");
    // Each generated comment is exactly the text its token deltas spelled, in its own turn.
    let turn: { speaker: string; text: string } | null = null;
    for (const event of events) {
      if (event.name === "discussion.turnStart") turn = { speaker: event.payload.speaker, text: "" };
      if (event.name === "discussion.tokens") {
        expect(event.payload.speaker).toBe(turn?.speaker);
        if (turn) turn.text += event.payload.text;
      }
      if (event.name === "discussion.comment" && event.payload.comment.role !== "seed") {
        expect(event.payload.comment.name).toBe(turn?.speaker);
        expect(turn?.text.trim()).toBe(event.payload.comment.text);
        turn = null;
      }
    }
    const speakers = events.flatMap((event) => (event.name === "discussion.turnStart" ? [event.payload.speaker] : []));
    expect(speakers.filter((name) => name !== "Mod")).toEqual(["Ann", "Bo", "Cy"]);

    const backlog = await client.call("discussion.subscribe", { discussionId, sinceIndex: 2 });
    expect(backlog).toMatchObject({ status: "completed", commentCount: comments.length, currentTurn: null, seq: seqs.length });
    expect(backlog.comments.map((entry) => entry.index)).toEqual(comments.slice(2).map((comment) => comment.index));
    expect((await client.call("discussion.list", {})).discussions.map((entry) => entry.discussionId)).toContain(discussionId);

    const { entries } = await client.call("library.list", {});
    expect(entries.find((entry) => entry.id === discussionId)).toMatchObject({ status: "completed", commentCount: comments.length, designName: "Parks" });
    const opened = await client.call("library.open", { id: discussionId });
    expect(opened.log.comments.map((comment) => comment.text)).toEqual(comments.map((comment) => comment.comment.text));
    expect(opened.record?.speakers.length).toBe(3);
  });

  it("exports in all four formats and imports files back", async () => {
    const legacy = await client.call("library.export", { id: finishedId, format: "legacy" });
    expect(JSON.parse(legacy.content)).toMatchObject({ id: finishedId });
    for (const format of ["v2", "markdown", "csv"] as const) {
      const file = await client.call("library.export", { id: finishedId, format });
      expect(file.content.length).toBeGreaterThan(0);
    }
    const copy = { fileName: "copy.json", content: legacy.content.replace(finishedId, "copied-discussion") };
    const result = await client.call("library.importFiles", { files: [copy, legacy, { fileName: "bad.json", content: "[]" }] });
    expect(result.imported).toEqual(["copied-discussion"]);
    expect((await client.call("library.search", { text: "no comment says this" })).ids).toEqual([]);
    expect(result.problems.map((problem) => problem.file)).toEqual([legacy.fileName, "bad.json"]);
    expect(result.alreadyPresent).toEqual([{ file: legacy.fileName, id: finishedId }]);
    expect((await failure(client.call("library.open", { id: "absent" }))).code).toBe("not-found");

    const ids = async () => (await client.call("library.list", {})).entries.map((entry) => entry.id);
    expect(await client.call("library.archive", { ids: ["copied-discussion"] })).toEqual({ archived: ["copied-discussion"], problems: [] });
    expect(await ids()).not.toContain("copied-discussion");
    expect(await client.call("library.restore", { ids: ["copied-discussion"] })).toEqual({ restored: ["copied-discussion"], problems: [] });
    expect(await ids()).toContain("copied-discussion");
  });

  it("pauses, steps, resumes and stops a discussion; refuses what the state does not allow", async () => {
    const { discussionId } = await client.call("discussion.start", { design: testDesign(modelPath, { turns: 50 }), startPaused: true });
    const firstComment = collectUntil(client, (event) => event.name === "discussion.comment" && event.payload.comment.role !== "seed");
    expect(await client.call("discussion.step", { discussionId })).toEqual({ discussionId, status: "paused" });
    await firstComment.done;
    expect(await client.call("discussion.resume", { discussionId })).toMatchObject({ status: "running" });
    expect(await client.call("discussion.pause", { discussionId })).toMatchObject({ status: "paused" });
    const human = await failure(client.call("discussion.submitHumanComment", { discussionId, text: "hello" }));
    expect(human.code).toBe("conflict");
    const end = collectUntil(client, isEndOf(discussionId));
    await client.call("discussion.stop", { discussionId });
    expect((await end.done).at(-1)).toMatchObject({ name: "discussion.end", payload: { reason: "stopped" } });
    expect((await failure(client.call("discussion.resume", { discussionId }))).code).toBe("conflict");
    expect((await failure(client.call("discussion.stop", { discussionId: "nope" }))).code).toBe("not-found");
  });

  it("manual turn-taking: the run asks who speaks (event and snapshot), takes the pick, refuses a stranger, and records it", async () => {
    const design = testDesign(modelPath, { turns: 1, moderator: null, turnManager: { kind: "manual", timeoutSeconds: null, fallback: { kind: "round-robin" } } });
    const asked = collectUntil(client, (event) => event.name === "discussion.speakerQuestion");
    const { discussionId } = await client.call("discussion.start", { design });
    const end = collectUntil(client, isEndOf(discussionId));
    const question = { turn: 0, candidates: ["Ann", "Bo", "Cy"], deadline: null };
    expect((await asked.done).at(-1)).toMatchObject({ name: "discussion.speakerQuestion", payload: { discussionId, ...question } });
    expect((await client.call("discussion.subscribe", { discussionId, sinceIndex: 0 })).awaitingSpeaker).toEqual(question);
    expect((await failure(client.call("discussion.chooseSpeaker", { discussionId, speaker: "Zed" }))).code).toBe("bad-request");
    expect(await client.call("discussion.chooseSpeaker", { discussionId, speaker: "Cy" })).toEqual({ accepted: true });
    const events = (await end.done).filter((event) => "discussionId" in event.payload && event.payload.discussionId === discussionId);
    expect(events.find((event) => event.name === "discussion.speakerChosen")?.payload).toMatchObject({ turn: 0, speaker: "Cy", by: "person" });
    expect(events.flatMap((event) => (event.name === "discussion.turnStart" ? [event.payload.speaker] : []))).toEqual(["Cy"]);
    expect((await failure(client.call("discussion.chooseSpeaker", { discussionId, speaker: "Ann" }))).code).toBe("conflict");
    expect((await client.call("library.open", { id: discussionId })).record?.speakerChoices).toEqual([{ turn: 0, speaker: "Cy", by: "person" }]);
  });

  it("LLM-selected: previews the first choice with its prompt; a missing turn-manager model is named before anything runs", async () => {
    const preview = await client.call("discussion.previewSpeaker", { design: testDesign(modelPath, { turnManager: { kind: "llm-selected" } }) });
    expect(preview).toMatchObject({ turn: 0, by: "llm" });
    expect(["Ann", "Bo", "Cy", "Mod"]).toContain(preview.speaker);
    expect(preview.prompt?.user).toContain("The park should open later.");
    expect(JSON.parse(preview.reply ?? "")).toEqual({ next_speaker: preview.speaker });
    const before = (await client.call("discussion.list", {})).discussions.length;
    const missing = testDesign(modelPath, { turnManager: { kind: "llm-selected", model: { backend: "llama", path: "/no/such/selector.gguf" } } });
    // One call at a time: a second refusal arriving before the first is awaited would be an unhandled rejection.
    for (const call of [() => client.call("discussion.start", { design: missing }), () => client.call("discussion.previewSpeaker", { design: missing })]) {
      const error = await failure(call());
      expect(error.code).toBe("bad-request");
      expect(error.message).toMatch(/turn manager's model: model file not found: \/no\/such\/selector\.gguf/);
    }
    expect((await client.call("discussion.list", {})).discussions).toHaveLength(before);
  });

  it("answers an unknown command and a malformed input with bad-request", async () => {
    const unknown = await harness.studio.router.invoke("personas.destroyAll", {});
    expect(unknown).toMatchObject({ ok: false, error: { code: "bad-request" } });
    const malformed = await failure(client.call("discussion.start", {} as never));
    expect(malformed.code).toBe("bad-request");
  });

  it("answers a save decision only for a run waiting on one, and logs and lists the window's errors", async () => {
    // A finished run has no file waiting (the whole path is test/api/save-failures.test.ts).
    expect((await failure(client.call("discussion.retrySave", { discussionId: finishedId }))).code).toMatch(/conflict|not-found/);
    expect((await failure(client.call("discussion.saveElsewhere", { discussionId: finishedId, directory: harness.dataDirectory }))).code).toMatch(/conflict|not-found/);
    expect(await client.call("diagnostics.report", { where: "window", message: `a probe over ${kind}` })).toEqual({});
    const { logFile, errors } = await client.call("diagnostics.errors", {});
    expect(logFile).toBe(path.join(harness.dataDirectory, "logs", "studio.log"));
    expect(errors).toContainEqual({ at: expect.any(String), source: "renderer", message: `window: a probe over ${kind}` });
  });
});
