import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { personaSchema } from "../../shared/domain/persona.js";
import {
  annotatorUserMessage,
  formatHistoryEntry,
  historyText,
  participantUserMessage,
  syndiscoSystemPrompt,
} from "../../electron/engine/prompts.js";

// Made-up discussion written by Python (test/fixtures/python/make_syndisco.py).
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/syndisco/${name}`, import.meta.url), "utf8");

interface Expected {
  context: string;
  userInstructions: string;
  moderatorInstructions: string;
  users: unknown[];
  moderator: unknown;
  annotatorPrompt: string;
  cases: { window: number; upto: number; speaker: string; entries: string[]; participant: string; annotator: string }[];
}
const expected = JSON.parse(fixture("prompts-expected.json")) as Expected;
const legacy = JSON.parse(fixture("discussion-legacy-moderated.json")) as {
  user_prompts: string[];
  moderator_prompt: string;
  logs: { name: string; text: string }[];
};

describe("syndiscoSystemPrompt", () => {
  it("renders each participant's prompt exactly as SynDisco wrote it", () => {
    expected.users.forEach((raw, index) => {
      const actor = { persona: personaSchema.parse(raw), context: expected.context, instructions: expected.userInstructions };
      expect(syndiscoSystemPrompt(actor, "1")).toBe(legacy.user_prompts[index]);
    });
  });

  it("renders the moderator and annotator prompts", () => {
    const actor = {
      persona: personaSchema.parse(expected.moderator),
      context: expected.context,
      instructions: expected.moderatorInstructions,
    };
    expect(syndiscoSystemPrompt(actor, "1")).toBe(legacy.moderator_prompt);
    expect(syndiscoSystemPrompt(actor, "2")).toBe(expected.annotatorPrompt);
  });

  it("leaves out persona keys beyond the nine and fills defaults", () => {
    const persona = personaSchema.parse({ username: "a", hobby: "chess" });
    const prompt = JSON.parse(syndiscoSystemPrompt({ persona, context: "", instructions: "" }, "1")) as {
      persona: Record<string, unknown>;
    };
    expect(Object.keys(prompt.persona)).toHaveLength(9);
    expect(prompt.persona.age).toBe(-1);
  });
});

describe("history and user messages", () => {
  for (const c of expected.cases) {
    const history = legacy.logs.slice(0, c.upto);
    it(`window ${c.window}, ${c.upto} comments`, () => {
      expect(history.map(formatHistoryEntry)).toEqual(c.entries);
      expect(participantUserMessage(history, c.window, c.speaker)).toBe(c.participant);
      expect(annotatorUserMessage(history, c.window)).toBe(c.annotator);
    });
  }

  it("starts the content with a newline when the history is empty", () => {
    expect(JSON.parse(participantUserMessage([], 3, "x"))).toEqual({ role: "user", content: "\nUser x posted:" });
  });

  it("turns a blank comment into an empty entry that still fills a window slot", () => {
    const history = [{ name: "a", text: "hi" }, { name: "moderator", text: " \u3000\n" }];
    expect(formatHistoryEntry(history[1]!)).toBe("");
    expect(historyText(history, 2)).toBe("User a posted:\nhi\n");
    expect(historyText(history, 1)).toBe("");
  });

  it("shows nothing for a window of 0", () => {
    expect(historyText([{ name: "a", text: "b" }], 0)).toBe("");
  });
});
