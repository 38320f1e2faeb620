import { useEffect } from "react";
import { useNavigationStore } from "../../app/navigation-store.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { FillPage } from "../../ui/fill-page.js";
import { ExportMenu } from "../library/ExportMenu.js";
import { CommentList } from "./CommentList.js";
import { CloseButton, FinishedActions } from "./FinishedActions.js";
import { HumanTurnBox } from "./HumanTurnBox.js";
import { SpeakerChoiceBox } from "./SpeakerChoiceBox.js";
import { RunControls } from "./RunControls.js";
import { SaveProblemBox } from "./SaveProblemBox.js";
import { StartPanel } from "./StartPanel.js";
import { StatusLine } from "./StatusLine.js";
import { useRunStore } from "./run-store.js";

export function TranscriptView() {
  const openDiscussion = useNavigationStore((state) => state.openDiscussion);
  const discussionOpened = useRunStore((state) => state.discussionOpened);
  useEffect(() => {
    void discussionOpened(openDiscussion);
  }, [openDiscussion, discussionOpened]);

  const source = useRunStore((state) => state.source);
  const title = useRunStore((state) => state.title);
  const status = useRunStore((state) => state.status);
  const commandError = useRunStore((state) => state.commandError);
  const commandErrorDismissed = useRunStore((state) => state.commandErrorDismissed);
  const hasRecord = useRunStore((state) => state.totalTurns !== null);
  const live = status === "running" || status === "paused";
  const finished = !live && status !== "loading" && status !== "unknown";

  if (!source) {
    return (
      <FillPage title="Transcript">
        {commandError && (
          <div className="px-6 pt-4">
            <ErrorBanner message={commandError} onDismiss={commandErrorDismissed} />
          </div>
        )}
        <StartPanel />
      </FillPage>
    );
  }
  return (
    <FillPage
      title="Transcript"
      subtitle={
        <>
          <span className="font-medium text-slate-700 dark:text-slate-300">{title}</span> · <StatusLine />
        </>
      }
      actions={
        <>
          {source.kind === "live" && live && <RunControls />}
          {finished && <FinishedActions ranHere={source.kind === "live" || hasRecord} />}
          {finished && <ExportMenu ids={[source.id]} />}
          <CloseButton />
        </>
      }
    >
      {commandError && (
        <div className="px-6 pt-3">
          <ErrorBanner message={commandError} onDismiss={commandErrorDismissed} />
        </div>
      )}
      <TranscriptBody />
    </FillPage>
  );
}

function TranscriptBody() {
  const comments = useRunStore((state) => state.comments);
  const streaming = useRunStore((state) => state.streaming);
  const awaitingHuman = useRunStore((state) => state.awaitingHuman);
  const awaitingSpeaker = useRunStore((state) => state.awaitingSpeaker);
  const runError = useRunStore((state) => state.runError);
  const saveError = useRunStore((state) => state.saveError);
  const warnings = useRunStore((state) => state.warnings);
  const status = useRunStore((state) => state.status);
  const kind = useRunStore((state) => state.source?.kind);
  const footer =
    runError || saveError || awaitingHuman || awaitingSpeaker || warnings.length > 0 || (status === "running" && comments.length === 0 && !streaming) ? (
      <div className="flex flex-col gap-3">
        {warnings.map((warning, index) => (
          <p key={index} role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
            ⚠ {warning}
          </p>
        ))}
        {runError && <ErrorBanner message={`The discussion failed: ${runError}. Every comment above was kept.`} />}
        {saveError && <SaveProblemBox message={saveError.message} file={saveError.file} />}
        {awaitingHuman && <HumanTurnBox speaker={awaitingHuman} />}
        {awaitingSpeaker && <SpeakerChoiceBox key={awaitingSpeaker.turn} question={awaitingSpeaker} />}
        {status === "running" && comments.length === 0 && !streaming && <p className="text-sm text-slate-500">Waiting for the first comment…</p>}
      </div>
    ) : null;
  if (status === "loading") return <p className="p-6 text-sm text-slate-500">Loading the discussion…</p>;
  // A live run follows its newest comment; a saved one is read from the start.
  return <CommentList key={kind} comments={comments} streaming={streaming} footer={footer} followLatest={kind === "live"} />;
}
