/** What a first start shows in the views: starter personas, the model onboarding, the example design, unsaved changes. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { DownloadStatus } from "../../shared/contract-models.js";
import type { CatalogEntry } from "../../shared/domain/model-info.js";
import { personaSchema } from "../../shared/domain/persona.js";
import { double } from "./studio-double.js";

// The views' client is replaced by a test double behind the same interface (call / on).
vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));

const { PersonasView } = await import("../../renderer/features/personas/PersonasView.js");
const { usePersonaStore } = await import("../../renderer/features/personas/persona-store.js");
const { ModelOnboarding } = await import("../../renderer/features/models/ModelOnboarding.js");
const { useModelStore } = await import("../../renderer/features/models/model-store.js");
const { DesignerView } = await import("../../renderer/features/designer/DesignerView.js");
const { useDesignStore } = await import("../../renderer/features/designer/design-store.js");
const { emptyDesignForm } = await import("../../renderer/features/designer/design-form.js");

const catalogEntry = (id: string, recommended: boolean): CatalogEntry => ({
  id,
  name: `Model ${id}`,
  uri: `hf:owner/${id}:Q4_K_M`,
  parameters: "1.5B",
  quantization: "Q4_K_M",
  sizeBytes: 990_000_000,
  contextLength: 32768,
  license: "Apache-2.0",
  suits: "Trying things out.",
  recommended,
});

beforeEach(() => {
  double.reset();
  usePersonaStore.setState({ personas: [], status: "idle", sets: [], query: "", importReport: null, error: null });
  useModelStore.setState({ models: [], modelsListed: false, catalog: [], downloads: {}, addError: null });
});
afterEach(cleanup);

describe("Personas view", () => {
  it("offers the starter set from the empty pool, then shows every field as a column and a match count", async () => {
    let pool: unknown[] = [];
    double.handle("personas.list", () => ({ personas: pool as never, problems: [] }));
    double.handle("personas.sets", () => ({ sets: [] }));
    double.handle("personas.loadStarterSet", () => {
      pool = [
        personaSchema.parse({ username: "nell", age: 67, sex: "female", current_employment: "retired inspector", education_level: "secondary", demographic_group: "British", sexual_orientation: "straight", special_instructions: "Recalls the past.", personality_characteristics: ["plain"] }),
        personaSchema.parse({ username: "lin", age: 19, current_employment: "student" }),
      ];
      return { imported: ["nell", "lin"], skipped: [] };
    });
    render(<PersonasView />);
    fireEvent.click(await screen.findByRole("button", { name: "Load 12 starter personas" }));
    await screen.findByText("nell");
    const headers = screen.getAllByRole("columnheader").map((header) => header.textContent);
    expect(headers.slice(1)).toEqual(["Username", "Age", "Sex", "Orientation", "Demographic group", "Employment", "Education", "Personality", "Special instructions"]);
    expect(screen.getByTitle("Recalls the past.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Search personas"), { target: { value: "retired" } });
    expect(screen.getByTestId("persona-match-count").textContent).toBe("1 of 2 match");
  });
});

describe("model onboarding", () => {
  const failed: DownloadStatus = { downloadId: "d1", uri: "hf:owner/b:Q4_K_M", name: "Model b", state: "failed", progress: null, error: "cannot reach huggingface.co (ENOTFOUND): check the network connection, then retry", file: null };

  it("offers the recommended model with size and licence; one click downloads it; a failure says why, with Retry", async () => {
    double.handle("models.list", () => ({ directory: "/m", models: [], loaded: [], problems: [] }));
    double.handle("models.catalog", () => ({ models: [catalogEntry("a", false), catalogEntry("b", true)] }));
    double.handle("models.downloads", () => ({ downloads: [] }));
    double.handle("models.download", ({ uri, name }) => ({ ...failed, uri, name: name ?? uri }));
    render(<ModelOnboarding />);
    expect((await screen.findByTestId("recommended-facts")).textContent).toBe("990.0 MB download · 1.5B parameters · licence Apache-2.0");
    fireEvent.click(screen.getByRole("button", { name: "Download (990.0 MB)" }));
    await waitFor(() => expect(double.calls.filter((call) => call.command === "models.download").map((call) => call.input)).toEqual([{ uri: "hf:owner/b:Q4_K_M", name: "Model b" }]));
    expect((await screen.findByTestId("download-error")).textContent).toMatch(/^cannot reach huggingface\.co/);
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(double.calls.filter((call) => call.command === "models.download")).toHaveLength(2));
  });

  it("or takes a GGUF file the user has, by its path", async () => {
    double.handle("models.list", () => ({ directory: "/m", models: [], loaded: [], problems: [] }));
    double.handle("models.catalog", () => ({ models: [catalogEntry("b", true)] }));
    double.handle("models.downloads", () => ({ downloads: [] }));
    const ready = vi.fn();
    render(<ModelOnboarding onModelReady={ready} />);
    fireEvent.click(await screen.findByRole("button", { name: "Use a GGUF file I have…" }));
    const field = screen.getByLabelText(/Add a GGUF file by path/);
    double.handle("models.add", ({ path }) => ({ model: { path, fileName: "mine.gguf", source: "added", info: null, error: null } }));
    double.handle("models.list", () => ({ directory: "/m", models: [{ path: "/home/me/mine.gguf", fileName: "mine.gguf", source: "added", info: null, error: null }], loaded: [], problems: [] }));
    fireEvent.change(field, { target: { value: "/home/me/mine.gguf" } });
    fireEvent.click(screen.getByRole("button", { name: "Add model" }));
    await waitFor(() => expect(ready).toHaveBeenCalled());
  });
});

describe("Designer on a first start", () => {
  beforeEach(() => {
    double.handle("personas.list", () => ({ personas: [], problems: [] }));
    double.handle("models.list", () => ({ directory: "/m", models: [], loaded: [], problems: [] }));
    double.handle("models.catalog", () => ({ models: [catalogEntry("b", true)] }));
    double.handle("models.downloads", () => ({ downloads: [] }));
    double.handle("models.profiles", () => ({ profiles: [], canStoreKeys: false }));
    double.handle("settings.get", () => ({ settings: { modelsDirectory: null, defaultModelPath: null, threads: 0, contextSize: 4096, gpu: "auto" }, dataDirectory: "/d", problems: [] }));
    double.handle("designs.list", () => ({ designs: [], problems: [] }));
    const initial = emptyDesignForm();
    useDesignStore.setState({ form: initial, baseline: initial, modelsStatus: "idle", models: [], serverModels: [], designId: null, savedDesigns: [], error: null });
  });

  it("offers a model and the example design; the example fills the form and New then asks before discarding it", async () => {
    const actor = (username: string, role: "user" | "moderator") => ({ persona: personaSchema.parse({ username }), role, context: "A board.", instructions: "Be brief." });
    double.handle("designs.example", () => ({
      design: { name: "Example", participants: [actor("nell", "user"), actor("lin", "user")], moderator: actor("kwame", "moderator"), moderatorInTurnOrder: false, seedComments: [{ author: "jo", text: "Close the square?" }], turns: 10, historyWindow: 5, turnManager: { kind: "round-robin" }, promptStyle: "syndisco-2.0", sampling: { temperature: 0.7, topP: 0.95, seed: 42, maxTokens: 120, stopStrings: [] } } as never,
    }));
    render(<DesignerView />);
    await screen.findByTestId("model-onboarding");
    fireEvent.click(screen.getByRole("button", { name: "Open the example design" }));
    await waitFor(() => expect(useDesignStore.getState().form.name).toBe("Example"));
    expect(useDesignStore.getState().form.participants).toEqual(["nell", "lin"]);
    expect(screen.queryByTestId("example-design")).toBeNull();

    const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
    fireEvent.click(screen.getByRole("button", { name: "New" }));
    expect(confirm).toHaveBeenCalledWith("This design has unsaved changes. Discard them?");
    expect(useDesignStore.getState().form.name).toBe("Example");
    confirm.mockReturnValue(true);
    fireEvent.click(screen.getByRole("button", { name: "New" }));
    expect(useDesignStore.getState().form.name).toBe("Untitled discussion");
    confirm.mockClear();
    // Nothing changed since: New asks nothing.
    fireEvent.click(screen.getByRole("button", { name: "New" }));
    expect(confirm).not.toHaveBeenCalled();
    confirm.mockRestore();
  });
});
