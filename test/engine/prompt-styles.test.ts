import { mkdtemp, readFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Discussion } from "../../electron/engine/discussion.js";
import { promptStyles } from "../../electron/engine/prompt-styles.js";
import type { ChatModel, ChatPrompt, GenerationRequest, GenerationResult } from "../../electron/llm/types.js";
import { DiscussionRecorder } from "../../electron/storage/run-files.js";
import { buildDiscussionLog } from "../../electron/engine/discussion-log.js";
import { parseV2Discussion } from "../../electron/storage/v2-format.js";
import { discussionDesignSchema, type Actor, type DiscussionDesign, type Persona, type PromptStyle } from "../../shared/domain/index.js";

/**
 * Whole discussions against SynDisco's loop re-enacted in Python with the same scripted replies
 * (test/fixtures/python/make_discussions.py): every prompt each speaker is sent, and the file
 * written at the end, byte for byte, for each prompt style.
 */
interface Expected {
  context: string;
  userInstructions: string;
  moderatorInstructions: string;
  users: Persona[];
  moderator: Persona;
  seeds: { author: string; text: string }[];
  replies: string[];
  turns: number;
  historyWindow: number;
  model: string;
  id: string;
  timestamp: string;
  styles: Record<PromptStyle, { prompts: { speaker: string; system: string; user: string }[]; file: string }>;
}
const expected = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/syndisco/discussions-expected.json"), "utf8")) as Expected;

/**
 * Replies in a fixed order, and every prompt it was sent. A test double behind ChatModel: the
 * point is comparing prompts with Python's for chosen replies, which no real model can be made
 * to write; the real llama.cpp path is covered by test/llm/chat-template.test.ts.
 */
class ScriptedModel implements ChatModel {
  readonly identity = { displayName: "scripted", backend: "llama" as const };
  readonly prompts: (ChatPrompt & { speaker: string })[] = [];
  private next = 0;
  constructor(private readonly replies: readonly string[]) {}
  async generate(request: GenerationRequest): Promise<GenerationResult> {
    this.prompts.push({ ...request.prompt, speaker: request.sequenceKey.split(":").pop() ?? "" });
    const text = this.replies[this.next++];
    if (text === undefined) throw new Error("the script has no more replies");
    return { text, promptTokens: 1, evaluatedPromptTokens: 1, minimumPromptTokens: 1, generatedTokens: 1, seconds: 0, stopReason: "eos" };
  }
  async releaseSequences(): Promise<void> {}
  async dispose(): Promise<void> {}
}

function design(promptStyle: PromptStyle): DiscussionDesign {
  const actor = (persona: Persona, role: Actor["role"], instructions: string): Actor => ({ persona, role, context: expected.context, instructions });
  return discussionDesignSchema.parse({
    participants: expected.users.map((persona) => actor(persona, "user", expected.userInstructions)),
    moderator: actor(expected.moderator, "moderator", expected.moderatorInstructions),
    seedComments: expected.seeds,
    turns: expected.turns,
    historyWindow: expected.historyWindow,
    turnManager: { kind: "round-robin" },
    promptStyle,
    model: { backend: "llama", path: "/models/any.gguf", displayName: expected.model },
  });
}

// SynDisco's own styles; native-chat is ours and has no Python loop to match (test/engine/native-chat.test.ts).
const syndiscoStyles = (Object.keys(promptStyles) as PromptStyle[]).filter((style) => style !== "native-chat");
describe.each(syndiscoStyles)("prompt style %s against SynDisco's loop in Python", (style) => {
  let dir: string;
  let model: ScriptedModel;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "prompt-style-"));
    model = new ScriptedModel(expected.replies);
    const discussion = new Discussion(design(style), { id: expected.id, modelFor: () => model });
    const recorder = await DiscussionRecorder.start(dir, {
      discussionId: discussion.id,
      startedAt: new Date().toISOString(),
      design: discussion.design,
      turnManagerSeed: discussion.turnManagerSeed,
      models: [model.identity],
      runtime: { app: "test", gpu: "cpu", threads: 1, contextSize: 0 },
    }, buildDiscussionLog);
    for await (const event of discussion.events()) void recorder.record(event);
    const paths = await recorder.finish("completed");
    // The timestamp is the time of writing: the only field not compared.
    file = (await readFile(paths.discussion, "utf8")).replace(/"timestamp": "[^"]*"/, `"timestamp": "${expected.timestamp}"`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("sends every speaker exactly the system prompt and user message SynDisco builds", () => {
    const want = expected.styles[style].prompts;
    expect(model.prompts.map(({ speaker, system, user }) => ({ speaker, system, user }))).toEqual(want);
    expect(model.prompts.every((prompt) => prompt.earlier === undefined)).toBe(true);
  });

  it("writes the file SynDisco writes, byte for byte", () => {
    expect(file).toBe(expected.styles[style].file);
  });
});

describe("what the two styles differ in", () => {
  it("2.2 files record each comment's prompt and import back with them", () => {
    const file = JSON.parse(expected.styles["syndisco-2.2"].file) as unknown;
    const imported = parseV2Discussion(file, "x.json");
    if (!imported.ok) throw new Error(imported.error.message);
    expect(imported.value.comments.every((comment) => typeof comment.prompt === "string" && comment.prompt !== "")).toBe(true);
    expect(JSON.parse(imported.value.userPrompts[0]!)).toMatchObject({ type: "user", persona: { username: "zoë-k", hobby: "chess" } });
  });

  it("2.0 logs the moderator's empty answer (it takes a window slot); 2.2 logs nothing blank but seeds", () => {
    const legacy = JSON.parse(expected.styles["syndisco-2.0"].file) as { logs: { name: string; text: string }[] };
    const v2 = JSON.parse(expected.styles["syndisco-2.2"].file) as { logs: { name: string; text: string }[] };
    expect(legacy.logs.filter((comment) => comment.name === "moderator" && comment.text === "")).toHaveLength(2);
    expect(v2.logs.filter((comment) => comment.name === "moderator" && comment.text === "")).toHaveLength(0);
    // The seed "\x1c \x1f" is blank for Python: skipped by 2.0, logged as given by 2.2.1.
    expect(legacy.logs.some((comment) => comment.text === "\u001c \u001f")).toBe(false);
    expect(v2.logs.some((comment) => comment.text === "\u001c \u001f")).toBe(true);
  });
});
