import { experimentSpecSchema, type ExperimentSpec, type ExperimentSpecInput } from "../../shared/domain/index.js";
import { testPersona } from "./designs.js";

/** A 2 x 2 study (moderator none/facilitator x round-robin/random-weighted), 3 repetitions. */
export function testExperimentSpec(modelPath: string, overrides: Partial<ExperimentSpecInput> = {}): ExperimentSpec {
  return experimentSpecSchema.parse({
    name: "tiny study",
    personaPool: ["ash", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "holly"].map((name) => testPersona(name)),
    usersPerDiscussion: 3,
    context: "A forum about a new bike lane.",
    conditions: {
      moderators: [
        { kind: "none", label: "none" },
        { kind: "moderator", label: "facilitator", persona: testPersona("moddy"), instructions: "Keep it civil." },
      ],
      turnManagers: [
        { label: "rr", spec: { kind: "round-robin" } },
        { label: "rw", spec: { kind: "random-weighted", pRespond: 0.5 } },
      ],
      models: [{ label: "tiny", model: { backend: "llama", path: modelPath } }],
      topics: [{ label: "bikes", seedComments: [{ author: "ash", text: "The new bike lane took away parking." }] }],
      userInstructions: [{ label: "short", text: "Reply in one sentence." }],
    },
    repetitions: 3,
    turns: 3,
    historyWindow: 3,
    sampling: { temperature: 0.7, topP: 0.95, maxTokens: 10, stopStrings: [] },
    masterSeed: 99,
    ...overrides,
  });
}
