import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { CliError } from "./cli-error.js";

/** Reads and validates a JSON file the user named; every failure is one line naming the file and the problem. */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, what: string): Promise<z.output<S>> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new CliError(`cannot read ${what} ${file}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${what} ${file} is not valid JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(`${what} ${file}: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"}`);
  }
  return result.data;
}
