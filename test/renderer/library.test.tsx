import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { LibraryEntry } from "../../shared/contract.js";
import { useNavigationStore } from "../../renderer/app/navigation-store.js";
import { LibraryView } from "../../renderer/features/library/LibraryView.js";
import { discussionTime, visibleEntries } from "../../renderer/features/library/library-filter.js";
import { useLibraryStore } from "../../renderer/features/library/library-store.js";
import { useToastStore } from "../../renderer/ui/toast-store.js";
import { facetChoices, matchesFacets, noFacets, NO_STUDY } from "../../renderer/features/library/library-facets.js";
import { double } from "./studio-double.js";
import { fakeLayout } from "./layout-double.js";

// The page's client is replaced by a test double behind the same interface (call / watchDiscussion).
vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));

const entry = (id: string, timestamp: string, users: string[], models: string[] = ["tiny"]): LibraryEntry => ({
  id,
  fileName: `${id}.json`,
  timestamp,
  users,
  moderator: "mod",
  models,
  commentCount: 4,
  format: "legacy",
  status: "completed",
  modifiedAt: "2026-01-01T00:00:00.000Z",
});
const entries = [{ ...entry("old", "24-05-01-10-00", ["ann", "bob"]), designName: "Bike lanes" }, entry("new", "26-01-02-03-04", ["zoë-k"], ["llama-3"]), entry("mid", "25-03-03-03-03", ["cy"])];
const inStudy = (id: string, cell: string, moderator: string, status: LibraryEntry["status"] = "completed"): LibraryEntry => ({
  ...entry(id, "26-02-10-12-00", ["p1", "p2"], ["qwen"]),
  status,
  study: { id: "Park-study", name: "Park study", cell, conditions: { moderator, model: "qwen" } },
});
const studyEntries = [...entries, inStudy("s1", "001_none", "none"), inStudy("s2", "002_mod", "mod"), inStudy("s3", "002_mod", "mod", "failed")];

let restoreLayout: () => void;
const initial = useLibraryStore.getState();
beforeEach(() => {
  restoreLayout = fakeLayout({ row: 56 });
  double.reset();
  useLibraryStore.setState(initial, true);
  double.handle("library.list", () => ({ entries, problems: [], interrupted: [] }));
});
afterEach(() => {
  cleanup();
  restoreLayout();
  vi.useRealTimers();
});

describe("library filter", () => {
  it("reads SynDisco and ISO timestamps", () => {
    expect(new Date(discussionTime("26-01-02-03-04")!).toISOString()).toBe("2026-01-02T03:04:00.000Z");
    expect(discussionTime("2025-01-01T00:00:00Z")).toBe(Date.UTC(2025, 0, 1));
    expect(discussionTime("yesterday")).toBeNull();
  });

  it("matches participants and models from the index, comment text from the server's answer; sorts by date", () => {
    const newest = { column: "date", descending: true } as const;
    expect(visibleEntries(entries, "", null, newest).map((e) => e.id)).toEqual(["new", "mid", "old"]);
    expect(visibleEntries(entries, "", null, { column: "date", descending: false }).map((e) => e.id)).toEqual(["old", "mid", "new"]);
    expect(visibleEntries(entries, "ZOË", null, newest).map((e) => e.id)).toEqual(["new"]);
    expect(visibleEntries(entries, "llama", null, newest).map((e) => e.id)).toEqual(["new"]);
    expect(visibleEntries(entries, "parks", new Set(["old"]), newest).map((e) => e.id)).toEqual(["old"]);
  });
});

describe("library facets", () => {
  const ids = (facets: Partial<typeof noFacets>) => studyEntries.filter((e) => matchesFacets(e, { ...noFacets, ...facets })).map((e) => e.id);
  it("filters by study (or none), cell, model, status and an inclusive date range", () => {
    expect(ids({})).toHaveLength(6);
    expect(ids({ study: "Park-study" })).toEqual(["s1", "s2", "s3"]);
    expect(ids({ study: NO_STUDY })).toEqual(["old", "new", "mid"]);
    expect(ids({ study: "Park-study", cell: "002_mod" })).toEqual(["s2", "s3"]);
    expect(ids({ model: "llama-3" })).toEqual(["new"]);
    expect(ids({ status: "failed" })).toEqual(["s3"]);
    // SynDisco's timestamps are UTC; the range is in local days, so pick days far from the edges.
    expect(ids({ from: "2025-01-01", to: "2026-01-05" })).toEqual(["new", "mid"]);
    expect(ids({ from: "2026-02-01" })).toEqual(["s1", "s2", "s3"]);
    expect(ids({ to: "2024-12-31" })).toEqual(["old"]);
  });

  it("offers only values some discussion has; cells of the chosen study with their conditions", () => {
    const choices = facetChoices(studyEntries, null);
    expect(choices.studies).toEqual([{ id: "Park-study", name: "Park study" }, { id: NO_STUDY, name: "Not in a study" }]);
    expect(choices.cells).toEqual([{ id: "001_none", label: "001_none (none · qwen)" }, { id: "002_mod", label: "002_mod (mod · qwen)" }]);
    expect(choices.models).toEqual(["llama-3", "qwen", "tiny"]);
    expect(choices.statuses).toEqual(["completed", "failed"]);
    expect(facetChoices(entries, null).studies).toEqual([]);
    expect(facetChoices(studyEntries, "Other-study").cells).toEqual([]);
  });
});

describe("useLibraryStore", () => {
  it("asks the server to search comment text once typing pauses, and only for the latest query", async () => {
    vi.useFakeTimers();
    double.handle("library.search", ({ text }) => ({ ids: text === "parks" ? ["old"] : [] }));
    useLibraryStore.getState().queryChanged("par");
    useLibraryStore.getState().queryChanged("parks");
    expect(useLibraryStore.getState().searching).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(double.calls.map((call) => call.input)).toEqual([{ text: "parks" }]);
    expect([...useLibraryStore.getState().textMatches!]).toEqual(["old"]);
    useLibraryStore.getState().queryChanged("");
    expect(useLibraryStore.getState().textMatches).toBeNull();
  });

  it("imports the chosen files, reports the bad ones and the ones already there, leaves non-JSON out of a folder and selects what came in", async () => {
    double.handle("library.importFiles", ({ files }) => ({
      imported: files.filter((file) => file.content === "{}").map((file) => file.fileName.replace(/\.json$/, "")),
      problems: files.filter((file) => file.content !== "{}").map((file) => ({ file: file.fileName, message: file.content === "oops" ? "not a SynDisco discussion" : "already in the library" })),
      alreadyPresent: files.filter((file) => file.content === "{ }").map((file) => ({ file: file.fileName, id: "old" })),
    }));
    const files = [new File(["{}"], "good.json"), new File(["oops"], "bad.json"), new File(["{ }"], "old.json"), new File(["# notes"], "README.md")];
    await useLibraryStore.getState().filesChosen(files, true);
    const state = useLibraryStore.getState();
    expect(state.importReport).toEqual({ imported: ["good"], problems: [{ file: "bad.json", message: "not a SynDisco discussion" }], alreadyPresent: ["old"], ignored: 1 });
    expect([...state.selected]).toEqual(["good", "old"]);
    expect(double.calls.map((call) => call.command)).toEqual(["library.importFiles", "library.list"]);
  });

  it("exports each selected discussion as a browser download", async () => {
    double.handle("library.export", ({ id, format }) => ({ fileName: `${id}.${format}`, content: "x" }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    URL.createObjectURL = vi.fn(() => "blob:x");
    URL.revokeObjectURL = vi.fn();
    await useLibraryStore.getState().exportRequested(["old", "new"], "csv");
    expect(clicked).toEqual(["old.csv", "new.csv"]);
    click.mockRestore();
  });
});

describe("LibraryView", () => {
  it("lists the saved discussions newest first and opens one in the transcript view", async () => {
    await act(async () => void render(<LibraryView />));
    const rows = screen.getAllByTestId("library-row");
    expect(rows.map((row) => row.dataset.id)).toEqual(["new", "mid", "old"]);
    fireEvent.click(screen.getByRole("button", { name: "Date, newest first" }));
    expect(screen.getAllByTestId("library-row").map((row) => row.dataset.id)).toEqual(["old", "mid", "new"]);
    fireEvent.click(screen.getAllByText("Open")[0]!);
    expect(useNavigationStore.getState()).toMatchObject({ view: "transcript", openDiscussion: { kind: "library", id: "old" } });
  });

  it("shows a study's discussions with study and cell, filters by study and cell, and clears the filters", async () => {
    double.handle("library.list", () => ({ entries: studyEntries, problems: [], interrupted: [] }));
    await act(async () => void render(<LibraryView />));
    const shownIds = () => screen.getAllByTestId("library-row").map((row) => row.dataset.id);
    expect(shownIds()).toHaveLength(6);
    expect(screen.getAllByTestId("library-study").map((label) => label.textContent)).toEqual(["Park study · 001_none · ", "Park study · 002_mod · ", "Park study · 002_mod · "]);
    expect(screen.getByTestId("library-design").textContent).toBe("Bike lanes · ");
    fireEvent.change(screen.getByRole("combobox", { name: "Study" }), { target: { value: "Park-study" } });
    expect(shownIds()).toEqual(["s1", "s2", "s3"]);
    fireEvent.change(screen.getByRole("combobox", { name: "Cell" }), { target: { value: "002_mod" } });
    expect(shownIds()).toEqual(["s2", "s3"]);
    expect(screen.getByTestId("library-count").textContent).toBe("2 of 6 match");
    fireEvent.change(screen.getByRole("combobox", { name: "Cell" }), { target: { value: "001_none" } });
    fireEvent.change(screen.getByRole("combobox", { name: "Status" }), { target: { value: "failed" } });
    expect(screen.getByText("No discussion matches")).toBeTruthy();
    fireEvent.click(screen.getAllByRole("button", { name: "Clear filters" })[0]!);
    expect(shownIds()).toHaveLength(6);
  });

  it("archives the selection with Delete, offers Undo, and says why a study's discussion stays", async () => {
    let listed = studyEntries;
    double.handle("library.list", () => ({ entries: listed, problems: [], interrupted: [] }));
    double.handle("library.archive", ({ ids }) => {
      listed = listed.filter((e) => e.id !== "old");
      return { archived: ids.filter((id) => id === "old"), problems: ids.filter((id) => id === "s1").map((id) => ({ file: `${id}.json`, message: 'it belongs to the study "Park study", whose analysis and resuming need it; it stays' })) };
    });
    double.handle("library.restore", ({ ids }) => {
      listed = studyEntries;
      return { restored: ids, problems: [] };
    });
    await act(async () => void render(<LibraryView />));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select old" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select s1" }));
    await act(async () => {
      fireEvent.keyDown(screen.getByRole("checkbox", { name: "Select s1" }), { key: "Delete" });
    });
    expect(double.calls.find((call) => call.command === "library.archive")?.input).toEqual({ ids: ["old", "s1"] });
    expect(screen.queryByRole("checkbox", { name: "Select old" })).toBeNull();
    expect(useLibraryStore.getState().error).toContain("s1.json: it belongs to the study");
    const toast = useToastStore.getState().toasts.at(-1)!;
    expect(toast.message).toBe("Archived 1 discussion");
    await act(async () => toast.action!.run());
    expect(double.calls.find((call) => call.command === "library.restore")?.input).toEqual({ ids: ["old"] });
    expect(screen.getByRole("checkbox", { name: "Select old" })).toBeTruthy();
  });

  it("sorts by any column: a new column in its natural direction, the same one again reversed", async () => {
    const counts: Record<string, number> = { old: 10, mid: 7, new: 2 };
    double.handle("library.list", () => ({ entries: entries.map((e) => ({ ...e, commentCount: counts[e.id]! })), problems: [], interrupted: [] }));
    await act(async () => void render(<LibraryView />));
    const ids = () => screen.getAllByTestId("library-row").map((row) => row.dataset.id);
    fireEvent.click(screen.getByRole("button", { name: "Sort by participants" }));
    expect(ids()).toEqual(["old", "mid", "new"]);
    expect(screen.getByRole("button", { name: "Participants, A to Z" }).closest("[role=columnheader]")?.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(screen.getByRole("button", { name: "Participants, A to Z" }));
    expect(ids()).toEqual(["new", "mid", "old"]);
    fireEvent.click(screen.getByRole("button", { name: "Sort by comments" }));
    expect(ids()).toEqual(["old", "mid", "new"]);
    // llama-3 before tiny; the two on tiny tie, and ties go newest first.
    fireEvent.click(screen.getByRole("button", { name: "Sort by model" }));
    expect(ids()).toEqual(["new", "mid", "old"]);
    expect(screen.getByRole("button", { name: "Sort by date" })).toBeTruthy();
  });

  it("says what to do when the library is empty", async () => {
    double.handle("library.list", () => ({ entries: [], problems: [], interrupted: [] }));
    await act(async () => void render(<LibraryView />));
    expect(screen.getByText("No saved discussions yet")).toBeTruthy();
    expect(screen.getAllByText("Import files").length).toBeGreaterThan(0);
  });

  it("says which runs were interrupted and recovered at start, marks them in the list, and stays dismissed", async () => {
    const recovered = { ...entry("run-1", "26-01-02-03-04", ["ann"]), status: "recovered" as const };
    double.handle("library.list", () => ({ entries: [recovered], problems: [], interrupted: ["run-1"] }));
    await act(async () => void render(<LibraryView />));
    expect(screen.getByTestId("interrupted-runs").textContent).toMatch(/1 run was interrupted.*run-1/);
    expect(screen.getByTestId("library-row").textContent).toContain("interrupted (recovered)");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByTestId("interrupted-runs")).toBeNull();
    // Every listing reports the same start-up recovery: once read, it is not shown again.
    await act(async () => void (await useLibraryStore.getState().libraryRequested()));
    expect(screen.queryByTestId("interrupted-runs")).toBeNull();
  });

  it("counts the files in while a large import runs", async () => {
    const calls: (() => void)[] = [];
    double.handle("library.importFiles", ({ files }) => new Promise((resolve) => calls.push(() => resolve({ imported: files.map((file) => file.fileName), problems: [], alreadyPresent: [] }))));
    await act(async () => void render(<LibraryView />));
    const files = Array.from({ length: 250 }, (_, index) => new File(["{}"], `d${index}.json`));
    let importing: Promise<void> = Promise.resolve();
    act(() => void (importing = useLibraryStore.getState().filesChosen(files, false)));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.getByRole("button", { name: "Importing 0 of 250…" })).toBeTruthy();
    await act(async () => calls[0]!());
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(screen.getByRole("button", { name: "Importing 100 of 250…" })).toBeTruthy();
    await act(async () => calls[1]!());
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    await act(async () => calls[2]!());
    await act(() => importing);
    expect(screen.getAllByText("Import files").length).toBeGreaterThan(0);
    expect(useLibraryStore.getState().importReport?.imported).toHaveLength(250);
  });

  it("renders only a window of rows for 5,000 discussions", async () => {
    const many = Array.from({ length: 5000 }, (_, index) => entry(`d${index}`, "26-01-02-03-04", [`user${index}`]));
    double.handle("library.list", () => ({ entries: many, problems: [], interrupted: [] }));
    await act(async () => void render(<LibraryView />));
    expect(screen.getAllByTestId("library-row").length).toBeLessThan(40);
  });
});
