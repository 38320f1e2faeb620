import path from "node:path";
import type { FileProblem } from "../../../shared/contract.js";
import { writeFileAtomic } from "../../storage/atomic-write.js";
import { codebookCsv, datasetCsv, datasetParquet } from "../../storage/dataset-files.js";
import { appVersion } from "../../app-version.js";
import { commentsDataset, discussionsDataset, type Dataset } from "./dataset.js";
import { pythonAnalysisScript, scriptPlan } from "./python-script.js";
import { reportPlan, type ReportPlan } from "./report-plan.js";
import { conditionLabels } from "./summarize.js";
import { studyTexts } from "./study-texts.js";
import type { StudyMeasures } from "./study-measures.js";

export interface WrittenDataset {
  datasets: Dataset[];
  plan: ReportPlan;
  /** Paths written, relative to the output folder. */
  files: string[];
  problems: FileProblem[];
}

/**
 * `<out>/dataset/` (comments and discussions as CSV and Parquet, and the codebook) and
 * `<out>/analysis.py`, the Python script that loads them and reproduces the report.
 */
export async function writeStudyDataset(study: StudyMeasures, out: string): Promise<WrittenDataset> {
  const { texts, problems } = await studyTexts(study);
  const datasets = [commentsDataset(study, texts), discussionsDataset(study)];
  const plan = reportPlan(study);
  const files: string[] = [];
  const write = async (relative: string, content: string | Uint8Array) => {
    await writeFileAtomic(path.join(out, relative), content);
    files.push(relative);
  };
  for (const dataset of datasets) {
    await write(`dataset/${dataset.name}.csv`, datasetCsv(dataset));
    await write(`dataset/${dataset.name}.parquet`, datasetParquet(dataset));
  }
  await write("dataset/codebook.csv", codebookCsv(datasets));
  const script = scriptPlan(study, plan, datasets, conditionLabels(study, plan.factors), appVersion);
  await write("analysis.py", pythonAnalysisScript(script));
  return { datasets, plan, files, problems };
}
