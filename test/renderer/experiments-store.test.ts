import { beforeEach, describe, expect, it, vi } from "vitest";
import { testPersona } from "../support/designs.js";
import { testExperimentSpec } from "../support/experiments.js";

// A test double behind the client interface: the store only sees `studio.call` and `studio.on`.
type Listener = (payload: unknown) => void;
const listeners = new Set<Listener>();
const progress = (state: string, done: number) => ({
  experimentId: "grid",
  name: "grid",
  outputDirectory: "/d/experiments/grid",
  parallel: 2,
  error: null,
  progress: { total: 4, done, failed: 0, running: [], generatedTokens: 10, tokensPerSecond: 5, etaSeconds: null, cells: [], state },
});
/** What experiments.list answers: a study running since before the page (re)loaded, or none. */
let alreadyRunning: ReturnType<typeof progress>[] = [];
const call = vi.fn(async (command: string, _input?: unknown): Promise<unknown> => {
  switch (command) {
    case "experiments.runSpec":
      return { spec: testExperimentSpec("/m/tiny.gguf", { name: "grid", repetitions: 4 }) };
    case "personas.list":
      return { personas: ["ash", "birch", "cedar"].map((name) => testPersona(name)), problems: [] };
    case "models.list":
      return { directory: "/m", loaded: [], problems: [], models: [{ path: "/m/tiny.gguf", fileName: "tiny.gguf", source: "folder", info: null, error: null }] };
    case "models.profiles":
      return { profiles: [{ id: "lab", name: "Lab", baseUrl: "http://h/v1", modelName: "big", maxConcurrent: 4, apiKeyPresent: null, ref: { backend: "openai", profile: "Lab" } }] };
    case "experiments.list":
      return { experiments: alreadyRunning };
    case "experiments.specs":
      return { specs: [], problems: [{ file: "/d/experiment-specs/broken.json", message: "not valid JSON (truncated?) at position 9 (line 1, column 10)" }] };
    case "experiments.plan":
      return { cells: [], discussions: 3, samples: [], estimate: { replies: 30, maxGeneratedTokens: 9000, tokensPerSecond: null, seconds: null, basis: "unknown" }, outputDirectory: "/d/experiments/grid", alreadyDone: 0, folderHoldsOtherSpec: false, parallel: { value: 2, reason: "fits" } };
    case "experiments.start":
      return progress("running", 0);
    case "experiments.control":
      return progress("paused", 1);
    default:
      throw new Error(`unexpected ${command}`);
  }
});
vi.mock("../../renderer/app/studio.js", () => ({
  studio: {
    call: (command: string, input: unknown) => call(command, input),
    on: (_name: string, listener: Listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  },
}));

const { useExperimentStore, followExperimentEvents } = await import("../../renderer/features/experiments/experiment-store.js");
const { emptyDraft } = await import("../../renderer/features/experiments/experiment-draft.js");
const { useNavigationStore } = await import("../../renderer/app/navigation-store.js");

describe("experiment store", () => {
  beforeEach(() => {
    call.mockClear();
    alreadyRunning = [];
    useExperimentStore.setState({ draft: { ...emptyDraft(), name: "grid" }, personas: [], modelChoices: [], plan: null, problems: [], runs: {}, shownRun: null, draftTouched: false });
  });

  it("opens with the personas in the pool, the first model chosen and server profiles choosable, then plans", async () => {
    await useExperimentStore.getState().pageOpened();
    const state = useExperimentStore.getState();
    expect(state.draft.pool).toEqual(["ash", "birch", "cedar"]);
    expect(state.modelChoices.map((choice) => choice.label)).toEqual(["tiny", "Lab"]);
    expect(state.draft.models).toEqual(["llama:/m/tiny.gguf"]);
    const planCall = call.mock.calls.find(([command]) => command === "experiments.plan");
    expect(planCall?.[1]).toMatchObject({ spec: { name: "grid", usersPerDiscussion: 3, conditions: { models: [{ label: "tiny" }] } } });
    expect(state.plan?.discussions).toBe(3);
    // A saved spec that cannot be read is listed as a problem (issue 11 item 10), not hidden.
    expect(state.specProblems).toEqual([{ file: "/d/experiment-specs/broken.json", message: expect.stringContaining("not valid JSON") }]);
  });

  it("shows problems without asking the engine when the draft is not a study", async () => {
    useExperimentStore.setState({ personas: [testPersona("ash")], draft: { ...emptyDraft(), pool: ["ash"], models: [] } });
    await useExperimentStore.getState().planRequested();
    expect(call).not.toHaveBeenCalled();
    expect(useExperimentStore.getState().problems).toContain("choose at least one model");
  });

  it("starts a run, follows its progress events, pauses it, and opens a discussion's live transcript", async () => {
    await useExperimentStore.getState().pageOpened();
    const off = followExperimentEvents();
    await useExperimentStore.getState().runStarted();
    expect(useExperimentStore.getState().shownRun).toBe("grid");
    listeners.forEach((listener) => listener(progress("running", 2)));
    expect(useExperimentStore.getState().runs.grid?.progress.done).toBe(2);
    await useExperimentStore.getState().runControlled("pause");
    expect(call).toHaveBeenCalledWith("experiments.control", { experimentId: "grid", action: "pause" });
    expect(useExperimentStore.getState().runs.grid?.progress.state).toBe("paused");
    useExperimentStore.getState().discussionOpened("abc");
    expect(useNavigationStore.getState()).toMatchObject({ view: "transcript", openDiscussion: { kind: "live", id: "abc" } });
    off();
  });

  it("after a reload, the form shows the study that is running (its spec from the engine); a form the user changed is kept", async () => {
    alreadyRunning = [progress("running", 1)];
    await useExperimentStore.getState().pageOpened();
    expect(call).toHaveBeenCalledWith("experiments.runSpec", { experimentId: "grid" });
    expect(useExperimentStore.getState()).toMatchObject({ shownRun: "grid", notice: "Showing grid, which is running", draft: { name: "grid", repetitions: 4, parallel: 2 } });

    call.mockClear();
    useExperimentStore.setState({ runs: {}, shownRun: null, draft: emptyDraft(), draftTouched: false });
    useExperimentStore.getState().draftChanged({ name: "my next study" });
    await useExperimentStore.getState().pageOpened();
    expect(call).not.toHaveBeenCalledWith("experiments.runSpec", expect.anything());
    expect(useExperimentStore.getState().draft.name).toBe("my next study");
  });
});
