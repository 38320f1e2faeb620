import { discussionDesignSchema, type Actor, type DiscussionDesign, type DiscussionDesignInput, type Persona } from "../../shared/domain/index.js";

export function testPersona(username: string, extra: Partial<Persona> = {}): Persona {
  return {
    username,
    age: 30,
    sex: "female",
    sexual_orientation: "",
    demographic_group: "",
    current_employment: "teacher",
    education_level: "",
    special_instructions: "",
    personality_characteristics: ["calm"],
    ...extra,
  };
}

export function testActor(username: string, role: Actor["role"] = "user"): Actor {
  return { persona: testPersona(username), role, context: "A forum about parks.", instructions: "Reply briefly." };
}

/** A small moderated design on the given model; every field can be overridden. */
export function testDesign(modelPath: string, overrides: Partial<DiscussionDesignInput> = {}): DiscussionDesign {
  return discussionDesignSchema.parse({
    name: "test",
    participants: ["Ann", "Bo", "Cy"].map((name) => testActor(name)),
    moderator: testActor("Mod", "moderator"),
    seedComments: [{ author: "Ann", text: "The park should open later." }],
    turns: 4,
    historyWindow: 3,
    turnManager: { kind: "round-robin" },
    model: { backend: "llama", path: modelPath },
    sampling: { temperature: 0, topP: 1, seed: 7, maxTokens: 12, stopStrings: [] },
    ...overrides,
  });
}
