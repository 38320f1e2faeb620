import { useEffect, useState } from "react";
import { Button } from "../../ui/button.js";
import { formatBytes } from "../../ui/format.js";
import { AddModelForm } from "./AddModelForm.js";
import { DownloadLine } from "./CatalogSection.js";
import { followModelEvents, useModelStore } from "./model-store.js";

/**
 * What a first start shows where a model is needed and none exists: the recommended catalog
 * model (size, licence, one click, progress) or a GGUF file the user already has.
 */
export function ModelOnboarding({ onModelReady }: { onModelReady?: () => void }) {
  const catalog = useModelStore((state) => state.catalog);
  const downloads = useModelStore((state) => state.downloads);
  const modelCount = useModelStore((state) => state.models.filter((model) => model.error === null).length);
  const downloadRequested = useModelStore((state) => state.downloadRequested);
  const [usingOwnFile, setUsingOwnFile] = useState(false);

  useEffect(() => {
    const off = followModelEvents();
    void useModelStore.getState().onboardingOpened();
    return off;
  }, []);
  useEffect(() => {
    if (modelCount > 0) onModelReady?.();
  }, [modelCount, onModelReady]);

  const recommended = catalog.find((entry) => entry.recommended) ?? catalog[0];
  const download = recommended ? Object.values(downloads).filter((candidate) => candidate.uri === recommended.uri).at(-1) : undefined;
  const busy = download !== undefined && download.state !== "cancelled" && download.state !== "failed";
  return (
    <section data-testid="model-onboarding" className="flex flex-col gap-3 rounded-lg border border-indigo-200 bg-indigo-50/60 p-4 dark:border-indigo-900 dark:bg-indigo-950/30">
      <div>
        <h3 className="text-sm font-semibold text-slate-800 dark:text-slate-100">No model yet</h3>
        <p className="text-sm text-slate-600 dark:text-slate-300">Discussions are written by a local GGUF model. Download the one we recommend for a first discussion, or use a file you already have.</p>
      </div>
      {recommended && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-white px-3 py-2 dark:bg-slate-900">
          <div className="min-w-0">
            <span className="font-medium">{recommended.name}</span>
            <span className="ml-2 text-xs text-slate-500" data-testid="recommended-facts">
              {formatBytes(recommended.sizeBytes)} download · {recommended.parameters} parameters · licence {recommended.license}
            </span>
            <div className="text-xs text-slate-500 dark:text-slate-400">{recommended.suits}</div>
          </div>
          {!busy && (
            <Button variant="primary" onClick={() => void downloadRequested({ uri: recommended.uri, name: recommended.name })}>
              Download ({formatBytes(recommended.sizeBytes)})
            </Button>
          )}
          {download && (
            <div className="w-full">
              <DownloadLine download={download} />
            </div>
          )}
        </div>
      )}
      {usingOwnFile ? (
        <AddModelForm />
      ) : (
        <div>
          <Button variant="ghost" onClick={() => setUsingOwnFile(true)}>
            Use a GGUF file I have…
          </Button>
        </div>
      )}
    </section>
  );
}
