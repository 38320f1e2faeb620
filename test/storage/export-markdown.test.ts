import { describe, expect, it } from "vitest";
import { discussionToMarkdown, escapeMarkdownInline } from "../../electron/storage/export-markdown.js";
import type { DiscussionLog } from "../../shared/domain/discussion-log.js";

const log: DiscussionLog = {
  id: "d1",
  timestamp: "26-01-02-03-04",
  users: ["ann_1", "bo"],
  moderator: null,
  userPrompts: ["{}", "{}"],
  moderatorPrompt: null,
  historyWindow: 3,
  comments: [
    { name: "seed", text: "Opening", model: "hardcoded" },
    { name: "ann_1", text: "# not a heading\n\n- a list", model: "llama8b" },
    { name: "bo", text: "  ", model: "llama8b" },
  ],
  sourceFormat: "legacy",
};

describe("discussionToMarkdown", () => {
  it("writes metadata and each comment as a block quote under a heading", () => {
    expect(discussionToMarkdown(log)).toBe(
      [
        "# Discussion d1",
        "",
        "- Timestamp: 26\\-01\\-02\\-03\\-04",
        "- Participants: ann\\_1, bo",
        "- Moderator: none",
        "- History window: 3 comments",
        "- Comments: 3",
        "",
        "## 1. seed (seed)",
        "",
        "> Opening",
        "",
        "## 2. ann\\_1 (user, llama8b)",
        "",
        "> # not a heading",
        ">",
        "> - a list",
        "",
        "## 3. bo (user, llama8b)",
        "",
        "> *(empty)*",
        "",
      ].join("\n"),
    );
  });

  it("escapes markup in names", () => {
    expect(escapeMarkdownInline("*a*\nb")).toBe("\\*a\\* b");
  });
});
