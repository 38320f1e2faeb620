import { describe, expect, it } from "vitest";
import { buildDesign, emptyDesignForm, formFromDesign, seedCommentDraft, type DesignForm } from "../../renderer/features/designer/design-form.js";
import { discussionDesignSchema } from "../../shared/domain/design.js";
import { personaSchema } from "../../shared/domain/persona.js";

const pool = ["Alice", "Bob", "Mod"].map((username) => personaSchema.parse({ username, age: 30, sex: "F" }));
const model = { backend: "llama" as const, path: "/models/tiny.gguf" };

function form(patch: Partial<DesignForm> = {}): DesignForm {
  return { ...emptyDesignForm(), participants: ["Alice", "Bob"], model, ...patch };
}

describe("designer form", () => {
  it("builds a design the CLI's schema accepts, with moderator, RandomWeighted and seed comments", () => {
    const { design, problems } = buildDesign(
      form({
        moderatorEnabled: true,
        moderator: "Mod",
        turnManagerKind: "random-weighted",
        pRespond: 0.8,
        seedComments: [seedCommentDraft("Alice", "Hello")],
        turns: "7",
        seed: "11",
        actorModels: { Bob: { backend: "llama", path: "/models/other.gguf" } },
      }),
      pool,
    );
    expect(problems).toEqual([]);
    expect(discussionDesignSchema.parse(design)).toEqual(design);
    expect(design).toMatchObject({ turns: 7, turnManager: { kind: "random-weighted", pRespond: 0.8 }, sampling: { seed: 11 }, seedComments: [{ author: "Alice", text: "Hello" }] });
    expect(design?.moderator?.role).toBe("moderator");
    expect(design?.participants[1]?.model).toEqual({ backend: "llama", path: "/models/other.gguf" });
    expect(design?.participants[0]?.model).toBeUndefined();
  });

  it("a participant played by the user becomes a human actor, and reopens as one", () => {
    const { design } = buildDesign(form({ humanParticipants: ["Bob"] }), pool);
    expect(design?.participants.map((actor) => actor.role)).toEqual(["user", "human"]);
    expect(formFromDesign(design!).humanParticipants).toEqual(["Bob"]);
  });

  it("says in plain words what stops a run", () => {
    const { design, problems } = buildDesign(form({ participants: [], model: null, moderatorEnabled: true, moderator: "", turns: "-1", seedComments: [seedCommentDraft("", "x")] }), pool);
    expect(design).toBeNull();
    expect(problems.map((problem) => problem.field)).toEqual(["participants", "moderator", "seedComments", "turns", "model"]);
  });

  it("refuses a moderator who is also a participant", () => {
    const { problems } = buildDesign(form({ moderatorEnabled: true, moderator: "Alice" }), pool);
    expect(problems[0]?.message).toMatch(/both moderator and participant/);
  });

  it("reopens a saved design as the same design", () => {
    const built = buildDesign(form({ moderatorEnabled: true, moderator: "Mod", moderatorInTurnOrder: true, turnManagerKind: "random-weighted", pRespond: 0.3 }), pool).design!;
    const reopened = formFromDesign(built);
    // Even when the pool has lost the personas, the design keeps its own copies.
    expect(buildDesign(reopened, []).design).toEqual(built);
  });

  it("keeps the SynDisco 2.0.x RandomWeighted variant through save and reopen", () => {
    const built = buildDesign(form({ turnManagerKind: "random-weighted", randomWeightedVariant: "syndisco-2.0" }), pool).design!;
    expect(built.turnManager).toEqual({ kind: "random-weighted", pRespond: 0.5, variant: "syndisco-2.0" });
    expect(formFromDesign(built).randomWeightedVariant).toBe("syndisco-2.0");
  });

  it("an empty seed comment stops the run before it starts (SynDisco would silently skip it)", () => {
    const { design, problems } = buildDesign(form({ seedComments: [seedCommentDraft("Alice", " \n")] }), pool);
    expect(design).toBeNull();
    expect(problems).toEqual([{ field: "seedComments", message: "Seed comment 1 is empty: write it or remove it." }]);
    // Text is kept exactly as typed, surrounding spaces included.
    expect(buildDesign(form({ seedComments: [seedCommentDraft("Alice", " Hello ")] }), pool).design?.seedComments).toEqual([{ author: "Alice", text: " Hello " }]);
  });

  it("the model's name in the log and the prompt style are saved and reopened", () => {
    const built = buildDesign(form({ modelName: " llama8b ", promptStyle: "syndisco-2.2" }), pool).design!;
    expect(built.model).toEqual({ backend: "llama", path: "/models/tiny.gguf", displayName: "llama8b" });
    expect(built.promptStyle).toBe("syndisco-2.2");
    const reopened = formFromDesign(built);
    expect(reopened).toMatchObject({ modelName: "llama8b", promptStyle: "syndisco-2.2", model: { backend: "llama", path: "/models/tiny.gguf" } });
    expect(buildDesign(reopened, pool).design).toEqual(built);
    // Emptied again, the log uses the model's own name.
    expect(buildDesign({ ...reopened, modelName: "" }, pool).design?.model).toEqual({ backend: "llama", path: "/models/tiny.gguf" });
  });
});
