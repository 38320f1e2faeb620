import { create } from "zustand";
import type { FileContent } from "../../../shared/contract.js";
import type { AnnotationScheme } from "../../../shared/domain/index.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";
import { useAnnotationStore } from "./annotation-store.js";
import { useCommentScoresStore } from "./comment-scores-store.js";

/** What the last import did, in the words the section shows. */
export interface ImportOutcome {
  summary: string;
  /** Rows or answers that did not come in, each naming why. */
  problems: string[];
}

interface ImportScoresState {
  importing: boolean;
  outcome: ImportOutcome | null;
  error: string | null;
  annotationFileImported: (file: FileContent, scheme: AnnotationScheme, annotatorName: string, discussionId: string) => Promise<void>;
  scoresCsvImported: (file: FileContent, annotatorName: string) => Promise<void>;
  dismissed: () => void;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Imports of scores made elsewhere: a SynDisco annotation file, or a CSV of a classifier's scores. */
export const useImportScoresStore = create<ImportScoresState>((set) => {
  // The imported annotator shows up as a job and on the cards straight away.
  const refreshed = async () => {
    await useAnnotationStore.getState().pageOpened();
    await useCommentScoresStore.getState().refreshed();
  };
  const run = async (work: () => Promise<ImportOutcome>) => {
    set({ importing: true, error: null, outcome: null });
    try {
      const outcome = await work();
      set({ importing: false, outcome });
      await refreshed();
    } catch (error) {
      set({ importing: false, error: errorMessage(error) });
    }
  };
  return {
    importing: false,
    outcome: null,
    error: null,
    annotationFileImported: (file, scheme, annotatorName, discussionId) =>
      run(async () => {
        const name = annotatorName.trim();
        const id = discussionId.trim();
        const result = await studio.call("annotations.importFile", { file, scheme, ...(name ? { annotatorName: name } : {}), ...(id ? { discussionId: id } : {}) });
        const unparsed = result.unparsed > 0 ? ` (${result.unparsed} of them did not parse with the scheme and are kept as raw answers)` : "";
        return { summary: `Imported ${plural(result.annotations, "annotation")} of discussion ${result.discussionId} from ${file.fileName}${unparsed}.`, problems: result.warnings };
      }),
    scoresCsvImported: (file, annotatorName) =>
      run(async () => {
        const result = await studio.call("annotations.importCsv", { file, annotatorName: annotatorName.trim() });
        return {
          summary: `Imported ${plural(result.annotations, "score")} (${result.dimensions.join(", ")}) over ${plural(result.discussions, "discussion")} from ${file.fileName} as "${annotatorName.trim()}".`,
          problems: result.problems,
        };
      }),
    dismissed: () => set({ outcome: null, error: null }),
  };
});
