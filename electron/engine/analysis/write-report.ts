import type { FileProblem } from "../../../shared/contract.js";
import { writeStudyDataset } from "./write-dataset.js";
import type { StudyMeasures } from "./study-measures.js";

export interface WrittenReport {
  /** Paths written, relative to the output folder. */
  files: string[];
  problems: FileProblem[];
}

/** Everything `cli analyze` and the study view's "Export report" write into one folder. */
export async function writeStudyReport(study: StudyMeasures, out: string): Promise<WrittenReport> {
  const dataset = await writeStudyDataset(study, out);
  return { files: dataset.files, problems: dataset.problems };
}
