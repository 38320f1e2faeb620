import type { AnalysisResult } from "../../../shared/domain/analysis.js";
import type { FileProblem } from "../../../shared/contract.js";
import { formatCell, type Table } from "../../../shared/analysis/tables.js";
import type { StudyMeasures } from "./study-measures.js";

export interface ReportSection {
  result: AnalysisResult;
  /** Inline SVG documents, each with its file stem. */
  figures: { stem: string; svg: string; description: string }[];
  tables: Table[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function tableHtml(table: Table): string {
  const head = table.columns.map((column) => `<th class="${column.align}">${escape(column.title)}</th>`).join("");
  const rows = table.rows
    .map((row) => `<tr>${row.map((value, index) => {
      const column = table.columns[index] as Table["columns"][number];
      return `<td class="${column.align}">${escape(formatCell(value, column.kind))}</td>`;
    }).join("")}</tr>`)
    .join("\n");
  return `<figure class="table"><figcaption>${escape(table.caption)} <a href="tables/${table.name}.csv">CSV</a> · <a href="tables/${table.name}.tex">LaTeX</a></figcaption><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></figure>`;
}

/** The study's design in a few lines: what a methods section says about it. */
function designHtml(study: StudyMeasures): string {
  const spec = study.study.spec;
  if (!spec) return `<p>A folder of ${study.discussions.length} discussion files without a study grid.</p>`;
  const items = [
    ["Participants", `${spec.usersPerDiscussion} per discussion, sampled from a pool of ${spec.personaPool.length} personas`],
    ["Turns", `${spec.turns}, each speaker seeing the last ${spec.historyWindow} comments`],
    ["Repetitions", `${spec.repetitions} per cell`],
    ["Sampling", `temperature ${spec.sampling.temperature}, top-p ${spec.sampling.topP}, at most ${spec.sampling.maxTokens} tokens a reply`],
    ["Master seed", String(spec.masterSeed)],
  ];
  return `<dl>${items.map(([term, value]) => `<dt>${escape(term as string)}</dt><dd>${escape(value as string)}</dd>`).join("")}</dl>`;
}

function gridHtml(study: StudyMeasures): string {
  if (study.study.cells.length === 0) return "";
  const factors = study.study.factorNames;
  const counts = (cell: string) => {
    const discussions = study.discussions.filter((discussion) => discussion.cell === cell);
    const by = new Map<string, number>();
    for (const discussion of discussions) by.set(discussion.status, (by.get(discussion.status) ?? 0) + 1);
    return [...by].map(([status, count]) => `${count} ${status}`).join(", ");
  };
  const rows = study.study.cells.map((cell) => `<tr><td>${escape(cell.id)}</td>${factors.map((factor) => `<td>${escape(cell.conditions[factor] ?? "")}</td>`).join("")}<td>${escape(counts(cell.id))}</td></tr>`);
  return `<table><thead><tr><th class="l">Cell</th>${factors.map((factor) => `<th class="l">${escape(factor)}</th>`).join("")}<th class="l">Discussions</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

/** One self-contained HTML page: design, grid, counts, every figure (inline SVG) and table, notes and problems. */
export function reportHtml(study: StudyMeasures, sections: readonly ReportSection[], problems: readonly FileProblem[], generator: string, generatedAt: Date): string {
  const measured = study.discussions.filter((discussion) => discussion.measured).length;
  const comments = study.discussions.reduce((sum, discussion) => sum + (discussion.measured?.comments.length ?? 0), 0);
  const body = sections
    .map(({ result, figures, tables }) => {
      const notes = result.notes.length ? `<ul class="notes">${result.notes.map((note) => `<li>${escape(note)}</li>`).join("")}</ul>` : "";
      const images = figures
        .map((figure) => `<figure class="chart">${figure.svg.replace(/^<\?xml[^>]*>\s*/, "")}<figcaption>${escape(figure.description)} <a href="figures/${figure.stem}.svg">SVG</a> · <a href="figures/${figure.stem}.png">PNG</a></figcaption></figure>`)
        .join("\n");
      return `<section><h2>${escape(result.measure.label)} <small>(${result.measure.level} measure)</small></h2><p>${escape(result.measure.description)}</p>${notes}<div class="charts">${images}</div>${tables.map(tableHtml).join("\n")}</section>`;
    })
    .join("\n");
  const problemList = problems.length
    ? `<section class="problems"><h2>Files not analysed</h2><ul>${problems.map((problem) => `<li><code>${escape(problem.file)}</code>: ${escape(problem.message)}</li>`).join("")}</ul></section>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(study.study.name)}: report</title>
<style>
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #0f172a; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-bottom: 1px solid #cbd5e1; } small { color: #64748b; font-weight: normal; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; } dt { font-weight: 600; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; } th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #e2e8f0; }
th.r, td.r { text-align: right; font-variant-numeric: tabular-nums; } th.l, td.l { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; } figure { margin: 0; } figcaption { font-size: 0.8rem; color: #475569; }
.notes, .problems { color: #92400e; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>${escape(study.study.name)}</h1>
<p>${measured} of ${study.discussions.length} discussions analysed (${comments} comments). Generated by ${escape(generator)} on ${escape(generatedAt.toISOString().slice(0, 10))}. The dataset is in <code>dataset/</code> (columns in <code>dataset/codebook.csv</code>); <code>analysis.py</code> reproduces these figures with pandas and matplotlib and fits the mixed-effects regression.</p>
<h2>Design</h2>
${designHtml(study)}
<h2>Grid</h2>
${gridHtml(study)}
<p>Comparisons use one value per discussion (the mean of its comments for comment measures), 95 % confidence intervals from Student's t, Welch t-tests between conditions with Holm's correction, one-way ANOVA and Kruskal-Wallis. Stopped and failed discussions are left out.</p>
${body}
${problemList}
</body>
</html>
`;
}
