import type { AnalysisResult } from "../domain/analysis.js";

/**
 * The tables of an analysis, once as data and then as CSV (full precision, for code) or LaTeX
 * (rounded, booktabs, for a paper). The renderer and the exported report use the same ones.
 */

export type Cell = string | number | null;

export interface Table {
  /** File stem and LaTeX label, e.g. "comment-words-conditions". */
  name: string;
  caption: string;
  columns: { key: string; title: string; align: "l" | "r"; kind: "text" | "count" | "number" | "p" | "interval" }[];
  rows: Cell[][];
}

function measureName(result: AnalysisResult): string {
  const unit = result.measure.level === "comment" ? (result.unit === "discussion" ? ", discussion means" : ", per comment") : "";
  return `${result.measure.label}${unit}`;
}

function stem(result: AnalysisResult, kind: string): string {
  return `${result.measure.level}-${result.measure.column.replace(/_/g, "-")}-${kind}`;
}

export function conditionsTable(result: AnalysisResult): Table {
  return {
    name: stem(result, "conditions"),
    caption: `${measureName(result)} by condition: mean, standard deviation and 95 % confidence interval (Student's t).`,
    columns: [
      { key: "condition", title: result.factors.length ? result.factors.join(" × ") : "Condition", align: "l", kind: "text" },
      { key: "n", title: "n", align: "r", kind: "count" },
      { key: "mean", title: "Mean", align: "r", kind: "number" },
      { key: "sd", title: "SD", align: "r", kind: "number" },
      { key: "ci_low", title: "CI low", align: "r", kind: "interval" },
      { key: "ci_high", title: "CI high", align: "r", kind: "interval" },
      { key: "median", title: "Median", align: "r", kind: "number" },
    ],
    rows: result.conditions.map((c) => [c.condition, c.n, c.mean, c.sd, c.ciLow, c.ciHigh, c.median]),
  };
}

export function pairwiseTable(result: AnalysisResult): Table {
  return {
    name: stem(result, "pairwise"),
    caption: `${measureName(result)}: Welch t-tests between conditions, p values Holm-corrected over ${result.pairwise.filter((p) => p.p !== null).length} comparisons.`,
    columns: [
      { key: "a", title: "A", align: "l", kind: "text" },
      { key: "b", title: "B", align: "l", kind: "text" },
      { key: "mean_difference", title: "Mean A - B", align: "r", kind: "number" },
      { key: "t", title: "t", align: "r", kind: "number" },
      { key: "df", title: "df", align: "r", kind: "number" },
      { key: "p", title: "p", align: "r", kind: "p" },
      { key: "p_holm", title: "p (Holm)", align: "r", kind: "p" },
      { key: "note", title: "Note", align: "l", kind: "text" },
    ],
    rows: result.pairwise.map((p) => [p.a, p.b, p.meanDifference, p.t, p.df, p.p, p.pHolm, p.reason]),
  };
}

export function omnibusTable(result: AnalysisResult): Table {
  const { anova, anovaReason, kruskal, kruskalReason } = result.omnibus;
  return {
    name: stem(result, "omnibus"),
    caption: `${measureName(result)}: one-way ANOVA and Kruskal-Wallis H test across conditions.`,
    columns: [
      { key: "test", title: "Test", align: "l", kind: "text" },
      { key: "statistic", title: "Statistic", align: "r", kind: "number" },
      { key: "df", title: "df", align: "l", kind: "text" },
      { key: "p", title: "p", align: "r", kind: "p" },
      { key: "note", title: "Note", align: "l", kind: "text" },
    ],
    rows: [
      ["ANOVA (F)", anova?.f ?? null, anova ? `${anova.dfBetween}, ${anova.dfWithin}` : null, anova?.p ?? null, anovaReason],
      ["Kruskal-Wallis (H)", kruskal?.h ?? null, kruskal ? String(kruskal.df) : null, kruskal?.p ?? null, kruskalReason],
    ],
  };
}

/** RFC 4180, numbers at full precision, missing values empty. */
export function tableCsv(table: Table): string {
  const field = (value: Cell) => {
    if (value === null) return "";
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [table.columns.map((column) => field(column.key)), ...table.rows.map((row) => row.map(field))].map((row) => row.join(",")).join("\r\n") + "\r\n";
}

/** How a paper prints a value: 3 decimals, p values below 0.001 as "< 0.001", missing as "--". */
export function formatCell(value: Cell, kind: Table["columns"][number]["kind"]): string {
  if (value === null) return kind === "text" ? "" : "--";
  if (typeof value === "string") return value;
  if (kind === "count") return String(value);
  if (kind === "p") return value < 0.001 ? "< 0.001" : value.toFixed(3);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toFixed(3);
}

const LATEX_SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

export function latexEscape(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (char) => LATEX_SPECIALS[char] as string).replace(/×/g, "$\\times$").replace(/·/g, "$\\cdot$");
}

/** A booktabs table (needs \usepackage{booktabs}). */
export function tableLatex(table: Table): string {
  const lines = [
    "\\begin{table}[ht]",
    "\\centering",
    `\\caption{${latexEscape(table.caption)}}`,
    `\\label{tab:${table.name}}`,
    `\\begin{tabular}{${table.columns.map((column) => column.align).join("")}}`,
    "\\toprule",
    `${table.columns.map((column) => latexEscape(column.title)).join(" & ")} \\\\`,
    "\\midrule",
    ...table.rows.map((row) => `${row.map((value, index) => latexEscape(formatCell(value, (table.columns[index] as Table["columns"][number]).kind))).join(" & ")} \\\\`),
    "\\bottomrule",
    "\\end{tabular}",
    "\\end{table}",
  ];
  return `${lines.join("\n")}\n`;
}

export function analysisTables(result: AnalysisResult): Table[] {
  return [conditionsTable(result), pairwiseTable(result), omnibusTable(result)];
}
