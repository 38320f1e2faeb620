import type { AnnotationJobSummary } from "../../../shared/contract-annotations.js";
import { Button } from "../../ui/button.js";
import { SelectField, TextField } from "../../ui/field.js";
import { formatDuration } from "../../ui/format.js";
import { ProgressBar } from "../../ui/progress-bar.js";
import { Section } from "../../ui/section.js";
import { useLibraryStore } from "../library/library-store.js";
import { AgreementTable } from "./AgreementTable.js";
import { useAnnotationStore } from "./annotation-store.js";

/** Start a job over the library's selection or a whole study; follow, pause, resume, cancel; agreement when done. */
export function JobsSection() {
  const draft = useAnnotationStore((state) => state.draft);
  const studies = useAnnotationStore((state) => state.studies);
  const annotators = useAnnotationStore((state) => state.annotators);
  const jobs = useAnnotationStore((state) => state.jobs);
  const draftChanged = useAnnotationStore((state) => state.draftChanged);
  const jobStarted = useAnnotationStore((state) => state.jobStarted);
  const selected = useLibraryStore((state) => state.selected);
  const ids = [...selected];
  const reason = annotators.length === 0 ? "add and save annotators first" : draft.target === "library" && ids.length === 0 ? "select discussions in the Library first" : draft.target === "study" && !draft.experimentId ? "there is no study to annotate" : null;
  return (
    <Section title="Jobs">
      <div className="grid grid-cols-[1fr_12rem_1fr_8rem] items-end gap-3">
        <TextField label="Job name" value={draft.name} onChange={(e) => draftChanged({ name: e.target.value })} />
        <SelectField label="Annotate" value={draft.target} onChange={(e) => draftChanged({ target: e.target.value as "library" | "study" })}>
          <option value="library">Library selection ({ids.length})</option>
          <option value="study">A whole study</option>
        </SelectField>
        {draft.target === "study" ? (
          <SelectField label="Study" value={draft.experimentId} onChange={(e) => draftChanged({ experimentId: e.target.value })}>
            {studies.map((study) => (
              <option key={study.experimentId} value={study.experimentId}>{study.name} ({study.discussions} {study.discussions === 1 ? "discussion" : "discussions"})</option>
            ))}
          </SelectField>
        ) : (
          <span className="pb-2 text-xs text-slate-500">{ids.length === 0 ? "Select discussions in the Library (checkboxes)." : `${ids.length} discussion(s) selected in the Library.`}</span>
        )}
        <TextField label="At once" type="number" min={1} max={64} value={draft.parallel} onChange={(e) => draftChanged({ parallel: Math.max(1, Number(e.target.value)) })} />
      </div>
      <div className="mt-3 flex items-center gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.includeModeratorComments} onChange={(e) => draftChanged({ includeModeratorComments: e.target.checked })} />
          Rate moderator comments (and keep them in the history)
        </label>
        <Button variant="primary" className="ml-auto" disabled={reason !== null} title={reason ?? undefined} onClick={() => void jobStarted(ids)}>
          Start annotating
        </Button>
      </div>
      {reason && <p className="mt-1 text-right text-xs text-slate-500">{reason}</p>}
      <div className="mt-4 flex flex-col gap-3">
        {Object.values(jobs).reverse().map((job) => (
          <JobCard key={job.jobId} job={job} />
        ))}
      </div>
    </Section>
  );
}

function JobCard({ job }: { job: AnnotationJobSummary }) {
  const jobControlled = useAnnotationStore((state) => state.jobControlled);
  const jobResumed = useAnnotationStore((state) => state.jobResumed);
  const agreementRequested = useAnnotationStore((state) => state.agreementRequested);
  const agreement = useAnnotationStore((state) => state.agreement[job.jobId]);
  const { progress } = job;
  const fraction = progress.total === 0 ? null : progress.done / progress.total;
  const active = progress.state === "running" || progress.state === "paused" || progress.state === "cancelling";
  return (
    <article data-testid="annotation-job" data-state={progress.state} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
      <header className="flex items-center gap-2">
        <span className="font-semibold">{job.name}</span>
        <span className="text-xs text-slate-500">{job.target} · {job.annotators.join(", ")}</span>
        <span className="ml-auto flex gap-2">
          {progress.state === "running" && <Button onClick={() => void jobControlled(job.jobId, "pause")}>Pause</Button>}
          {progress.state === "paused" && <Button onClick={() => void jobControlled(job.jobId, "resume")}>Resume</Button>}
          {active && <Button variant="danger" onClick={() => void jobControlled(job.jobId, "cancel")}>Cancel</Button>}
          {progress.state === "cancelled" && <Button onClick={() => void jobResumed(job.jobId)}>Continue</Button>}
          {progress.state === "finished" && !agreement && <Button onClick={() => void agreementRequested(job.jobId)}>Agreement</Button>}
        </span>
      </header>
      {job.live && <ProgressBar className="mt-2" value={fraction} label={`${job.name} progress`} />}
      <p data-testid="annotation-job-status" className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {progress.total > 0 && `${progress.done} / ${progress.total} annotations`}
        {progress.unparsed > 0 && ` · ${progress.unparsed} unparsed`}
        {progress.failed > 0 && ` · ${progress.failed} failed`}
        {job.live && progress.annotationsPerHour > 0 && ` · ${Math.round(progress.annotationsPerHour)}/h`}
        {progress.state === "running" && progress.etaSeconds !== null && ` · ETA ${formatDuration(progress.etaSeconds)}`}
        {job.live && progress.promptTokens.total > 0 && ` · prompt tokens evaluated ${Math.round((100 * progress.promptTokens.evaluated) / progress.promptTokens.total)}%`}
        {` · ${!job.live && progress.state !== "finished" ? "stopped: continue to finish it" : progress.state}`}
      </p>
      {job.error && <p role="alert" className="mt-1 text-xs text-rose-600">{job.error}</p>}
      {progress.errors.map((error) => (
        <p key={`${error.annotator}-${error.discussionId}`} className="mt-1 text-xs text-rose-600">{error.annotator} on {error.discussionId}: {error.message}</p>
      ))}
      {agreement && <AgreementTable agreement={agreement} />}
    </article>
  );
}
