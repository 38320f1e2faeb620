import { copyFile, mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { discussionAnnotationsSchema } from "../../shared/domain/index.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runCli, startCli } from "../support/cli.js";
import { annotateCommand } from "../../electron/cli/annotate-command.js";
import { testAnnotator, testScheme } from "../support/annotations.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/syndisco");
const ids = ["0f8e0c52-1111-4a2b-9c3d-5e6f7a8b9c0d", "7d2b3c4a-2222-4b5c-8d9e-0a1b2c3d4e5f"];

describe("cli annotate", () => {
  let work: string;
  let study: string;
  let annotators: string;
  let scheme: string;

  beforeAll(async () => {
    const model = await ensureTinyModel();
    work = await mkdtemp(path.join(os.tmpdir(), "syndisco-annotate-"));
    // A study-shaped folder: discussions in cell folders, with files that are not discussions beside them.
    study = path.join(work, "study");
    await mkdir(path.join(study, "cell-a"), { recursive: true });
    await mkdir(path.join(study, "cell-b"), { recursive: true });
    await copyFile(path.join(fixtures, "discussion-legacy-moderated.json"), path.join(study, "cell-a", `${ids[0]}.json`));
    await copyFile(path.join(fixtures, "discussion-legacy-unmoderated.json"), path.join(study, "cell-b", `${ids[1]}.json`));
    await writeFile(path.join(study, "experiment.json"), "{}");
    await writeFile(path.join(study, "cell-a", `${ids[0]}.run.json`), "{}");
    annotators = path.join(work, "annotators.json");
    const { scheme: _scheme, ...a1 } = testAnnotator("a1", model);
    const { scheme: _other, ...a2 } = testAnnotator("a2", model, { persona: null });
    await writeFile(annotators, JSON.stringify([a1, a2]));
    scheme = path.join(work, "scheme.json");
    await writeFile(scheme, JSON.stringify(testScheme()));
  });

  it("after a SIGKILL mid-job, the same command continues and ends with what an uninterrupted run writes", async () => {
    const whole = path.join(work, "whole");
    // The reference run in this process (spawning costs seconds on a loaded machine); the killed one is a real process.
    expect(await annotateCommand.run([study, "--scheme", scheme, "--annotators", annotators, "--out", whole, "--parallel", "1", "--threads", "1", "--quiet"])).toBe(0);

    const out = path.join(work, "killed");
    const args = ["annotate", study, "--scheme", scheme, "--annotators", annotators, "--out", out, "--parallel", "1", "--threads", "1", "--quiet"];
    const child = startCli(args);
    const journal = path.join(out, "journal.jsonl");
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const text = await readFile(journal, "utf8").catch(() => "");
      if (text.split("\n").filter((line) => line.includes('"kind":"annotation"')).length >= 10) break;
    }
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    // Killed mid-job: the journal is still there and holds part of the annotations.
    const journaled = (await readFile(journal, "utf8")).split("\n").filter((line) => line.includes('"kind":"annotation"')).length;
    expect(journaled).toBeGreaterThanOrEqual(10);
    expect(journaled).toBeLessThan(22);

    const again = await runCli(args);
    expect(again.code).toBe(0);
    await expect(stat(journal)).rejects.toThrow();
    for (const id of ids) {
      const read = async (folder: string) => {
        const record = discussionAnnotationsSchema.parse(JSON.parse(await readFile(path.join(folder, "records", `${id}.json`), "utf8")));
        return record.annotations.map(({ annotator, commentIndex, raw, values, seed }) => ({ annotator, commentIndex, raw, values, seed })).sort((a, b) => a.annotator.localeCompare(b.annotator) || a.commentIndex - b.commentIndex);
      };
      expect(await read(out)).toEqual(await read(whole));
      for (const annotator of ["a1", "a2"]) {
        expect(await readFile(path.join(out, "syndisco", annotator, `${id}.json`), "utf8")).toMatch(/^\{\n {4}"conv_id": /);
      }
    }
    // Two CLI processes and a reference run: minutes when the machine is busy.
  }, 300_000);

  it("names the problem with bad input and writes nothing", async () => {
    const out = path.join(work, "bad");
    const run = (args: string[]) => annotateCommand.run([...args, "--out", out, "--quiet"]);
    const badScheme = path.join(work, "bad-scheme.json");
    await writeFile(badScheme, JSON.stringify({ ...testScheme(), dimensions: [{ kind: "scale", name: "toxicity", min: 5, max: 1 }] }));
    await expect(run([study, "--scheme", badScheme, "--annotators", annotators])).rejects.toThrow('dimension "toxicity": max (1) is below min (5)');

    const ghost = path.join(work, "ghost.json");
    await writeFile(ghost, JSON.stringify([{ name: "ghost", persona: null, model: { backend: "llama", path: path.join(work, "missing.gguf") } }]));
    await expect(run([study, "--scheme", "toxicity", "--annotators", ghost])).rejects.toThrow(/annotator "ghost": .*missing\.gguf/);

    await expect(run([path.join(work, "no-such-folder"), "--scheme", "toxicity", "--annotators", annotators])).rejects.toThrow("no SynDisco discussion file found");
    await expect(run([study, "--annotators", ghost])).rejects.toThrow('annotator 1 ("ghost") has no scheme');
    await expect(stat(out)).rejects.toThrow();
  });

  it("one clear line on the real command line, without a stack", async () => {
    const result = await runCli(["annotate", study, "--scheme", "no-such-preset", "--annotators", annotators, "--out", path.join(work, "x")]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe(`error: cannot read scheme no-such-preset`);
  }, 120_000);
});
