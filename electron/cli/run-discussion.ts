import type { DiscussionDesign, SpeakerChoice } from "../../shared/domain/index.js";
import { ModelRegistry } from "../llm/model-registry.js";
import { defaultThreadCount, gpuLabel, sharedLlama } from "../llm/llama-runtime.js";
import { ModelFileError } from "../llm/gguf-file.js";
import { OpenAiChatModel } from "../llm/openai-chat-model.js";
import type { ServerProfileSource } from "../llm/server-resolver.js";
import { usesLocalModel } from "../../shared/domain/design-helpers.js";
import { runRecordedDiscussion, type RecordedRunResult } from "../engine/recorded-run.js";
import { TranscriptPrinter } from "./transcript-printer.js";
import { askOnStdin } from "./save-prompt.js";
import { CliError } from "./cli-error.js";
import { appVersion } from "../app-version.js";

export interface CliRunSettings {
  outputDirectory: string;
  threads?: number;
  contextSize?: number;
  quiet?: boolean;
  /** A replay's recorded speaker choices. */
  replaySpeakerChoices?: readonly SpeakerChoice[];
  /** The server profiles references may name (cliServerProfiles). */
  servers: ServerProfileSource;
}

/** Runs a design with the transcript on stdout; Ctrl-C stops it and keeps what was written. */
export async function runDesignFromCli(design: DiscussionDesign, settings: CliRunSettings): Promise<RecordedRunResult> {
  const threads = settings.threads ?? defaultThreadCount();
  const contextSize = settings.contextSize ?? 4096;
  const registry = new ModelRegistry({ threads, contextSize, remote: (ref) => OpenAiChatModel.connect(ref, settings.servers) });
  const printer = new TranscriptPrinter((text) => process.stdout.write(text));
  const controller = new AbortController();
  const onSignal = () => {
    process.stderr.write("\nstopping: the comment being written is kept\n");
    controller.abort();
  };
  process.once("SIGINT", onSignal);
  try {
    // A run on servers only never starts llama.cpp.
    const gpu = usesLocalModel(design) ? gpuLabel(await sharedLlama()) : "none";
    const result = await runRecordedDiscussion(design, {
      registry,
      outputDirectory: settings.outputDirectory,
      signal: controller.signal,
      replaySpeakerChoices: settings.replaySpeakerChoices,
      runtime: { app: appVersion, gpu, threads, contextSize },
      onEvent: settings.quiet ? undefined : (event) => printer.handle(event),
      // A full disk pauses the run and asks on stdin (retry, another folder, or give up).
      onSaveFailure: askOnStdin((text) => process.stderr.write(text)),
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
