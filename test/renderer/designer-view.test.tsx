import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";

// A test double behind the client interface: the view's stores only see `studio.call`.
const call = vi.fn(async (command: string, _input?: unknown): Promise<unknown> => {
  switch (command) {
    case "personas.list":
      return { personas: ["Alice", "Bob", "Mod"].map((username) => ({ username, age: 30, sex: "F", sexual_orientation: "", demographic_group: "", current_employment: "", education_level: "", special_instructions: "", personality_characteristics: [] })), problems: [] };
    case "models.list":
      return { directory: "/m", loaded: [], problems: [], models: [{ path: "/m/tiny.gguf", fileName: "tiny.gguf", source: "added", info: null, error: null }] };
    case "settings.get":
      return { settings: { defaultModelPath: null }, dataDirectory: "/d", problems: [] };
    case "designs.list":
      return { designs: [], problems: [] };
    case "models.profiles":
      return { canStoreKeys: false, profiles: [{ ref: { backend: "openai", profile: "served-llm" } }] };
    case "discussion.start":
      return { discussionId: "d-123" };
    default:
      throw new Error(`unexpected ${command}`);
  }
});
vi.mock("../../renderer/app/studio.js", () => ({ studio: { call: (command: string, input: unknown) => call(command, input) } }));

const { DesignerView } = await import("../../renderer/features/designer/DesignerView.js");
const { useDesignStore } = await import("../../renderer/features/designer/design-store.js");
const { usePersonaStore } = await import("../../renderer/features/personas/persona-store.js");
const { useNavigationStore } = await import("../../renderer/app/navigation-store.js");
const { emptyDesignForm } = await import("../../renderer/features/designer/design-form.js");

describe("DesignerView", () => {
  beforeEach(() => {
    call.mockClear();
    usePersonaStore.setState({ personas: [], status: "idle" });
    useDesignStore.setState({ form: emptyDesignForm(), modelsStatus: "idle", models: [], designId: null, error: null, starting: false });
  });
  afterEach(cleanup);

  it("keeps Run disabled with the reason shown, then runs with Ctrl+Enter and opens the live transcript", async () => {
    render(<DesignerView />);
    const runButton = screen.getByRole("button", { name: "Run" });
    expect(runButton).toHaveProperty("disabled", true);
    await screen.findByText(/Cannot run yet: Choose at least one participant/);

    const pool = await screen.findByRole("list", { name: "Persona pool" });
    fireEvent.click(within(pool).getByRole("checkbox", { name: /Alice/ }));
    fireEvent.click(within(pool).getByRole("checkbox", { name: /Bob/ }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Moderated" }));
    await screen.findByText(/Cannot run yet: Choose the moderator's persona/);
    fireEvent.change(screen.getByLabelText("Moderator persona"), { target: { value: "Mod" } });
    await screen.findByText(/Ready to run/);
    expect(runButton).toHaveProperty("disabled", false);

    fireEvent.keyDown(window, { key: "Enter", ctrlKey: true });
    await vi.waitFor(() => expect(useNavigationStore.getState().openDiscussion).toEqual({ kind: "live", id: "d-123" }));
    const start = call.mock.calls.find(([command]) => command === "discussion.start");
    expect(start?.[1]).toMatchObject({ design: { participants: [{ persona: { username: "Alice" } }, { persona: { username: "Bob" } }], moderator: { persona: { username: "Mod" } }, model: { path: "/m/tiny.gguf" } } });
    expect(useNavigationStore.getState().view).toBe("transcript");
    // Server profiles from the Models page are offered beside the local files.
    expect(within(screen.getByLabelText("Model")).getByRole("option", { name: "served-llm (server)" })).toBeTruthy();
  });

  it("warns, without blocking Run, when a seed comment's author is not taking part (SynDisco's loader would refuse the file)", async () => {
    render(<DesignerView />);
    const pool = await screen.findByRole("list", { name: "Persona pool" });
    fireEvent.click(within(pool).getByRole("checkbox", { name: /Alice/ }));
    fireEvent.click(screen.getByRole("button", { name: "Add comment" }));
    fireEvent.change(screen.getByLabelText("Seed comment 1 author"), { target: { value: "news-site" } });
    fireEvent.change(screen.getByLabelText("Seed comment 1 text"), { target: { value: "The city plans a park." } });
    const warning = await screen.findByTestId("seed-author-warning");
    expect(warning.textContent).toMatch(/Seed comment author "news-site" is not among the participants or the moderator: SynDisco's import_discussions refuses/);
    await screen.findByText(/Ready to run/);

    fireEvent.change(screen.getByLabelText("Seed comment 1 author"), { target: { value: "Alice" } });
    await vi.waitFor(() => expect(screen.queryByTestId("seed-author-warning")).toBeNull());
  });

  it("previews the design's turns for RandomWeighted, follows the seed and Turns, and shows the moderator's replies", async () => {
    useDesignStore.setState({ form: { ...emptyDesignForm(), participants: ["Alice", "Bob", "Mod"], turnManagerKind: "random-weighted", turns: "10" } });
    render(<DesignerView />);
    const preview = () => within(screen.getByRole("list", { name: "Speaker preview" })).getAllByRole("listitem").map((item) => item.textContent);
    const first = preview();
    expect(first).toHaveLength(10);
    fireEvent.change(screen.getByRole("spinbutton", { name: "Turns" }), { target: { value: "3" } });
    expect(preview()).toEqual(first.slice(0, 3));
    expect(screen.getByText(/^All 3 turns with seed 42/)).toBeTruthy();
    fireEvent.change(screen.getByRole("spinbutton", { name: "Turns" }), { target: { value: "300" } });
    expect(preview()).toHaveLength(20);
    expect(screen.getByText(/^The first 20 of 300 turns/)).toBeTruthy();
    fireEvent.change(screen.getByRole("spinbutton", { name: "Turns" }), { target: { value: "10" } });
    act(() => useDesignStore.getState().formChanged({ participants: ["Alice", "Bob"], moderatorEnabled: true, moderator: "Mod" }));
    for (const item of preview()) expect(item).toMatch(/^\d+\. (Alice|Bob) → Mod$/);
    act(() => useDesignStore.getState().formChanged({ participants: ["Alice", "Bob", "Mod"], moderatorEnabled: false, moderator: "" }));
    expect(preview()).toEqual(first);
    fireEvent.change(screen.getByRole("spinbutton", { name: "Seed" }), { target: { value: "12345" } });
    expect(preview()).not.toEqual(first);
    fireEvent.change(screen.getByRole("spinbutton", { name: "Seed" }), { target: { value: "42" } });
    expect(preview()).toEqual(first);
  });

  it("offers RandomWeighted as SynDisco 2.0.x ran it: p_respond disabled, the preview follows that order", async () => {
    useDesignStore.setState({ form: { ...emptyDesignForm(), participants: ["Alice", "Bob", "Mod"], turnManagerKind: "random-weighted", pRespond: 1, turns: "10" } });
    render(<DesignerView />);
    const preview = () => within(screen.getByRole("list", { name: "Speaker preview" })).getAllByRole("listitem").map((item) => item.textContent?.replace(/^\d+\.\s*/, ""));
    // p_respond = 1: the intended variant alternates two speakers (A, B, A, B ...).
    const intended = preview();
    expect(new Set(intended).size).toBe(2);
    fireEvent.click(screen.getByRole("radio", { name: /As SynDisco 2\.0\.x ran it/ }));
    expect(screen.getByRole("slider", { name: "p_respond" })).toHaveProperty("disabled", true);
    expect(useDesignStore.getState().form.randomWeightedVariant).toBe("syndisco-2.0");
    expect(preview()).not.toEqual(intended);
    expect(screen.getByText(/makes p_respond do nothing/)).toBeTruthy();
  });

  it("chooses the prompt style and the model's name in the log, each explained where it is chosen", async () => {
    render(<DesignerView />);
    const style = screen.getByLabelText("Prompt style");
    expect(screen.getByText(/Byte for byte as 2\.0\.7\/2\.0\.8/)).toBeTruthy();
    fireEvent.change(style, { target: { value: "syndisco-2.2" } });
    expect(useDesignStore.getState().form.promptStyle).toBe("syndisco-2.2");
    expect(screen.getByText(/"Comments so far", without the speaker's name/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Model name in the log"), { target: { value: "llama8b" } });
    expect(useDesignStore.getState().form.modelName).toBe("llama8b");
  });
});
