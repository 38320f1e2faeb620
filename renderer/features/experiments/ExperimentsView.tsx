import { useEffect } from "react";
import { Button } from "../../ui/button.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { FileProblems } from "../../ui/file-problems.js";
import { inputClass } from "../../ui/field.js";
import { Page } from "../../ui/page.js";
import { ConditionsSection } from "./ConditionsSection.js";
import { PlanPanel } from "./PlanPanel.js";
import { PoolSection } from "./PoolSection.js";
import { PromptConditionsSection } from "./PromptConditionsSection.js";
import { RunPanel } from "./RunPanel.js";
import { RunSettingsSection } from "./RunSettingsSection.js";
import { followExperimentEvents, isRunning, useExperimentStore } from "./experiment-store.js";

/** Replanning waits for typing to pause. */
const PLAN_DELAY_MS = 300;

export function ExperimentsView() {
  const pageOpened = useExperimentStore((state) => state.pageOpened);
  const planRequested = useExperimentStore((state) => state.planRequested);
  const draft = useExperimentStore((state) => state.draft);
  const error = useExperimentStore((state) => state.error);
  const notice = useExperimentStore((state) => state.notice);
  const specProblems = useExperimentStore((state) => state.specProblems);
  const errorDismissed = useExperimentStore((state) => state.errorDismissed);
  const runningStudy = useExperimentStore((state) => (state.shownRun && isRunning(state.runs[state.shownRun]) ? state.runs[state.shownRun]!.name : null));
  useEffect(() => {
    const off = followExperimentEvents();
    void pageOpened();
    return off;
  }, [pageOpened]);
  useEffect(() => {
    const timer = setTimeout(() => void planRequested(), PLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, planRequested]);
  return (
    <Page title="Experiments" actions={<SpecActions />}>
      <div className="flex flex-col gap-4">
        {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
        <FileProblems problems={specProblems} where="among the saved studies" />
        {notice && !error && (
          <p className="text-sm text-emerald-700 dark:text-emerald-300" role="status">
            {notice}
          </p>
        )}
        <div className="flex flex-col gap-4 xl:flex-row">
          {/* A running study's form is locked: what it shows is what runs. */}
          <fieldset disabled={runningStudy !== null} aria-label="Study form" className="flex min-w-0 flex-1 flex-col gap-4 disabled:opacity-70">
            {runningStudy !== null && (
              <p data-testid="form-locked" role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
                Locked while “{runningStudy}” runs. Cancel it, or let it finish, to change the study.
              </p>
            )}
            <PoolSection />
            <ConditionsSection />
            <PromptConditionsSection />
            <RunSettingsSection />
          </fieldset>
          <aside className="flex w-full shrink-0 flex-col gap-4 xl:sticky xl:top-0 xl:w-96 xl:self-start">
            <PlanPanel />
            <RunPanel />
          </aside>
        </div>
      </div>
    </Page>
  );
}

function SpecActions() {
  const savedSpecs = useExperimentStore((state) => state.savedSpecs);
  const specSaved = useExperimentStore((state) => state.specSaved);
  const specLoaded = useExperimentStore((state) => state.specLoaded);
  const locked = useExperimentStore((state) => state.shownRun !== null && isRunning(state.runs[state.shownRun]));
  return (
    <>
      <select aria-label="Open a saved study" disabled={locked} className={`${inputClass} w-52`} value="" onChange={(event) => event.target.value && void specLoaded(event.target.value)}>
        <option value="">Open saved study…</option>
        {savedSpecs.map((spec) => (
          <option key={spec.id} value={spec.id}>
            {spec.name}
          </option>
        ))}
      </select>
      <Button className="whitespace-nowrap" onClick={() => void specSaved()}>
        Save spec
      </Button>
    </>
  );
}
