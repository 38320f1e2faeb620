import { useEffect, useMemo } from "react";
import { Button } from "../../ui/button.js";
import { EmptyState } from "../../ui/empty-state.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { FileProblems } from "../../ui/file-problems.js";
import { FillPage } from "../../ui/fill-page.js";
import { ExportMenu } from "./ExportMenu.js";
import { ImportControls } from "./ImportControls.js";
import { ImportReportBanner } from "./ImportReportBanner.js";
import { LibraryFilters } from "./LibraryFilters.js";
import { LibraryTable } from "./LibraryTable.js";
import { facetsActive, matchesFacets } from "./library-facets.js";
import { visibleEntries } from "./library-filter.js";
import { useLibraryStore } from "./library-store.js";
import { ScoreFilter } from "./ScoreFilter.js";
import { byScore, useScoreFilterStore } from "./score-filter-store.js";

export function LibraryView() {
  const entries = useLibraryStore((state) => state.entries);
  const loaded = useLibraryStore((state) => state.loaded);
  const query = useLibraryStore((state) => state.query);
  const textMatches = useLibraryStore((state) => state.textMatches);
  const sort = useLibraryStore((state) => state.sort);
  const facets = useLibraryStore((state) => state.facets);
  const selected = useLibraryStore((state) => state.selected);
  const libraryRequested = useLibraryStore((state) => state.libraryRequested);
  const archiveRequested = useLibraryStore((state) => state.archiveRequested);
  useEffect(() => {
    void libraryRequested();
  }, [libraryRequested]);
  const means = useScoreFilterStore((state) => state.means);
  const scoreDimension = useScoreFilterStore((state) => state.dimension);
  const scoreMin = useScoreFilterStore((state) => state.min);
  const shown = useMemo(
    () => byScore(visibleEntries(entries.filter((entry) => matchesFacets(entry, facets)), query, textMatches, sort), means, scoreDimension, scoreMin),
    [entries, facets, query, textMatches, sort, means, scoreDimension, scoreMin],
  );
  const selectedIds = useMemo(() => entries.filter((entry) => selected.has(entry.id)).map((entry) => entry.id), [entries, selected]);

  return (
    <FillPage
      title="Library"
      subtitle={loaded ? `${entries.length === 1 ? "1 saved discussion" : `${entries.length} saved discussions`}${selectedIds.length > 0 ? ` · ${selectedIds.length} selected` : ""}` : "Loading…"}
      actions={
        <>
          <ImportControls />
          <ExportMenu ids={selectedIds} />
          <Button
            disabled={selectedIds.length === 0}
            onClick={() => void archiveRequested(selectedIds)}
            title={`Move the selected discussions to the archive folder (Delete key; Undo in the message). A study's discussions stay with their study.`}
          >
            {selectedIds.length > 1 ? `Archive ${selectedIds.length}` : "Archive"}
          </Button>
        </>
      }
    >
      <LibraryMessages />
      <ImportReportBanner />
      {loaded && entries.length === 0 ? (
        <div className="p-6">
          <EmptyState title="No saved discussions yet" action={<div className="flex gap-2"><ImportControls /></div>}>
            Every discussion you run is saved here as it happens. You can also import SynDisco files (legacy or v2 JSON), one by one or a whole folder.
          </EmptyState>
        </div>
      ) : (
        <>
          <SearchBar shownCount={shown.length} />
          <LibraryFilters />
          {shown.length === 0 && loaded ? (
            <NoMatches />
          ) : (
            // Delete on a row (its checkbox keeps the focus after a click) archives the selection.
            <div className="flex min-h-0 flex-1 flex-col" onKeyDown={(event) => event.key === "Delete" && selectedIds.length > 0 && void archiveRequested(selectedIds)}>
              <LibraryTable entries={shown} />
            </div>
          )}
        </>
      )}
    </FillPage>
  );
}

function SearchBar({ shownCount }: { shownCount: number }) {
  const query = useLibraryStore((state) => state.query);
  const filtered = useLibraryStore((state) => facetsActive(state.facets));
  const searching = useLibraryStore((state) => state.searching);
  const queryChanged = useLibraryStore((state) => state.queryChanged);
  const total = useLibraryStore((state) => state.entries.length);
  return (
    <div className="flex items-center gap-3 px-6 py-3">
      <input
        type="search"
        aria-label="Search discussions"
        value={query}
        onChange={(event) => queryChanged(event.target.value)}
        placeholder="Search by participant, model or comment text…"
        className="w-full max-w-lg rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      />
      <ScoreFilter />
      <span data-testid="library-count" className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
        {searching ? "Searching comments…" : query.trim() || filtered ? `${shownCount} of ${total} match` : ""}
      </span>
    </div>
  );
}

function NoMatches() {
  const queryChanged = useLibraryStore((state) => state.queryChanged);
  const facetsCleared = useLibraryStore((state) => state.facetsCleared);
  const filtered = useLibraryStore((state) => facetsActive(state.facets));
  const query = useLibraryStore((state) => state.query.trim());
  return (
    <div className="p-6">
      <EmptyState
        title="No discussion matches"
        action={
          <div className="flex gap-2">
            {query && <Button onClick={() => queryChanged("")}>Clear the search</Button>}
            {filtered && <Button onClick={facetsCleared}>Clear filters</Button>}
          </div>
        }
      >
        {query ? "Nothing in the participants, models or comments contains that text" : "No discussion has all the chosen values"}
        {query && filtered ? " among the filtered discussions." : "."}
      </EmptyState>
    </div>
  );
}

function LibraryMessages() {
  const error = useLibraryStore((state) => state.error);
  const problems = useLibraryStore((state) => state.problems);
  const errorDismissed = useLibraryStore((state) => state.errorDismissed);
  const interrupted = useLibraryStore((state) => state.interrupted);
  const interruptedDismissed = useLibraryStore((state) => state.interruptedDismissed);
  if (!error && problems.length === 0 && interrupted.length === 0) return null;
  return (
    <div className="flex flex-col gap-2 px-6 pt-3">
      {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
      {interrupted.length > 0 && (
        <div role="status" data-testid="interrupted-runs" className="flex items-start gap-3 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100">
          <p className="flex-1">
            {interrupted.length === 1 ? "1 run was" : `${interrupted.length} runs were`} interrupted (the app was closed or stopped while they ran). Every
            finished comment was recovered; they are in the list marked interrupted: {interrupted.join(", ")}.
          </p>
          <button type="button" onClick={interruptedDismissed} className="text-xs font-medium underline">
            Dismiss
          </button>
        </div>
      )}
      <FileProblems problems={problems} where="in the library folder" />
    </div>
  );
}
