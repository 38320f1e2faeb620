import { useState } from "react";
import type { CommandOutput } from "../../../shared/contract.js";
import { studio } from "../../app/studio.js";
import { Button } from "../../ui/button.js";
import { useBuiltDesign } from "./use-built-design.js";

type Preview = CommandOutput<"discussion.previewSpeaker">;

/**
 * What the LLM-selected manager would do at the first turn: the prompt it reads (the seed
 * comments are the history) and, on request, the model's actual answer for this seed.
 */
export function LlmSpeakerPreview() {
  const { design, problems } = useBuiltDesign();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = async () => {
    if (!design) return;
    setAsking(true);
    setError(null);
    try {
      setPreview(await studio.call("discussion.previewSpeaker", { design }));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setAsking(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2">
        <Button disabled={!design || asking} title={design ? undefined : problems[0]?.message} onClick={() => void ask()}>
          {asking ? "Asking the model…" : "Ask the model who speaks first"}
        </Button>
        {preview && (
          <span aria-label="First speaker" className="text-sm">
            First speaker: <strong>{preview.speaker}</strong>
          </span>
        )}
      </div>
      {error && <p className="text-xs text-rose-600">{error}</p>}
      {preview?.prompt && (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-300">The prompt it read and its answer (kept in the run record at every turn)</summary>
          <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-2 dark:bg-slate-900">{`${preview.prompt.system}\n\n${preview.prompt.user}\n\n→ ${preview.reply ?? ""}`}</pre>
        </details>
      )}
    </div>
  );
}
