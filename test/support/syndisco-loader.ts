import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const script = path.join(import.meta.dirname, "syndisco_loader.py");

/**
 * Walks a folder as SynDisco's own loader of that version does (syndisco_loader.py, plain
 * python3): the number of discussion files and comments it would read, or the error it raises.
 */
export async function syndiscoLoads(version: "2.0.7" | "2.0.8", folder: string): Promise<{ files: number; comments: number }> {
  try {
    const { stdout } = await promisify(execFile)("python3", [script, version, folder]);
    return JSON.parse(stdout) as { files: number; comments: number };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`SynDisco ${version}'s loader fails on ${folder}: ${stderr.trim()}`);
  }
}
