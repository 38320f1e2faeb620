import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { AnalysisOverview, StudyDetail } from "../../shared/contract-analysis.js";
import type { AnalysisResult } from "../../shared/domain/analysis.js";
import { useNavigationStore } from "../../renderer/app/navigation-store.js";
import { StudiesView } from "../../renderer/features/studies/StudiesView.js";
import { useStudiesStore } from "../../renderer/features/studies/studies-store.js";
import { useExperimentStore } from "../../renderer/features/experiments/experiment-store.js";
import { testExperimentSpec } from "../support/experiments.js";
import { double } from "./studio-double.js";

vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));
// Figures are drawn by Vega in the browser tests; here a figure is its title, so the test sees which ones are shown.
vi.mock("../../renderer/ui/VegaChart.js", () => ({
  VegaChart: ({ description }: { description: string }) => <figure data-testid="chart">{description}</figure>,
}));

const summary: StudyDetail["summary"] = {
  studyId: "Park-study",
  name: "Park study",
  folder: "/data/experiments/Park-study",
  createdAt: "2026-01-02T03:04:00.000Z",
  factors: [
    { name: "moderator", column: "factor_moderator", levels: ["none", "mod"] },
    { name: "topic", column: "factor_topic", levels: ["park"] },
  ],
  cells: 2,
  discussions: 3,
  counts: { completed: 2, running: 1 },
  state: "running",
};
const detail: StudyDetail = {
  summary,
  cells: [
    { id: "001_none", conditions: { moderator: "none", topic: "park" }, discussions: [{ discussionId: "d1", repetition: 0, participants: ["ann", "bob"], status: "completed", comments: 7 }] },
    {
      id: "002_mod",
      conditions: { moderator: "mod", topic: "park" },
      discussions: [
        { discussionId: "d2", repetition: 0, participants: ["cy", "dee"], status: "completed", comments: 9 },
        { discussionId: "d3", repetition: 1, participants: ["ann", "dee"], status: "running", comments: null },
      ],
    },
  ],
};
const overview: AnalysisOverview = {
  studyId: "Park-study",
  name: "Park study",
  measures: [
    { level: "comment", column: "words", label: "Length (words)", description: "Words in the comment.", kind: "number", roles: ["user", "human"] },
    { level: "discussion", column: "diversity", label: "Lexical diversity", description: "1 - mean pairwise ROUGE-L F.", kind: "number", roles: ["user", "human"] },
  ],
  factors: summary.factors,
  annotationDimensions: [],
  counts: { completed: 2 },
  problems: [{ file: "/data/experiments/Park-study/001_none/d9.json", message: "not valid JSON (truncated?) at position 10" }],
  measuredNow: 2,
  fromCache: 0,
};
function result(column: string, level: "comment" | "discussion", factors: string[]): AnalysisResult {
  return {
    measure: overview.measures.find((m) => m.column === column && m.level === level)!,
    unit: "discussion",
    factors,
    roles: ["user", "human"],
    conditions: [
      { condition: "none", levels: { moderator: "none" }, n: 1, mean: 7, sd: null, ciLow: null, ciHigh: null, median: 7 },
      { condition: "mod", levels: { moderator: "mod" }, n: 0, mean: null, sd: null, ciLow: null, ciHigh: null, median: null },
    ],
    byTurn: level === "comment" ? [{ condition: "none", turn: 0, n: 1, mean: 7, ciLow: null, ciHigh: null, cumulativeN: 1, cumulativeMean: 7, cumulativeCiLow: null, cumulativeCiHigh: null }] : [],
    histogram: [],
    pairwise: [{ a: "none", b: "mod", meanDifference: null, t: null, df: null, p: null, pHolm: null, reason: "each side needs at least two values" }],
    omnibus: { anova: null, anovaReason: "needs at least two conditions with data", kruskal: null, kruskalReason: "needs at least two conditions with data" },
    notes: ['no data for condition "mod"'],
    discussionsUsed: 1,
  };
}

const initial = useStudiesStore.getState();
beforeEach(() => {
  double.reset();
  useStudiesStore.setState(initial, true);
  double.handle("studies.list", () => ({ studies: [summary], problems: [] }));
  double.handle("studies.open", () => detail);
  double.handle("analysis.measure", () => overview);
  double.handle("analysis.summarize", ({ request }) => result(request.measure.column, request.measure.level, request.factors ?? []));
});
afterEach(cleanup);

async function openStudy() {
  render(<StudiesView />);
  fireEvent.click(await screen.findByRole("button", { name: /Park study/ }));
  await screen.findByTestId("study-name");
}

describe("studies view", () => {
  it("lists studies with their state and progress, and shows the grid and discussions by cell", async () => {
    await openStudy();
    expect(screen.getByRole("button", { name: /Park study/ }).textContent).toContain("Running");
    expect(screen.getByRole("progressbar", { name: "Park study progress" }).getAttribute("aria-valuenow")).toBe("67");
    expect(screen.getByTestId("study-counts").textContent).toContain("3 discussions in 2 cells: 2 completed, 1 running");
    expect(screen.getByLabelText("Grid").textContent).toContain("moderatornone, mod");
    const modCell = screen.getByRole("region", { name: "Cell 002_mod" });
    expect(within(modCell).getAllByRole("row")).toHaveLength(3);
  });

  it("opens a finished discussion from its file and a running one live", async () => {
    await openStudy();
    fireEvent.click(within(screen.getByRole("region", { name: "Cell 001_none" })).getByRole("button", { name: "Open #1" }));
    expect(useNavigationStore.getState()).toMatchObject({ view: "transcript", openDiscussion: { kind: "library", id: "d1" } });
    fireEvent.click(within(screen.getByRole("region", { name: "Cell 002_mod" })).getByRole("button", { name: "Open #2" }));
    expect(useNavigationStore.getState().openDiscussion).toEqual({ kind: "live", id: "d3" });
  });

  it("analyses the first factor that varies, shows figures, tables, notes and the unreadable file", async () => {
    await openStudy();
    fireEvent.click(screen.getByRole("tab", { name: "Analysis" }));
    await screen.findByTestId("analysis-notes");
    expect(double.calls.find((call) => call.command === "analysis.summarize")?.input).toEqual({
      studyId: "Park-study",
      request: { measure: { level: "comment", column: "words" }, factors: ["moderator"], unit: "discussion" },
    });
    expect(screen.getAllByTestId("chart").map((chart) => chart.textContent)).toEqual([
      "Length (words): condition means",
      "Length (words): means by turn",
      "Length (words): running means by turn",
      "Length (words): distribution",
    ]);
    expect(screen.getByTestId("analysis-notes").textContent).toContain('no data for condition "mod"');
    expect(screen.getByRole("alert").textContent).toContain("001_none/d9.json: not valid JSON (truncated?)");
    expect(screen.getByTestId("table-comment-words-conditions").textContent).toContain("none17.000------7.000");
  });

  it("asks again when the measure or factors change; a discussion measure has no unit choice and no turn curves", async () => {
    await openStudy();
    fireEvent.click(screen.getByRole("tab", { name: "Analysis" }));
    await screen.findByTestId("analysis-notes");
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Measure"), { target: { value: "discussion:diversity" } });
    });
    expect(double.calls.filter((call) => call.command === "analysis.summarize").at(-1)?.input).toMatchObject({ request: { measure: { level: "discussion", column: "diversity" }, unit: "discussion" } });
    expect(screen.queryByRole("group", { name: "Unit" })).toBeNull();
    expect(screen.getAllByTestId("chart")).toHaveLength(2);
    await act(async () => {
      fireEvent.change(screen.getByLabelText("and by"), { target: { value: "topic" } });
    });
    expect(double.calls.filter((call) => call.command === "analysis.summarize").at(-1)?.input).toMatchObject({ request: { factors: ["moderator", "topic"] } });
  });

  it("reopens a study that stopped half way in Experiments, its spec in the form, saying what Start will do", async () => {
    const spec = testExperimentSpec("/models/tiny.gguf", { name: "Park study" });
    double.handle("studies.open", () => ({ ...detail, summary: { ...summary, state: "incomplete", counts: { completed: 2, pending: 1 } } }));
    double.handle("studies.spec", () => ({ spec }));
    await openStudy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Reopen to resume" }));
    });
    expect(double.calls.find((call) => call.command === "studies.spec")?.input).toEqual({ studyId: "Park-study" });
    expect(useNavigationStore.getState().view).toBe("experiments");
    expect(useExperimentStore.getState().draft.name).toBe("Park study");
    expect(useExperimentStore.getState().notice).toBe("Reopened Park study: Start runs its 1 missing discussions");
  });

  it("offers no reopening while the study runs", async () => {
    await openStudy();
    expect(screen.queryByRole("button", { name: /Reopen/ })).toBeNull();
  });

  it("exports a dataset file and the report through the engine", async () => {
    double.handle("analysis.export", ({ file }) => ({ fileName: `Park-study-${file}`, mimeType: "text/csv", base64: btoa("a,b\r\n") }));
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), "blob:x"));
    URL.revokeObjectURL = vi.fn();
    await openStudy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "comments.parquet" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Export report" }));
    });
    expect(double.calls.filter((call) => call.command === "analysis.export").map((call) => call.input)).toEqual([
      { studyId: "Park-study", file: "comments.parquet" },
      { studyId: "Park-study", file: "report.zip" },
    ]);
    expect(await created[0]!.text()).toBe("a,b\r\n");
  });

  it("shows the annotators' agreement over the study's written discussions and the most disputed comments, which open", async () => {
    double.handle("annotations.agreement", () => ({
      dimensions: [
        { dimension: "toxicity", level: "interval", alpha: 0.4123, annotators: 3, units: 16, values: 48 },
        { dimension: "stance", level: "nominal", alpha: null, annotators: 3, units: 16, values: 48 },
      ],
      comments: [
        { discussionId: "d1", commentIndex: 0, dimension: "toxicity", ratings: 3, mean: 2, mode: null, disagreement: 0 },
        { discussionId: "d2", commentIndex: 4, dimension: "toxicity", ratings: 3, mean: 3, mode: null, disagreement: 1.7 },
        { discussionId: "d1", commentIndex: 2, dimension: "stance", ratings: 2, mean: null, mode: "against", disagreement: 1 },
        { discussionId: "d1", commentIndex: 3, dimension: "toxicity", ratings: 1, mean: 5, mode: null, disagreement: null },
      ],
    }));
    await openStudy();
    fireEvent.click(screen.getByRole("tab", { name: "Agreement" }));
    const table = await screen.findByTestId("agreement");
    // Only discussions with a file are asked about (d3 is still running).
    expect(double.calls.find((call) => call.command === "annotations.agreement")?.input).toEqual({ discussionIds: ["d1", "d2"] });
    expect(within(table).getAllByRole("row").map((row) => row.textContent)).toEqual([
      "DimensionKrippendorff's αLevelAnnotatorsComments",
      "toxicity0.412interval316",
      "stancen/a (no variation)nominal316",
    ]);
    const disputed = screen.getAllByTestId("disputed-comment").map((row) => row.textContent);
    expect(disputed).toEqual(["d2#5toxicity33.001.70", "d1#3stance2against1.00"]);
    fireEvent.click(screen.getByRole("button", { name: "d2" }));
    expect(useNavigationStore.getState()).toMatchObject({ view: "transcript", openDiscussion: { kind: "library", id: "d2" } });
  });

  it("says when nothing of the study is annotated yet and leads to the Annotation view", async () => {
    double.handle("annotations.agreement", () => ({ dimensions: [], comments: [] }));
    await openStudy();
    fireEvent.click(screen.getByRole("tab", { name: "Agreement" }));
    fireEvent.click(await screen.findByRole("button", { name: "Annotate it in the Annotation view" }));
    expect(useNavigationStore.getState().view).toBe("annotation");
  });
});
