import { LlamaGrammarEvaluationState, LlamaText, type GbnfJsonSchema, type LlamaGrammar, type LlamaModel } from "node-llama-cpp";
import { replySchemaKey, type ReplyJsonSchema } from "./reply-schema.js";

/**
 * Grammars made from reply schemas, one per schema per model: building one parses and compiles
 * GBNF, so an annotator's thousand comments share the first one's. Each generation gets its own
 * evaluation state (the grammar's position in the reply).
 */
export class JsonGrammars {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(private readonly model: LlamaModel) {}

  /**
   * A fresh state for one reply, and the texts that end it: the grammar allows whitespace after
   * the JSON, so node-llama-cpp ends such replies at a run of newlines and trims the rest.
   */
  async start(schema: ReplyJsonSchema): Promise<{ state: LlamaGrammarEvaluationState; stopTexts: string[]; trimEnd: boolean }> {
    const key = replySchemaKey(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      // ReplyJsonSchema is the subset of node-llama-cpp's schema type that servers understand too.
      grammar = this.model.llama.createGrammarForJsonSchema<GbnfJsonSchema>(schema as GbnfJsonSchema);
      grammar.catch(() => this.grammars.delete(key));
      this.grammars.set(key, grammar);
    }
    const ready = await grammar;
    const stopTexts = ready.stopGenerationTriggers
      .map((trigger) => (typeof trigger === "string" ? trigger : LlamaText(trigger)))
      .filter((trigger) => typeof trigger === "string" || trigger.values.every((value) => typeof value === "string"))
      .map((trigger) => trigger.toString());
    return { state: new LlamaGrammarEvaluationState({ model: this.model, grammar: ready }), stopTexts, trimEnd: ready.trimWhitespaceSuffix };
  }
}
