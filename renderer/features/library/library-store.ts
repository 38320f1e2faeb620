import { create } from "zustand";
import type { ExportFormat, FileContent, FileProblem, LibraryEntry } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";
import { saveDownload } from "./download.js";
import { noFacets, type LibraryFacets } from "./library-facets.js";
import { useToastStore } from "../../ui/toast-store.js";
import { firstDirection, type LibrarySort, type LibrarySortColumn } from "./library-filter.js";

/** Files go to the engine in batches of about this many characters, well under a message's limit. */
const BATCH_CHARACTERS = 16 * 1024 * 1024;
/** Files per call at most, so the count on the Import button moves while a large folder goes in. */
const BATCH_FILES = 100;
const SEARCH_DELAY_MS = 250;

export interface ImportReport {
  imported: string[];
  /** Files that could not be imported, with the reason (those already present are not among them). */
  problems: FileProblem[];
  /** Ids whose file was already in the library: skipped, never overwritten, and selected to show where they are. */
  alreadyPresent: string[];
  /** Files a folder held that are not .json, left out before sending. */
  ignored: number;
}

interface LibraryState {
  entries: LibraryEntry[];
  /** Discussion files in the folder that could not be read. */
  problems: FileProblem[];
  /** Runs a crash or kill cut short, recovered when the app started; cleared once the user has read it. */
  interrupted: string[];
  loaded: boolean;
  error: string | null;
  query: string;
  /** Ids whose comment text matches the query (server-side search); null when none asked. */
  textMatches: ReadonlySet<string> | null;
  searching: boolean;
  sort: LibrarySort;
  facets: LibraryFacets;
  selected: ReadonlySet<string>;
  importing: boolean;
  /** Files filed so far of those chosen, while an import runs. */
  importProgress: { done: number; total: number } | null;
  importReport: ImportReport | null;
  exporting: boolean;

  libraryRequested: () => Promise<void>;
  queryChanged: (query: string) => void;
  /** The same column again reverses it; another column starts in its natural direction. */
  sortToggled: (column: LibrarySortColumn) => void;
  /** A new study clears the cell: cells are named per study. */
  facetChanged: <Key extends keyof LibraryFacets>(key: Key, value: LibraryFacets[Key]) => void;
  facetsCleared: () => void;
  selectionToggled: (id: string) => void;
  selectionReplaced: (ids: readonly string[]) => void;
  filesChosen: (files: readonly File[], fromFolder: boolean) => Promise<void>;
  importReportDismissed: () => void;
  exportRequested: (ids: readonly string[], format: ExportFormat) => Promise<void>;
  /** Moves the discussions to the archive folder, with an Undo; a study's discussions stay (the problem says why). */
  archiveRequested: (ids: readonly string[]) => Promise<void>;
  archiveUndone: (ids: readonly string[]) => Promise<void>;
  errorDismissed: () => void;
  interruptedDismissed: () => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
let searchTimer: ReturnType<typeof setTimeout> | null = null;
let interruptedDismissedFor: string | null = null;

function batches(files: readonly FileContent[]): FileContent[][] {
  const result: FileContent[][] = [];
  let current: FileContent[] = [];
  let size = 0;
  for (const file of files) {
    if (current.length > 0 && (size + file.content.length > BATCH_CHARACTERS || current.length >= BATCH_FILES)) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += file.content.length;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export const useLibraryStore = create<LibraryState>((set, get) => ({
  entries: [],
  problems: [],
  interrupted: [],
  loaded: false,
  error: null,
  query: "",
  textMatches: null,
  searching: false,
  sort: { column: "date", descending: true },
  facets: noFacets,
  selected: new Set(),
  importing: false,
  importProgress: null,
  importReport: null,
  exporting: false,

  libraryRequested: async () => {
    try {
      const { entries, problems, interrupted } = await studio.call("library.list", {});
      const known = new Set(entries.map((entry) => entry.id));
      // The engine reports the same start-up recovery on every listing: once dismissed, it stays dismissed.
      const shown = interruptedDismissedFor === interrupted.join(",") ? [] : interrupted;
      set({ entries, problems, interrupted: shown, loaded: true, selected: new Set([...get().selected].filter((id) => known.has(id))) });
    } catch (error) {
      set({ error: message(error), loaded: true });
    }
  },

  queryChanged: (query) => {
    set({ query });
    if (searchTimer) clearTimeout(searchTimer);
    const text = query.trim();
    if (!text) return set({ textMatches: null, searching: false });
    set({ searching: true });
    // Participants and models match at once from the index; comment text asks the engine, once typing pauses.
    searchTimer = setTimeout(() => {
      studio.call("library.search", { text }).then(
        ({ ids }) => get().query.trim() === text && set({ textMatches: new Set(ids), searching: false }),
        (error: unknown) => get().query.trim() === text && set({ error: message(error), searching: false }),
      );
    }, SEARCH_DELAY_MS);
  },

  sortToggled: (column) => {
    const { sort } = get();
    set({ sort: sort.column === column ? { column, descending: !sort.descending } : { column, descending: firstDirection(column) } });
  },

  facetChanged: (key, value) => set({ facets: { ...get().facets, [key]: value, ...(key === "study" ? { cell: null } : {}) } }),
  facetsCleared: () => set({ facets: noFacets }),

  selectionToggled: (id) => {
    const selected = new Set(get().selected);
    if (!selected.delete(id)) selected.add(id);
    set({ selected });
  },

  selectionReplaced: (ids) => set({ selected: new Set(ids) }),

  filesChosen: async (files, fromFolder) => {
    const wanted = fromFolder ? files.filter((file) => file.name.toLowerCase().endsWith(".json")) : [...files];
    const report: ImportReport = { imported: [], problems: [], alreadyPresent: [], ignored: files.length - wanted.length };
    set({ importing: true, importReport: null, importProgress: { done: 0, total: wanted.length } });
    try {
      const contents = await Promise.all(wanted.map(async (file) => ({ fileName: (file.webkitRelativePath || file.name).slice(-255), content: await file.text() })));
      let done = 0;
      for (const batch of batches(contents)) {
        const { imported, problems, alreadyPresent } = await studio.call("library.importFiles", { files: batch });
        done += batch.length;
        set({ importProgress: { done, total: wanted.length } });
        const present = new Set(alreadyPresent.map((file) => file.file));
        report.imported.push(...imported);
        report.problems.push(...problems.filter((problem) => !present.has(problem.file)));
        report.alreadyPresent.push(...alreadyPresent.map((file) => file.id));
      }
    } catch (error) {
      report.problems.push({ file: "(import)", message: message(error) });
    }
    // The list is refreshed first, so the report never shows beside a list that lacks what it names.
    await get().libraryRequested();
    const arrived = [...report.imported, ...report.alreadyPresent];
    set({ importing: false, importProgress: null, importReport: report, ...(arrived.length > 0 ? { selected: new Set(arrived), query: "", textMatches: null } : {}) });
  },

  importReportDismissed: () => set({ importReport: null }),

  exportRequested: async (ids, format) => {
    set({ exporting: true });
    try {
      for (const id of ids) saveDownload(await studio.call("library.export", { id, format }), format);
    } catch (error) {
      set({ error: message(error) });
    } finally {
      set({ exporting: false });
    }
  },

  archiveRequested: async (ids) => {
    try {
      const { archived, problems } = await studio.call("library.archive", { ids: [...ids] });
      await get().libraryRequested();
      if (problems.length > 0) set({ error: problems.map((problem) => `${problem.file}: ${problem.message}`).join("; ") });
      if (archived.length > 0) {
        const what = archived.length === 1 ? "1 discussion" : `${archived.length} discussions`;
        useToastStore.getState().toastShown({ message: `Archived ${what}`, action: { label: "Undo", run: () => void get().archiveUndone(archived) } });
      }
    } catch (error) {
      set({ error: message(error) });
    }
  },

  archiveUndone: async (ids) => {
    try {
      const { restored, problems } = await studio.call("library.restore", { ids: [...ids] });
      await get().libraryRequested();
      set({ selected: new Set(restored), ...(problems.length > 0 ? { error: problems.map((problem) => problem.message).join("; ") } : {}) });
    } catch (error) {
      set({ error: message(error) });
    }
  },

  errorDismissed: () => set({ error: null }),
  interruptedDismissed: () => {
    interruptedDismissedFor = get().interrupted.join(",");
    set({ interrupted: [] });
  },
}));
