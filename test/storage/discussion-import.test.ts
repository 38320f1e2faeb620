import { describe, expect, it } from "vitest";
import { detectDiscussionFormat, importDiscussionFile } from "../../electron/storage/discussion-import.js";
import { syndiscoFixture } from "./fixture.js";

describe("importDiscussionFile", () => {
  it("detects both formats", () => {
    expect(detectDiscussionFormat(JSON.parse(syndiscoFixture("discussion-legacy-unmoderated.json")))).toEqual({ format: "legacy" });
    expect(detectDiscussionFormat(JSON.parse(syndiscoFixture("discussion-v2-unmoderated.json")))).toEqual({ format: "v2" });
  });

  it("says a cut-off file is truncated, with the position", () => {
    const text = syndiscoFixture("discussion-legacy-moderated.json");
    const cut = text.slice(0, 500);
    const result = importDiscussionFile(cut, "cut.json");
    if (result.ok) return expect.fail("accepted");
    expect(result.error.kind).toBe("invalid-json");
    expect(result.error.message).toMatch(/^cut\.json: not valid JSON \(truncated\?\) at position \d+/);
  });

  it("gives the position of a syntax error inside the file", () => {
    const result = importDiscussionFile('{"logs": [}, "timestamp": "x"}', "bad.json");
    if (result.ok) return expect.fail("accepted");
    expect(result.error.message).toBe("bad.json: not valid JSON at position 10 (line 1, column 11)");
  });

  it("tells personas and annotation files apart from discussions", () => {
    const personas = importDiscussionFile("[]", "p.json");
    const annotation = importDiscussionFile('{"conv_id": "x", "logs": []}', "a.json");
    const other = importDiscussionFile('{"hello": 1}', "o.json");
    expect(personas.ok || personas.error.message).toMatch(/personas file/);
    expect(annotation.ok || annotation.error.message).toMatch(/annotation file/);
    expect(other.ok || other.error.message).toMatch(/missing key "logs"/);
    expect(other.ok || other.error.kind).toBe("unknown-format");
  });

  it("accepts a byte order mark", () => {
    expect(importDiscussionFile("\uFEFF" + syndiscoFixture("discussion-v2-unmoderated.json"), "bom.json").ok).toBe(true);
  });
});
