import { annotationJobSpecSchema, annotationSchemeSchema, type AnnotationJobSpec, type AnnotationJobSpecInput, type AnnotationScheme, type AnnotatorInput, type DiscussionLog } from "../../shared/domain/index.js";
import { importDiscussionFile } from "../../electron/storage/discussion-import.js";
import { syndiscoFixture } from "../storage/fixture.js";
import { testPersona } from "./designs.js";

/** Toxicity 1-5 and a stance, our own test text. */
export function testScheme(overrides: Partial<AnnotationScheme> = {}): AnnotationScheme {
  return annotationSchemeSchema.parse({
    name: "test toxicity",
    context: "You rate comments of a test forum.",
    instructions: 'Rate the last comment. Answer as JSON: {"toxicity": 1-5, "stance": "for" | "against" | "unclear"}.',
    dimensions: [
      { kind: "scale", name: "toxicity", min: 1, max: 5, labels: [{ value: 1, label: "not toxic" }, { value: 5, label: "very toxic" }] },
      { kind: "category", name: "stance", categories: ["for", "against", "unclear"] },
    ],
    historyWindow: 2,
    ...overrides,
  });
}

export function testAnnotator(name: string, modelPath: string, overrides: Partial<AnnotatorInput> = {}): AnnotatorInput {
  return {
    name,
    persona: testPersona(`rater-${name}`),
    scheme: testScheme(),
    model: { backend: "llama", path: modelPath },
    sampling: { temperature: 0, topP: 1, seed: 11, maxTokens: 40, stopStrings: [] },
    ...overrides,
  };
}

export function testJob(modelPath: string, overrides: Partial<AnnotationJobSpecInput> = {}): AnnotationJobSpec {
  return annotationJobSpecSchema.parse({ name: "test job", annotators: [testAnnotator("a1", modelPath), testAnnotator("a2", modelPath, { persona: null })], ...overrides });
}

/** A fixture discussion (written by Python, test/fixtures/syndisco). */
export function fixtureDiscussion(name = "discussion-legacy-moderated.json"): DiscussionLog {
  const result = importDiscussionFile(syndiscoFixture(name), name);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
