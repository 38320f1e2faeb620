import { useEffect, useState, type FormEvent } from "react";
import type { EngineReload, Settings } from "../../../shared/contract.js";
import { Button } from "../../ui/button.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { SelectField, TextField } from "../../ui/field.js";
import { Page } from "../../ui/page.js";
import { Section } from "../../ui/section.js";
import { useSettingsStore } from "./settings-store.js";

export function SettingsView() {
  const settings = useSettingsStore((state) => state.settings);
  const dataDirectory = useSettingsStore((state) => state.dataDirectory);
  const problems = useSettingsStore((state) => state.problems);
  const error = useSettingsStore((state) => state.error);
  const pageOpened = useSettingsStore((state) => state.pageOpened);
  useEffect(() => void pageOpened(), [pageOpened]);
  return (
    <Page title="Settings">
      <div className="flex max-w-3xl flex-col gap-4">
        {error && <ErrorBanner message={error} />}
        {problems.map((problem) => (
          <ErrorBanner key={problem.file} message={`${problem.file}: ${problem.message}`} />
        ))}
        <Section title="Data folder">
          <p className="font-mono text-sm" data-testid="data-directory">
            {dataDirectory}
          </p>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            Personas, designs, discussions, experiments, models.json and server profiles live here. Start the app with another <code>--data</code> folder to change it.
          </p>
        </Section>
        {settings && <EngineSettings key={JSON.stringify(settings)} settings={settings} />}
        <LoggedErrors />
      </div>
    </Page>
  );
}

/** The form starts from the saved values; it is re-created (by key) when they change. */
function EngineSettings({ settings }: { settings: Settings }) {
  const settingsSaved = useSettingsStore((state) => state.settingsSaved);
  const applied = useSettingsStore((state) => state.applied);
  const restarting = useSettingsStore((state) => state.restarting);
  const engineRestartRequested = useSettingsStore((state) => state.engineRestartRequested);
  const [threads, setThreads] = useState(String(settings.threads));
  const [contextSize, setContextSize] = useState(String(settings.contextSize));
  const [gpu, setGpu] = useState(settings.gpu);
  const [modelsDirectory, setModelsDirectory] = useState(settings.modelsDirectory ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void settingsSaved({
      threads: Math.max(0, Math.floor(Number(threads)) || 0),
      contextSize: Math.floor(Number(contextSize)) || settings.contextSize,
      gpu,
      modelsDirectory: modelsDirectory.trim() || null,
    });
  };
  return (
    <Section title="Engine">
      <form onSubmit={submit} className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField label="Threads" type="number" min={0} max={256} value={threads} onChange={(event) => setThreads(event.target.value)} hint="0 chooses automatically (1 on machines with two cores or fewer)." />
        <TextField
          label="Context size (tokens per sequence)"
          type="number"
          min={256}
          step={256}
          value={contextSize}
          onChange={(event) => setContextSize(event.target.value)}
          hint="Each actor's sequence holds this many tokens; the fit estimate uses it. Keep it within what your models were trained for (the Models view says)."
        />
        <SelectField label="GPU" value={gpu} onChange={(event) => setGpu(event.target.value as Settings["gpu"])} hint="auto uses CUDA, Metal or Vulkan when available.">
          <option value="auto">auto</option>
          <option value="cpu">CPU only</option>
        </SelectField>
        <TextField
          label="Models folder"
          value={modelsDirectory}
          placeholder="(the data folder's models/)"
          onChange={(event) => setModelsDirectory(event.target.value)}
          hint="Where downloads go and .gguf files are listed from."
        />
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" variant="primary">
            Save settings
          </Button>
          <Button type="button" disabled={restarting} onClick={() => void engineRestartRequested()} title="Unloads every model no running discussion uses; the next use loads it with these settings">
            {restarting ? "Restarting engine..." : "Restart engine"}
          </Button>
        </div>
        {applied && (
          <p data-testid="engine-applied" role="status" className="text-sm text-slate-600 sm:col-span-2 dark:text-slate-300">
            {appliedText(applied)}
          </p>
        )}
      </form>
    </Section>
  );
}

/** What saving did to the engine, in a sentence: settings apply at once except to models running discussions hold. */
export function appliedText({ unloaded, inUse }: EngineReload): string {
  const parts = ["Applied."];
  if (unloaded.length > 0) parts.push(`Unloaded ${unloaded.join(", ")}: the next use loads ${unloaded.length === 1 ? "it" : "them"} with these settings.`);
  else if (inUse.length === 0) parts.push("Models load with these settings from now on.");
  if (inUse.length > 0) parts.push(`${inUse.join(", ")} ${inUse.length === 1 ? "keeps its" : "keep their"} settings until the discussions using ${inUse.length === 1 ? "it" : "them"} end; then Restart engine.`);
  return parts.join(" ");
}

/** Errors the engine logged instead of dropping; the log file holds them all, with stacks. */
function LoggedErrors() {
  const loggedErrors = useSettingsStore((state) => state.loggedErrors);
  const logFile = useSettingsStore((state) => state.logFile);
  return (
    <Section title="Logged errors">
      {loggedErrors.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">None since the studio started.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm" aria-label="Logged errors">
          {loggedErrors
            .slice()
            .reverse()
            .map((entry, index) => (
              <li key={index} className="font-mono text-xs">
                {entry.at} [{entry.source}] {entry.message}
              </li>
            ))}
        </ul>
      )}
      <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
        Every error, with its details, is kept in <span className="font-mono">{logFile}</span> (rotated at 1 MB).
      </p>
    </Section>
  );
}
