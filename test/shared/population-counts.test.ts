import { describe, expect, it } from "vitest";
import { fieldForColumn, parseCountsCsv } from "../../shared/population/counts-csv.js";
import { applyCountsTable, parseAgeLabel } from "../../shared/population/apply-counts.js";
import { populationSpecSchema } from "../../shared/domain/population.js";

describe("counts tables (census-style CSV)", () => {
  it("reads quoted thousands, percents, tabs or semicolons, and finds the count column by name", () => {
    expect(parseCountsCsv('Count,Sex\n"1,204",Female\n980,Male\n')).toEqual({ columns: ["Sex"], rows: [{ values: ["Female"], count: 1204 }, { values: ["Male"], count: 980 }] });
    expect(parseCountsCsv("Education\tShare\nDegree\t12.5%\nNone\t87.5%").rows).toEqual([{ values: ["Degree"], count: 12.5 }, { values: ["None"], count: 87.5 }]);
    expect(parseCountsCsv("\uFEFFAge group;Gender;People\n18-24;F;10\n18-24;M;12\n").columns).toEqual(["Age group", "Gender"]);
  });

  it("says which row is wrong", () => {
    expect(() => parseCountsCsv("Sex,Count\nF,ten\n")).toThrow('row 2: the count "ten" is not a number');
    expect(() => parseCountsCsv("Sex,Count\nF,1\nM,-2\n")).toThrow("row 3: the count -2 is negative");
    expect(() => parseCountsCsv("Sex,Count\nF,1\nF,2\n")).toThrow("rows 2 and 3 are the same category (F)");
    expect(() => parseCountsCsv("Sex,Count\nF,1,9\n")).toThrow("row 2 has 3 cells, the header 2");
    expect(() => parseCountsCsv("Sex,Count\nF,0\n")).toThrow("every count is 0");
    expect(() => parseCountsCsv("Sex,Count\n")).toThrow("a header row and at least one row");
  });

  it("maps census headers to persona fields", () => {
    expect(["Age group", "Gender", "Educational attainment", "Occupation", "Race", "Political leaning"].map(fieldForColumn)).toEqual(["age", "sex", "education_level", "current_employment", "demographic_group", "political_leaning"]);
  });

  it("reads age labels as ranges", () => {
    expect(["18-24", "25 to 34", "65+", "85 years and over", "Under 18", "40", "teens"].map(parseAgeLabel)).toEqual([
      { min: 18, max: 24 }, { min: 25, max: 34 }, { min: 65, max: 100 }, { min: 85, max: 100 }, { min: 0, max: 17 }, { min: 40, max: 40 }, null,
    ]);
  });

  it("one column sets a field's weights (ages become bands), without touching the spec it was given", () => {
    const spec = populationSpecSchema.parse({ name: "x", fields: {} });
    const next = applyCountsTable(spec, parseCountsCsv("Age,Count\n18-39,3\n40+,1\n"), ["age"]);
    expect(next.fields.age).toEqual({ kind: "age-bands", write: "label", bands: [{ label: "18-39", min: 18, max: 39, weight: 3 }, { label: "40+", min: 40, max: 100, weight: 1 }] });
    expect(spec.fields.age).toBeUndefined();
    const labels = applyCountsTable(spec, parseCountsCsv("Age,Count\nyoung,3\nold,1\n"), ["age"]);
    expect(labels.fields.age?.kind).toBe("categorical");
    const extra = applyCountsTable(spec, parseCountsCsv("Leaning,Count\nleft,1\nright,1\n"), ["political_leaning"]);
    expect(Object.keys(extra.extraFields)).toEqual(["political_leaning"]);
  });
});
