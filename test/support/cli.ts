import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], cwd = root): ChildProcess {
  // One process (node with tsx's loader), so a SIGKILL in a test kills the CLI itself, not a wrapper.
  return spawn(process.execPath, ["--import", "tsx", path.join(root, "electron", "cli.ts"), ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function runCli(args: string[], cwd = root): Promise<CliResult> {
  const child = startCli(args, cwd);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
