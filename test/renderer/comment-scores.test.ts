import { describe, expect, it } from "vitest";
import { commentScores } from "../../renderer/features/annotation/comment-scores-store.js";
import type { AnnotationTable } from "../../shared/domain/index.js";

const annotator = (id: string, dimension: AnnotationTable["annotators"][number]["dimensions"][number]): AnnotationTable["annotators"][number] => ({
  id,
  jobId: "annotations/job",
  name: id.split("#")[1] ?? id,
  source: dimension.kind === "number" ? "external" : "llm",
  model: "m",
  persona: null,
  dimensions: [dimension],
  systemPrompt: null,
  historyWindow: null,
});
const row = (annotatorId: string, toxicity: number) => ({ discussionId: "d1", commentIndex: 0, annotatorId, values: { toxicity } });

describe("scores on a transcript card", () => {
  it("never averages a classifier's probabilities with 1–5 ratings: one chip per scale", () => {
    const table: AnnotationTable = {
      annotators: [
        annotator("annotations/job#a1", { kind: "scale", name: "toxicity", description: "", min: 1, max: 5, labels: [] }),
        annotator("annotations/job#a2", { kind: "scale", name: "toxicity", description: "", min: 1, max: 5, labels: [] }),
        annotator("annotations/csv#perspective", { kind: "number", name: "toxicity", description: "" }),
      ],
      scores: [row("annotations/job#a1", 2), row("annotations/job#a2", 4), row("annotations/csv#perspective", 0.25)],
    };
    const scores = commentScores(table, 0);
    expect(scores.map((score) => [score.dimension, score.summary, score.ratings])).toEqual([
      ["toxicity (1–5)", "3", 2],
      ["toxicity (number)", "0.25", 1],
    ]);
    expect(scores[0]?.perAnnotator).toEqual([
      { annotator: "a1", value: 2 },
      { annotator: "a2", value: 4 },
    ]);
  });

  it("keeps the plain name and one mean when every annotator uses the same scale", () => {
    const scale: AnnotationTable["annotators"][number]["dimensions"][number] = { kind: "scale", name: "toxicity", description: "", min: 1, max: 5, labels: [] };
    const table: AnnotationTable = { annotators: [annotator("j#a1", scale), annotator("j#a2", scale)], scores: [row("j#a1", 1), row("j#a2", 2)] };
    expect(commentScores(table, 0).map((score) => [score.dimension, score.summary])).toEqual([["toxicity", "1.5"]]);
  });
});
