import { Template } from "@huggingface/jinja";
import type { LlamaModel, Token } from "node-llama-cpp";
import { chatMessages, type ChatMessage, type ChatPrompt } from "./types.js";

export interface RenderedPrompt {
  /** The one text the model reads: the chat template's output, or SynDisco's fallback layout. */
  text: string;
  /** `text` tokenized once, special-token text parsed, with a BOS in front where the tokenizer adds one. */
  tokens: Token[];
}

/** What SynDisco 2.0.x sends a model without a chat template (its TransformersModel). */
export const FALLBACK_TEMPLATE_TEXT = "System: {system}\nUser: {user}\nAssistant:";

export class ChatTemplateError extends Error {
  override readonly name = "ChatTemplateError";
}

/** The special tokens transformers passes to a chat template (its special_tokens_map), by GGUF metadata key. */
const specialTokenKeys = [
  ["bos_token", "bos_token_id"],
  ["eos_token", "eos_token_id"],
  ["unk_token", "unknown_token_id"],
  ["sep_token", "seperator_token_id"],
  ["pad_token", "padding_token_id"],
  ["cls_token", "cls_token_id"],
  ["mask_token", "mask_token_id"],
] as const;

/**
 * Renders a prompt the way SynDisco 2.0.x does with transformers: the model's Jinja chat
 * template applied to the messages with add_generation_prompt, giving ONE text, tokenized
 * ONCE with special-token text parsed and a BOS added where the tokenizer adds one
 * (tokenizer(text) with its defaults). Tokenizing the template's pieces separately instead
 * adds a "▁" at each boundary on SentencePiece vocabularies: the model would read other
 * tokens than SynDisco's. A model without a template gets SynDisco's own fallback text.
 */
export class ChatTemplate {
  readonly source: "model" | "fallback";
  /** The template text used (the model's Jinja source, or the fallback layout), for the run record. */
  readonly text: string;
  /** Whether a BOS token goes in front of the rendered text. */
  readonly addsBos: boolean;
  private readonly jinja: Template | null;
  private readonly specialTokens: Record<string, string>;

  constructor(private readonly model: LlamaModel) {
    const template = model.fileInfo.metadata.tokenizer?.chat_template;
    const hasTemplate = typeof template === "string" && template.trim() !== "";
    this.source = hasTemplate ? "model" : "fallback";
    this.text = hasTemplate ? template : FALLBACK_TEMPLATE_TEXT;
    this.jinja = hasTemplate ? compile(template) : null;
    this.addsBos = model.tokens.shouldPrependBosToken;
    this.specialTokens = specialTokenTexts(model);
  }

  renderText(prompt: ChatPrompt): string {
    const messages = chatMessages(prompt);
    if (!this.jinja) return fallbackText(messages);
    try {
      // What transformers' apply_chat_template passes: messages, tools and documents (None),
      // add_generation_prompt, and the tokenizer's special tokens as strings.
      return this.jinja.render({ ...this.specialTokens, messages, tools: null, documents: null, add_generation_prompt: true });
    } catch (error) {
      throw new ChatTemplateError(`the model's chat template cannot render this prompt: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  render(prompt: ChatPrompt): RenderedPrompt {
    const text = this.renderText(prompt);
    const bos = this.model.tokens.bos;
    const tokens = this.model.tokenize(text, true);
    return { text, tokens: this.addsBos && bos !== null ? [bos, ...tokens] : tokens };
  }
}

function compile(template: string): Template {
  try {
    return new Template(template);
  } catch (error) {
    throw new ChatTemplateError(`the model's chat template is not valid Jinja: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * SynDisco's "System: …\nUser: …\nAssistant:" for [system, user]; prompts of more messages
 * (other prompt styles) continue the same layout, one "Role: content" line per message.
 */
export function fallbackText(messages: readonly ChatMessage[]): string {
  const label = { system: "System", user: "User", assistant: "Assistant" } as const;
  return messages.map((message) => `${label[message.role]}: ${message.content}`).join("\n") + "\nAssistant:";
}

function specialTokenTexts(model: LlamaModel): Record<string, string> {
  const ggml = model.fileInfo.metadata.tokenizer?.ggml as Record<string, unknown> | undefined;
  const vocabularySize = Array.isArray(ggml?.tokens) ? ggml.tokens.length : 0;
  const texts: Record<string, string> = {};
  for (const [name, key] of specialTokenKeys) {
    const id = ggml?.[key];
    // Converted models mark a token they lack as 0xFFFFFFFF (llama.cpp: "not set"); detokenizing
    // an id outside the vocabulary aborts the process inside llama.cpp, so only real ids count.
    if (typeof id === "number" && Number.isInteger(id) && id >= 0 && id < vocabularySize) texts[name] = model.detokenize([id as Token], true);
  }
  return texts;
}
