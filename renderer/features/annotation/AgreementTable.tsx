import type { AnnotationAgreement } from "../../../shared/domain/index.js";

const undefinedAlpha = "Krippendorff's alpha is undefined when every rating is the same (no variation to agree on) or no comment has two ratings";

/** Krippendorff's alpha per dimension, as a job card and a study's Agreement tab show it. */
export function AgreementTable({ agreement }: { agreement: AnnotationAgreement }) {
  return (
    <table data-testid="agreement" className="mt-2 text-xs">
      <thead>
        <tr className="text-left text-slate-500">
          <th className="pr-4">Dimension</th>
          <th className="pr-4">Krippendorff's α</th>
          <th className="pr-4">Level</th>
          <th className="pr-4">Annotators</th>
          <th>Comments</th>
        </tr>
      </thead>
      <tbody>
        {agreement.dimensions.map((d) => (
          <tr key={d.dimension}>
            <td className="pr-4 font-medium">{d.dimension}</td>
            <td className="pr-4 tabular-nums" title={d.alpha === null ? undefinedAlpha : undefined}>
              {d.alpha === null ? "n/a (no variation)" : d.alpha.toFixed(3)}
            </td>
            <td className="pr-4">{d.level}</td>
            <td className="pr-4">{d.annotators}</td>
            <td>{d.units}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
