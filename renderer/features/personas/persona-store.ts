import { create } from "zustand";
import type { Persona } from "../../../shared/domain/persona.js";
import type { FileContent, FileProblem } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";
import { useToastStore } from "../../ui/toast-store.js";
import { downloadText } from "../../ui/download.js";
import { copyName, draftFromPersona, emptyDraft, hasErrors, personaFromDraft, validateDraft, type PersonaDraft } from "./persona-draft.js";
import { forgetLegacyPersonaSets, legacyPersonaSets } from "./persona-sets-storage.js";
import type { ImportConflict, PersonaSet } from "../../../shared/contract-personas.js";

export interface PersonaEditing {
  /** Username the persona had when opened; null for a new one. */
  original: string | null;
  draft: PersonaDraft;
}

export interface ImportReport {
  fileName: string;
  imported: string[];
  skipped: string[];
  /** The imported file, kept while usernames it shares with the pool can still be replaced or kept both. */
  file: FileContent | null;
}

interface PersonaState {
  personas: Persona[];
  problems: FileProblem[];
  status: "idle" | "loading" | "ready" | "failed";
  error: string | null;
  query: string;
  /** Usernames ticked in the table (for export and sets). */
  checked: string[];
  editing: PersonaEditing | null;
  importReport: ImportReport | null;
  sets: PersonaSet[];

  personasRequested: () => Promise<void>;
  queryChanged: (query: string) => void;
  personaChecked: (username: string, checked: boolean) => void;
  checkedReplaced: (usernames: string[]) => void;
  personaOpened: (username: string) => void;
  personaCreated: () => void;
  draftChanged: (patch: Partial<PersonaDraft>) => void;
  editorClosed: () => void;
  /** Saves the open draft; false when it is invalid or the engine refused it. */
  personaSaved: () => Promise<boolean>;
  personaDuplicated: (username: string) => Promise<void>;
  personaDeleted: (username: string) => Promise<void>;
  personaRestored: (persona: Persona, index: number) => Promise<void>;
  personasImported: (file: FileContent, onConflict?: ImportConflict) => Promise<void>;
  /** Adds the starter personas shipped with the app. */
  starterSetLoaded: () => Promise<void>;
  /** Reads the sets from the data folder, first handing over any this browser kept itself. */
  setsRequested: () => Promise<void>;
  importReportDismissed: () => void;
  personasExported: (usernames?: string[]) => Promise<void>;
  errorDismissed: () => void;
  personaSetSaved: (name: string, usernames: string[]) => Promise<void>;
  personaSetDeleted: (name: string) => Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const TAKEN = ": already exists";

/** The entries of an imported file that were skipped because their username was taken; null when none were. */
function onlyTaken(file: FileContent, skipped: readonly string[]): FileContent | null {
  const taken = new Set(skipped.filter((reason) => reason.endsWith(TAKEN)).map((reason) => reason.slice(0, -TAKEN.length)));
  if (taken.size === 0) return null;
  const entries: unknown = JSON.parse(file.content);
  if (!Array.isArray(entries)) return null;
  const kept = entries.filter((entry: unknown) => typeof entry === "object" && entry !== null && taken.has(String((entry as { username?: unknown }).username)));
  return { fileName: file.fileName, content: JSON.stringify(kept) };
}

/** The usernames a draft must not take: everyone else's. */
export function takenUsernames(personas: readonly Persona[], original: string | null): Set<string> {
  return new Set(personas.map((persona) => persona.username).filter((name) => name !== original));
}

export const usePersonaStore = create<PersonaState>((set, get) => ({
  personas: [],
  problems: [],
  status: "idle",
  error: null,
  query: "",
  checked: [],
  editing: null,
  importReport: null,
  sets: [],

  personasRequested: async () => {
    set({ status: "loading" });
    try {
      const { personas, problems } = await studio.call("personas.list", {});
      set({ personas, problems, status: "ready", error: null });
    } catch (error) {
      set({ status: "failed", error: `Could not load personas: ${message(error)}` });
    }
  },
  queryChanged: (query) => set({ query }),
  personaChecked: (username, checked) => {
    const others = get().checked.filter((name) => name !== username);
    set({ checked: checked ? [...others, username] : others });
  },
  checkedReplaced: (usernames) => set({ checked: usernames }),
  personaOpened: (username) => {
    const persona = get().personas.find((candidate) => candidate.username === username);
    if (persona) set({ editing: { original: username, draft: draftFromPersona(persona) } });
  },
  personaCreated: () => set({ editing: { original: null, draft: emptyDraft() } }),
  draftChanged: (patch) => {
    const editing = get().editing;
    if (editing) set({ editing: { ...editing, draft: { ...editing.draft, ...patch } } });
  },
  editorClosed: () => set({ editing: null }),

  personaSaved: async () => {
    const { editing, personas } = get();
    if (!editing || hasErrors(validateDraft(editing.draft, takenUsernames(personas, editing.original)))) return false;
    const persona = personaFromDraft(editing.draft);
    try {
      const saved = (await studio.call("personas.save", { persona })).persona;
      // A rename is a new entry in the file; the old name goes only once the new one is safe.
      if (editing.original !== null && editing.original !== saved.username) await studio.call("personas.delete", { username: editing.original });
      const at = personas.findIndex((candidate) => candidate.username === (editing.original ?? saved.username));
      const next = at >= 0 ? personas.map((candidate, index) => (index === at ? saved : candidate)) : [...personas, saved];
      const checked = get().checked.map((name) => (name === editing.original ? saved.username : name));
      set({ personas: next, checked, editing: { original: saved.username, draft: draftFromPersona(saved) }, error: null });
      return true;
    } catch (error) {
      set({ error: `Could not save ${persona.username}: ${message(error)}` });
      return false;
    }
  },

  personaDuplicated: async (username) => {
    const { personas } = get();
    const source = personas.find((candidate) => candidate.username === username);
    if (!source) return;
    const copy = { ...source, username: copyName(username, takenUsernames(personas, null)) };
    try {
      const saved = (await studio.call("personas.save", { persona: copy })).persona;
      set({ personas: [...get().personas, saved], editing: { original: saved.username, draft: draftFromPersona(saved) } });
    } catch (error) {
      set({ error: `Could not duplicate ${username}: ${message(error)}` });
    }
  },

  personaDeleted: async (username) => {
    const { personas, editing } = get();
    const index = personas.findIndex((candidate) => candidate.username === username);
    const persona = personas[index];
    if (!persona) return;
    try {
      await studio.call("personas.delete", { username });
    } catch (error) {
      set({ error: `Could not delete ${username}: ${message(error)}` });
      return;
    }
    set({
      personas: get().personas.filter((candidate) => candidate.username !== username),
      checked: get().checked.filter((name) => name !== username),
      editing: editing?.original === username ? null : editing,
    });
    useToastStore.getState().toastShown({ message: `Deleted ${username}`, action: { label: "Undo", run: () => void get().personaRestored(persona, index) } });
  },

  personaRestored: async (persona, index) => {
    try {
      const saved = (await studio.call("personas.save", { persona })).persona;
      const rest = get().personas.filter((candidate) => candidate.username !== saved.username);
      set({ personas: [...rest.slice(0, index), saved, ...rest.slice(index)] });
    } catch (error) {
      set({ error: `Could not restore ${persona.username}: ${message(error)}` });
    }
  },

  personasImported: async (file, onConflict = "skip") => {
    try {
      const { imported, skipped } = await studio.call("personas.importFile", { file, onConflict });
      set({ importReport: { fileName: file.fileName, imported, skipped, file: onlyTaken(file, skipped) } });
      await get().personasRequested();
    } catch (error) {
      set({ error: `Could not import ${file.fileName}: ${message(error)}` });
    }
  },
  starterSetLoaded: async () => {
    try {
      const { imported, skipped } = await studio.call("personas.loadStarterSet", {});
      set({ importReport: { fileName: "the starter set", imported, skipped, file: null } });
      await get().personasRequested();
    } catch (error) {
      set({ error: `Could not load the starter personas: ${message(error)}` });
    }
  },
  setsRequested: async () => {
    try {
      const legacy = legacyPersonaSets();
      if (legacy.length > 0) {
        const { sets } = await studio.call("personas.migrateSets", { sets: legacy });
        forgetLegacyPersonaSets();
        return set({ sets });
      }
      set({ sets: (await studio.call("personas.sets", {})).sets });
    } catch (error) {
      set({ error: `Could not read the persona sets: ${message(error)}` });
    }
  },
  importReportDismissed: () => set({ importReport: null }),

  personasExported: async (usernames) => {
    try {
      const file = await studio.call("personas.exportFile", usernames ? { usernames } : {});
      downloadText(file.fileName, file.content);
    } catch (error) {
      set({ error: `Could not export personas: ${message(error)}` });
    }
  },
  errorDismissed: () => set({ error: null }),

  personaSetSaved: async (name, usernames) => {
    try {
      set({ sets: (await studio.call("personas.saveSet", { set: { name, usernames } })).sets });
    } catch (error) {
      set({ error: `Could not save the set ${name}: ${message(error)}` });
    }
  },
  personaSetDeleted: async (name) => {
    try {
      set({ sets: (await studio.call("personas.deleteSet", { name })).sets });
    } catch (error) {
      set({ error: `Could not delete the set ${name}: ${message(error)}` });
    }
  },
}));
