import { describe, expect, it } from "vitest";
import { chatStart, chatTurns, nativeChatTurns } from "../../electron/engine/native-chat.js";
import { promptStyle } from "../../electron/engine/prompt-styles.js";
import { syndiscoSystemPrompt } from "../../electron/engine/prompts.js";
import { testActor } from "../support/designs.js";
import { formatHistoryEntry } from "../../electron/engine/prompts.js";

const said = (name: string, text: string) => ({ name, text });
const entry = (name: string, text: string) => formatHistoryEntry(said(name, text));

describe("chatTurns", () => {
  it("others' comments since the actor last spoke are one user turn, its own comments its assistant turns", () => {
    const history = [said("Ann", "Parks first."), said("Mod", "Why?"), said("Bo", "Costs."), said("Mod", "Fair."), said("Cy", "Trees!")];
    expect(chatTurns(history, "Mod")).toEqual({
      earlier: [
        { role: "user", content: entry("Ann", "Parks first.") },
        { role: "assistant", content: "Why?" },
        { role: "user", content: entry("Bo", "Costs.") },
        { role: "assistant", content: "Fair." },
      ],
      user: entry("Cy", "Trees!"),
    });
  });

  it("starts with the user: own comments before anyone else's read as history, in SynDisco's layout", () => {
    const history = [said("Ann", "Seed text."), said("Bo", "Hm."), said("Ann", "Mine."), said("Cy", "Yes.")];
    expect(chatTurns(history, "Ann")).toEqual({
      earlier: [
        { role: "user", content: [entry("Ann", "Seed text."), entry("Bo", "Hm.")].join("\n") },
        { role: "assistant", content: "Mine." },
      ],
      user: entry("Cy", "Yes."),
    });
  });

  it("an actor answering itself gets an empty user turn between its two (alternation holds)", () => {
    const history = [said("Ann", "A."), said("Mod", "Turn."), said("Mod", "Answer.")];
    const turns = chatTurns(history, "Mod");
    expect(turns.earlier.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(turns.earlier[2]?.content).toBe("");
    expect(turns.user).toBe("");
  });
});

describe("the chat's start (the history window)", () => {
  const shown = (turns: { earlier: { content: string }[]; user: string }) => [...turns.earlier.map((m) => m.content), turns.user].join("\n");
  // Mod speaks at every odd place: after each user comment.
  const history = Array.from({ length: 20 }, (_, i) => said(i % 2 === 0 ? `U${i}` : "Mod", `comment ${i}`));

  it("starts from the last `window` comments and keeps its start until it would hold more than twice that, then starts over", () => {
    // Window 2. Mod's turns were at lengths 1, 3, 5 ...: at 1 the chat starts at 0; it keeps 0 while it holds at most 4.
    expect([3, 5, 7, 9, 11].map((length) => chatStart(history.slice(0, length), "Mod", 2))).toEqual([0, 3, 3, 7, 7]);
    // At 5 the chat starts over (from comment 3, its own, which reads as history); at 7 it has grown from it.
    const atFive = { earlier: [], user: [entry("Mod", "comment 3"), entry("U4", "comment 4")].join("\n") };
    expect(nativeChatTurns(history.slice(0, 5), "Mod", 2)).toEqual(atFive);
    expect(nativeChatTurns(history.slice(0, 7), "Mod", 2)).toEqual({
      earlier: [{ role: "user", content: atFive.user }, { role: "assistant", content: "comment 5" }],
      user: entry("U6", "comment 6"),
    });
  });

  it("never shows fewer than the window (history permitting) nor more than twice it", () => {
    for (const window of [1, 2, 3, 5]) {
      for (let length = 1; length <= history.length; length++) {
        const turns = nativeChatTurns(history.slice(0, length), "Mod", window);
        const count = (shown(turns).match(/comment \d+/g) ?? []).length;
        expect(count).toBeGreaterThanOrEqual(Math.min(window, length));
        expect(count).toBeLessThanOrEqual(2 * window);
      }
    }
  });
});

describe("the native-chat prompt style", () => {
  it("sends SynDisco 2.0.x's system prompt and the actor's chat; annotators and files stay 2.0.x's", () => {
    const style = promptStyle("native-chat");
    const actor = testActor("Mod", "moderator");
    const history = [said("Ann", "Parks first."), said("Mod", "Why?"), said("Bo", "Costs.")];
    expect(style.participantPrompt({ actor, history, historyWindow: 3 })).toEqual({ system: syndiscoSystemPrompt(actor, "1"), ...chatTurns(history, "Mod") });
    expect(style.annotatorPrompt({ actor, history, historyWindow: 3 })).toEqual(promptStyle("syndisco-2.0").annotatorPrompt({ actor, history, historyWindow: 3 }));
    expect(style.fileFormat).toBe("legacy");
  });
});
