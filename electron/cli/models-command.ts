import path from "node:path";
import type { CliCommand } from "./command.js";
import { CliError } from "./cli-error.js";
import { parseFlags } from "./parse-flags.js";
import { defaultDataDirectory } from "../app-paths.js";
import { ModelStore, ModelStoreError } from "../llm/model-store.js";
import { readModelInfo } from "../llm/model-info.js";
import { ModelFileError } from "../llm/gguf-file.js";
import { DownloadError, startDownload } from "../llm/downloader.js";
import { formatBytes } from "../../shared/format.js";
import type { DownloadProgress, ModelEntry, ModelInfo } from "../../shared/domain/model-info.js";

const help = `Usage:
  syndisco-studio models list [--dir <models folder>] [--data <data folder>] [--json]
  syndisco-studio models info <file.gguf> [--json]
  syndisco-studio models download <uri> [--dir <models folder>] [--data <data folder>] [--json]

  list       the models folder (default <data>/models) plus the paths added in the app
  info       architecture, parameters, quantization, trained context, chat template, size
  download   hf:<user>/<repo>:<quant>, hf:<user>/<repo>/<file>.gguf or an http(s) URL;
             Ctrl-C pauses, and the same command later continues the partial file`;

const write = (text: string) => void process.stdout.write(text);

export const modelsCommand: CliCommand = {
  name: "models",
  summary: "list, inspect and download GGUF models",
  help,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === "list") return list(rest);
    if (sub === "info") return info(rest);
    if (sub === "download") return download(rest);
    throw new CliError(sub ? `unknown models subcommand "${sub}" (list, info, download)` : "models needs a subcommand: list, info or download");
  },
};

function storeFrom(values: { dir?: string; data?: string }): ModelStore {
  return new ModelStore(path.resolve(values.data ?? defaultDataDirectory()), { modelsDirectory: values.dir });
}

async function list(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { dir: { type: "string" }, data: { type: "string" }, json: { type: "boolean" } });
  const store = storeFrom(values);
  const { models, warnings } = await store.list();
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  if (values.json) {
    write(`${JSON.stringify({ modelsDirectory: store.modelsDirectory, models, warnings }, null, 2)}\n`);
    return 0;
  }
  if (models.length === 0) {
    write(`no models in ${store.modelsDirectory}\n`);
    return 0;
  }
  for (const model of models) write(`${entryLine(model)}\n`);
  return 0;
}

async function info(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: "boolean" } }, true);
  if (positionals.length !== 1) throw new CliError("models info needs exactly one model file");
  const model = await readModelInfo(positionals[0] as string).catch(rethrowAsCliError);
  if (values.json) write(`${JSON.stringify(model, null, 2)}\n`);
  else write(describeInfo(model));
  return 0;
}

async function download(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { dir: { type: "string" }, data: { type: "string" }, json: { type: "boolean" } }, true);
  if (positionals.length !== 1) throw new CliError("models download needs exactly one URI");
  const uri = positionals[0] as string;
  const directory = storeFrom(values).modelsDirectory;
  const bar = new ProgressBar();
  const handle = startDownload({ uri, directory, onProgress: (progress) => bar.update(progress) });
  const onInterrupt = () => void handle.pause().then(() => bar.stop("paused; run the same command again to continue"));
  process.once("SIGINT", onInterrupt);
  try {
    const file = await Promise.race([handle.done, pausedPromise(handle)]);
    if (file === null) return 130;
    bar.stop(`saved ${file}`);
    const model = await readModelInfo(file).catch(rethrowAsCliError);
    if (values.json) write(`${JSON.stringify({ uri, path: file, info: model }, null, 2)}\n`);
    else write(`${file}\n`);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof DownloadError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

/** Resolves null once Ctrl-C has paused the download (done then never settles). */
function pausedPromise(handle: { readonly state: string }): Promise<null> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (handle.state === "paused") {
        clearInterval(timer);
        resolve(null);
      } else if (handle.state === "done" || handle.state === "failed" || handle.state === "cancelled") clearInterval(timer);
    }, 100);
  });
}

/** One redrawn line on stderr, so stdout stays clean for --json. */
class ProgressBar {
  private last = 0;
  private drawn = false;

  update(p: DownloadProgress): void {
    const now = Date.now();
    if (now - this.last < 100 && p.downloadedBytes < p.totalBytes) return;
    this.last = now;
    const fraction = p.totalBytes > 0 ? Math.min(1, p.downloadedBytes / p.totalBytes) : 0;
    const filled = Math.round(fraction * 24);
    const eta = p.etaSeconds === null ? "--:--" : clock(p.etaSeconds);
    const line =
      `[${"#".repeat(filled)}${"-".repeat(24 - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${formatBytes(p.downloadedBytes)} / ${formatBytes(p.totalBytes)}  ${formatBytes(p.bytesPerSecond)}/s  ETA ${eta}`;
    process.stderr.write(`\r${line.padEnd(80)}`);
    this.drawn = true;
  }

  stop(message?: string): void {
    if (this.drawn) process.stderr.write("\n");
    this.drawn = false;
    if (message) process.stderr.write(`${message}\n`);
  }
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function formatParameters(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)}K`;
  return String(count);
}

function entryLine(entry: ModelEntry): string {
  if (!entry.info) return `${entry.fileName.padEnd(40)} ERROR ${entry.error ?? ""}`;
  const i = entry.info;
  const context = i.contextLength === null ? "?" : String(i.contextLength);
  return [entry.fileName.padEnd(40), i.architecture.padEnd(10), formatParameters(i.parameters).padStart(7), i.quantization.padEnd(7), `ctx ${context}`.padEnd(11), formatBytes(i.sizeBytes).padStart(9), entry.source === "added" ? entry.path : ""].join(" ").trimEnd();
}

function describeInfo(i: ModelInfo): string {
  return [
    `name:          ${i.name}`,
    `file:          ${i.path}`,
    `architecture:  ${i.architecture}`,
    `parameters:    ${formatParameters(i.parameters)} (${i.parameters})`,
    `quantization:  ${i.quantization}`,
    `context:       ${i.contextLength ?? "not stated"} tokens (trained)`,
    `chat template: ${i.hasChatTemplate ? "yes" : 'no (SynDisco\'s fallback "System: … User: … Assistant:" will be used)'}`,
    `size:          ${formatBytes(i.sizeBytes)}`,
    "",
  ].join("\n");
}

function rethrowAsCliError(error: unknown): never {
  if (error instanceof ModelFileError || error instanceof ModelStoreError) throw new CliError(error.message, 1);
  throw error;
}
