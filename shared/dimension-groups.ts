import { agreementLevel, type AnnotationDimension, type AnnotationTable } from "./domain/annotation.js";

export interface DimensionGroup {
  /** What tables and chips call it: the dimension's name, with its scale when the name is measured in more than one way. */
  label: string;
  /** The dimension's name in the annotators' schemes and in score rows. */
  name: string;
  level: "interval" | "nominal";
  annotatorIds: ReadonlySet<string>;
}

/** How a dimension measures: two annotators' values may be pooled only when this is the same. */
function measure(dimension: AnnotationDimension): string | null {
  switch (dimension.kind) {
    case "scale":
      return `${dimension.min}–${dimension.max}`;
    case "number":
      return "number";
    case "category":
      return [...dimension.categories].sort().join(" / ");
    default:
      return null;
  }
}

/**
 * The dimensions of some annotators that can be averaged and compared: the same name AND the
 * same measurement (a 1–5 scale, a 0–10 scale, a free number, one set of categories). A name
 * measured in two ways becomes two groups labelled with their scale, e.g. "toxicity (1–5)" and
 * "toxicity (number)", so a classifier's probabilities imported from a CSV are never averaged
 * with an LLM's 1–5 ratings, nor their agreement computed as if they were one variable. Text
 * dimensions have no group.
 */
export class DimensionGroups {
  readonly groups: DimensionGroup[];
  private readonly labels = new Map<string, Map<string, DimensionGroup>>();

  constructor(annotators: AnnotationTable["annotators"]) {
    const byName = new Map<string, Map<string, { level: "interval" | "nominal"; ids: Set<string> }>>();
    for (const annotator of annotators) {
      for (const dimension of annotator.dimensions) {
        const level = agreementLevel(dimension);
        const how = measure(dimension);
        if (level === null || how === null) continue;
        let ways = byName.get(dimension.name);
        if (!ways) byName.set(dimension.name, (ways = new Map()));
        let way = ways.get(how);
        if (!way) ways.set(how, (way = { level, ids: new Set() }));
        way.ids.add(annotator.id);
      }
    }
    this.groups = [];
    for (const [name, ways] of byName) {
      for (const [how, way] of ways) {
        const group: DimensionGroup = { label: ways.size === 1 ? name : `${name} (${how})`, name, level: way.level, annotatorIds: way.ids };
        this.groups.push(group);
        for (const id of way.ids) {
          let own = this.labels.get(id);
          if (!own) this.labels.set(id, (own = new Map()));
          own.set(name, group);
        }
      }
    }
  }

  /** The group an annotator's dimension belongs to; undefined for text dimensions and names it does not have. */
  of(annotatorId: string, dimensionName: string): DimensionGroup | undefined {
    return this.labels.get(annotatorId)?.get(dimensionName);
  }
}
