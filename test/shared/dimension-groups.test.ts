import { describe, expect, it } from "vitest";
import { DimensionGroups } from "../../shared/dimension-groups.js";
import type { AnnotationDimension, AnnotationTable } from "../../shared/domain/index.js";

type TableAnnotator = AnnotationTable["annotators"][number];

function tableAnnotator(id: string, dimensions: AnnotationDimension[]): TableAnnotator {
  return { id, jobId: "annotations/job", name: id, source: "llm", model: "m", persona: null, dimensions, systemPrompt: null, historyWindow: null };
}

const scale = (name: string, min: number, max: number): AnnotationDimension => ({ kind: "scale", name, description: "", min, max, labels: [] });
const number = (name: string): AnnotationDimension => ({ kind: "number", name, description: "" });
const category = (name: string, categories: string[]): AnnotationDimension => ({ kind: "category", name, description: "", categories });

describe("dimensions that may be pooled across annotators", () => {
  it("keeps one group, under its plain name, when every annotator measures a name alike", () => {
    const groups = new DimensionGroups([tableAnnotator("a", [scale("toxicity", 1, 5)]), tableAnnotator("b", [scale("toxicity", 1, 5)])]);
    expect(groups.groups.map((group) => [group.label, group.level, [...group.annotatorIds]])).toEqual([["toxicity", "interval", ["a", "b"]]]);
    expect(groups.of("b", "toxicity")).toBe(groups.groups[0]);
  });

  it("splits a name measured on different scales into groups labelled with their scale", () => {
    const groups = new DimensionGroups([
      tableAnnotator("llm-1", [scale("toxicity", 1, 5)]),
      tableAnnotator("llm-2", [scale("toxicity", 1, 5)]),
      tableAnnotator("coarse", [scale("toxicity", 0, 10)]),
      tableAnnotator("classifier", [number("toxicity")]),
    ]);
    expect(groups.groups.map((group) => [group.label, group.name, group.annotatorIds.size])).toEqual([
      ["toxicity (1–5)", "toxicity", 2],
      ["toxicity (0–10)", "toxicity", 1],
      ["toxicity (number)", "toxicity", 1],
    ]);
    expect(groups.of("classifier", "toxicity")?.label).toBe("toxicity (number)");
    expect(groups.of("llm-2", "toxicity")?.label).toBe("toxicity (1–5)");
  });

  it("pools categories listed in another order, but not other sets of categories; text has no group", () => {
    const groups = new DimensionGroups([
      tableAnnotator("a", [category("stance", ["for", "against"]), { kind: "text", name: "why", description: "", maxLength: 200 }]),
      tableAnnotator("b", [category("stance", ["against", "for"])]),
      tableAnnotator("c", [category("stance", ["against", "for", "unclear"])]),
    ]);
    expect(groups.groups.map((group) => [group.label, group.level, group.annotatorIds.size])).toEqual([
      ["stance (against / for)", "nominal", 2],
      ["stance (against / for / unclear)", "nominal", 1],
    ]);
    expect(groups.of("a", "why")).toBeUndefined();
    expect(groups.of("a", "nothing")).toBeUndefined();
  });
});
