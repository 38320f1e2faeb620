import { describe, expect, it } from "vitest";
import { parseJsonReply, replySchemaKey, strictJsonSchema, type ReplyJsonSchema } from "../../electron/llm/reply-schema.js";

const scheme: ReplyJsonSchema = {
  type: "object",
  properties: {
    score: { enum: [1, 2, 3] },
    tags: { type: "array", items: { enum: ["a", "b"] }, maxItems: 2 },
    inner: { type: "object", properties: { note: { type: "string", maxLength: 5 }, flag: { type: "boolean" } } },
    count: { type: "integer" },
  },
};
const good = { score: 2, tags: ["a"], inner: { note: "ok", flag: true }, count: 3 };

describe("parseJsonReply", () => {
  it("accepts a value of the schema's shape, whitespace around it included", () => {
    expect(parseJsonReply(` ${JSON.stringify(good)}\n`, scheme, 2)).toEqual({ ok: true, value: good, attempts: 2 });
  });

  it.each([
    ["", "the reply is empty"],
    ["I rate it 2", "the reply is not JSON: I rate it 2"],
    ['{"score": 2', 'the reply is not JSON: {"score": 2'],
    [JSON.stringify({ ...good, score: 4 }), "reply.score is 4, expected one of 1, 2, 3"],
    [JSON.stringify({ ...good, tags: ["a", "b", "a"] }), "reply.tags has 3 items, at most 2 expected"],
    [JSON.stringify({ ...good, tags: ["c"] }), 'reply.tags[0] is "c", expected one of "a", "b"'],
    [JSON.stringify({ ...good, inner: { note: "too long", flag: true } }), "reply.inner.note is longer than 5 characters"],
    [JSON.stringify({ ...good, inner: { note: "x" } }), 'reply.inner lacks "flag"'],
    [JSON.stringify({ ...good, count: 1.5 }), "reply.count is 1.5, expected an integer"],
    [JSON.stringify({ ...good, extra: 1 }), 'reply has an unexpected key "extra"'],
    ["[1]", "reply is [1], expected an object"],
  ])("rejects %j: %s", (text, error) => {
    expect(parseJsonReply(text, scheme)).toEqual({ ok: false, attempts: 1, error });
  });
});

describe("strictJsonSchema and replySchemaKey", () => {
  it("spells out required keys and no additional properties at every object level", () => {
    const strict = strictJsonSchema(scheme) as { required: string[]; additionalProperties: boolean; properties: { inner: { required: string[]; additionalProperties: boolean } } };
    expect(strict.required).toEqual(["score", "tags", "inner", "count"]);
    expect(strict.additionalProperties).toBe(false);
    expect(strict.properties.inner).toMatchObject({ required: ["note", "flag"], additionalProperties: false });
  });

  it("gives the same key whatever the key order, and different keys for different schemas", () => {
    expect(replySchemaKey({ type: "string", maxLength: 3, minLength: 1 })).toBe(replySchemaKey({ minLength: 1, maxLength: 3, type: "string" }));
    expect(replySchemaKey({ enum: [1, 2] })).not.toBe(replySchemaKey({ enum: [2, 1] }));
  });
});
