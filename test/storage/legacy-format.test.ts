import { describe, expect, it } from "vitest";
import { importDiscussionFile } from "../../electron/storage/discussion-import.js";
import { legacyExportProblems, parseLegacyDiscussion, serializeLegacyDiscussion } from "../../electron/storage/legacy-format.js";
import { syndiscoFixture } from "./fixture.js";

function importLegacy(name: string) {
  const result = importDiscussionFile(syndiscoFixture(name), name);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe("legacy discussion files", () => {
  for (const name of ["discussion-legacy-moderated.json", "discussion-legacy-unmoderated.json", "discussion-legacy-v1-text-prompts.json"]) {
    it(`${name}: parse then export gives the same bytes`, () => {
      const { value } = importLegacy(name);
      expect(value.sourceFormat).toBe("legacy");
      expect(serializeLegacyDiscussion(value)).toBe(syndiscoFixture(name));
    });
  }

  it("reads the fields", () => {
    const { value, warnings } = importLegacy("discussion-legacy-moderated.json");
    expect(value.users).toEqual(["zoë-k", "mark_99", "li-wei"]);
    expect(value.moderator).toBe("moderator");
    expect(value.historyWindow).toBe(3);
    expect(value.comments[0]).toEqual({ name: "seed-author", text: expect.stringContaining("night") as unknown, model: "hardcoded" });
    expect(warnings).toEqual([]);
  });

  it("keeps a null moderator", () => {
    const { value } = importLegacy("discussion-legacy-unmoderated.json");
    expect(value.moderator).toBeNull();
    expect(value.moderatorPrompt).toBeNull();
  });

  it("writes object prompts as the JSON strings SynDisco writes", () => {
    const { value, warnings } = importLegacy("discussion-legacy-object-prompts.json");
    expect(serializeLegacyDiscussion(value)).toBe(syndiscoFixture("discussion-legacy-object-prompts.expected.json"));
    expect(warnings.join()).toMatch(/as objects/);
  });

  it("keeps 1.x plain-text prompts and warns that SynDisco's loader cannot read them", () => {
    const { value, warnings } = importLegacy("discussion-legacy-v1-text-prompts.json");
    expect(value.userPrompts[0]).toBe("You are zoë-k. Be brief.\nReally.");
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/plain text/);
  });

  it("names the key that has the wrong shape", () => {
    const file = JSON.parse(syndiscoFixture("discussion-legacy-moderated.json")) as Record<string, unknown>;
    const broken = { ...file, logs: [{ name: "a", text: 5, model: "m" }] };
    const result = parseLegacyDiscussion(broken, "x.json");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^x\.json: .*"logs\[0\]\.text"/);
    const missing = parseLegacyDiscussion({ ...file, ctx_length: undefined }, "x.json");
    if (!missing.ok) expect(missing.error.message).toMatch(/"ctx_length"/);
    else expect.fail("missing ctx_length accepted");
  });

  it("rejects user_prompts that do not match users", () => {
    const file = JSON.parse(syndiscoFixture("discussion-legacy-moderated.json")) as { user_prompts: string[] };
    const result = parseLegacyDiscussion({ ...file, user_prompts: file.user_prompts.slice(1) }, "x.json");
    if (result.ok) expect.fail("accepted");
    else expect(result.error.message).toMatch(/"user_prompts": has 2 entries but "users" has 3/);
  });

  it("finds nothing to report for files SynDisco's loader can read", () => {
    expect(legacyExportProblems(importLegacy("discussion-legacy-moderated.json").value)).toEqual([]);
  });
});
