import { describe, expect, it } from "vitest";
import { csvField, discussionToCsv } from "../../electron/storage/export-csv.js";
import type { DiscussionLog } from "../../shared/domain/discussion-log.js";

const log: DiscussionLog = {
  id: "d1",
  timestamp: "26-01-02-03-04",
  users: ["ann", "bo"],
  moderator: "mod",
  userPrompts: ["{}", "{}"],
  moderatorPrompt: "{}",
  historyWindow: 3,
  comments: [
    { name: "seed", text: "Opening, with a comma", model: "hardcoded" },
    { name: "ann", text: 'She said "no"\nthen left', model: "m" },
    { name: "mod", text: "plain", model: "m" },
    { name: "bo", text: "", model: "m,2" },
  ],
  sourceFormat: "legacy",
};

describe("discussionToCsv", () => {
  it("writes one RFC 4180 row per comment with its role", () => {
    expect(discussionToCsv(log)).toBe(
      "index,name,role,model,text\r\n" +
        '0,seed,seed,hardcoded,"Opening, with a comma"\r\n' +
        '1,ann,user,m,"She said ""no""\nthen left"\r\n' +
        "2,mod,moderator,m,plain\r\n" +
        '3,bo,user,"m,2",\r\n',
    );
  });

  it("quotes only when needed", () => {
    expect(csvField("a b")).toBe("a b");
    expect(csvField("a\rb")).toBe('"a\rb"');
    expect(csvField('"')).toBe('""""');
  });
});
