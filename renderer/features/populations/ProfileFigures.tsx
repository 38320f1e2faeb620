import { useMemo } from "react";
import type { PoolProfile } from "../../../shared/domain/population-profile.js";
import { describeFit, fieldProfileChart } from "../../../shared/plots/profile-chart.js";
import { VegaChart } from "../../ui/VegaChart.js";

/** Per field, drawn shares beside the target with chi-square and total variation; notes beneath. */
export function ProfileFigures({ profile, title }: { profile: PoolProfile; title: string }) {
  const charts = useMemo(() => profile.fields.map((field) => ({ field, spec: fieldProfileChart(field, profile.size) })), [profile]);
  return (
    <section aria-label={title} className="flex flex-col gap-3">
      <h4 className="text-sm font-semibold">{title}</h4>
      <table aria-label={`${title}: fit per field`} className="w-full max-w-3xl text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
            <th className="pb-1 font-medium">Field</th>
            <th className="pb-1 font-medium">Fit against the target</th>
          </tr>
        </thead>
        <tbody>
          {profile.fields.map((field) => (
            <tr key={field.field} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1 pr-3">{field.label}</td>
              <td className="py-1 tabular-nums">{describeFit(field, profile.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {profile.notes.map((note) => (
        <p key={note} className="text-xs text-slate-600 dark:text-slate-300">
          {note}
        </p>
      ))}
      {profile.llmFields.map((field) => (
        <p key={field.field} className="text-xs text-slate-600 dark:text-slate-300">
          {field.field.replaceAll("_", " ")}: written by the LLM for {field.filled} of {profile.size} personas (no target to compare with).
        </p>
      ))}
      <div className="grid grid-cols-[repeat(auto-fill,minmax(26rem,1fr))] gap-4">
        {charts.map(({ field, spec }) => (
          <div key={field.field} className="flex flex-col gap-1">
            <VegaChart spec={spec} description={`${field.label}: drawn against target. ${describeFit(field, profile.size)}`} fileStem={`profile-${field.field.replace(/[^A-Za-z0-9_-]+/g, "-")}`} />
            {field.notes.map((note) => (
              <p key={note} className="text-xs text-amber-700 dark:text-amber-300">
                {note}
              </p>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
