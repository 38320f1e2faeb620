import { describe, expect, it } from "vitest";
import { conditionsTable, formatCell, latexEscape, omnibusTable, pairwiseTable, tableCsv, tableLatex } from "../../shared/analysis/tables.js";
import type { AnalysisResult } from "../../shared/domain/analysis.js";

const result: AnalysisResult = {
  measure: { level: "comment", column: "author_share", label: "Author's share", description: "", kind: "number", roles: ["user"] },
  unit: "discussion",
  factors: ["moderator"],
  roles: ["user"],
  conditions: [
    { condition: "none", levels: { moderator: "none" }, n: 2, mean: 0.5, sd: 0.25, ciLow: -1.74, ciHigh: 2.74, median: 0.5 },
    { condition: "mod_1 & co", levels: { moderator: "mod_1 & co" }, n: 1, mean: 0.125, sd: null, ciLow: null, ciHigh: null, median: 0.125 },
  ],
  byTurn: [],
  histogram: [],
  pairwise: [{ a: "none", b: "mod_1 & co", meanDifference: null, t: null, df: null, p: null, pHolm: null, reason: "each side needs at least two values" }],
  omnibus: { anova: { f: 12.5, dfBetween: 1, dfWithin: 1, p: 0.0004 }, anovaReason: null, kruskal: null, kruskalReason: "all values are equal" },
  notes: [],
  discussionsUsed: 3,
};

describe("analysis tables", () => {
  it("writes CSV at full precision with empty missing values", () => {
    expect(tableCsv(conditionsTable(result))).toBe(
      "condition,n,mean,sd,ci_low,ci_high,median\r\nnone,2,0.5,0.25,-1.74,2.74,0.5\r\nmod_1 & co,1,0.125,,,,0.125\r\n",
    );
    expect(tableCsv(pairwiseTable(result))).toBe("a,b,mean_difference,t,df,p,p_holm,note\r\nnone,mod_1 & co,,,,,,each side needs at least two values\r\n");
  });

  it("writes a booktabs LaTeX table with rounded values and escaped labels", () => {
    expect(tableLatex(conditionsTable(result))).toBe(
      [
        "\\begin{table}[ht]",
        "\\centering",
        "\\caption{Author's share, discussion means by condition: mean, standard deviation and 95 \\% confidence interval (Student's t).}",
        "\\label{tab:comment-author-share-conditions}",
        "\\begin{tabular}{lrrrrrr}",
        "\\toprule",
        "moderator & n & Mean & SD & CI low & CI high & Median \\\\",
        "\\midrule",
        "none & 2 & 0.500 & 0.250 & -1.740 & 2.740 & 0.500 \\\\",
        "mod\\_1 \\& co & 1 & 0.125 & -- & -- & -- & 0.125 \\\\",
        "\\bottomrule",
        "\\end{tabular}",
        "\\end{table}",
        "",
      ].join("\n"),
    );
  });

  it("reports the omnibus tests and why one could not be made", () => {
    expect(omnibusTable(result).rows).toEqual([
      ["ANOVA (F)", 12.5, "1, 1", 0.0004, null],
      ["Kruskal-Wallis (H)", null, null, null, "all values are equal"],
    ]);
    expect(tableLatex(omnibusTable(result))).toContain("ANOVA (F) & 12.500 & 1, 1 & < 0.001 &  \\\\");
  });

  it("formats p values and escapes every LaTeX special character", () => {
    expect([formatCell(0.0004, "p"), formatCell(0.0123, "p"), formatCell(null, "number"), formatCell(1234.5, "number")]).toEqual(["< 0.001", "0.012", "--", "1234.5"]);
    expect(latexEscape("a\\b&c%d$e#f_g{h}i~j^k × l · m")).toBe("a\\textbackslash{}b\\&c\\%d\\$e\\#f\\_g\\{h\\}i\\textasciitilde{}j\\textasciicircum{}k $\\times$ l $\\cdot$ m");
  });
});
