import { describe, expect, it } from "vitest";
import { z } from "zod";
import { annotationItems, annotatorSystemPrompt, schemeReplySchema } from "../../../electron/engine/annotation/annotation-prompts.js";
import { importDiscussionFile } from "../../../electron/storage/discussion-import.js";
import { annotationSchemeSchema, personaSchema } from "../../../shared/domain/index.js";
import { syndiscoFixture } from "../../storage/fixture.js";

const expected = z
  .object({
    context: z.string(),
    instructions: z.string(),
    rater: personaSchema,
    promptWithPersona: z.string(),
    promptWithoutPersona: z.string(),
    cases: z.array(z.object({ window: z.number(), includeModerator: z.boolean(), items: z.array(z.object({ commentIndex: z.number(), user: z.string() })) })),
  })
  .parse(JSON.parse(syndiscoFixture("annotation-prompts-expected.json")));

function discussion(name: string) {
  const result = importDiscussionFile(syndiscoFixture(name), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const scheme = annotationSchemeSchema.parse({
  name: "toxicity",
  context: expected.context,
  instructions: expected.instructions,
  dimensions: [{ kind: "scale", name: "toxicity", min: 1, max: 5 }],
});

describe("annotator prompts, byte for byte as SynDisco 2.0.8's Annotation job (Python reference)", () => {
  it("system prompt with type 2, with a persona and with SynDisco's empty Persona()", () => {
    expect(annotatorSystemPrompt({ persona: expected.rater, scheme })).toBe(expected.promptWithPersona);
    expect(annotatorSystemPrompt({ persona: null, scheme })).toBe(expected.promptWithoutPersona);
  });

  it.each(expected.cases.map((c) => [c.window, c.includeModerator, c] as const))("window %i, moderator comments included: %s", (window, includeModerator, c) => {
    const log = discussion("discussion-legacy-moderated.json");
    expect(annotationItems(log, window, includeModerator)).toEqual(c.items);
  });

  it("a v2 file, which names no moderator, leaves out comments whose author contains 'moderator' as SynDisco does", () => {
    const log = discussion("discussion-v2-moderated.json");
    expect(log.moderator).toBeNull();
    const withoutModerator = expected.cases.find((c) => c.window === 2 && !c.includeModerator);
    expect(annotationItems(log, 2, false)).toEqual(withoutModerator?.items);
  });
});

describe("schemeReplySchema", () => {
  it("one required key per dimension: scales as their integers, categories as their labels, text bounded", () => {
    const mixed = annotationSchemeSchema.parse({
      name: "mixed",
      instructions: "",
      dimensions: [
        { kind: "scale", name: "quality", min: -1, max: 2 },
        { kind: "category", name: "stance", categories: ["for", "against"] },
        { kind: "number", name: "prob" },
        { kind: "text", name: "why", maxLength: 30 },
      ],
    });
    expect(schemeReplySchema(mixed)).toEqual({
      type: "object",
      properties: { quality: { enum: [-1, 0, 1, 2] }, stance: { enum: ["for", "against"] }, prob: { type: "number" }, why: { type: "string", maxLength: 30 } },
    });
  });
});
