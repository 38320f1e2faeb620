import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import type { StudioEvent } from "../../shared/contract.js";
import type { AnalysisOverview, ExportedFile, ExportFileKind, StudyDetail, StudySummary } from "../../shared/contract-analysis.js";
import type { AnalysisRequest, AnalysisResult } from "../../shared/domain/analysis.js";
import type { ExperimentSpec } from "../../shared/domain/index.js";
import { measureStudy, type StudyMeasures } from "../engine/analysis/study-measures.js";
import { AnalysisRequestError, summarize } from "../engine/analysis/summarize.js";
import { measureInfo, measuresOf } from "../engine/analysis/measure-catalog.js";
import { writeStudyDataset } from "../engine/analysis/write-dataset.js";
import { writeStudyReport } from "../engine/analysis/write-report.js";
import type { AnnotationSource } from "../storage/annotation-means.js";
import { NotFoundError } from "../storage/data-file.js";
import { readStudyFolder, StudyFolderError } from "../storage/study-folder.js";
import { listStudies, studyDetail, studyFactors, type ActiveState } from "../storage/study-list.js";
import { StudioError } from "./studio-error.js";

export interface AnalysisServiceOptions {
  /** `<data>/experiments`: one folder per study. */
  directory: string;
  /** Whether a run of the study is going on (from the experiment service). */
  active: ActiveState;
  emit: (event: StudioEvent) => void;
  /** Annotation scores of a study's discussions; none by default. */
  annotations?: (studyFolder: string) => AnnotationSource;
}

const MIME: Record<string, string> = { ".csv": "text/csv", ".parquet": "application/vnd.apache.parquet", ".py": "text/x-python", ".zip": "application/zip" };

/**
 * Studies and their analysis. A study's measures stay in memory once computed, so switching
 * measure or factor recomputes only the summaries; `measure` checks the files again (reading
 * only those that changed) and is what the view calls on opening and when a run moves on.
 */
export class AnalysisService {
  private readonly measured = new Map<string, StudyMeasures>();
  private readonly measuring = new Map<string, Promise<StudyMeasures>>();

  constructor(private readonly options: AnalysisServiceOptions) {}

  list(): Promise<{ studies: StudySummary[]; problems: { file: string; message: string }[] }> {
    return listStudies(this.options.directory, this.options.active);
  }

  async open(studyId: string): Promise<StudyDetail> {
    return studyDetail(await this.folder(studyId), studyId, this.options.active);
  }

  async spec(studyId: string): Promise<{ spec: ExperimentSpec }> {
    const study = await readStudyFolder(await this.folder(studyId)).catch((error: unknown) => {
      throw error instanceof StudyFolderError ? new StudioError("corrupt-file", error.message) : error;
    });
    if (!study.spec) throw new StudioError("corrupt-file", `the spec in ${path.join(study.folder, "experiment.json")} is not one this version reads, so the study cannot be reopened`);
    return { spec: study.spec };
  }

  async measure(studyId: string): Promise<AnalysisOverview> {
    const study = await this.measureNow(studyId);
    const counts: AnalysisOverview["counts"] = {};
    for (const discussion of study.discussions) counts[discussion.status] = (counts[discussion.status] ?? 0) + 1;
    return {
      studyId,
      name: study.study.name,
      measures: measuresOf(study.annotationDimensions).map(measureInfo),
      factors: studyFactors(study.study),
      annotationDimensions: study.annotationDimensions,
      counts,
      problems: study.problems,
      measuredNow: study.measuredNow,
      fromCache: study.fromCache,
    };
  }

  async summarize(studyId: string, request: AnalysisRequest): Promise<AnalysisResult> {
    const study = this.measured.get(studyId) ?? (await this.measureNow(studyId));
    try {
      return summarize(study, request);
    } catch (error) {
      if (error instanceof AnalysisRequestError) throw new StudioError("bad-request", error.message);
      throw error;
    }
  }

  /** Writes the dataset (or the whole report) into a temporary folder and answers the file asked for. */
  async export(studyId: string, file: ExportFileKind): Promise<ExportedFile> {
    const study = await this.measureNow(studyId);
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-export-"));
    try {
      if (file === "report.zip") {
        await writeStudyReport(study, out);
        return { fileName: `${studyId}-report.zip`, mimeType: MIME[".zip"] as string, base64: Buffer.from(zipSync(await folderEntries(out))).toString("base64") };
      }
      await writeStudyDataset(study, out);
      const relative = file === "analysis.py" ? file : path.join("dataset", file);
      return { fileName: `${studyId}-${file}`, mimeType: MIME[path.extname(file)] ?? "application/octet-stream", base64: (await readFile(path.join(out, relative))).toString("base64") };
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }

  /** One measuring run per study at a time: a second caller waits for the same result. */
  private measureNow(studyId: string): Promise<StudyMeasures> {
    const running = this.measuring.get(studyId);
    if (running) return running;
    const operationId = randomUUID();
    const label = `Measuring ${studyId}`;
    const task = this.folder(studyId)
      .then((folder) =>
        measureStudy(folder, {
          annotations: this.options.annotations?.(folder),
          onProgress: (done, total) => this.options.emit({ name: "progress", payload: { operationId, label, done, total } }),
        }),
      )
      .then((study) => {
        this.measured.set(studyId, study);
        return study;
      })
      .catch((error: unknown) => {
        if (error instanceof StudyFolderError) throw new StudioError("corrupt-file", error.message);
        throw error;
      })
      .finally(() => this.measuring.delete(studyId));
    this.measuring.set(studyId, task);
    return task;
  }

  private async folder(studyId: string): Promise<string> {
    const folder = path.join(this.options.directory, studyId);
    const info = await stat(path.join(folder, "experiment.json")).catch(() => null);
    if (!info) throw new NotFoundError(`no study "${studyId}" in ${this.options.directory}`);
    return folder;
  }
}

/** Every file below `folder`, keyed by its relative path with forward slashes (as zip wants). */
async function folderEntries(folder: string): Promise<Record<string, Uint8Array>> {
  const entries: Record<string, Uint8Array> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    entries[path.relative(folder, full).split(path.sep).join("/")] = new Uint8Array(await readFile(full));
  }
  return entries;
}
