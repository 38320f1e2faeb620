import { parseCsv } from "../csv.js";

/**
 * Census-style tables of counts: one or more category columns and a count column, e.g.
 *
 *     Age group,Sex,Count
 *     18-24,Female,"1,204,331"
 *
 * One category column gives a field's weights; several give a joint table.
 */

export interface CountsTable {
  /** Header of each category column, in file order. */
  columns: string[];
  rows: { values: string[]; count: number }[];
}

export class CountsCsvError extends Error {
  override readonly name = "CountsCsvError";
}

const COUNT_HEADERS = /^(count|counts|n|number|weight|weights|frequency|freq|total|people|persons|population|value|estimate|share|percent|percentage|%)$/i;

/** Reads a counts table; every problem is one message naming the row (1 = the header). */
export function parseCountsCsv(text: string): CountsTable {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, "")).filter((record) => record.some((cell) => cell.trim() !== ""));
  const [header, ...body] = records;
  if (!header || body.length === 0) throw new CountsCsvError("the table needs a header row and at least one row of counts");
  const names = header.map((cell) => cell.trim());
  if (names.length < 2) throw new CountsCsvError("the table needs at least one category column and a count column");
  let countAt = names.findIndex((name) => COUNT_HEADERS.test(name));
  if (countAt < 0) countAt = names.length - 1;
  const columns = names.filter((_, index) => index !== countAt);
  if (columns.some((name) => name === "")) throw new CountsCsvError("every category column needs a header");
  const rows = body.map((record, index) => {
    const line = index + 2;
    if (record.length !== names.length) throw new CountsCsvError(`row ${line} has ${record.length} cells, the header ${names.length}`);
    const count = parseCount(record[countAt] ?? "");
    if (count === null) throw new CountsCsvError(`row ${line}: the count "${record[countAt]}" is not a number`);
    if (count < 0) throw new CountsCsvError(`row ${line}: the count ${count} is negative`);
    return { values: record.filter((_, at) => at !== countAt).map((cell) => cell.trim()), count };
  });
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = JSON.stringify(row.values);
    const first = seen.get(key);
    if (first !== undefined) throw new CountsCsvError(`rows ${first + 2} and ${index + 2} are the same category (${row.values.join(", ")})`);
    seen.set(key, index);
  });
  if (rows.every((row) => row.count === 0)) throw new CountsCsvError("every count is 0");
  return { columns, rows };
}

/** "1,204,331", "12.5%", " 40 " are numbers; blanks and words are not. */
function parseCount(cell: string): number | null {
  const cleaned = cell.trim().replace(/[,\s_]/g, "").replace(/%$/, "");
  if (cleaned === "" || !/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return null;
  return Number(cleaned);
}

function parseCsvRecords(text: string): string[][] {
  return parseCsv(text, detectDelimiter(text));
}

/** Comma, semicolon or tab: whichever the header line uses most (spreadsheets in many locales write ";"). */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }));
  return counts.sort((a, b) => b.count - a.count)[0]?.count ? (counts[0] as { delimiter: string }).delimiter : ",";
}

const FIELD_ALIASES: Record<string, string> = {
  age: "age",
  age_group: "age",
  age_band: "age",
  age_range: "age",
  sex: "sex",
  gender: "sex",
  sexual_orientation: "sexual_orientation",
  orientation: "sexual_orientation",
  demographic_group: "demographic_group",
  ethnicity: "demographic_group",
  race: "demographic_group",
  ethnic_group: "demographic_group",
  current_employment: "current_employment",
  employment: "current_employment",
  occupation: "current_employment",
  employment_status: "current_employment",
  education_level: "education_level",
  education: "education_level",
  educational_attainment: "education_level",
  special_instructions: "special_instructions",
};

/** The persona field a column header most likely means ("Age group" -> age), or the header as an extra field name. */
export function fieldForColumn(header: string): string {
  const key = header.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  return FIELD_ALIASES[key] ?? key;
}
