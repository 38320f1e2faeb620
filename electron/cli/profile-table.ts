import type { PoolProfile } from "../../shared/domain/population-profile.js";
import { describeFit } from "../../shared/plots/profile-chart.js";

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

/** A pool's profile as plain text: per field a header with the fit, then category, target, drawn. */
export function profileTable(profile: PoolProfile): string {
  const lines: string[] = [];
  for (const field of profile.fields) {
    lines.push(`${field.label}: ${describeFit(field, profile.size)}`);
    const width = Math.min(40, Math.max(8, ...field.rows.map((row) => row.category.length)));
    lines.push(`  ${"category".padEnd(width)}  ${"target".padStart(8)}  ${"drawn".padStart(8)}  ${"n".padStart(5)}`);
    for (const row of field.rows) {
      const name = row.category === "" ? "(empty)" : row.category.length > width ? `${row.category.slice(0, width - 1)}…` : row.category;
      lines.push(`  ${name.padEnd(width)}  ${percent(row.targetShare).padStart(8)}  ${percent(row.drawnShare).padStart(8)}  ${String(row.drawnCount).padStart(5)}`);
    }
    for (const note of field.notes) lines.push(`  note: ${note}`);
    lines.push("");
  }
  for (const field of profile.llmFields) lines.push(`${field.field.replaceAll("_", " ")}: written by the LLM for ${field.filled} of ${profile.size}`);
  for (const note of profile.notes) lines.push(note);
  return `${lines.join("\n")}\n`;
}
