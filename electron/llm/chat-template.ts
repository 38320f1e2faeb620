import {
  GeneralChatWrapper,
  JinjaTemplateChatWrapper,
  LlamaText,
  type ChatHistoryItem,
  type ChatWrapper,
  type LlamaModel,
  type Token,
} from "node-llama-cpp";
import type { ChatPrompt } from "./types.js";

export interface RenderedPrompt {
  tokens: Token[];
  /** Strings that end a reply when the model writes them as text (the template's end-of-turn markers). */
  stopTexts: string[];
}

/**
 * Renders SynDisco's [system, user] pair through the model's own chat template. The Jinja
 * template is used as is (not node-llama-cpp's look-alike wrappers, which may add text of
 * their own such as dates), so the tokens evaluated are exactly the template's output.
 * A model without a template gets a plain "### System / ### Human / ### Assistant" layout.
 */
export class ChatTemplate {
  readonly source: "model" | "fallback";
  private readonly wrapper: ChatWrapper;

  constructor(private readonly model: LlamaModel) {
    const template = model.fileInfo.metadata.tokenizer?.chat_template;
    if (typeof template === "string" && template.trim() !== "") {
      this.source = "model";
      this.wrapper = new JinjaTemplateChatWrapper({ template, convertUnsupportedSystemMessagesToUserMessages: "auto" });
    } else {
      this.source = "fallback";
      this.wrapper = new GeneralChatWrapper();
    }
  }

  render(prompt: ChatPrompt): RenderedPrompt {
    const chatHistory: ChatHistoryItem[] = [
      { type: "system", text: prompt.system },
      { type: "user", text: prompt.user },
      { type: "model", response: [] },
    ];
    const state = this.wrapper.generateContextState({ chatHistory });
    const tokens = LlamaText(state.contextText).tokenize(this.model.tokenizer);
    // Special-token triggers end generation inside llama.cpp (end-of-generation tokens);
    // only plain-text triggers need watching in the decoded reply.
    const stopTexts = state.stopGenerationTriggers
      .map((trigger) => LlamaText(trigger))
      .filter((trigger) => trigger.values.every((value) => typeof value === "string"))
      .map((trigger) => trigger.toString())
      .filter((text) => text.trim() !== "");
    return { tokens, stopTexts };
  }

  /** The rendered prompt as text, for display and debugging. */
  renderText(prompt: ChatPrompt): string {
    return this.model.detokenize(this.render(prompt).tokens, true);
  }
}
