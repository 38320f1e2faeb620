import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";

// A test double behind the client interface: the view's store only sees `studio.call`.
const call = vi.fn(async (command: string, input?: unknown): Promise<unknown> => {
  if (command === "personas.list") return { personas: [{ username: "Alice", age: 30, sex: "F", sexual_orientation: "", demographic_group: "", current_employment: "", education_level: "", special_instructions: "", personality_characteristics: [] }], problems: [] };
  if (command === "personas.save") return input;
  throw new Error(`unexpected ${command}`);
});
vi.mock("../../renderer/app/studio.js", () => ({ studio: { call: (command: string, input: unknown) => call(command, input) } }));

const { PersonasView } = await import("../../renderer/features/personas/PersonasView.js");
const { usePersonaStore } = await import("../../renderer/features/personas/persona-store.js");

describe("PersonasView editor", () => {
  beforeEach(() => {
    call.mockClear();
    usePersonaStore.setState({ personas: [], status: "idle", editing: null, error: null, query: "" });
  });
  afterEach(cleanup);

  it("shows inline errors, adds traits as chips, and saves a valid persona into the table", async () => {
    render(<PersonasView />);
    await screen.findByRole("row", { name: /Alice/ });
    fireEvent.click(screen.getByRole("button", { name: "New persona" }));
    const username = screen.getByLabelText("Username");
    fireEvent.change(username, { target: { value: "Alice" } });
    fireEvent.blur(username);
    expect(screen.getByText(/"Alice" is already in the pool/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add persona" }));
    expect(await screen.findByText("Fix the marked fields to save.")).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith("personas.save", expect.anything());

    fireEvent.change(username, { target: { value: "Dana" } });
    fireEvent.change(screen.getByLabelText("Age"), { target: { value: "25-34" } });
    fireEvent.change(screen.getByLabelText("Sex"), { target: { value: "F" } });
    const traits = screen.getByLabelText("Personality characteristics");
    fireEvent.change(traits, { target: { value: "witty" } });
    fireEvent.keyDown(traits, { key: "Enter" });
    expect(screen.getByRole("button", { name: "Remove witty" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add persona" }));
    await screen.findByRole("row", { name: /Dana/ });
    expect(call).toHaveBeenCalledWith("personas.save", { persona: expect.objectContaining({ username: "Dana", age: "25-34", personality_characteristics: ["witty"] }) });
  });

  it("filters the table with the search box", async () => {
    render(<PersonasView />);
    await screen.findByRole("row", { name: /Alice/ });
    fireEvent.change(screen.getByRole("searchbox", { name: "Search personas" }), { target: { value: "zzz" } });
    expect(screen.getByText(/No persona matches/)).toBeTruthy();
  });
});
