import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Persona } from "../../shared/domain/persona.js";

// A test double behind the client interface: the store only sees `studio.call`, answered here
// from an in-memory pool instead of the engine over a transport.
const calls: { command: string; input: unknown }[] = [];
let pool: Persona[] = [];
let savedSets: { name: string; usernames: string[] }[] = [];
vi.mock("../../renderer/app/studio.js", () => ({
  studio: {
    call: vi.fn(async (command: string, input: Record<string, unknown>) => {
      calls.push({ command, input });
      if (command === "personas.list") return { personas: pool, problems: [] };
      if (command === "personas.save") {
        const persona = input.persona as Persona;
        pool = [...pool.filter((p) => p.username !== persona.username), persona];
        return { persona };
      }
      if (command === "personas.delete") {
        pool = pool.filter((p) => p.username !== input.username);
        return { deleted: true };
      }
      if (command === "personas.importFile") {
        const mode = (input as { onConflict?: string }).onConflict ?? "skip";
        if (mode === "skip") return { imported: ["P1"], skipped: ["entry 2: username is empty", "Alice: already exists"] };
        return { imported: ["Alice"], skipped: [] };
      }
      if (command === "personas.sets") return { sets: savedSets };
      if (command === "personas.saveSet") {
        const set = input.set as { name: string; usernames: string[] };
        savedSets = [...savedSets.filter((existing) => existing.name !== set.name), set];
        return { sets: savedSets };
      }
      if (command === "personas.deleteSet") {
        savedSets = savedSets.filter((existing) => existing.name !== input.name);
        return { sets: savedSets };
      }
      if (command === "personas.migrateSets") {
        const incoming = input.sets as { name: string; usernames: string[] }[];
        const added = incoming.filter((set) => !savedSets.some((existing) => existing.name === set.name));
        savedSets = [...savedSets, ...added];
        return { sets: savedSets, added: added.map((set) => set.name) };
      }
      if (command === "personas.loadStarterSet") return { imported: ["s1", "s2"], skipped: [] };
      throw new Error(`unexpected ${command}`);
    }),
  },
}));

const { usePersonaStore } = await import("../../renderer/features/personas/persona-store.js");
const { useToastStore } = await import("../../renderer/ui/toast-store.js");
const { personaSchema } = await import("../../shared/domain/persona.js");

const persona = (username: string, extra: Record<string, unknown> = {}) => personaSchema.parse({ username, age: 30, sex: "Female", ...extra });

describe("usePersonaStore", () => {
  beforeEach(async () => {
    calls.length = 0;
    pool = [persona("Alice"), persona("Bob", { hometown: "Athens" })];
    savedSets = [];
    localStorage.clear();
    usePersonaStore.setState({ personas: [], status: "idle", editing: null, checked: [], error: null, importReport: null, sets: [] });
    useToastStore.setState({ toasts: [] });
    await usePersonaStore.getState().personasRequested();
  });

  it("loads the pool", () => {
    expect(usePersonaStore.getState().personas.map((p) => p.username)).toEqual(["Alice", "Bob"]);
    expect(usePersonaStore.getState().status).toBe("ready");
  });

  it("adds a new persona from the form, keeping an age band as text and an integer as a number", async () => {
    const store = usePersonaStore.getState();
    store.personaCreated();
    store.draftChanged({ username: "Carol", age: "25-34", sex: "Female", personality_characteristics: ["kind"] });
    await expect(usePersonaStore.getState().personaSaved()).resolves.toBe(true);
    expect(pool.find((p) => p.username === "Carol")).toMatchObject({ age: "25-34", personality_characteristics: ["kind"] });
    usePersonaStore.getState().draftChanged({ age: "41" });
    await usePersonaStore.getState().personaSaved();
    expect(pool.find((p) => p.username === "Carol")?.age).toBe(41);
  });

  it("refuses a duplicate username without calling the engine", async () => {
    usePersonaStore.getState().personaCreated();
    usePersonaStore.getState().draftChanged({ username: "Alice", age: "30", sex: "F" });
    await expect(usePersonaStore.getState().personaSaved()).resolves.toBe(false);
    expect(calls.some((call) => call.command === "personas.save")).toBe(false);
  });

  it("renames by saving the new name first, then deleting the old one, and keeps extra attributes", async () => {
    usePersonaStore.getState().personaOpened("Bob");
    usePersonaStore.getState().draftChanged({ username: "Robert" });
    await usePersonaStore.getState().personaSaved();
    expect(calls.slice(-2).map((call) => call.command)).toEqual(["personas.save", "personas.delete"]);
    expect(pool.map((p) => p.username)).toEqual(["Alice", "Robert"]);
    expect(pool[1]).toMatchObject({ hometown: "Athens" });
    expect(usePersonaStore.getState().personas.map((p) => p.username)).toEqual(["Alice", "Robert"]);
  });

  it("duplicates under a fresh name and opens the copy", async () => {
    await usePersonaStore.getState().personaDuplicated("Alice");
    expect(usePersonaStore.getState().personas.map((p) => p.username)).toEqual(["Alice", "Bob", "Alice (copy)"]);
    expect(usePersonaStore.getState().editing?.original).toBe("Alice (copy)");
  });

  it("deletes with an Undo toast that puts the persona back in its place", async () => {
    await usePersonaStore.getState().personaDeleted("Alice");
    expect(usePersonaStore.getState().personas.map((p) => p.username)).toEqual(["Bob"]);
    const toast = useToastStore.getState().toasts.at(-1);
    expect(toast?.message).toBe("Deleted Alice");
    toast?.action?.run();
    await vi.waitFor(() => expect(usePersonaStore.getState().personas.map((p) => p.username)).toEqual(["Alice", "Bob"]));
    expect(pool.some((p) => p.username === "Alice")).toBe(true);
  });

  it("reports what an import kept and left out; usernames already in the pool can then be replaced or kept both", async () => {
    const content = JSON.stringify([{ username: "P1" }, { age: 3 }, { username: "Alice", age: 70 }]);
    await usePersonaStore.getState().personasImported({ fileName: "personas.json", content });
    const report = usePersonaStore.getState().importReport!;
    expect(report).toMatchObject({ fileName: "personas.json", imported: ["P1"], skipped: ["entry 2: username is empty", "Alice: already exists"] });
    // Only the entries whose usernames were taken go again: P1 must not come in twice.
    expect(JSON.parse(report.file!.content)).toEqual([{ username: "Alice", age: 70 }]);
    await usePersonaStore.getState().personasImported(report.file!, "keep-both");
    expect(calls.at(-2)).toEqual({ command: "personas.importFile", input: { file: report.file, onConflict: "keep-both" } });
    expect(usePersonaStore.getState().importReport?.file).toBeNull();
  });

  it("an import with nothing taken offers no replace or keep-both", async () => {
    pool = [];
    await usePersonaStore.getState().personasImported({ fileName: "p.json", content: "[]" }, "replace");
    expect(usePersonaStore.getState().importReport?.file).toBeNull();
  });

  it("keeps named persona sets in the data folder", async () => {
    await usePersonaStore.getState().personaSetSaved("pilot", ["Alice", "Bob"]);
    expect(calls.at(-1)).toEqual({ command: "personas.saveSet", input: { set: { name: "pilot", usernames: ["Alice", "Bob"] } } });
    expect(usePersonaStore.getState().sets).toEqual([{ name: "pilot", usernames: ["Alice", "Bob"] }]);
    expect(localStorage.getItem("syndisco-studio.persona-sets")).toBeNull();
    await usePersonaStore.getState().personaSetDeleted("pilot");
    expect(usePersonaStore.getState().sets).toEqual([]);
  });

  it("hands over the sets this browser kept in localStorage once, then forgets them", async () => {
    savedSets = [{ name: "pilot", usernames: ["Bob"] }];
    localStorage.setItem("syndisco-studio.persona-sets", JSON.stringify([{ name: "old panel", usernames: ["Alice"] }, { name: "pilot", usernames: ["x"] }]));
    await usePersonaStore.getState().setsRequested();
    expect(calls.at(-1)?.command).toBe("personas.migrateSets");
    expect(usePersonaStore.getState().sets.map((set) => set.name)).toEqual(["pilot", "old panel"]);
    expect(localStorage.getItem("syndisco-studio.persona-sets")).toBeNull();
    await usePersonaStore.getState().setsRequested();
    expect(calls.at(-1)?.command).toBe("personas.sets");
  });

  it("loads the starter set and reports it", async () => {
    await usePersonaStore.getState().starterSetLoaded();
    expect(usePersonaStore.getState().importReport).toMatchObject({ fileName: "the starter set", imported: ["s1", "s2"] });
  });
});
