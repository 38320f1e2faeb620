/**
 * What each speaker of a design will be sent, and how many tokens that is against the context
 * the engine will use and the context the model was trained for: the Designer shows it before
 * a run, so a prompt that cannot fit is seen, not met as a failed turn.
 */
import path from "node:path";
import type { LlamaModel } from "node-llama-cpp";
import type { PromptPreview } from "../../shared/contract-designs.js";
import type { Actor, DiscussionDesign } from "../../shared/domain/design.js";
import { actorModel, actorSampling } from "../../shared/domain/design-helpers.js";
import { promptStyle } from "../engine/prompt-styles.js";
import { ChatTemplate } from "../llm/chat-template.js";
import type { ChatPrompt } from "../llm/types.js";
import { isPyBlank } from "../../shared/textwrap.js";
import { assertGgufFile } from "../llm/gguf-file.js";
import { readModelInfo } from "../llm/model-info.js";
import { LlamaChatModel } from "../llm/llama-chat-model.js";
import { sharedLlama } from "../llm/llama-runtime.js";
import { modelDisplayName, modelRefKey, type ModelRef } from "../../shared/domain/model-ref.js";
import type { StudioServices } from "./services.js";

/** Vocabulary-only loads (no weights) of the models a preview needed, by file. */
const vocabularies = new Map<string, Promise<LlamaModel>>();

async function tokenizerFor(services: StudioServices, file: string): Promise<LlamaModel> {
  const loaded = services.registry.entries.find(({ ref }) => ref.backend === "llama" && path.resolve(modelsFolder(services), ref.path) === file)?.model;
  if (loaded instanceof LlamaChatModel) return loaded.tokenizerModel;
  let vocabulary = vocabularies.get(file);
  if (!vocabulary) {
    vocabulary = assertGgufFile(file).then(async () => (await sharedLlama(services.registryOptions.gpu ?? "auto")).loadModel({ modelPath: file, vocabOnly: true }));
    vocabulary.catch(() => vocabularies.delete(file));
    vocabularies.set(file, vocabulary);
  }
  return vocabulary;
}

function modelsFolder(services: StudioServices): string {
  return services.registryOptions.modelsDirectory ?? services.layout.modelsDirectory;
}

export async function previewPrompts(services: StudioServices, design: DiscussionDesign): Promise<PromptPreview> {
  const contextSize = services.registryOptions.contextSize ?? 4096;
  // The first turn's history as the engine builds it: the seed comments its prompt style logs.
  const style = promptStyle(design.promptStyle);
  const history = design.seedComments.filter((seed) => style.logsBlankSeed || !isPyBlank(seed.text)).map((comment) => ({ name: comment.author, text: comment.text }));
  const speakers = [...design.participants.filter((actor) => actor.role !== "human"), ...(design.moderator ? [design.moderator] : [])];
  const models = new Map<string, { name: string; trainedContextSize: number | null; tokenizer: LlamaModel | null; problem: string | null }>();
  for (const actor of speakers) {
    const ref = actorModel(design, actor);
    const key = modelRefKey(ref);
    if (!models.has(key)) models.set(key, await describeModel(services, ref));
  }
  // The longest name any speaker could be shown under in a full window.
  const longestName = [...design.participants, ...(design.moderator ? [design.moderator] : [])].map((actor) => actor.persona.username).reduce((a, b) => (b.length > a.length ? b : a), "");
  return {
    contextSize,
    models: [...models.values()].map(({ name, trainedContextSize, problem }) => ({ name, trainedContextSize, problem })),
    speakers: speakers.map((actor) => {
      const model = models.get(modelRefKey(actorModel(design, actor)))!;
      const prompt = style.participantPrompt({ actor, history, historyWindow: design.historyWindow });
      const { maxTokens } = actorSampling(design, actor);
      return { name: actor.persona.username, role: roleOf(design, actor), model: model.name, systemPrompt: prompt.system, userMessage: prompt.user, ...counts(model.tokenizer, prompt, design.historyWindow, maxTokens, longestName) };
    }),
  };
}

function roleOf(design: DiscussionDesign, actor: Actor): "user" | "moderator" {
  return actor === design.moderator ? "moderator" : "user";
}

async function describeModel(services: StudioServices, ref: ModelRef): Promise<{ name: string; trainedContextSize: number | null; tokenizer: LlamaModel | null; problem: string | null }> {
  const name = modelDisplayName(ref);
  if (ref.backend !== "llama") return { name, trainedContextSize: null, tokenizer: null, problem: null };
  try {
    const file = path.resolve(modelsFolder(services), ref.path);
    // The trained context from the file's header (`<arch>.context_length`), as the Models view
    // reads it: a vocabulary-only load (the model unloaded, e.g. by a settings change) says 0.
    const [info, tokenizer] = await Promise.all([readModelInfo(file), tokenizerFor(services, file)]);
    return { name, trainedContextSize: info.contextLength, tokenizer, problem: null };
  } catch (error) {
    return { name, trainedContextSize: null, tokenizer: null, problem: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
  }
}

/**
 * The first turn's prompt tokens exactly (the seed comments as history), and the most a turn
 * can need: a window full of replies at the reply cap, plus this reply's cap. A server's
 * tokenizer is unknown here: null, and the Designer says so.
 */
function counts(tokenizer: LlamaModel | null, prompt: ChatPrompt, historyWindow: number, maxTokens: number, longestName: string): { firstTurnTokens: number | null; mostTokens: number | null } {
  if (!tokenizer) return { firstTurnTokens: null, mostTokens: null };
  const template = new ChatTemplate(tokenizer);
  const firstTurnTokens = template.render(prompt).tokens.length;
  const perComment = maxTokens + tokenizer.tokenize(`\\nUser ${longestName} posted:\\n`).length;
  return { firstTurnTokens, mostTokens: firstTurnTokens + historyWindow * perComment + maxTokens };
}
