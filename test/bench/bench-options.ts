import { parseArgs } from "node:util";
import { z } from "zod";
import { modelShapeIds } from "../fixtures/tiny-gguf/model-shapes.js";

export const benchSections = ["decode", "prompt", "reuse", "experiment", "pooling", "analysis", "annotation", "library"] as const;
export type BenchSection = (typeof benchSections)[number];

const integer = (name: string, min = 1) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min, `--${name} must be at least ${min}`);
const integerList = (name: string) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, `--${name} must be a comma-separated list of whole numbers, e.g. 1,4,8`)
    .transform((list) => list.split(",").map(Number))
    .refine((list) => list.every((n) => n >= 1), `--${name}: each number must be at least 1`);

const optionsSchema = z.object({
  json: z.boolean().default(false),
  model: z.string().optional(),
  "model-shape": z.enum(["tiny", ...modelShapeIds], { error: `--model-shape is one of tiny, ${modelShapeIds.join(", ")}` }).default("tiny"),
  type: z.enum(["q8_0", "f16"], { error: "--type is q8_0 or f16" }).default("q8_0"),
  gpu: z.boolean().default(false),
  threads: integer("threads").optional(),
  "max-tokens": integer("max-tokens").default(60),
  turns: integer("turns").default(15),
  parallel: integerList("parallel").default([1, 4, 8, 16, 32]),
  pooling: integerList("pooling").default([8, 32]),
  "decode-tokens": integer("decode-tokens").default(128),
  "decode-sequences": integer("decode-sequences").default(64),
  context: integer("context", 256).default(2048),
  rounds: integer("rounds").default(3),
  // One sequence on a tiny model moves +-5 % from run to run on a shared VM; ~10 rounds of ~2 s settle it to about +-2 %.
  "decode-rounds": integer("decode-rounds").default(10),
  "analysis-repetitions": integer("analysis-repetitions").default(300),
  "library-repetitions": integer("library-repetitions").default(300),
  only: z
    .string()
    // "discussion" was the prompt-reuse part's name before the bench grew.
    .transform((list) => list.split(",").map((part) => (part === "discussion" ? "reuse" : part)))
    .pipe(z.array(z.enum(benchSections, { error: `--only takes a comma-separated list of ${benchSections.join(", ")}` })))
    .default([...benchSections]),
});
export type BenchOptions = z.infer<typeof optionsSchema>;

export const benchUsage = `usage: npm run bench -- [--json] [--model file.gguf | --model-shape tiny|${modelShapeIds.join("|")} [--type q8_0|f16]] [--gpu]
  [--threads n] [--max-tokens 60] [--turns 15] [--parallel 1,4,8,16,32] [--pooling 8,32]
  [--decode-tokens 128] [--decode-sequences 64] [--context 2048] [--rounds 3] [--decode-rounds 10] [--analysis-repetitions 300] [--library-repetitions 300]
  [--only ${benchSections.join(",")}] (default: all)`;

/** Thrown for --help: the usage, which is not an error. */
export class BenchUsage extends Error {}

export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: "boolean" },
      model: { type: "string" },
      "model-shape": { type: "string" },
      type: { type: "string" },
      gpu: { type: "boolean" },
      threads: { type: "string" },
      "max-tokens": { type: "string" },
      turns: { type: "string" },
      parallel: { type: "string" },
      pooling: { type: "string" },
      "decode-tokens": { type: "string" },
      "decode-sequences": { type: "string" },
      context: { type: "string" },
      rounds: { type: "string" },
      "decode-rounds": { type: "string" },
      only: { type: "string" },
      "analysis-repetitions": { type: "string" },
      "library-repetitions": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new BenchUsage(benchUsage);
  const { help: _help, ...flags } = values;
  const parsed = optionsSchema.safeParse(flags);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => issue.message).join("; ")}\n${benchUsage}`);
  if (parsed.data.model && values["model-shape"]) throw new Error(`--model and --model-shape exclude each other\n${benchUsage}`);
  return parsed.data;
}
