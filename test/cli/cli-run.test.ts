import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runCli, startCli } from "../support/cli.js";
import { syndiscoLoads } from "../support/syndisco-loader.js";
import { recoverJournal } from "../../electron/storage/run-files.js";
import { buildDiscussionLog } from "../../electron/engine/discussion-log.js";
import { importDiscussionFile } from "../../electron/storage/discussion-import.js";

const personas = path.resolve(import.meta.dirname, "../fixtures/cli/personas.json");

interface LegacyFile {
  users: string[];
  moderator: string | null;
  user_prompts: string[];
  moderator_prompt: string | null;
  logs: { name: string; text: string; model: string }[];
}

async function readLegacy(file: string): Promise<LegacyFile> {
  return JSON.parse(await readFile(file, "utf8")) as LegacyFile;
}

describe("cli run / replay / recover on the generated model", () => {
  let model: string;
  let out: string;
  beforeAll(async () => {
    model = await ensureTinyModel();
    out = await mkdtemp(path.join(os.tmpdir(), "syndisco-cli-"));
  });

  it("runs a moderated discussion, streams it, writes a legacy file and run record, and replay writes the same comments", async () => {
    const args = ["run", "--model", model, "--personas", personas, "--users", "4", "--moderator", "harbor", "--turns", "5", "--window", "3",
      "--turn-manager", "random-weighted:0.4", "--seed-comment", "maple: Should the library stay open late? ", "--max-tokens", "16",
      "--temperature", "0.8", "--seed", "11", "--out", out, "--model-name", "llama8b", "--instructions", "- Be brief.\n- Stay on topic."];
    const first = await runCli(args);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const file = first.stdout.trim().split("\n").at(-1) as string;
    expect(first.stdout).toContain("User maple posted:\nShould the library stay open late?");
    expect(first.stdout).toContain("User harbor posted:");

    const log = await readLegacy(file);
    expect(log.moderator).toBe("harbor");
    expect(log.users).toHaveLength(4);
    expect(log.users).not.toContain("harbor");
    // SynDisco's pandas loader does json.loads(p)["persona"] / ["instructions"] on every prompt.
    for (const prompt of [...log.user_prompts, log.moderator_prompt as string]) {
      const parsed = JSON.parse(prompt) as { persona: { username: string }; instructions: string };
      expect(parsed.persona.username).toBeTruthy();
      expect(typeof parsed.instructions).toBe("string");
    }
    // The seed text exactly as given (its trailing space too); comments logged with the name chosen for the model.
    expect(log.logs[0]).toEqual({ name: "maple", text: "Should the library stay open late? ", model: "hardcoded" });
    expect(new Set(log.logs.slice(1).map((comment) => comment.model))).toEqual(new Set(["llama8b"]));
    expect((JSON.parse(log.user_prompts[0]!) as { instructions: string }).instructions).toBe("- Be brief.\n- Stay on topic.");
    expect(log.logs.length).toBeGreaterThanOrEqual(6);

    // The discussion alone in <out>/discussions, its record in <out>/records.
    expect(file).toBe(path.join(out, "discussions", path.basename(file)));
    const record = path.join(out, "records", path.basename(file).replace(/\.json$/, ".run.json"));
    const replay = await runCli(["replay", record, "--quiet"]);
    expect(replay.code).toBe(0);
    const replayed = await readLegacy(replay.stdout.trim());
    expect(replayed.logs).toEqual(log.logs);
    expect(replay.stdout.trim()).not.toBe(file);
    // The replay lands beside the original, and SynDisco's own loaders read the folder as it is.
    expect(path.dirname(replay.stdout.trim())).toBe(path.join(out, "discussions"));
    for (const version of ["2.0.7", "2.0.8"] as const) {
      expect(await syndiscoLoads(version, path.join(out, "discussions"))).toEqual({ files: 2, comments: log.logs.length * 2 });
    }
  });

  it("--prompt-style syndisco-2.2 writes SynDisco 2.2's file: every comment with its prompt", async () => {
    const styleOut = await mkdtemp(path.join(os.tmpdir(), "syndisco-22-"));
    const result = await runCli(["run", "--model", model, "--personas", personas, "--users", "2", "--moderator", "harbor", "--turns", "2", "--max-tokens", "6",
      "--temperature", "0", "--prompt-style", "syndisco-2.2", "--seed-comment", "maple: Parks?", "--quiet", "--out", styleOut]);
    expect(result.code).toBe(0);
    const file = JSON.parse(await readFile(result.stdout.trim(), "utf8")) as { logs: { name: string; model: string; prompt: string }[]; users?: unknown };
    expect(Object.keys(file)).toEqual(["timestamp", "logs"]);
    expect(file.logs[0]?.prompt).toBe('{"context": "", "instructions": "", "type": "user", "persona": {}}');
    for (const comment of file.logs.slice(1)) expect(JSON.parse(comment.prompt)).toMatchObject({ type: "user", persona: { username: comment.name } });
  });

  it("a run killed with SIGKILL leaves a journal that recovers every finished comment into a valid file", async () => {
    const killedOut = await mkdtemp(path.join(os.tmpdir(), "syndisco-kill-"));
    const child = startCli(["run", "--model", model, "--personas", personas, "--users", "3", "--turns", "200", "--max-tokens", "40",
      "--temperature", "0", "--out", killedOut]);
    let printed = "";
    await new Promise<void>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        printed += chunk.toString();
        if ((printed.match(/posted:/g) ?? []).length >= 6) resolve();
      });
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    const journals = (await readdir(path.join(killedOut, "records"))).filter((name) => name.endsWith(".journal.jsonl"));
    expect(journals).toHaveLength(1);
    // Until recovered, the killed run has no discussion file to trip SynDisco's loader.
    expect(await readdir(path.join(killedOut, "discussions")).catch(() => [])).toEqual([]);
    const paths = await recoverJournal(path.join(killedOut, "records", journals[0] as string), buildDiscussionLog);
    expect(paths.discussion).toBe(path.join(killedOut, "discussions", journals[0]!.replace(".journal.jsonl", ".json")));
    const text = await readFile(paths.discussion, "utf8");
    const imported = importDiscussionFile(text, "recovered.json");
    expect(imported.ok).toBe(true);
    const recovered = await readLegacy(paths.discussion);
    expect(recovered.logs.length).toBeGreaterThanOrEqual(4);
    for (const comment of recovered.logs) expect(printed).toContain(`User ${comment.name} posted:\n${comment.text}`);
    const runRecord = JSON.parse(await readFile(paths.runRecord, "utf8")) as { status: string };
    expect(runRecord.status).toBe("recovered");
    expect((await readdir(path.join(killedOut, "records"))).some((name) => name.endsWith(".journal.jsonl"))).toBe(false);
  });

  it("a design file runs like flags do", async () => {
    const design = {
      participants: [
        { persona: { username: "a" }, role: "user", context: "c", instructions: "i" },
        { persona: { username: "b" }, role: "user", context: "c", instructions: "i" },
      ],
      turns: 2,
      model: { backend: "llama", path: model },
      sampling: { temperature: 0, maxTokens: 8 },
    };
    const file = path.join(out, "design.json");
    await writeFile(file, JSON.stringify(design));
    const result = await runCli(["run", file, "--out", out, "--quiet"]);
    expect(result.code).toBe(0);
    const log = await readLegacy(result.stdout.trim());
    expect(log.users).toEqual(["a", "b"]);
    expect(log.moderator).toBeNull();
  });
});
