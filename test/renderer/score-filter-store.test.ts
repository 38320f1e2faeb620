import { beforeEach, describe, expect, it, vi } from "vitest";
import { double } from "./studio-double.js";

vi.mock("../../renderer/app/studio.js", async () => ({ studio: (await import("./studio-double.js")).double.studio }));
const { useScoreFilterStore } = await import("../../renderer/features/library/score-filter-store.js");

describe("library score filter", () => {
  beforeEach(() => double.reset());

  it("drops a chosen dimension that the scores no longer have, instead of hiding every discussion", async () => {
    double.handle("annotations.scores", () => ({ discussions: [{ discussionId: "d1", annotators: 2, means: { toxicity: 3 } }], dimensions: ["toxicity"] }));
    await useScoreFilterStore.getState().scoresRequested();
    useScoreFilterStore.getState().dimensionChosen("toxicity");
    useScoreFilterStore.getState().minChanged(2);

    // A classifier's CSV on another scale arrives: "toxicity" becomes two dimensions.
    double.handle("annotations.scores", () => ({
      discussions: [{ discussionId: "d1", annotators: 3, means: { "toxicity (1–5)": 3, "toxicity (number)": 0.1 } }],
      dimensions: ["toxicity (1–5)", "toxicity (number)"],
    }));
    await useScoreFilterStore.getState().scoresRequested();
    expect(useScoreFilterStore.getState()).toMatchObject({ dimension: null, min: null, dimensions: ["toxicity (1–5)", "toxicity (number)"] });

    useScoreFilterStore.getState().dimensionChosen("toxicity (1–5)");
    useScoreFilterStore.getState().minChanged(2);
    await useScoreFilterStore.getState().scoresRequested();
    expect(useScoreFilterStore.getState()).toMatchObject({ dimension: "toxicity (1–5)", min: 2 });
  });
});
