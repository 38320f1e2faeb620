import { readFileSync } from "node:fs";

/** A made-up SynDisco file written by Python (test/fixtures/python/make_syndisco.py). */
export function syndiscoFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/syndisco/${name}`, import.meta.url), "utf8");
}
