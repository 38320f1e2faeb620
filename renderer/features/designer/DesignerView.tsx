import { useEffect } from "react";
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

const isMac = typeof navigator !== "undefined" && /mac/i.test(navigator.platform);

function SavedDesignsMenu() {
  const savedDesigns = useDesignStore((state) => state.savedDesigns);
  const designId = useDesignStore((state) => state.designId);
  const designOpened = useDesignStore((state) => state.designOpened);
  return (
    <select aria-label="Open a saved design" className={`${controlClass} w-52`} value={designId ?? ""} onChange={(event) => event.target.value && void designOpened(event.target.value)}>
      <option value="">{savedDesigns.length === 0 ? "No saved designs" : "Open a saved design…"}</option>
      {savedDesigns.map((design) => (
        <option key={design.id} value={design.id}>
          {design.name} ({design.participants.length} people, {design.turns} turns)
        </option>
      ))}
    </select>
  );
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
      <Button onClick={designStartedAfresh}>New</Button>
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
          </div>
        </div>
      </div>
    </Page>
  );
}
