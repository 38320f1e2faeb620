import { useEffect } from "react";
import { Button } from "../../ui/button.js";
import { EmptyState } from "../../ui/empty-state.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { FileProblems } from "../../ui/file-problems.js";
import { Page } from "../../ui/page.js";
import { Section } from "../../ui/section.js";
import { AddModelForm } from "./AddModelForm.js";
import { CatalogSection } from "./CatalogSection.js";
import { FitShapeControls } from "./FitShapeControls.js";
import { HardwarePanel } from "./HardwarePanel.js";
import { ModelRow } from "./ModelRow.js";
import { ModelOnboarding } from "./ModelOnboarding.js";
import { ServerProfilesSection } from "./ServerProfilesSection.js";
import { followModelEvents, useModelStore } from "./model-store.js";

export function ModelsView() {
  const pageOpened = useModelStore((state) => state.pageOpened);
  const error = useModelStore((state) => state.error);
  const errorDismissed = useModelStore((state) => state.errorDismissed);
  useEffect(() => {
    const off = followModelEvents();
    void pageOpened();
    return off;
  }, [pageOpened]);
  return (
    <Page title="Models" actions={<Button onClick={() => void pageOpened()}>Refresh</Button>}>
      <div className="flex max-w-5xl flex-col gap-4">
        {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
        <FirstModel />
        <HardwarePanel />
        <LocalModelsSection />
        <CatalogSection />
        <ServerProfilesSection />
      </div>
    </Page>
  );
}

/** Where no model exists yet, getting one comes first. */
function FirstModel() {
  // A list that could not be read is no reason to offer a first model: the user has some.
  const none = useModelStore((state) => state.modelsListed && state.models.length === 0 && state.problems.length === 0);
  return none ? <ModelOnboarding /> : null;
}

function LocalModelsSection() {
  const models = useModelStore((state) => state.models);
  const directory = useModelStore((state) => state.directory);
  const problems = useModelStore((state) => state.problems);
  return (
    <Section title="Local models">
      <div className="flex flex-col gap-4">
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Every <code>.gguf</code> in <span className="font-mono">{directory || "the models folder"}</span>, plus the files you add.
        </p>
        <FileProblems problems={problems} where="needed to list the models" />
        <AddModelForm />
        <FitShapeControls />
        {models.length === 0 && problems.length > 0 ? (
          <EmptyState title="No models listed">The files above could not be read. Fix or move them, then Refresh; nothing was changed.</EmptyState>
        ) : models.length === 0 ? (
          <EmptyState title="No models yet">Add a GGUF file by its path above, or download one below.</EmptyState>
        ) : (
          <ul>
            {models.map((model) => (
              <ModelRow key={model.path} model={model} />
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}
