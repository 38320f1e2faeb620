import { useCallback, useEffect } from "react";
import { Page } from "../../ui/page.js";
import { Button } from "../../ui/button.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { TextField, controlClass } from "../../ui/field.js";
import { useShortcut } from "../../app/use-shortcut.js";
import { usePersonaStore } from "../personas/persona-store.js";
import { useDesignStore } from "./design-store.js";
import { useBuiltDesign, useFieldProblem } from "./use-built-design.js";
import { ParticipantsSection } from "./ParticipantsSection.js";
import { ModeratorSection } from "./ModeratorSection.js";
import { PromptsSection } from "./PromptsSection.js";
import { TurnManagerSection } from "./TurnManagerSection.js";
import { SeedCommentsSection } from "./SeedCommentsSection.js";
import { RunSettingsSection } from "./RunSettingsSection.js";
import { PromptPreviewSection } from "./PromptPreviewSection.js";
import { ModelOnboarding } from "../models/ModelOnboarding.js";

const isMac = typeof navigator !== "undefined" && /mac/i.test(navigator.platform);

const EXAMPLE = "\u0000example";

/** Leaving unsaved changes asks first. */
function mayDiscardChanges(): boolean {
  const { form, baseline } = useDesignStore.getState();
  return form === baseline || window.confirm("This design has unsaved changes. Discard them?");
}

function SavedDesignsMenu() {
  const savedDesigns = useDesignStore((state) => state.savedDesigns);
  const designId = useDesignStore((state) => state.designId);
  const designOpened = useDesignStore((state) => state.designOpened);
  const exampleOpened = useDesignStore((state) => state.exampleOpened);
  return (
    <select
      aria-label="Open a saved design"
      className={`${controlClass} w-52`}
      value={designId ?? ""}
      onChange={(event) => {
        const chosen = event.target.value;
        if (!chosen || !mayDiscardChanges()) return;
        void (chosen === EXAMPLE ? exampleOpened() : designOpened(chosen));
      }}
    >
      <option value="">{savedDesigns.length === 0 ? "No saved designs" : "Open a saved design…"}</option>
      {savedDesigns.map((design) => (
        <option key={design.id} value={design.id}>
          {design.name} ({design.participants.length} people, {design.turns} turns)
        </option>
      ))}
      <option value={EXAMPLE}>The example design</option>
    </select>
  );
}

/** A first start: no saved design and nothing chosen yet. */
function ExampleDesignCard() {
  const show = useDesignStore((state) => state.savedDesigns.length === 0 && state.designId === null && state.form.participants.length === 0);
  const exampleOpened = useDesignStore((state) => state.exampleOpened);
  if (!show) return null;
  return (
    <section data-testid="example-design" className="flex items-center justify-between gap-3 rounded-lg border border-indigo-200 bg-indigo-50/60 px-4 py-3 dark:border-indigo-900 dark:bg-indigo-950/30">
      <p className="text-sm text-slate-700 dark:text-slate-200">
        New here? Start from the example: five residents and a moderator discuss closing the main square to cars. It brings its own personas.
      </p>
      <Button variant="primary" onClick={() => void exampleOpened()}>
        Open the example design
      </Button>
    </section>
  );
}

/** Where no model exists yet, the designer offers one before anything else. */
function NoModelYet() {
  const none = useDesignStore((state) => state.modelsStatus === "ready" && state.form.model === null && state.serverModels.length === 0 && state.models.every((model) => model.error !== null));
  const modelsRequested = useDesignStore((state) => state.modelsRequested);
  const ready = useCallback(() => void modelsRequested(), [modelsRequested]);
  return none ? <ModelOnboarding onModelReady={ready} /> : null;
}

export function DesignerView() {
  const name = useDesignStore((state) => state.form.name);
  const error = useDesignStore((state) => state.error);
  const starting = useDesignStore((state) => state.starting);
  const formChanged = useDesignStore((state) => state.formChanged);
  const designSaved = useDesignStore((state) => state.designSaved);
  const designStartedAfresh = useDesignStore((state) => state.designStartedAfresh);
  const discussionStarted = useDesignStore((state) => state.discussionStarted);
  const errorDismissed = useDesignStore((state) => state.errorDismissed);
  const { design, problems } = useBuiltDesign();
  const nameProblem = useFieldProblem("name");

  useEffect(() => {
    if (usePersonaStore.getState().status === "idle") void usePersonaStore.getState().personasRequested();
    if (useDesignStore.getState().modelsStatus === "idle") void useDesignStore.getState().modelsRequested();
    void useDesignStore.getState().designsRequested();
  }, []);

  const run = () => {
    if (design && !starting) void discussionStarted(design);
  };
  useShortcut("mod+enter", run, { inFields: true });
  const reason = problems[0]?.message ?? null;

  const actions = (
    <>
      <SavedDesignsMenu />
      <Button onClick={() => mayDiscardChanges() && designStartedAfresh()}>New</Button>
      <Button disabled={!design} title={reason ?? "Save this design to the data folder"} onClick={() => design && void designSaved(design)}>
        Save
      </Button>
      <Button variant="primary" disabled={!design || starting} title={reason ?? `Run (${isMac ? "⌘" : "Ctrl"}+Enter)`} aria-describedby="run-blocked-reason" onClick={run}>
        {starting ? "Starting…" : "Run"}
      </Button>
    </>
  );

  return (
    <Page title="Designer" actions={actions}>
      <div className="flex flex-col gap-4">
        {error && <ErrorBanner message={error} onDismiss={errorDismissed} />}
        <NoModelYet />
        <ExampleDesignCard />
        <div className="flex items-end gap-4">
          <TextField label="Design name" className="w-96" value={name} error={nameProblem} onChange={(event) => formChanged({ name: event.target.value })} />
          <p id="run-blocked-reason" role="status" className={`pb-2 text-sm ${reason ? "text-amber-700 dark:text-amber-400" : "text-emerald-700 dark:text-emerald-400"}`}>
            {reason ? `Cannot run yet: ${reason}` : `Ready to run (${isMac ? "⌘" : "Ctrl"}+Enter).`}
          </p>
        </div>
        <div className="grid grid-cols-2 gap-4">
          <div className="flex min-w-0 flex-col gap-4">
            <ParticipantsSection />
            <ModeratorSection />
            <PromptsSection />
          </div>
          <div className="flex min-w-0 flex-col gap-4">
            <TurnManagerSection />
            <SeedCommentsSection />
            <RunSettingsSection />
            <PromptPreviewSection />
          </div>
        </div>
      </div>
    </Page>
  );
}
