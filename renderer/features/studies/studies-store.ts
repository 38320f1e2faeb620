import { create } from "zustand";
import type { AnalysisOverview, ExportFileKind, StudyDetail, StudySummary } from "../../../shared/contract-analysis.js";
import type { FileProblem } from "../../../shared/contract.js";
import type { AnalysisResult, AnalysisUnit, MeasureRef } from "../../../shared/domain/analysis.js";
import { studio } from "../../app/studio.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { useExperimentStore } from "../experiments/experiment-store.js";
import { downloadBase64 } from "../../ui/download.js";
import { errorMessage } from "../../ui/format.js";

export type StudyTab = "discussions" | "analysis" | "agreement";

export interface AnalysisChoice {
  measure: MeasureRef;
  factors: string[];
  unit: AnalysisUnit;
}

interface StudiesState {
  studies: StudySummary[];
  problems: FileProblem[];
  loaded: boolean;
  selected: string | null;
  detail: StudyDetail | null;
  tab: StudyTab;
  overview: AnalysisOverview | null;
  /** Discussions measured so far while the study is measured; null when not measuring. */
  measuring: { done: number; total: number } | null;
  choice: AnalysisChoice | null;
  result: AnalysisResult | null;
  summarizing: boolean;
  exporting: ExportFileKind | null;
  error: string | null;

  studiesRequested: () => Promise<void>;
  studySelected: (studyId: string) => Promise<void>;
  tabChanged: (tab: StudyTab) => void;
  analysisRequested: () => Promise<void>;
  choiceChanged: (change: Partial<AnalysisChoice>) => Promise<void>;
  exportRequested: (file: ExportFileKind) => Promise<void>;
  discussionOpened: (discussionId: string, status: string) => void;
  /** The study's spec into the Experiments form: starting it there resumes what is missing, or it becomes a new study once changed. */
  studyReopened: () => Promise<void>;
  measuringProgressed: (done: number, total: number) => void;
  studyProgressed: (studyId: string) => void;
  errorDismissed: () => void;
}

/** The first factor that varies, so a study opens on a comparison rather than one pooled mean. */
function defaultChoice(overview: AnalysisOverview): AnalysisChoice {
  const varying = overview.factors.find((factor) => factor.levels.length > 1);
  return { measure: { level: "comment", column: "words" }, factors: varying ? [varying.name] : [], unit: "discussion" };
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

export const useStudiesStore = create<StudiesState>((set, get) => {
  const fail = (error: unknown) => set({ error: errorMessage(error) });
  const summarize = async () => {
    const { selected, choice } = get();
    if (!selected || !choice) return;
    set({ summarizing: true });
    try {
      const result = await studio.call("analysis.summarize", { studyId: selected, request: choice });
      // A later choice may have been made while this one was computed.
      if (get().selected === selected && get().choice === choice) set({ result });
    } catch (error) {
      fail(error);
    } finally {
      if (get().choice === choice) set({ summarizing: false });
    }
  };

  return {
    studies: [],
    problems: [],
    loaded: false,
    selected: null,
    detail: null,
    tab: "discussions",
    overview: null,
    measuring: null,
    choice: null,
    result: null,
    summarizing: false,
    exporting: null,
    error: null,

    studiesRequested: async () => {
      try {
        const { studies, problems } = await studio.call("studies.list", {});
        set({ studies, problems, loaded: true });
        const { selected } = get();
        if (selected && studies.some((study) => study.studyId === selected)) {
          const detail = await studio.call("studies.open", { studyId: selected });
          if (get().selected === selected) set({ detail });
        }
      } catch (error) {
        set({ loaded: true });
        fail(error);
      }
    },

    studySelected: async (studyId) => {
      if (get().selected === studyId && get().detail) return;
      set({ selected: studyId, detail: null, overview: null, choice: null, result: null, measuring: null });
      try {
        const detail = await studio.call("studies.open", { studyId });
        if (get().selected !== studyId) return;
        set({ detail });
        if (get().tab === "analysis") await get().analysisRequested();
      } catch (error) {
        fail(error);
      }
    },

    tabChanged: (tab) => {
      set({ tab });
      if (tab === "analysis" && !get().overview) void get().analysisRequested();
    },

    analysisRequested: async () => {
      const studyId = get().selected;
      if (!studyId) return;
      set({ measuring: { done: 0, total: get().detail?.summary.discussions ?? 0 } });
      try {
        const overview = await studio.call("analysis.measure", { studyId });
        if (get().selected !== studyId) return;
        const choice = get().choice ?? defaultChoice(overview);
        set({ overview, choice, measuring: null });
        await summarize();
      } catch (error) {
        set({ measuring: null });
        fail(error);
      }
    },

    choiceChanged: async (change) => {
      const current = get().choice;
      if (!current) return;
      const choice = { ...current, ...change };
      // A discussion measure has one value per discussion: the unit cannot be the comment.
      if (choice.measure.level === "discussion") choice.unit = "discussion";
      set({ choice });
      await summarize();
    },

    exportRequested: async (file) => {
      const studyId = get().selected;
      if (!studyId || get().exporting) return;
      set({ exporting: file });
      try {
        const exported = await studio.call("analysis.export", { studyId, file });
        downloadBase64(exported.fileName, exported.base64, exported.mimeType);
      } catch (error) {
        fail(error);
      } finally {
        set({ exporting: null });
      }
    },

    discussionOpened: (discussionId, status) => {
      // A discussion still being written is followed live; a finished one is read from its file.
      useNavigationStore.getState().discussionOpened({ kind: status === "running" ? "live" : "library", id: discussionId });
    },

    studyReopened: async () => {
      const studyId = get().selected;
      if (!studyId) return;
      try {
        const { spec } = await studio.call("studies.spec", { studyId });
        const summary = get().detail?.summary;
        const missing = summary ? summary.discussions - (summary.counts.completed ?? 0) : 0;
        await useExperimentStore.getState().specApplied(spec, missing > 0 ? `Reopened ${spec.name}: Start runs its ${missing} missing discussions` : `Reopened ${spec.name}: it is complete; rename and change it to start a new study from it`);
        useNavigationStore.getState().viewChanged("experiments");
      } catch (error) {
        fail(error);
      }
    },

    measuringProgressed: (done, total) => {
      if (get().measuring) set({ measuring: { done, total } });
    },

    studyProgressed: (studyId) => {
      // Runs report a few times a second: the list and the open study follow at most every two seconds.
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        if (get().loaded) void get().studiesRequested();
      }, get().selected === studyId ? 500 : 2000);
    },

    errorDismissed: () => set({ error: null }),
  };
});

/** Feeds the store from the engine's events (measuring progress, studies running); returns the unsubscribe. */
export function followStudyEvents(): () => void {
  const offProgress = studio.on("progress", (payload) => {
    const selected = useStudiesStore.getState().selected;
    if (selected && payload.label === `Measuring ${selected}` && payload.total !== null) useStudiesStore.getState().measuringProgressed(payload.done, payload.total);
  });
  const offRuns = studio.on("experiments.progress", (summary) => useStudiesStore.getState().studyProgressed(summary.experimentId));
  return () => {
    offProgress();
    offRuns();
  };
}
