/**
 * Issue 11 item 13: the repository's own ESLint configuration (eslint.config.js) refuses an
 * upward import between layers and a broken rule of hooks. Each probe is linted as if it were a
 * file at the given path (nothing is written), so a rule that stops firing fails here.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** The rule ids and messages ESLint reports for `source` as the file `file`. */
async function problems(file: string, source: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((message) => ({ rule: message.ruleId, message: message.message }));
}

const layerError = (why: RegExp) => expect.arrayContaining([{ rule: "no-restricted-imports", message: expect.stringMatching(why) }]);

describe("layer rules (DESIGN.md: Layers are enforced)", () => {
  it("the engine imports nothing from api or Electron", async () => {
    const found = await problems("electron/engine/probe.ts", 'import { createStudio } from "../api/studio.js";\nexport const made = createStudio;\n');
    expect(found).toEqual(layerError(/the engine runs under plain Node/));
    expect(await problems("electron/engine/probe.ts", 'import { app } from "electron";\nexport const made = app;\n')).toEqual(layerError(/the engine runs under plain Node/));
  });

  it("llm imports nothing from the engine or storage", async () => {
    const found = await problems("electron/llm/probe.ts", 'import { writeFileAtomic } from "../storage/atomic-write.js";\nexport const write = writeFileAtomic;\n');
    expect(found).toEqual(layerError(/llm is the lowest layer/));
  });

  it("storage may not import the engine: a new file, those whose imports moved down, nor run-files (its log builder is handed in)", async () => {
    const upward = 'import { planExperiment } from "../engine/experiment-plan.js";\nexport const plan = planExperiment;\n';
    for (const file of ["probe", "run-files", "experiment-files", "measures-cache", "dataset-files", "study-list", "annotation-means", "annotation-job-files"]) {
      expect(await problems(`electron/storage/${file}.ts`, upward), file).toEqual(layerError(/storage is used by api and engine/));
    }
  });

  it("the renderer and shared code import no Node modules", async () => {
    expect(await problems("renderer/features/probe.ts", 'import { readFile } from "node:fs/promises";\nexport const read = readFile;\n')).toEqual(layerError(/the renderer runs in a browser/));
    expect(await problems("renderer/features/probe.ts", 'import { createStudio } from "../../electron/api/studio.js";\nexport const made = createStudio;\n')).toEqual(layerError(/the renderer runs in a browser/));
    expect(await problems("shared/probe.ts", 'import path from "node:path";\nexport const join = path.join;\n')).toEqual(layerError(/shared code runs in Node and the browser alike/));
  });

  it("a downward import is fine", async () => {
    expect(await problems("electron/api/probe.ts", 'import { planExperiment } from "../engine/experiment-plan.js";\nexport const plan = planExperiment;\n')).toEqual([]);
  });
});

describe("react-hooks rules in the renderer", () => {
  it("a hook called in a loop or a condition is an error", async () => {
    const source = [
      'import { useState } from "react";',
      "export function Probe({ names, open }: { names: string[]; open: boolean }) {",
      "  names.forEach((name) => useState(name));",
      "  if (open) useState(0);",
      "  return null;",
      "}",
      "",
    ].join("\n");
    const found = await problems("renderer/features/Probe.tsx", source);
    expect(found.filter((problem) => problem.rule === "react-hooks/rules-of-hooks")).toHaveLength(2);
  });

  it("a missing effect dependency is an error, not a warning", async () => {
    const source = [
      'import { useEffect } from "react";',
      "export function Probe({ id }: { id: string }) {",
      "  useEffect(() => console.log(id), []);",
      "  return null;",
      "}",
      "",
    ].join("\n");
    const [result] = await eslint.lintText(source, { filePath: path.join(root, "renderer/features/Probe.tsx") });
    const missing = result!.messages.filter((message) => message.ruleId === "react-hooks/exhaustive-deps");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.severity).toBe(2);
  });

  it("state set synchronously in an effect is an error", async () => {
    const source = [
      'import { useEffect, useState } from "react";',
      "export function Probe({ value }: { value: number }) {",
      "  const [text, setText] = useState(String(value));",
      "  useEffect(() => setText(String(value)), [value]);",
      "  return text;",
      "}",
      "",
    ].join("\n");
    expect((await problems("renderer/features/Probe.tsx", source)).map((problem) => problem.rule)).toContain("react-hooks/set-state-in-effect");
  });
});
