import { beforeEach, describe, expect, it, vi } from "vitest";
import { double } from "./studio-double.js";
import { schemePresets } from "../../electron/engine/annotation/scheme-presets.js";

vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));
const { useAnnotationStore } = await import("../../renderer/features/annotation/annotation-store.js");

const tiny = { path: "/m/tiny.gguf", fileName: "tiny.gguf", source: "folder" as const, info: null, error: null };

function answerAllButModels() {
  double.handle("annotations.schemes", () => ({ schemes: [], presets: schemePresets, problems: [] }));
  double.handle("annotations.annotators", () => ({ annotators: [] }));
  double.handle("annotations.studies", () => ({ studies: [] }));
  double.handle("annotations.jobs", () => ({ jobs: [], problems: [] }));
  double.handle("personas.list", () => ({ personas: [], problems: [] }));
  double.handle("models.profiles", () => ({ profiles: [], canStoreKeys: false }));
}

describe("annotation store: opening the page", () => {
  beforeEach(() => double.reset());

  it("shows the presets and jobs while the model list is still being read", async () => {
    answerAllButModels();
    let listModels: (value: never) => void = () => undefined;
    double.handle("models.list", () => new Promise((resolve) => (listModels = resolve as never)));
    const opened = useAnnotationStore.getState().pageOpened();
    await vi.waitFor(() => expect(useAnnotationStore.getState().presets.map((preset) => preset.name)).toEqual(schemePresets.map((preset) => preset.name)));
    expect(useAnnotationStore.getState().modelChoices).toEqual([]);
    listModels({ directory: "/m", loaded: [], models: [tiny] } as never);
    await opened;
    expect(useAnnotationStore.getState().modelChoices.map((choice) => choice.label)).toEqual(["tiny.gguf"]);
  });

  it("names a failed model listing as the page's error and still lists the presets", async () => {
    answerAllButModels();
    double.handle("models.list", () => Promise.reject(new Error("models folder /m cannot be read")));
    await useAnnotationStore.getState().pageOpened();
    expect(useAnnotationStore.getState().presets.length).toBe(schemePresets.length);
    expect(useAnnotationStore.getState().error).toContain("models folder /m cannot be read");
  });
});
