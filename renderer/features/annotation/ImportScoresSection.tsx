import { useRef, useState } from "react";
import type { FileContent } from "../../../shared/contract.js";
import { Button } from "../../ui/button.js";
import { ErrorBanner } from "../../ui/error-banner.js";
import { SelectField, TextField } from "../../ui/field.js";
import { Section } from "../../ui/section.js";
import { useAnnotationStore } from "./annotation-store.js";
import { useImportScoresStore } from "./import-scores-store.js";

async function readChosen(input: HTMLInputElement): Promise<FileContent | null> {
  const file = input.files?.[0];
  input.value = "";
  return file ? { fileName: file.name.slice(-255), content: await file.text() } : null;
}

/** Scores made elsewhere, attached as another annotator: SynDisco annotation files and CSVs of external scores. */
export function ImportScoresSection() {
  const schemes = useAnnotationStore((state) => state.schemes);
  const presets = useAnnotationStore((state) => state.presets);
  const { importing, outcome, error, annotationFileImported, scoresCsvImported, dismissed } = useImportScoresStore();
  const choices = [...schemes.map(({ id, scheme }) => ({ key: `saved:${id}`, label: scheme.name, scheme })), ...presets.map((scheme) => ({ key: `preset:${scheme.name}`, label: `${scheme.name} (preset)`, scheme }))];
  const [schemeKey, setSchemeKey] = useState("");
  const [fileAnnotator, setFileAnnotator] = useState("");
  const [discussionId, setDiscussionId] = useState("");
  const [csvAnnotator, setCsvAnnotator] = useState("classifier");
  const annotationInput = useRef<HTMLInputElement>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const scheme = (choices.find((choice) => choice.key === schemeKey) ?? choices[0])?.scheme;
  return (
    <Section title="Import scores">
      {error && <ErrorBanner message={error} onDismiss={dismissed} />}
      {outcome && (
        <div role="status" data-testid="import-outcome" className="mb-3 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200">
          <p>{outcome.summary}</p>
          {outcome.problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5 text-xs text-amber-800 dark:text-amber-300">
              {outcome.problems.slice(0, 20).map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
              {outcome.problems.length > 20 && <li>…and {outcome.problems.length - 20} more</li>}
            </ul>
          )}
        </div>
      )}
      <div className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-3">
        <SelectField label="Scheme of the file" value={schemeKey || choices[0]?.key || ""} onChange={(e) => setSchemeKey(e.target.value)}>
          {choices.map((choice) => (
            <option key={choice.key} value={choice.key}>{choice.label}</option>
          ))}
        </SelectField>
        <TextField label="Annotator name (optional)" placeholder="from the file's model" value={fileAnnotator} onChange={(e) => setFileAnnotator(e.target.value)} />
        <TextField label="Discussion id (optional)" placeholder="the file's conv_id" value={discussionId} onChange={(e) => setDiscussionId(e.target.value)} />
        <input
          ref={annotationInput}
          data-testid="import-annotation-input"
          type="file"
          accept=".json,application/json"
          hidden
          onChange={async (event) => {
            const file = await readChosen(event.currentTarget);
            if (file && scheme) await annotationFileImported(file, scheme, fileAnnotator, discussionId);
          }}
        />
        <Button disabled={importing || !scheme} title="A SynDisco annotation file (legacy or 2.1+), its answers parsed with the scheme" onClick={() => annotationInput.current?.click()}>
          Import annotation file…
        </Button>
      </div>
      <div className="mt-3 grid grid-cols-[1fr_2fr_auto] items-end gap-3">
        <TextField label="Scores annotator name" value={csvAnnotator} onChange={(e) => setCsvAnnotator(e.target.value)} />
        <p className="pb-2 text-xs text-slate-500">CSV columns: discussion_id, comment_index, then one column per dimension (e.g. a toxicity classifier's scores).</p>
        <input
          ref={csvInput}
          data-testid="import-scores-csv-input"
          type="file"
          accept=".csv,text/csv"
          hidden
          onChange={async (event) => {
            const file = await readChosen(event.currentTarget);
            if (file) await scoresCsvImported(file, csvAnnotator);
          }}
        />
        <Button disabled={importing || csvAnnotator.trim() === ""} title={csvAnnotator.trim() === "" ? "Name the annotator first" : "Attach a CSV of external scores as another annotator"} onClick={() => csvInput.current?.click()}>
          Import scores CSV…
        </Button>
      </div>
    </Section>
  );
}
