import { create } from "zustand";
import type { ExperimentPlanInfo, ExperimentSummary, SavedSpec } from "../../../shared/contract-experiments.js";
import type { FileProblem } from "../../../shared/contract.js";
import type { ExperimentSpec, Persona } from "../../../shared/domain/index.js";
import { localModelName } from "../../../shared/domain/model-info.js";
import { studio } from "../../app/studio.js";
import { useNavigationStore } from "../../app/navigation-store.js";
import { errorMessage } from "../../ui/format.js";
import { buildSpec, draftFromSpec, emptyDraft, modelChoice, type ExperimentDraft, type ModelChoice, type PopulationChoice } from "./experiment-draft.js";
import { populationPresets } from "../../../shared/population/presets.js";

interface ExperimentState {
  draft: ExperimentDraft;
  personas: Persona[];
  modelChoices: ModelChoice[];
  /** Populations a study may draw its users from (presets, saved specs, a loaded study's). */
  populationChoices: PopulationChoice[];
  /** What the engine says about the current draft (null while it has problems). */
  plan: ExperimentPlanInfo | null;
  /** Why the draft is not a study yet, or what the engine refused. */
  problems: string[];
  runs: Record<string, ExperimentSummary>;
  /** The run the page shows. */
  shownRun: string | null;
  savedSpecs: SavedSpec[];
  /** Saved spec files that cannot be read: listed, never hidden. */
  specProblems: FileProblem[];
  error: string | null;
  notice: string | null;
  /** The form was changed (or a spec loaded) since the page opened: a reload's running study does not replace it. */
  draftTouched: boolean;

  pageOpened: () => Promise<void>;
  draftChanged: (change: Partial<ExperimentDraft>) => void;
  planRequested: () => Promise<void>;
  runStarted: () => Promise<void>;
  runControlled: (action: "pause" | "resume" | "cancel") => Promise<void>;
  progressReceived: (summary: ExperimentSummary) => void;
  discussionOpened: (discussionId: string) => void;
  specSaved: () => Promise<void>;
  specLoaded: (id: string) => Promise<void>;
  /** Puts a spec in the form (a saved one, or a study's reopened from the Studies view). */
  specApplied: (spec: ExperimentSpec, notice: string) => Promise<void>;
  errorDismissed: () => void;
}

export const useExperimentStore = create<ExperimentState>((set, get) => {
  const currentSpec = () => buildSpec(get().draft, get().personas, get().modelChoices, get().populationChoices);
  const fail = (error: unknown) => set({ error: errorMessage(error) });
  /** Puts a spec in the form; the models and populations it names become choosable. */
  const putInForm = (spec: ExperimentSpec, notice: string, draftChange: Partial<ExperimentDraft> = {}, touched = get().draftTouched) => {
    const loaded = draftFromSpec(spec);
    const choices = [...get().modelChoices, ...loaded.choices.filter((choice) => !get().modelChoices.some((entry) => entry.key === choice.key))];
    set({
      draft: { ...loaded.draft, ...draftChange },
      personas: mergePersonas(get().personas, loaded.personas),
      modelChoices: choices,
      populationChoices: mergeChoices(get().populationChoices, loaded.populationChoices),
      notice,
      error: null,
      draftTouched: touched,
    });
  };
  /** After a reload the form is empty while a study runs: it shows that study's spec again. */
  const showRunningStudy = async () => {
    const { shownRun, runs, draftTouched } = get();
    const run = shownRun ? runs[shownRun] : undefined;
    if (!run || draftTouched || !isRunning(run)) return;
    const { spec } = await studio.call("experiments.runSpec", { experimentId: run.experimentId });
    // "Paused" or "cancelling" rather than "running" where that is what the run panel says.
    putInForm(spec, `Showing ${spec.name}, which is ${run.progress.state}`, { parallel: run.parallel });
  };
  return {
    draft: emptyDraft(),
    personas: [],
    modelChoices: [],
    populationChoices: populationPresets.map((preset) => ({ key: `preset:${preset.id}`, label: preset.spec.name, spec: preset.spec })),
    plan: null,
    problems: [],
    runs: {},
    shownRun: null,
    savedSpecs: [],
    specProblems: [],
    error: null,
    notice: null,
    draftTouched: false,

    pageOpened: async () => {
      try {
        const [{ personas }, { models }, { profiles }, { experiments }, specs, saved] = await Promise.all([
          studio.call("personas.list", {}),
          studio.call("models.list", {}),
          studio.call("models.profiles", {}),
          studio.call("experiments.list", {}),
          studio.call("experiments.specs", {}),
          savedPopulations(),
        ]);
        const choices = [
          ...models.filter((model) => model.error === null).map((model) => modelChoice({ backend: "llama", path: model.path }, localModelName(model))),
          ...profiles.map((profile) => modelChoice(profile.ref, profile.name)),
        ];
        // Models a loaded spec named stay choosable even if no longer listed.
        const kept = get().modelChoices.filter((choice) => !choices.some((entry) => entry.key === choice.key));
        const runs = Object.fromEntries(experiments.map((run) => [run.experimentId, run]));
        const draft = get().draft;
        set({
          personas: mergePersonas(personas, get().personas),
          modelChoices: [...choices, ...kept],
          populationChoices: mergeChoices(get().populationChoices, saved),
          runs,
          savedSpecs: specs.specs,
          specProblems: specs.problems,
          shownRun: get().shownRun ?? experiments.at(-1)?.experimentId ?? null,
          // A fresh form starts with the first model chosen and the whole persona list in the pool.
          draft: {
            ...draft,
            models: draft.models.length > 0 || choices.length === 0 ? draft.models : [choices[0]!.key],
            pool: draft.pool.length > 0 ? draft.pool : personas.map((persona) => persona.username),
          },
        });
        await showRunningStudy();
        await get().planRequested();
      } catch (error) {
        fail(error);
      }
    },

    draftChanged: (change) => set({ draft: { ...get().draft, ...change }, draftTouched: true }),

    planRequested: async () => {
      const built = currentSpec();
      if (!built.ok) return set({ plan: null, problems: built.problems });
      try {
        const parallel = get().draft.parallel;
        const plan = await studio.call("experiments.plan", { spec: built.spec, ...(parallel ? { parallel } : {}) });
        // A newer draft may have been planned meanwhile; only the current one's plan is shown.
        if (currentSpec().ok && JSON.stringify(currentSpec()) === JSON.stringify(built)) set({ plan, problems: [] });
      } catch (error) {
        set({ plan: null, problems: [errorMessage(error)] });
      }
    },

    runStarted: async () => {
      const built = currentSpec();
      if (!built.ok) return set({ problems: built.problems });
      try {
        const parallel = get().draft.parallel;
        const summary = await studio.call("experiments.start", { spec: built.spec, ...(parallel ? { parallel } : {}) });
        set({ runs: { ...get().runs, [summary.experimentId]: summary }, shownRun: summary.experimentId, error: null });
      } catch (error) {
        fail(error);
      }
    },

    runControlled: async (action) => {
      const id = get().shownRun;
      if (!id) return;
      try {
        get().progressReceived(await studio.call("experiments.control", { experimentId: id, action }));
      } catch (error) {
        fail(error);
      }
    },

    progressReceived: (summary) => {
      const wasActive = get().runs[summary.experimentId]?.progress.state;
      set({ runs: { ...get().runs, [summary.experimentId]: summary } });
      // A finished study changes the measured speed and what is already done: plan again.
      if (wasActive !== summary.progress.state && (summary.progress.state === "finished" || summary.progress.state === "cancelled")) void get().planRequested();
    },

    discussionOpened: (discussionId) => useNavigationStore.getState().discussionOpened({ kind: "live", id: discussionId }),

    specSaved: async () => {
      const built = currentSpec();
      if (!built.ok) return set({ problems: built.problems });
      try {
        const saved = await studio.call("experiments.saveSpec", { spec: built.spec });
        const specs = await studio.call("experiments.specs", {});
        set({ savedSpecs: specs.specs, specProblems: specs.problems, notice: `Saved as ${saved.file}`, error: null });
      } catch (error) {
        fail(error);
      }
    },

    specLoaded: async (id) => {
      try {
        const { spec } = await studio.call("experiments.loadSpec", { id });
        await get().specApplied(spec, `Loaded ${spec.name}`);
      } catch (error) {
        fail(error);
      }
    },

    specApplied: async (spec, notice) => {
      // A spec the user chose replaces the form; a reload's running study no longer does.
      putInForm(spec, notice, {}, true);
      await get().planRequested();
    },

    errorDismissed: () => set({ error: null, notice: null }),
  };
});

/** Population specs saved in the data folder, as choices (a spec that no longer loads is left out). */
async function savedPopulations(): Promise<PopulationChoice[]> {
  // Populations are optional here: a folder that cannot be listed leaves the presets, not a broken page.
  const listed = await studio.call("populations.list", {}).catch(() => null);
  const populations = listed?.populations ?? [];
  const loaded = await Promise.all(populations.map((entry) => studio.call("populations.load", { id: entry.id }).then(({ spec }) => ({ key: `saved:${entry.id}`, label: spec.name, spec }), () => null)));
  return loaded.filter((choice): choice is PopulationChoice => choice !== null);
}

function mergeChoices(primary: PopulationChoice[], extra: PopulationChoice[]): PopulationChoice[] {
  const keys = new Set(extra.map((choice) => choice.key));
  return [...primary.filter((choice) => !keys.has(choice.key)), ...extra];
}

/** A study still in progress: its form is locked. */
export function isRunning(run: ExperimentSummary | undefined): boolean {
  const state = run?.progress.state;
  return state === "running" || state === "paused" || state === "cancelling";
}

/** The personas list first; personas only a loaded spec has (e.g. since deleted) after it. */
function mergePersonas(primary: Persona[], extra: Persona[]): Persona[] {
  const names = new Set(primary.map((persona) => persona.username));
  return [...primary, ...extra.filter((persona) => !names.has(persona.username))];
}

/** Feeds the store from the engine's progress events; returns the unsubscribe. */
export function followExperimentEvents(): () => void {
  return studio.on("experiments.progress", (summary) => useExperimentStore.getState().progressReceived(summary));
}
