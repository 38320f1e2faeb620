/**
 * Issue 11 item 4 on the command line: when the journal cannot be written (pointed at
 * /dev/full, where every write fails with ENOSPC) the run pauses and asks on stdin; Enter
 * retries, and once space is back it finishes with every comment it printed.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rename, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

const root = path.resolve(import.meta.dirname, "../..");
const personas = path.resolve(import.meta.dirname, "../fixtures/cli/personas.json");

async function until<T>(probe: () => Promise<T | null> | T | null): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("cli run on a full disk", () => {
  it("pauses, asks on stdin, retries, and keeps every comment", async () => {
    const model = await ensureTinyModel();
    const out = await mkdtemp(path.join(os.tmpdir(), "syndisco-full-"));
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "electron", "cli.ts"), "run", "--model", model, "--personas", personas,
      "--users", "3", "--turns", "30", "--max-tokens", "24", "--temperature", "0.8", "--out", out], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

    // As soon as the journal holds its first lines, the disk is "full".
    const records = path.join(out, "records");
    const journal = await until(async () => (await readdir(records).catch(() => [] as string[])).find((name) => name.endsWith(".journal.jsonl")) ?? null).then((name) => path.join(records, name));
    const kept = await until(async () => {
      const text = await readFile(journal, "utf8");
      return text.split("\n").length > 2 ? text : null;
    });
    await symlink("/dev/full", `${journal}.full`);
    await rename(`${journal}.full`, journal);

    await until(() => (stderr.includes("ENOSPC") && stderr.includes("Enter      try again") ? true : null));
    const failures = () => stderr.split("error: cannot write").length - 1;
    expect(failures()).toBe(1);
    child.stdin.write("\n");
    // Still full: asked again.
    await until(() => (failures() === 2 ? true : null));
    await writeFile(`${journal}.back`, kept);
    await rename(`${journal}.back`, journal);
    child.stdin.write("\n");
    expect(await exited, stderr).toBe(0);

    const file = stdout.trim().split("\n").at(-1) as string;
    const log = JSON.parse(await readFile(file, "utf8")) as { logs: unknown[] };
    const printed = stdout.split(" posted:\n").length - 1 - (stdout.split("(no reply: the turn passes)").length - 1);
    expect(log.logs).toHaveLength(printed);
    const record = JSON.parse(await readFile(path.join(records, path.basename(file).replace(/\.json$/, ".run.json")), "utf8")) as { speakers: string[] };
    expect(record.speakers).toHaveLength(30);
    for (const sub of ["records", "discussions"]) expect((await readdir(path.join(out, sub))).filter((name) => name.endsWith(".tmp") || name.endsWith(".jsonl"))).toEqual([]);
  });
});
