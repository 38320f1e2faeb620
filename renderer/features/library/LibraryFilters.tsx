import { useMemo } from "react";
import { controlClass } from "../../ui/field.js";
import { facetChoices, facetsActive, type LibraryFacets } from "./library-facets.js";
import { useLibraryStore } from "./library-store.js";

type MenuKey = "study" | "cell" | "model" | "status";

function Menu({ facet, label, anyLabel, options }: { facet: MenuKey; label: string; anyLabel: string; options: { value: string; label: string }[] }) {
  const value = useLibraryStore((state) => state.facets[facet]);
  const facetChanged = useLibraryStore((state) => state.facetChanged);
  return (
    <select aria-label={label} className={`${controlClass} max-w-48 text-xs`} value={value ?? ""} onChange={(event) => facetChanged(facet, event.target.value || null)}>
      <option value="">{anyLabel}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

function DateInput({ facet, label }: { facet: keyof Pick<LibraryFacets, "from" | "to">; label: string }) {
  const value = useLibraryStore((state) => state.facets[facet]);
  const facetChanged = useLibraryStore((state) => state.facetChanged);
  return (
    <label className="flex items-center gap-1">
      {label}
      <input type="date" aria-label={`Date ${label}`} className={`${controlClass} text-xs`} value={value ?? ""} onChange={(event) => facetChanged(facet, event.target.value || null)} />
    </label>
  );
}

/** Study, cell, model, status and date menus; each offers only what some discussion has. */
export function LibraryFilters() {
  const entries = useLibraryStore((state) => state.entries);
  const facets = useLibraryStore((state) => state.facets);
  const facetsCleared = useLibraryStore((state) => state.facetsCleared);
  const choices = useMemo(() => facetChoices(entries, facets.study), [entries, facets.study]);
  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-2 px-6 pb-3 text-xs text-slate-600 dark:text-slate-300">
      {choices.studies.length > 0 && <Menu facet="study" label="Study" anyLabel="Any study" options={choices.studies.map((study) => ({ value: study.id, label: study.name }))} />}
      {choices.cells.length > 0 && <Menu facet="cell" label="Cell" anyLabel="Any cell" options={choices.cells.map((cell) => ({ value: cell.id, label: cell.label }))} />}
      {choices.models.length > 1 && <Menu facet="model" label="Model" anyLabel="Any model" options={choices.models.map((model) => ({ value: model, label: model }))} />}
      {choices.statuses.length > 1 && <Menu facet="status" label="Status" anyLabel="Any status" options={choices.statuses.map((status) => ({ value: status, label: status }))} />}
      <DateInput facet="from" label="from" />
      <DateInput facet="to" label="to" />
      {facetsActive(facets) && (
        <button type="button" onClick={facetsCleared} className="text-indigo-600 hover:underline dark:text-indigo-400">
          Clear filters
        </button>
      )}
    </div>
  );
}
