import { describe, expect, it } from "vitest";
import { importDiscussionFile } from "../../electron/storage/discussion-import.js";
import { parseV2Discussion, serializeV2Discussion } from "../../electron/storage/v2-format.js";
import { syndiscoFixture } from "./fixture.js";

function load(name: string) {
  const result = importDiscussionFile(syndiscoFixture(name), name);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe("SynDisco 2.1+ discussion files", () => {
  it("exports a legacy discussion as SynDisco 2.1+ writes it (prompt per comment, '' for seeds)", () => {
    for (const kind of ["moderated", "unmoderated"]) {
      const legacy = load(`discussion-legacy-${kind}.json`).value;
      expect(serializeV2Discussion(legacy)).toBe(syndiscoFixture(`discussion-v2-${kind}.json`));
    }
  });

  it("round-trips a v2 file byte for byte", () => {
    const { value } = load("discussion-v2-moderated.json");
    expect(value.sourceFormat).toBe("v2");
    expect(serializeV2Discussion(value)).toBe(syndiscoFixture("discussion-v2-moderated.json"));
  });

  it("derives participants from the log; the moderator stays unknown unless named", () => {
    const { value, warnings } = load("discussion-v2-moderated.json");
    expect(value.users).toEqual(["zoë-k", "moderator", "mark_99", "li-wei"]);
    expect(value.moderator).toBeNull();
    expect(warnings.join()).toMatch(/history window is not recorded/);
    const legacy = load("discussion-legacy-moderated.json").value;
    expect(value.userPrompts[0]).toBe(legacy.userPrompts[0]);
  });

  it("takes the moderator when the caller knows who it was", () => {
    const file: unknown = JSON.parse(syndiscoFixture("discussion-v2-moderated.json"));
    const result = parseV2Discussion(file, "v2.json", { moderator: "moderator" });
    if (!result.ok) return expect.fail(result.error.message);
    const legacy = load("discussion-legacy-moderated.json").value;
    expect(result.value.users).toEqual(legacy.users);
    expect(result.value.moderatorPrompt).toBe(legacy.moderatorPrompt);
    expect(result.value.userPrompts).toEqual(legacy.userPrompts);
  });

  it("gives files without an id a stable one", () => {
    const a = load("discussion-v2-unmoderated.json").value.id;
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(load("discussion-v2-unmoderated.json").value.id).toBe(a);
  });

  it("names a missing prompt", () => {
    const result = parseV2Discussion({ timestamp: "t", logs: [{ name: "a", text: "b", model: "m" }] }, "v2.json");
    if (result.ok) return expect.fail("accepted");
    expect(result.error.message).toMatch(/"logs\[0\]\.prompt"/);
  });
});
