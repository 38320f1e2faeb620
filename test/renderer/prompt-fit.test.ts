/** How the Designer judges a speaker's prompt against the context and the model's training. */
import { describe, expect, it } from "vitest";
import type { PromptPreview } from "../../shared/contract-designs.js";
import { contextWarnings, speakerFit } from "../../renderer/features/designer/prompt-fit.js";

const speaker = (firstTurnTokens: number | null, mostTokens: number | null): PromptPreview["speakers"][number] => ({
  name: "Ann",
  role: "user",
  model: "m",
  systemPrompt: "",
  userMessage: "",
  firstTurnTokens,
  mostTokens,
});
const preview = (contextSize: number, trainedContextSize: number | null): PromptPreview => ({
  contextSize,
  models: [{ name: "m", trainedContextSize, problem: null }],
  speakers: [],
});

describe("prompt fit", () => {
  it("fits, approaches past 80 %, and is over when a full window or the first prompt exceeds the context", () => {
    expect(speakerFit(preview(1000, null), speaker(200, 700)).level).toBe("fits");
    expect(speakerFit(preview(1000, null), speaker(200, 801))).toEqual({ level: "near", text: "a full history window approaches the 1,000-token context (up to 801)" });
    expect(speakerFit(preview(1000, null), speaker(200, 1001)).level).toBe("over");
    expect(speakerFit(preview(1000, null), speaker(1001, 1500)).text).toBe("the first prompt alone is more than the 1,000-token context");
    expect(speakerFit(preview(1000, null), speaker(null, null)).level).toBe("unknown");
  });

  it("measures against the training where the context is larger than it", () => {
    const beyond = preview(8192, 2048);
    expect(speakerFit(beyond, speaker(300, 3000))).toEqual({ level: "over", text: "a full history window can need up to 3,000 tokens, more than the 2,048 tokens the model was trained for" });
    expect(contextWarnings(beyond)).toEqual(["The context size in Settings (8,192 tokens) is more than the 2,048 m was trained for: replies degrade past 2,048 tokens."]);
    expect(contextWarnings(preview(2048, 2048))).toEqual([]);
  });
});
