import { create } from "zustand";
import type { PopulationSpec } from "../../../shared/domain/population.js";
import { populationSpecSchema } from "../../../shared/domain/population.js";
import type { PoolProfile } from "../../../shared/domain/population-profile.js";
import type { DrawnPoolInfo, SavedPopulationInfo } from "../../../shared/contract-populations.js";
import type { ModelRef } from "../../../shared/domain/model-ref.js";
import { populationPresets } from "../../../shared/population/presets.js";
import { pyJsonDumps } from "../../../shared/pyjson.js";
import { studio } from "../../app/studio.js";
import { downloadText } from "../../ui/download.js";
import { useToastStore } from "../../ui/toast-store.js";
import { usePersonaStore } from "../personas/persona-store.js";

export interface DrawProgress {
  label: string;
  done: number;
  total: number | null;
}

interface PopulationState {
  open: boolean;
  /** The spec being edited; may be invalid while the user types (the panel lists its problems). */
  draft: PopulationSpec;
  /** Where the draft came from: a preset id, a saved spec id, or a file name. */
  source: string;
  saved: SavedPopulationInfo[];
  size: number;
  seed: number;
  /** Writes the LLM fields; null leaves them empty. */
  model: ModelRef | null;
  drawing: { operationId: string; progress: DrawProgress | null } | null;
  result: DrawnPoolInfo | null;
  /** The user's own personas profiled against the draft. */
  myProfile: PoolProfile | null;
  error: string | null;

  panelOpened: () => void;
  panelClosed: () => void;
  savedRequested: () => Promise<void>;
  presetChosen: (id: string) => void;
  savedChosen: (id: string) => Promise<void>;
  /** Applies an edit to a copy of the draft. */
  draftEdited: (edit: (draft: PopulationSpec) => void) => void;
  specImported: (fileName: string, text: string) => void;
  specExported: () => void;
  specSaved: () => Promise<void>;
  drawSettingsChanged: (settings: Partial<Pick<PopulationState, "size" | "seed" | "model">>) => void;
  drawRequested: () => Promise<void>;
  drawCancelled: () => Promise<void>;
  poolAddedToPersonas: () => Promise<void>;
  poolSaved: (name: string) => Promise<void>;
  poolExported: () => void;
  myPersonasProfiled: () => Promise<void>;
  errorDismissed: () => void;
}

const firstPreset = populationPresets[0]!;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let operationCounter = 0;

export const usePopulationStore = create<PopulationState>((set, get) => ({
  open: false,
  draft: structuredClone(firstPreset.spec),
  source: `preset:${firstPreset.id}`,
  saved: [],
  size: 40,
  seed: 1,
  model: null,
  drawing: null,
  result: null,
  myProfile: null,
  error: null,

  panelOpened: () => {
    set({ open: true });
    void get().savedRequested();
  },
  panelClosed: () => set({ open: false }),
  savedRequested: async () => {
    try {
      set({ saved: (await studio.call("populations.list", {})).populations });
    } catch (error) {
      set({ error: `Could not list saved populations: ${message(error)}` });
    }
  },
  presetChosen: (id) => {
    const preset = populationPresets.find((candidate) => candidate.id === id);
    if (preset) set({ draft: structuredClone(preset.spec), source: `preset:${id}`, result: null, myProfile: null });
  },
  savedChosen: async (id) => {
    try {
      const { spec } = await studio.call("populations.load", { id });
      set({ draft: spec, source: `saved:${id}`, result: null, myProfile: null });
    } catch (error) {
      set({ error: `Could not open ${id}: ${message(error)}` });
    }
  },
  draftEdited: (edit) => {
    const draft = structuredClone(get().draft);
    edit(draft);
    set({ draft });
  },
  specImported: (fileName, text) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      set({ error: `${fileName} is not JSON` });
      return;
    }
    const parsed = populationSpecSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      set({ error: `${fileName} is not a population spec: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"}` });
      return;
    }
    set({ draft: parsed.data, source: `file:${fileName}`, result: null, myProfile: null, error: null });
  },
  specExported: () => {
    const { draft } = get();
    downloadText(`${draft.name.replace(/[^A-Za-z0-9_.-]+/g, "-") || "population"}.json`, `${JSON.stringify(draft, null, 2)}\n`);
  },
  specSaved: async () => {
    try {
      const saved = await studio.call("populations.save", { spec: get().draft });
      set({ source: `saved:${saved.id}` });
      useToastStore.getState().toastShown({ message: `Saved ${saved.name} (${saved.file})` });
      await get().savedRequested();
    } catch (error) {
      set({ error: `Could not save the population: ${message(error)}` });
    }
  },
  drawSettingsChanged: (settings) => set(settings),

  drawRequested: async () => {
    const { draft, size, seed, model, drawing } = get();
    if (drawing) return;
    const operationId = `population-draw-${Date.now()}-${++operationCounter}`;
    set({ drawing: { operationId, progress: null }, error: null });
    const off = studio.on("progress", (payload) => {
      if (payload.operationId !== operationId) return;
      const current = get().drawing;
      if (current?.operationId === operationId) set({ drawing: { operationId, progress: { label: payload.label, done: payload.done, total: payload.total } } });
    });
    try {
      const taken = usePersonaStore.getState().personas.map((persona) => persona.username);
      const result = await studio.call("populations.draw", { spec: draft, size, seed, model, taken, operationId });
      set({ result, myProfile: null });
    } catch (error) {
      set({ error: `Could not draw the pool: ${message(error)}` });
    } finally {
      off();
      set({ drawing: null });
    }
  },
  drawCancelled: async () => {
    const drawing = get().drawing;
    if (drawing) await studio.call("populations.cancelDraw", { operationId: drawing.operationId }).catch(() => undefined);
  },

  poolAddedToPersonas: async () => {
    const result = get().result;
    if (!result) return;
    try {
      const content = JSON.stringify(result.personas);
      const report = await studio.call("personas.importFile", { file: { fileName: `${result.record.spec.name}.json`, content } });
      await usePersonaStore.getState().personasRequested();
      const skipped = report.skipped.length > 0 ? `; ${report.skipped.length} skipped (${report.skipped.slice(0, 3).join(", ")})` : "";
      useToastStore.getState().toastShown({ message: `Added ${report.imported.length} personas${skipped}` });
    } catch (error) {
      set({ error: `Could not add the pool to your personas: ${message(error)}` });
    }
  },
  poolSaved: async (name) => {
    const result = get().result;
    if (!result) return;
    try {
      const files = await studio.call("populations.savePool", { name, personas: result.personas, record: result.record });
      useToastStore.getState().toastShown({ message: `Saved ${files.personasFile} and its record` });
    } catch (error) {
      set({ error: `Could not save the pool: ${message(error)}` });
    }
  },
  poolExported: () => {
    const result = get().result;
    if (!result) return;
    const stem = result.record.spec.name.replace(/[^A-Za-z0-9_.-]+/g, "-") || "pool";
    // As Python's json.dump(personas, f, indent=4) writes it: SynDisco reads it as is.
    downloadText(`${stem}.json`, pyJsonDumps(result.personas, { indent: 4 }));
    downloadText(`${stem}.population.json`, `${JSON.stringify({ ...result.record, personasFile: `${stem}.json` }, null, 2)}\n`);
  },
  myPersonasProfiled: async () => {
    try {
      const personas = usePersonaStore.getState().personas;
      set({ myProfile: await studio.call("populations.profile", { spec: get().draft, personas }), error: null });
    } catch (error) {
      set({ error: `Could not profile your personas: ${message(error)}` });
    }
  },
  errorDismissed: () => set({ error: null }),
}));
