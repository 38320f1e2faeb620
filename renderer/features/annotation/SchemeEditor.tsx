import { describeAnswerFormat, type AnnotationDimension, type AnnotationScheme } from "../../../shared/domain/annotation.js";
import { Button } from "../../ui/button.js";
import { SelectField, TextAreaField, TextField } from "../../ui/field.js";
import { useAnnotationStore } from "./annotation-store.js";

function newDimension(kind: AnnotationDimension["kind"], name: string): AnnotationDimension {
  switch (kind) {
    case "scale":
      return { kind, name, description: "", min: 1, max: 5, labels: [] };
    case "category":
      return { kind, name, description: "", categories: ["yes", "no"] };
    case "number":
      return { kind, name, description: "" };
    case "text":
      return { kind, name, description: "", maxLength: 200 };
  }
}

/** Edits one scheme: instructions, history window and the dimensions of the answer. */
export function SchemeEditor() {
  const editing = useAnnotationStore((state) => state.editing);
  const problems = useAnnotationStore((state) => state.schemeProblems);
  const schemeEdited = useAnnotationStore((state) => state.schemeEdited);
  const schemeSaved = useAnnotationStore((state) => state.schemeSaved);
  const schemeEditClosed = useAnnotationStore((state) => state.schemeEditClosed);
  if (!editing) return null;
  const scheme = editing.scheme;
  const change = (patch: Partial<AnnotationScheme>) => schemeEdited({ ...scheme, ...patch });
  const changeDimension = (index: number, dimension: AnnotationDimension) => change({ dimensions: scheme.dimensions.map((d, i) => (i === index ? dimension : d)) });
  return (
    <div data-testid="scheme-editor" className="mt-3 flex flex-col gap-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-3 dark:border-indigo-900 dark:bg-indigo-950/20">
      <div className="grid grid-cols-[1fr_10rem] gap-3">
        <TextField label="Scheme name" value={scheme.name} onChange={(e) => change({ name: e.target.value })} />
        <TextField label="History window (comments seen)" type="number" min={1} value={scheme.historyWindow} onChange={(e) => change({ historyWindow: Number(e.target.value) })} />
      </div>
      <TextAreaField label="Context" rows={2} value={scheme.context} onChange={(e) => change({ context: e.target.value })} />
      <TextAreaField
        label="Instructions (the annotator's SynDisco instructions, sent exactly as written)"
        rows={5}
        value={scheme.instructions}
        onChange={(e) => change({ instructions: e.target.value })}
        hint={
          <button type="button" className="text-indigo-600 hover:underline dark:text-indigo-300" onClick={() => change({ instructions: `${scheme.instructions.trimEnd()}\n${describeAnswerFormat(scheme)}`.trimStart() })}>
            Append a description of the answer format
          </button>
        }
      />
      <div className="flex flex-col gap-2">
        {scheme.dimensions.map((dimension, index) => (
          <div key={index} data-testid="dimension-row" className="grid grid-cols-[8rem_10rem_1fr_auto] items-end gap-2">
            <SelectField label="Kind" value={dimension.kind} onChange={(e) => changeDimension(index, newDimension(e.target.value as AnnotationDimension["kind"], dimension.name))}>
              <option value="scale">Scale</option>
              <option value="category">Categories</option>
              <option value="number">Number</option>
              <option value="text">Free text</option>
            </SelectField>
            <TextField label="Dimension" value={dimension.name} onChange={(e) => changeDimension(index, { ...dimension, name: e.target.value })} />
            <DimensionDetails dimension={dimension} onChange={(next) => changeDimension(index, next)} />
            <Button variant="ghost" aria-label={`Remove ${dimension.name}`} onClick={() => change({ dimensions: scheme.dimensions.filter((_, i) => i !== index) })}>
              ✕
            </Button>
          </div>
        ))}
        <div>
          <Button onClick={() => change({ dimensions: [...scheme.dimensions, newDimension("scale", `dimension_${scheme.dimensions.length + 1}`)] })}>Add dimension</Button>
        </div>
      </div>
      {problems.length > 0 && (
        <ul role="alert" className="list-disc pl-5 text-sm text-rose-600 dark:text-rose-400">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <Button variant="primary" onClick={() => void schemeSaved()}>
          Save scheme
        </Button>
        <Button variant="ghost" onClick={schemeEditClosed}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

function DimensionDetails({ dimension, onChange }: { dimension: AnnotationDimension; onChange: (dimension: AnnotationDimension) => void }) {
  if (dimension.kind === "scale") {
    const labels = Array.from({ length: Math.max(0, Math.min(101, dimension.max - dimension.min + 1)) }, (_, i) => dimension.min + i)
      .map((value) => `${value}=${dimension.labels.find((label) => label.value === value)?.label ?? ""}`)
      .join("; ");
    return (
      <div className="grid grid-cols-[4.5rem_4.5rem_1fr] gap-2">
        <TextField label="Min" type="number" value={dimension.min} onChange={(e) => onChange({ ...dimension, min: Number(e.target.value) })} />
        <TextField label="Max" type="number" value={dimension.max} onChange={(e) => onChange({ ...dimension, max: Number(e.target.value) })} />
        <TextField
          label="Labels (value=label; …)"
          defaultValue={labels}
          key={`${dimension.min}-${dimension.max}`}
          onBlur={(e) =>
            onChange({
              ...dimension,
              labels: e.target.value
                .split(";")
                .map((part) => part.split("="))
                .flatMap(([value, ...label]) => (value?.trim() && label.join("=").trim() ? [{ value: Number(value), label: label.join("=").trim() }] : [])),
            })
          }
        />
      </div>
    );
  }
  if (dimension.kind === "category") {
    return <TextField label="Categories (comma-separated)" defaultValue={dimension.categories.join(", ")} onBlur={(e) => onChange({ ...dimension, categories: e.target.value.split(",").map((c) => c.trim()).filter(Boolean) })} />;
  }
  if (dimension.kind === "text") {
    return <TextField label="Max characters" type="number" value={dimension.maxLength} onChange={(e) => onChange({ ...dimension, maxLength: Number(e.target.value) })} />;
  }
  return <span className="pb-2 text-xs text-slate-500">any number</span>;
}
