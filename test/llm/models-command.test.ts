import { createServer, type Server } from "node:http";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { modelsCommand } from "../../electron/cli/models-command.js";
import { CliError } from "../../electron/cli/cli-error.js";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), "models-cli-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(data, { recursive: true, force: true });
});

/** Runs the command and returns its exit code and everything it wrote to stdout and stderr. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const code = await modelsCommand.run(args);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe("models command", () => {
  it("info --json prints the model's facts", async () => {
    const { code, stdout } = await run(["info", await ensureTinyModel(), "--json"]);
    expect(code).toBe(0);
    const info: unknown = JSON.parse(stdout);
    expect(info).toMatchObject({ architecture: "llama", quantization: "F32", contextLength: 4096, hasChatTemplate: true });
    expect(info).toHaveProperty("parameters");
    expect(info).toHaveProperty("sizeBytes");
  });

  it("info prints a readable summary, and a one-line CliError for a bad file", async () => {
    expect((await run(["info", await ensureTinyModel()])).stdout).toMatch(/architecture: +llama\n[\s\S]*chat template: yes/);
    const bad = join(data, "bad.gguf");
    await writeFile(bad, "text");
    const error = await run(["info", bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/not a GGUF model file/);
  });

  it("list shows folder models and errors, as text and JSON", async () => {
    const dir = join(data, "models");
    await mkdir(dir);
    await copyFile(await ensureTinyModel(), join(dir, "tiny.gguf"));
    await writeFile(join(dir, "broken.gguf"), "nope");
    const text = await run(["list", "--data", data]);
    expect(text.stdout).toMatch(/^broken\.gguf +ERROR not a GGUF/m);
    expect(text.stdout).toMatch(/^tiny\.gguf +llama .* F32 +ctx 4096/m);
    const json = await run(["list", "--dir", dir, "--data", join(data, "elsewhere"), "--json"]);
    const parsed = JSON.parse(json.stdout) as { models: { fileName: string; error: string | null }[] };
    expect(parsed.models.map((m) => [m.fileName, m.error === null])).toEqual([
      ["broken.gguf", false],
      ["tiny.gguf", true],
    ]);
    expect((await run(["list", "--data", join(data, "empty")])).stdout).toMatch(/^no models in /);
  });

  it("download --json fetches from a loopback URL, draws progress on stderr and prints the result", async () => {
    const bytes = await readFile(await ensureTinyModel());
    const server: Server = createServer((req, res) => {
      res.writeHead(200, { "content-length": String(bytes.length), "content-type": "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    try {
      const dir = join(data, "downloads");
      const { code, stdout, stderr } = await run(["download", `http://127.0.0.1:${address.port}/m/tiny.gguf`, "--dir", dir, "--json"]);
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as { path: string; info: { architecture: string } };
      expect(result.path).toBe(join(dir, "tiny.gguf"));
      expect(result.info.architecture).toBe("llama");
      expect(Buffer.compare(await readFile(result.path), bytes)).toBe(0);
      expect(stderr).toMatch(/100% .*\/s +ETA/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("rejects unknown subcommands and missing arguments", async () => {
    await expect(run(["frobnicate"])).rejects.toThrow(/unknown models subcommand "frobnicate"/);
    await expect(run([])).rejects.toThrow(/needs a subcommand/);
    await expect(run(["info"])).rejects.toThrow(/exactly one model file/);
    await expect(run(["list", "--bogus"])).rejects.toBeInstanceOf(CliError);
  });
});
