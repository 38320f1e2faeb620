import { describe, expect, it } from "vitest";
import { z } from "zod";
import { alignAnnotationFile, parseAnnotationFile, serializeLegacyAnnotation, serializeV2Annotation } from "../../electron/storage/annotation-formats.js";
import { annotationItems } from "../../electron/engine/annotation/annotation-prompts.js";
import { fixtureDiscussion } from "../support/annotations.js";
import { syndiscoFixture } from "./fixture.js";

const reference = z.object({ promptWithPersona: z.string(), answers: z.array(z.string()) }).parse(JSON.parse(syndiscoFixture("annotation-prompts-expected.json")));
const log = fixtureDiscussion();

function pairs(includeModerator: boolean): [string, string][] {
  return annotationItems(log, 2, includeModerator).map((item) => [log.comments[item.commentIndex]!.text, reference.answers[item.commentIndex]!]);
}

describe("SynDisco annotation files, byte for byte as Python's json.dump(indent=4) writes them", () => {
  it.each([
    ["annotation-legacy.json", true],
    ["annotation-legacy-no-moderator.json", false],
  ] as const)("legacy %s", (name, includeModerator) => {
    const text = serializeLegacyAnnotation({ discussionId: log.id, timestamp: "26-03-04-05-06", model: "tiny-judge", systemPrompt: reference.promptWithPersona, historyWindow: 2, pairs: pairs(includeModerator) });
    expect(text).toBe(syndiscoFixture(name));
  });

  it("2.1+ (one entry per rated comment: its author as name, the answer as text)", () => {
    const entries = annotationItems(log, 2, true).map((item) => [log.comments[item.commentIndex]!.name, reference.answers[item.commentIndex]!] as const);
    expect(serializeV2Annotation({ timestamp: "26-03-04-05-06", model: "tiny-judge", systemPrompt: reference.promptWithPersona, entries })).toBe(syndiscoFixture("annotation-v2.json"));
  });
});

describe("importing SynDisco annotation files", () => {
  it("reads a legacy file and finds each rated comment in its discussion, moderator comments skipped or not", () => {
    for (const [name, includeModerator] of [["annotation-legacy.json", true], ["annotation-legacy-no-moderator.json", false]] as const) {
      const parsed = parseAnnotationFile(syndiscoFixture(name), name);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(parsed.value).toMatchObject({ format: "legacy", discussionId: log.id, model: "tiny-judge", systemPrompt: reference.promptWithPersona, historyWindow: 2 });
      expect(parsed.value.entries.map((e) => e.answer)).toEqual(pairs(includeModerator).map(([, answer]) => answer));
      expect(alignAnnotationFile(parsed.value, log)).toEqual({ ok: true, commentIndexes: annotationItems(log, 2, includeModerator).map((i) => i.commentIndex) });
    }
  });

  it("reads a 2.1+ file (no discussion id) and aligns it by author", () => {
    const parsed = parseAnnotationFile(syndiscoFixture("annotation-v2.json"), "annotation-v2.json");
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value).toMatchObject({ format: "v2", discussionId: null, model: "tiny-judge", historyWindow: null });
    expect(alignAnnotationFile(parsed.value, log)).toEqual({ ok: true, commentIndexes: log.comments.map((_, i) => i) });
  });

  it("names what is wrong with a bad file", () => {
    const fail = (text: string) => {
      const result = parseAnnotationFile(text, "ann.json");
      return result.ok ? "ok" : result.error.message;
    };
    expect(fail('{"conv_id": "x", "logs": [')).toMatch(/^ann\.json: not valid JSON \(truncated\?\)/);
    expect(fail(syndiscoFixture("discussion-legacy-moderated.json"))).toBe("ann.json: this is a SynDisco discussion file, not an annotation file");
    expect(fail('{"conv_id": "x", "timestamp": "t", "annotator_model": "m", "annotator_prompt": "p", "ctx_length": 2, "logs": [["only one"]]}')).toMatch(/"logs\[0\]"/);
    expect(fail("[]")).toMatch(/expected an object with "logs"/);
  });

  it("says which entry does not match the discussion", () => {
    const parsed = parseAnnotationFile(syndiscoFixture("annotation-legacy.json"), "a.json");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const shuffled = { ...parsed.value, entries: [parsed.value.entries[1]!, parsed.value.entries[0]!] };
    expect(alignAnnotationFile(shuffled, log)).toEqual({ ok: false, message: `entry 2 rates the comment "Should the city close the old park at night? I ...", which discussion ${log.id} does not have (in this order)` });
  });
});
