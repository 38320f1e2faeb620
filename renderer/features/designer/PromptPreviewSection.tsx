import { useEffect } from "react";
import type { PromptPreview } from "../../../shared/contract-designs.js";
import { Button } from "../../ui/button.js";
import { Section } from "../../ui/section.js";
import { contextWarnings, speakerFit, usableContext, type PromptFit } from "./prompt-fit.js";
import { usePromptPreviewStore } from "./prompt-preview-store.js";
import { useBuiltDesign } from "./use-built-design.js";

/** Typing settles before the engine is asked (it tokenizes every speaker's prompt). */
const settleMs = 600;

const fitColour: Record<PromptFit["level"], string> = {
  fits: "text-emerald-700 dark:text-emerald-300",
  near: "text-amber-700 dark:text-amber-300",
  over: "text-rose-700 dark:text-rose-300",
  unknown: "text-slate-500 dark:text-slate-400",
};

function SpeakerRow({ preview, speaker }: { preview: PromptPreview; speaker: PromptPreview["speakers"][number] }) {
  const fit = speakerFit(preview, speaker);
  const of = usableContext(preview, speaker.model).tokens.toLocaleString();
  return (
    <li data-testid="prompt-preview-speaker" data-fit={fit.level} className="border-b border-slate-100 py-1.5 last:border-b-0 dark:border-slate-800">
      <details>
        <summary className="cursor-pointer text-sm">
          <span className="font-medium">{speaker.name}</span>
          {speaker.role === "moderator" && <span className="text-slate-500"> (moderator)</span>}
          <span className="text-slate-500"> · {speaker.model} · </span>
          {speaker.firstTurnTokens === null ? (
            <span className="text-slate-500">tokens unknown</span>
          ) : (
            <span>
              first prompt <b data-testid="first-turn-tokens">{speaker.firstTurnTokens.toLocaleString()}</b> tokens, a turn up to {speaker.mostTokens?.toLocaleString()} of {of}
            </span>
          )}
          <span className={`block text-xs ${fitColour[fit.level]}`}>{fit.level === "fits" ? "✓" : "⚠"} {fit.text}</span>
        </summary>
        <div className="mt-2 flex flex-col gap-2">
          <PromptText label="System prompt" text={speaker.systemPrompt} />
          <PromptText label="First user message" text={speaker.userMessage} />
        </div>
      </details>
    </li>
  );
}

function PromptText({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <div className="text-xs font-medium text-slate-600 dark:text-slate-300">{label}</div>
      <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:bg-slate-900">{text}</pre>
    </div>
  );
}

/** What each speaker will be sent, in tokens against the context the engine uses and the model's training. */
export function PromptPreviewSection() {
  const { design } = useBuiltDesign();
  const preview = usePromptPreviewStore((state) => state.preview);
  const loading = usePromptPreviewStore((state) => state.loading);
  const error = usePromptPreviewStore((state) => state.error);
  const previewRequested = usePromptPreviewStore((state) => state.previewRequested);
  useEffect(() => {
    if (!design) return;
    const timer = setTimeout(() => void previewRequested(design), settleMs);
    return () => clearTimeout(timer);
  }, [design, previewRequested]);

  const refresh = design ? (
    <Button variant="ghost" disabled={loading} onClick={() => void previewRequested(design, true)}>
      {loading ? "Counting…" : "Refresh"}
    </Button>
  ) : null;
  return (
    <Section title="Prompt preview" actions={refresh}>
      {!design ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">A design that can run shows each speaker's prompt and its tokens here.</p>
      ) : error ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          Could not preview the prompts: {error}
        </p>
      ) : !preview ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">Counting tokens…</p>
      ) : (
        <div data-testid="prompt-preview" className="flex flex-col gap-2">
          {contextWarnings(preview).map((warning) => (
            <p key={warning} data-testid="context-warning" role="status" className="text-sm text-amber-700 dark:text-amber-300">
              ⚠ {warning}
            </p>
          ))}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Each speaker has {preview.contextSize.toLocaleString()} tokens (Settings). A turn's most counts a full history window of replies at the reply cap.
          </p>
          <ul aria-label="Prompt per speaker">
            {preview.speakers.map((speaker) => (
              <SpeakerRow key={`${speaker.role}:${speaker.name}`} preview={preview} speaker={speaker} />
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
