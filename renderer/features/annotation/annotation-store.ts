import { create } from "zustand";
import type { AnnotationJobSummary, SavedAnnotator, SavedScheme } from "../../../shared/contract-annotations.js";
import { annotationSchemeSchema, type AnnotationAgreement, type AnnotationScheme, type Annotator, type Persona } from "../../../shared/domain/index.js";
import { modelRefKey, type ModelRef } from "../../../shared/domain/model-ref.js";
import { studio } from "../../app/studio.js";
import { errorMessage } from "../../ui/format.js";
import { useCommentScoresStore } from "./comment-scores-store.js";

export interface ModelChoice {
  key: string;
  label: string;
  ref: ModelRef;
}

export interface JobDraft {
  name: string;
  target: "library" | "study";
  experimentId: string;
  includeModeratorComments: boolean;
  parallel: number;
}

interface AnnotationState {
  schemes: SavedScheme[];
  presets: AnnotationScheme[];
  /** The scheme in the editor, as typed (validated on save), and the saved id it replaces. */
  editing: { id: string | null; scheme: AnnotationScheme } | null;
  schemeProblems: string[];
  annotators: SavedAnnotator[];
  personas: Persona[];
  modelChoices: ModelChoice[];
  studies: { experimentId: string; name: string; discussions: number }[];
  jobs: Record<string, AnnotationJobSummary>;
  agreement: Record<string, AnnotationAgreement>;
  draft: JobDraft;
  error: string | null;
  notice: string | null;

  pageOpened: () => Promise<void>;
  schemeEditStarted: (id: string | null, scheme: AnnotationScheme) => void;
  schemeEdited: (scheme: AnnotationScheme) => void;
  schemeSaved: () => Promise<void>;
  schemeEditClosed: () => void;
  annotatorsChanged: (annotators: SavedAnnotator[]) => void;
  annotatorsSaved: () => Promise<void>;
  draftChanged: (change: Partial<JobDraft>) => void;
  jobStarted: (libraryIds: readonly string[]) => Promise<void>;
  jobControlled: (jobId: string, action: "pause" | "resume" | "cancel") => Promise<void>;
  jobResumed: (jobId: string) => Promise<void>;
  agreementRequested: (jobId: string) => Promise<void>;
  progressReceived: (summary: AnnotationJobSummary) => void;
  errorDismissed: () => void;
}

/** The annotators as a job takes them: personas and schemes resolved from the pool and the saved schemes. */
export function resolveAnnotators(saved: readonly SavedAnnotator[], schemes: readonly SavedScheme[], personas: readonly Persona[]): { ok: true; annotators: Annotator[] } | { ok: false; problem: string } {
  const annotators: Annotator[] = [];
  for (const entry of saved) {
    const scheme = schemes.find((candidate) => candidate.id === entry.schemeId)?.scheme;
    if (!scheme) return { ok: false, problem: `annotator "${entry.name}" has no saved scheme; choose one` };
    const persona = entry.persona === null ? null : (personas.find((candidate) => candidate.username === entry.persona) ?? null);
    if (entry.persona !== null && !persona) return { ok: false, problem: `annotator "${entry.name}": persona "${entry.persona}" is not in the pool` };
    annotators.push({ name: entry.name, persona, scheme, model: entry.model, sampling: entry.sampling });
  }
  return { ok: true, annotators };
}

/** Local models that load and the saved server profiles, as an annotator's model choices. */
async function loadModelChoices(): Promise<ModelChoice[]> {
  const [{ models }, { profiles }] = await Promise.all([studio.call("models.list", {}), studio.call("models.profiles", {})]);
  return [
    ...models.filter((model) => model.error === null).map((model) => ({ ref: { backend: "llama" as const, path: model.path }, label: model.fileName })),
    ...profiles.map((profile) => ({ ref: profile.ref, label: `${profile.name} (server)` })),
  ].map((choice) => ({ ...choice, key: modelRefKey(choice.ref) }));
}

export const useAnnotationStore = create<AnnotationState>((set, get) => {
  const fail = (error: unknown) => set({ error: errorMessage(error) });
  const refreshJobs = async () => {
    const { jobs } = await studio.call("annotations.jobs", {});
    set({ jobs: Object.fromEntries(jobs.map((job) => [job.jobId, job])) });
  };
  return {
    schemes: [],
    presets: [],
    editing: null,
    schemeProblems: [],
    annotators: [],
    personas: [],
    modelChoices: [],
    studies: [],
    jobs: {},
    agreement: {},
    draft: { name: "Annotation job", target: "library", experimentId: "", includeModeratorComments: true, parallel: 4 },
    error: null,
    notice: null,

    // Models are listed apart: reading every model file's metadata can take seconds, and the schemes,
    // annotators and jobs should not wait for it.
    pageOpened: async () => {
      const models = loadModelChoices().then(
        (modelChoices) => ({ modelChoices }),
        (error: unknown) => ({ error }),
      );
      try {
        const [schemes, { annotators }, { personas }, { studies }] = await Promise.all([
          studio.call("annotations.schemes", {}),
          studio.call("annotations.annotators", {}),
          studio.call("personas.list", {}),
          studio.call("annotations.studies", {}),
        ]);
        const draft = get().draft;
        set({
          schemes: schemes.schemes,
          presets: schemes.presets,
          annotators,
          personas,
          studies,
          draft: { ...draft, experimentId: draft.experimentId || studies[0]?.experimentId || "" },
          error: schemes.problems[0] ? `${schemes.problems[0].file}: ${schemes.problems[0].message}` : null,
        });
        await refreshJobs();
      } catch (error) {
        fail(error);
      }
      // After the rest, so a failed listing stays the page's error.
      const listed = await models;
      if ("error" in listed) fail(listed.error);
      else set(listed);
    },

    schemeEditStarted: (id, scheme) => set({ editing: { id, scheme: structuredClone(scheme) }, schemeProblems: [] }),
    schemeEdited: (scheme) => {
      const editing = get().editing;
      if (editing) set({ editing: { ...editing, scheme } });
    },
    schemeSaved: async () => {
      const editing = get().editing;
      if (!editing) return;
      const parsed = annotationSchemeSchema.safeParse(editing.scheme);
      if (!parsed.success) return set({ schemeProblems: parsed.error.issues.map((issue) => issue.message) });
      try {
        const saved = await studio.call("annotations.saveScheme", { ...(editing.id ? { id: editing.id } : {}), scheme: parsed.data });
        const others = get().schemes.filter((entry) => entry.id !== saved.id);
        set({ schemes: [...others, saved], editing: null, schemeProblems: [], notice: `Saved the scheme "${saved.scheme.name}".` });
      } catch (error) {
        set({ schemeProblems: [errorMessage(error)] });
      }
    },
    schemeEditClosed: () => set({ editing: null, schemeProblems: [] }),

    annotatorsChanged: (annotators) => set({ annotators }),
    annotatorsSaved: async () => {
      try {
        const { annotators } = await studio.call("annotations.saveAnnotators", { annotators: get().annotators });
        set({ annotators, notice: "Saved the annotators." });
      } catch (error) {
        fail(error);
      }
    },

    draftChanged: (change) => set({ draft: { ...get().draft, ...change } }),

    jobStarted: async (libraryIds) => {
      const { draft, annotators, schemes, personas } = get();
      const resolved = resolveAnnotators(annotators, schemes, personas);
      if (!resolved.ok) return set({ error: resolved.problem });
      try {
        const summary = await studio.call("annotations.start", {
          name: draft.name,
          annotators: resolved.annotators,
          target: draft.target === "study" ? { kind: "study", experimentId: draft.experimentId } : { kind: "discussions", ids: [...libraryIds] },
          includeModeratorComments: draft.includeModeratorComments,
          parallel: draft.parallel,
        });
        get().progressReceived(summary);
        set({ error: null });
      } catch (error) {
        fail(error);
      }
    },
    jobControlled: async (jobId, action) => {
      try {
        get().progressReceived(await studio.call("annotations.control", { jobId, action }));
      } catch (error) {
        fail(error);
      }
    },
    jobResumed: async (jobId) => {
      try {
        get().progressReceived(await studio.call("annotations.resume", { jobId }));
      } catch (error) {
        fail(error);
      }
    },
    agreementRequested: async (jobId) => {
      try {
        const agreement = await studio.call("annotations.agreement", { jobId });
        set({ agreement: { ...get().agreement, [jobId]: agreement } });
      } catch (error) {
        fail(error);
      }
    },
    progressReceived: (summary) => {
      set({ jobs: { ...get().jobs, [summary.jobId]: summary } });
      const state = summary.progress.state;
      if (state === "finished") void get().agreementRequested(summary.jobId);
      // An open transcript shows the new scores once a job ends (or stops).
      if (state === "finished" || state === "cancelled") void useCommentScoresStore.getState().refreshed();
    },
    errorDismissed: () => set({ error: null, notice: null }),
  };
});

let listening = false;
/** Progress events keep the page (and the transcript's scores) current while jobs run. */
export function listenForAnnotationProgress(): void {
  if (listening) return;
  listening = true;
  studio.on("annotations.progress", (summary) => useAnnotationStore.getState().progressReceived(summary));
}
