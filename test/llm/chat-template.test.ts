import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LlamaModel, Token } from "node-llama-cpp";
import { ChatTemplate, ChatTemplateError, fallbackText } from "../../electron/llm/chat-template.js";
import { LlamaChatModel } from "../../electron/llm/llama-chat-model.js";
import { sharedLlama } from "../../electron/llm/llama-runtime.js";
import { samplingSchema } from "../../shared/domain/sampling.js";
import { DEFAULT_CHAT_TEMPLATE, ensureTinyModel, type TinyModelOptions } from "../fixtures/tiny-gguf/tiny-model.js";

/**
 * Reference ids from transformers itself (apply_chat_template, then tokenizer(text)) over the
 * tiny model's SentencePiece vocabulary: see test/fixtures/python/make-chat-tokens.py.
 */
interface ReferenceCase {
  name: string;
  system: string;
  user: string;
  text: string;
  ids: number[];
  fallbackText: string;
  fallbackIds: number[];
}
const reference = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/python/chat-tokens.json"), "utf8")) as {
  template: string;
  cases: ReferenceCase[];
};

const greedyOneToken = samplingSchema.parse({ temperature: 0, maxTokens: 1 });

/** The tokens a real llama.cpp sequence evaluated for each reference prompt. */
async function evaluatedTokens(options: TinyModelOptions): Promise<{ held: Map<string, Token[]>; model: LlamaChatModel }> {
  const held = new Map<string, Token[]>();
  const model = await LlamaChatModel.load(await ensureTinyModel(options), {
    contextSize: 1024,
    threads: 1,
    inspectPrompt: ({ sequenceKey, held: tokens }) => held.set(sequenceKey, [...tokens]),
  });
  for (const c of reference.cases) {
    await model.generate({ sequenceKey: c.name, prompt: { system: c.system, user: c.user }, sampling: greedyOneToken, seed: 1 });
  }
  return { held, model };
}

describe("prompt tokens are what SynDisco's transformers path gives (one rendered text, tokenized once)", () => {
  it("the fixture was made with the generator's ChatML template", () => {
    expect(reference.template).toBe(DEFAULT_CHAT_TEMPLATE);
    expect(reference.cases.map((c) => c.name)).toEqual(expect.arrayContaining(["leading spaces", "leading newline", "non-ascii"]));
  });

  describe("a SentencePiece vocabulary with a ChatML template", () => {
    let run: Awaited<ReturnType<typeof evaluatedTokens>>;
    beforeAll(async () => {
      run = await evaluatedTokens({});
    });
    afterAll(async () => {
      await run?.model.dispose();
    });

    it.each(reference.cases.map((c) => [c.name, c] as const))("%s: the sequence evaluated exactly transformers' ids", (_name, c) => {
      expect(run.held.get(c.name)).toEqual(c.ids);
    });

    it("equals a single-pass tokenization of the rendered text with the BOS rule", () => {
      const llama = run.model.tokenizerModel;
      for (const c of reference.cases) {
        expect(run.held.get(c.name)).toEqual([llama.tokens.bos, ...llama.tokenize(c.text, true)]);
      }
    });

    it("the run record names the template text used and the BOS rule", () => {
      expect(run.model.identity).toMatchObject({ chatTemplate: "model", chatTemplateText: DEFAULT_CHAT_TEMPLATE, bosAdded: true });
    });
  });

  describe("a model without a chat template gets SynDisco's fallback text", () => {
    let run: Awaited<ReturnType<typeof evaluatedTokens>>;
    beforeAll(async () => {
      run = await evaluatedTokens({ chatTemplate: null });
    });
    afterAll(async () => {
      await run?.model.dispose();
    });

    it.each(reference.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
      expect(fallbackText([{ role: "system", content: c.system }, { role: "user", content: c.user }])).toBe(c.fallbackText);
      expect(run.held.get(c.name)).toEqual(c.fallbackIds);
    });

    it("the run record says so", () => {
      expect(run.model.identity).toMatchObject({ chatTemplate: "fallback", chatTemplateText: "System: {system}\nUser: {user}\nAssistant:" });
    });
  });

  it("a model whose missing special tokens are marked 0xFFFFFFFF (as llama2.c conversions mark them) renders and runs: those tokens are absent, not read", async () => {
    const run = await evaluatedTokens({ chatTemplate: null, unsetTokenIds: true });
    try {
      for (const c of reference.cases) expect(run.held.get(c.name)).toEqual(c.fallbackIds);
    } finally {
      await run.model.dispose();
    }
  });

  it("a tokenizer that adds no BOS gets none", async () => {
    const run = await evaluatedTokens({ addBosToken: false });
    try {
      for (const c of reference.cases) expect(run.held.get(c.name)).toEqual(c.ids.slice(1));
      expect(run.model.identity.bosAdded).toBe(false);
    } finally {
      await run.model.dispose();
    }
  });
});

describe("ChatTemplate renders as transformers' apply_chat_template does", () => {
  const models: LlamaModel[] = [];
  async function templateFor(chatTemplate: string): Promise<ChatTemplate> {
    const llama = await sharedLlama();
    const model = await llama.loadModel({ modelPath: await ensureTinyModel({ chatTemplate }) });
    models.push(model);
    return new ChatTemplate(model);
  }
  afterAll(async () => {
    await Promise.all(models.map((model) => model.dispose()));
  });

  it("passes the special tokens as text: a template's own {{ bos_token }} gives two BOS, as transformers does", async () => {
    const template = await templateFor("{{ bos_token }}{% for m in messages %}[{{ m['role'] }}]{{ m['content'] }}{{ eos_token }}{% endfor %}{% if add_generation_prompt %}[assistant]{% endif %}");
    const rendered = template.render({ system: "S", user: "U" });
    expect(rendered.text).toBe("<s>[system]S</s>[user]U</s>[assistant]");
    expect(rendered.tokens.slice(0, 2)).toEqual([1, 1]);
  });

  it("blocks are trimmed as transformers' Jinja environment trims them (trim_blocks, lstrip_blocks)", async () => {
    const template = await templateFor("{% for m in messages %}\n  {% if m['role'] == 'user' %}\n{{ m['content'] }}|\n  {% endif %}\n{% endfor %}");
    expect(template.renderText({ system: "S", user: "U" })).toBe("U|\n");
  });

  it("a template that refuses the prompt (raise_exception) stops with its own message", async () => {
    const template = await templateFor("{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}");
    expect(() => template.render({ system: "S", user: "U" })).toThrow(ChatTemplateError);
    expect(() => template.render({ system: "S", user: "U" })).toThrow(/chat template cannot render this prompt: System role not supported/);
  });
});
