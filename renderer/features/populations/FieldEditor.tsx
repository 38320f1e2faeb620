import type { AgeBands, Categorical, PopulationSpec, Traits } from "../../../shared/domain/population.js";
import { fieldDistribution } from "../../../shared/domain/population.js";
import { applyCountsTable } from "../../../shared/population/apply-counts.js";
import { parseCountsCsv } from "../../../shared/population/counts-csv.js";
import { tableOf } from "../../../shared/population/targets.js";
import { controlClass } from "../../ui/field.js";
import { FileButton } from "../../ui/file-button.js";
import { usePopulationStore } from "./population-store.js";
import { WeightTable } from "./WeightTable.js";

type Kind = "unset" | "categorical" | "age-bands" | "traits" | "llm";

const kindLabels: Record<Kind, string> = {
  unset: "Not set (SynDisco's default)",
  categorical: "Categories with weights",
  "age-bands": "Age bands",
  traits: "Trait vocabulary",
  llm: "Written by the LLM",
};

/** The kinds of distribution each field can take. */
function kindsFor(field: string): Kind[] {
  if (field === "age") return ["unset", "age-bands", "categorical"];
  if (field === "special_instructions") return ["unset", "categorical", "llm"];
  if (field === "personality_characteristics") return ["unset", "traits", "llm"];
  return ["unset", "categorical"];
}

function fresh(kind: Kind): PopulationSpec["fields"][keyof PopulationSpec["fields"]] | undefined {
  switch (kind) {
    case "categorical":
      return { kind: "categorical", categories: [{ value: "", weight: 1 }] };
    case "age-bands":
      return { kind: "age-bands", write: "label", bands: [{ label: "18-34", min: 18, max: 34, weight: 1 }] };
    case "traits":
      return { kind: "traits", count: { min: 1, max: 2 }, vocabulary: [{ trait: "curious", weight: 1 }, { trait: "calm", weight: 1 }] };
    case "llm":
      return { kind: "llm" };
    default:
      return undefined;
  }
}

/** Sets a field's distribution, whether a SynDisco field or one of the researcher's own. */
function setDistribution(draft: PopulationSpec, field: string, distribution: PopulationSpec["fields"][keyof PopulationSpec["fields"]] | undefined): void {
  if (Object.hasOwn(draft.extraFields, field)) {
    if (distribution?.kind === "categorical") draft.extraFields[field] = distribution;
    return;
  }
  const fields = draft.fields as Record<string, unknown>;
  if (distribution === undefined) delete fields[field];
  else fields[field] = distribution;
}

/** What a counts table may be saved as. */
export const COUNTS_FILES = ".csv,.tsv,.txt,text/csv";

/** "Import counts (CSV)…" for one field: a table with one category column sets its weights. */
function CountsImport({ field }: { field: string }) {
  const draft = usePopulationStore((state) => state.draft);
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  return (
    <FileButton
      accept={COUNTS_FILES}
      testId={`counts-input-${field}`}
      className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
      onText={(fileName, text) => {
        try {
          const table = parseCountsCsv(text);
          if (table.columns.length !== 1) throw new Error(`it has ${table.columns.length} category columns (${table.columns.join(", ")}): import it under Joint tables`);
          const next = applyCountsTable(draft, table, [field]);
          draftEdited((target) => Object.assign(target, next));
        } catch (error) {
          usePopulationStore.setState({ error: `${fileName}: ${error instanceof Error ? error.message : String(error)}` });
        }
      }}
    >
      Import counts (CSV)…
    </FileButton>
  );
}

function CategoriesEditor({ field, distribution }: { field: string; distribution: Categorical }) {
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  return (
    <WeightTable
      name={`${field} categories`}
      rows={distribution.categories}
      columns={[{ header: "Value", label: (i) => `${field} category ${i + 1}`, get: (row) => row.value, set: (row, value) => ({ ...row, value }) }]}
      onChange={(categories) => draftEdited((draft) => setDistribution(draft, field, { kind: "categorical", categories }))}
      newRow={() => ({ value: "", weight: 1 })}
      addLabel="Add category"
      footer={<CountsImport field={field} />}
    />
  );
}

function AgeBandsEditor({ distribution }: { distribution: AgeBands }) {
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  const change = (next: Partial<AgeBands>) => draftEdited((draft) => setDistribution(draft, "age", { ...distribution, ...next }));
  const integer = (value: string) => (value === "" ? Number.NaN : Math.trunc(Number(value)));
  return (
    <div className="flex flex-col gap-2">
      <WeightTable
        name="age bands"
        rows={distribution.bands}
        columns={[
          { header: "Label", label: (i) => `Age band ${i + 1}`, get: (row) => row.label, set: (row, label) => ({ ...row, label }) },
          { header: "From", label: (i) => `Age band ${i + 1}`, get: (row) => (Number.isFinite(row.min) ? row.min : ""), set: (row, value) => ({ ...row, min: integer(value) }), numeric: true, width: "w-20" },
          { header: "To", label: (i) => `Age band ${i + 1}`, get: (row) => (Number.isFinite(row.max) ? row.max : ""), set: (row, value) => ({ ...row, max: integer(value) }), numeric: true, width: "w-20" },
        ]}
        onChange={(bands) => change({ bands })}
        newRow={() => ({ label: "", min: 18, max: 99, weight: 1 })}
        addLabel="Add band"
        footer={<CountsImport field="age" />}
      />
      <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
        Write into the persona
        <select aria-label="Age written as" className={`${controlClass} py-1`} value={distribution.write} onChange={(event) => change({ write: event.target.value as AgeBands["write"] })}>
          <option value="label">the band's label (e.g. "25-34")</option>
          <option value="number">an age drawn within the band</option>
        </select>
      </label>
    </div>
  );
}

function TraitsEditor({ distribution }: { distribution: Traits }) {
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  const change = (next: Partial<Traits>) => draftEdited((draft) => setDistribution(draft, "personality_characteristics", { ...distribution, ...next }));
  const count = (key: "min" | "max", value: string) => change({ count: { ...distribution.count, [key]: value === "" ? Number.NaN : Math.trunc(Number(value)) } });
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
        Each persona gets
        <input aria-label="Fewest traits" type="number" min={0} className={`${controlClass} w-16 py-1`} value={Number.isFinite(distribution.count.min) ? distribution.count.min : ""} onChange={(event) => count("min", event.target.value)} />
        to
        <input aria-label="Most traits" type="number" min={0} className={`${controlClass} w-16 py-1`} value={Number.isFinite(distribution.count.max) ? distribution.count.max : ""} onChange={(event) => count("max", event.target.value)} />
        traits, drawn by weight without repeats.
      </div>
      <WeightTable
        name="trait vocabulary"
        rows={distribution.vocabulary}
        columns={[{ header: "Trait", label: (i) => `Trait ${i + 1}`, get: (row) => row.trait, set: (row, trait) => ({ ...row, trait }) }]}
        onChange={(vocabulary) => change({ vocabulary })}
        newRow={() => ({ trait: "", weight: 1 })}
        addLabel="Add trait"
      />
    </div>
  );
}

/** One persona field: how it is drawn, and the editor for that distribution. */
export function FieldEditor({ field, removable = false }: { field: string; removable?: boolean }) {
  const draft = usePopulationStore((state) => state.draft);
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  const distribution = fieldDistribution(draft, field);
  const kind: Kind = distribution?.kind ?? "unset";
  const tabled = tableOf(draft, field);
  const summary =
    tabled !== null
      ? `drawn jointly with ${tabled.table.fields.filter((other) => other !== field).join(", ")} (joint table ${tabled.index + 1})`
      : distribution?.kind === "categorical"
        ? `${distribution.categories.length} categories`
        : distribution?.kind === "age-bands"
          ? `${distribution.bands.length} bands`
          : distribution?.kind === "traits"
            ? `${distribution.vocabulary.length} traits, ${distribution.count.min}-${distribution.count.max} each`
            : distribution?.kind === "llm"
              ? "written by the LLM"
              : "left at SynDisco's default";
  return (
    <details className="rounded-md border border-slate-200 dark:border-slate-700">
      <summary className="flex cursor-pointer items-center justify-between gap-2 px-3 py-2 text-sm">
        <span className="font-medium">{field.replaceAll("_", " ")}</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">{summary}</span>
      </summary>
      <div className="flex flex-col gap-2 border-t border-slate-200 p-3 dark:border-slate-700">
        <div className="flex items-center gap-2">
          {!removable && (
            <select
              aria-label={`How ${field.replaceAll("_", " ")} is drawn`}
              className={`${controlClass} py-1`}
              value={kind}
              onChange={(event) => draftEdited((target) => setDistribution(target, field, fresh(event.target.value as Kind)))}
            >
              {kindsFor(field).map((option) => (
                <option key={option} value={option}>
                  {kindLabels[option]}
                </option>
              ))}
            </select>
          )}
          {removable && (
            <button type="button" className="text-xs text-rose-600 hover:underline" onClick={() => draftEdited((target) => void delete target.extraFields[field])}>
              Remove this field
            </button>
          )}
        </div>
        {tabled && <p className="text-xs text-amber-700 dark:text-amber-300">Joint table {tabled.index + 1} decides this field; the weights below are its marginal, for reference.</p>}
        {distribution?.kind === "categorical" && <CategoriesEditor field={field} distribution={distribution} />}
        {distribution?.kind === "age-bands" && <AgeBandsEditor distribution={distribution} />}
        {distribution?.kind === "traits" && <TraitsEditor distribution={distribution} />}
        {distribution?.kind === "llm" && <p className="text-xs text-slate-500 dark:text-slate-400">The LLM chosen below writes it for each persona, from the persona's other fields, under a grammar that keeps every answer valid.</p>}
      </div>
    </details>
  );
}
