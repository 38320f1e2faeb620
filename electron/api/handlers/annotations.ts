import { annotationAgreement } from "../../../shared/annotation-agreement.js";
import type { DiscussionScores } from "../../../shared/contract-annotations.js";
import type { AnnotationTable, ModelRef } from "../../../shared/domain/index.js";
import { DimensionGroups } from "../../../shared/dimension-groups.js";
import { schemePresets } from "../../engine/annotation/scheme-presets.js";
import { importAnnotationFile, importScoresCsv } from "../annotation-imports.js";
import { checkModelPaths } from "../path-access.js";
import type { Handlers } from "../router.js";
import type { StudioServices } from "../services.js";
import { modelsDirectory } from "./models.js";

type AnnotationHandlers = Pick<Handlers, Extract<keyof Handlers, `annotations.${string}`>>;

export function annotationHandlers(services: StudioServices): AnnotationHandlers {
  const { library, service, store, locator } = services.annotations;
  // In web mode an annotator's model file must be one the server may use (issue 11 item 2).
  const checkModels = async (annotators: readonly { model: ModelRef }[]) =>
    checkModelPaths(services.paths, annotators.map((annotator) => annotator.model), await modelsDirectory(services));
  return {
    "annotations.schemes": async () => {
      try {
        return { schemes: await library.schemes(), presets: schemePresets, problems: [] };
      } catch (error) {
        return { schemes: [], presets: schemePresets, problems: [{ file: library.schemesFile, message: error instanceof Error ? error.message : String(error) }] };
      }
    },
    "annotations.saveScheme": ({ id, scheme }) => library.saveScheme(scheme, id),
    "annotations.deleteScheme": async ({ id }) => ({ deleted: await library.deleteScheme(id) }),
    "annotations.annotators": async () => ({ annotators: await library.annotators() }),
    "annotations.saveAnnotators": async ({ annotators }) => {
      await checkModels(annotators);
      return { annotators: await library.saveAnnotators(annotators) };
    },
    "annotations.studies": async () => ({ studies: await service.studies() }),
    "annotations.start": async (input) => {
      await checkModels(input.annotators);
      return service.start(input);
    },
    "annotations.control": async ({ jobId, action }) => service.control(jobId, action),
    "annotations.resume": ({ jobId }) => service.resume(jobId),
    "annotations.jobs": () => service.jobs(),
    "annotations.table": ({ discussionIds }) => store.table(discussionIds),
    "annotations.answers": async ({ discussionId, commentIndex }) => ({ answers: await store.answers(discussionId, commentIndex) }),
    "annotations.agreement": async ({ jobId, discussionIds }) => {
      const { table } = await store.table(discussionIds ?? null);
      return annotationAgreement(table, jobId === undefined ? undefined : table.annotators.filter((annotator) => annotator.jobId === jobId).map((annotator) => annotator.id));
    },
    "annotations.scores": async () => discussionScores((await store.table(null)).table),
    "annotations.importFile": (input) => importAnnotationFile(store, locator, input),
    "annotations.importCsv": (input) => importScoresCsv(store, locator, input),
  };
}

/**
 * Per discussion, the mean of every numeric dimension over all its comments and annotators;
 * a name measured on different scales is one column per scale (DimensionGroups).
 */
export function discussionScores(table: AnnotationTable): { discussions: DiscussionScores[]; dimensions: string[] } {
  const groups = new DimensionGroups(table.annotators);
  const numeric = groups.groups.filter((group) => group.level === "interval");
  const sums = new Map<string, { totals: Map<string, { sum: number; count: number }>; annotators: Set<string> }>();
  for (const row of table.scores) {
    if (!row.values) continue;
    let entry = sums.get(row.discussionId);
    if (!entry) sums.set(row.discussionId, (entry = { totals: new Map(), annotators: new Set() }));
    entry.annotators.add(row.annotatorId);
    for (const [dimension, value] of Object.entries(row.values)) {
      const group = groups.of(row.annotatorId, dimension);
      if (group?.level !== "interval" || typeof value !== "number") continue;
      const total = entry.totals.get(group.label) ?? { sum: 0, count: 0 };
      total.sum += value;
      total.count++;
      entry.totals.set(group.label, total);
    }
  }
  const discussions = [...sums.entries()].map(([discussionId, entry]) => ({
    discussionId,
    annotators: entry.annotators.size,
    means: Object.fromEntries([...entry.totals.entries()].map(([dimension, total]) => [dimension, total.sum / total.count])),
  }));
  return { discussions, dimensions: numeric.map((group) => group.label).sort() };
}
