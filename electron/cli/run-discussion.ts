import type { DiscussionDesign } from "../../shared/domain/index.js";
import { ModelRegistry } from "../llm/model-registry.js";
import { defaultThreadCount, gpuLabel, sharedLlama } from "../llm/llama-runtime.js";
import { ModelFileError } from "../llm/gguf-file.js";
import { OpenAiChatModel } from "../llm/openai-chat-model.js";
import { runRecordedDiscussion, type RecordedRunResult } from "../engine/recorded-run.js";
import { TranscriptPrinter } from "./transcript-printer.js";
import { CliError } from "./cli-error.js";
import { appVersion } from "../app-version.js";

export interface CliRunSettings {
  outputDirectory: string;
  threads?: number;
  contextSize?: number;
  quiet?: boolean;
}

/** Runs a design with the transcript on stdout; Ctrl-C stops it and keeps what was written. */
export async function runDesignFromCli(design: DiscussionDesign, settings: CliRunSettings): Promise<RecordedRunResult> {
  const threads = settings.threads ?? defaultThreadCount();
  const contextSize = settings.contextSize ?? 4096;
  const registry = new ModelRegistry({ threads, contextSize, remote: (ref) => new OpenAiChatModel(ref) });
  const printer = new TranscriptPrinter((text) => process.stdout.write(text));
  const controller = new AbortController();
  const onSignal = () => {
    process.stderr.write("\nstopping: the comment being written is kept\n");
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  try {
    const llama = await sharedLlama();
    const result = await runRecordedDiscussion(design, {
      registry,
      outputDirectory: settings.outputDirectory,
      signal: controller.signal,
      runtime: { app: appVersion, gpu: gpuLabel(llama), threads, contextSize },
      onEvent: settings.quiet ? undefined : (event) => printer.handle(event),
    });
    return result;
  } catch (error) {
    if (error instanceof ModelFileError) throw new CliError(error.message);
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    await registry.dispose();
  }
}
