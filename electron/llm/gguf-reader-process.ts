import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ModelFileError } from "./model-file-error.js";

/** What node-llama-cpp read of a header, as the child reports it. */
export const ggufSummarySchema = z.object({
  name: z.string().nullable(),
  architecture: z.string().nullable(),
  fileType: z.number().int().nullable(),
  contextLength: z.number(),
  hasChatTemplate: z.boolean(),
  /** A decimal integer (a bigint crosses the channel as text). */
  parameters: z.string().regex(/^\d+$/),
});
export type GgufSummary = z.infer<typeof ggufSummarySchema>;

const replySchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), summary: ggufSummarySchema }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);


interface Pending {
  id: number;
  file: string;
  resolve: (summary: GgufSummary) => void;
  reject: (error: Error) => void;
}

/**
 * node-llama-cpp's header reader behind a process boundary: a child process reads one file at
 * a time, so a native abort or a hang on a damaged file fails that file alone (a ModelFileError
 * naming it) and the next file gets a fresh child. The child lives while there is work and is
 * never what keeps this process alive.
 */
export class GgufReaderProcess {
  private child: ChildProcess | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(
    private readonly script: string,
    /** A header read that takes longer is stuck on a damaged file; the child is ended. */
    private readonly timeoutMs = 120_000,
  ) {}

  /** node-llama-cpp's reading of a header that already passed checkGgufHeader. */
  read(file: string): Promise<GgufSummary> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, resolve, reject });
      this.pump();
    });
  }

  /** Ends the child (tests; the child also ends by itself when this process does). */
  close(): void {
    this.child?.kill();
    this.child = null;
  }

  private pump(): void {
    if (this.current) return;
    const next = this.queue.shift();
    if (!next) {
      this.idle();
      return;
    }
    this.current = next;
    const child = this.running();
    // While a file is being read, the answer is worth waiting for.
    for (const handle of handles(child)) handle.ref();
    this.timer = setTimeout(() => {
      // The next file must not be sent to the child being ended.
      this.child = null;
      this.finish((pending) => pending.reject(new ModelFileError(`reading the GGUF header of ${pending.file} did not finish in ${this.timeoutMs / 1000} s; the file is damaged`)));
      child.kill("SIGKILL");
    }, this.timeoutMs);
    child.send({ id: next.id, file: next.file });
  }

  private running(): ChildProcess {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return this.child;
    const child = fork(this.script, [], {
      // Plain JavaScript: none of the parent's loaders (tsx, vitest) or flags.
      execArgv: [],
      // Electron runs its binary as plain Node for a child with this set.
      env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: "1" } : process.env,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on("message", (message: unknown) => {
      const reply = replySchema.safeParse(message);
      if (!reply.success || reply.data.id !== this.current?.id) return;
      const answer = reply.data;
      this.finish((pending) =>
        answer.ok ? pending.resolve(answer.summary) : pending.reject(new ModelFileError(`cannot read the GGUF header of ${pending.file}: ${answer.message}`)),
      );
    });
    child.on("exit", (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      this.finish((pending) =>
        pending.reject(
          new ModelFileError(
            `the GGUF reader crashed on ${pending.file} (${signal ?? `exit code ${code}`}); the file is damaged${lastLine(stderr) ? `: ${lastLine(stderr)}` : ""}`,
          ),
        ),
      );
    });
    child.on("error", () => undefined);
    this.child = child;
    return child;
  }

  private finish(settle: (pending: Pending) => void): void {
    const pending = this.current;
    if (!pending) return;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    settle(pending);
    this.pump();
  }

  private idle(): void {
    // Waiting for work must not keep a CLI or test process running.
    if (this.child) for (const handle of handles(this.child)) handle.unref();
  }
}

/** What keeps this process's event loop waiting on a child: the process, its IPC channel, its stderr pipe. */
function handles(child: ChildProcess): { ref(): void; unref(): void }[] {
  const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
  return [child, ...(channel ? [channel] : []), ...(child.stderr && "ref" in child.stderr ? [child.stderr as unknown as { ref(): void; unref(): void }] : [])];
}

function lastLine(text: string): string {
  return text.trim().split("\n").filter((line) => line.trim() !== "").at(-1)?.slice(0, 300) ?? "";
}

let script = fileURLToPath(new URL("./gguf-reader-child.mjs", import.meta.url));
let shared: GgufReaderProcess | null = null;

/** The built desktop app names its bundled copy of gguf-reader-child.mjs (electron.vite.config.ts builds it). */
export function useGgufReaderScript(path: string): void {
  script = path;
  shared = null;
}

export function ggufReaderProcess(): GgufReaderProcess {
  shared ??= new GgufReaderProcess(script);
  return shared;
}
