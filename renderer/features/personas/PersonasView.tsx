import { useEffect, useRef } from "react";
import { Page } from "../../ui/page.js";
import { Button } from "../../ui/button.js";
import { EmptyState } from "../../ui/empty-state.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { inputClass } from "../../ui/field.js";
import { usePersonaStore } from "./persona-store.js";
import { PersonaTable, useVisiblePersonas } from "./PersonaTable.js";
import { PersonaEditor } from "./PersonaEditor.js";
import { PersonaSetsBar } from "./PersonaSetsBar.js";
import { ImportReportPanel } from "./ImportReportPanel.js";
import { PopulationPanel } from "../populations/PopulationPanel.js";
import { usePopulationStore } from "../populations/population-store.js";

/** "12 of 45 match" while the search box filters. */
function MatchCount() {
  const query = usePersonaStore((state) => state.query);
  const total = usePersonaStore((state) => state.personas.length);
  const shown = useVisiblePersonas().length;
  if (!query.trim()) return null;
  return (
    <span data-testid="persona-match-count" role="status" className="shrink-0 text-sm text-slate-500 dark:text-slate-400">
      {shown} of {total} match
    </span>
  );
}

export function PersonasView() {
  const status = usePersonaStore((state) => state.status);
  const count = usePersonaStore((state) => state.personas.length);
  const problems = usePersonaStore((state) => state.problems);
  const error = usePersonaStore((state) => state.error);
  const query = usePersonaStore((state) => state.query);
  const editingKey = usePersonaStore((state) => (state.editing ? (state.editing.original ?? "\u0000new") : null));
  const personasRequested = usePersonaStore((state) => state.personasRequested);
  const personaCreated = usePersonaStore((state) => state.personaCreated);
  const personasImported = usePersonaStore((state) => state.personasImported);
  const personasExported = usePersonaStore((state) => state.personasExported);
  const starterSetLoaded = usePersonaStore((state) => state.starterSetLoaded);
  const queryChanged = usePersonaStore((state) => state.queryChanged);
  const errorDismissed = usePersonaStore((state) => state.errorDismissed);
  const fileInput = useRef<HTMLInputElement>(null);
  const populationPanelOpened = usePopulationStore((state) => state.panelOpened);

  useEffect(() => {
    if (usePersonaStore.getState().status === "idle") void personasRequested();
    void usePersonaStore.getState().setsRequested();
  }, [personasRequested]);

  const chooseFile = () => fileInput.current?.click();
  const actions = (
    <>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="hidden"
        data-testid="persona-import-input"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) await personasImported({ fileName: file.name, content: await file.text() });
        }}
      />
      <Button onClick={chooseFile}>Import file…</Button>
      <Button onClick={populationPanelOpened}>Draw from a population…</Button>
      <Button disabled={count === 0} onClick={() => void personasExported()}>
        Export all
      </Button>
      <Button variant="primary" onClick={personaCreated}>
        New persona
      </Button>
    </>
  );

  return (
    <Page title="Personas" actions={actions}>
      <div className="flex flex-col gap-3">
        {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
        {problems.map((problem) => (
          <ErrorBanner key={problem.message} message={`The personas file cannot be read, so changes are refused until it is fixed: ${problem.message} (${problem.file})`} />
        ))}
        <ImportReportPanel />
        <PopulationPanel />
        <div className={`grid gap-4 ${editingKey !== null ? "grid-cols-[minmax(0,1fr)_27rem]" : "grid-cols-1"}`}>
          <div className="flex min-w-0 flex-col gap-3">
            {status === "loading" && count === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">Loading personas…</p>
            ) : count === 0 ? (
              <EmptyState
                title="No personas yet"
                action={
                  <div className="flex gap-2">
                    <Button variant="primary" onClick={() => void starterSetLoaded()}>
                      Load 12 starter personas
                    </Button>
                    <Button onClick={personaCreated}>New persona</Button>
                    <Button onClick={chooseFile}>Import a SynDisco file…</Button>
                  </div>
                }
              >
                Discussions are held between personas. Start with our dozen varied starter personas, create one by hand, or import a SynDisco personas file (a JSON list of persona objects).
              </EmptyState>
            ) : (
              <>
                <div className="flex items-center gap-3">
                  <input
                    type="search"
                    aria-label="Search personas"
                    placeholder={`Search ${count} personas by any field…`}
                    className={`${inputClass} flex-1`}
                    value={query}
                    onChange={(event) => queryChanged(event.target.value)}
                  />
                  <MatchCount />
                </div>
                <PersonaSetsBar />
                <PersonaTable />
              </>
            )}
          </div>
          {editingKey !== null && (
            <div className="sticky top-0 max-h-[calc(100vh-7.5rem)] self-start overflow-auto">
              <PersonaEditor key={editingKey} />
            </div>
          )}
        </div>
      </div>
    </Page>
  );
}
