import { z } from "zod";

/** A dimension's key in the annotator's JSON answer and in every table: short, stable, code-friendly. */
export const dimensionNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "a dimension name is 1-40 lower-case letters, digits or _, starting with a letter");

const described = { name: dimensionNameSchema, description: z.string().max(2000).default("") };

/** An integer scale, e.g. toxicity 1 ("not toxic") .. 5 ("extremely toxic"). */
export const scaleDimensionSchema = z.object({
  kind: z.literal("scale"),
  ...described,
  min: z.number().int().min(-1000).max(1000),
  max: z.number().int().min(-1000).max(1000),
  /** Labels of some or all points. */
  labels: z.array(z.object({ value: z.number().int(), label: z.string().max(200) })).default([]),
});

/** One of a fixed set of labels (nominal). */
export const categoryDimensionSchema = z.object({
  kind: z.literal("category"),
  ...described,
  categories: z.array(z.string().min(1, "a category is empty").max(100)).min(2, "a category dimension needs at least two categories").max(50),
});

/** Any real number, e.g. a classifier's probability (external scores are usually this). */
export const numberDimensionSchema = z.object({ kind: z.literal("number"), ...described });

/** Free text, e.g. a short justification; never part of agreement. */
export const textDimensionSchema = z.object({
  kind: z.literal("text"),
  ...described,
  maxLength: z.number().int().min(1).max(4000).default(200),
});

export const annotationDimensionSchema = z
  .discriminatedUnion("kind", [scaleDimensionSchema, categoryDimensionSchema, numberDimensionSchema, textDimensionSchema])
  .superRefine((dimension, ctx) => {
    if (dimension.kind === "scale") {
      if (dimension.max < dimension.min) {
        ctx.addIssue({ code: "custom", path: ["max"], message: `dimension "${dimension.name}": max (${dimension.max}) is below min (${dimension.min})` });
      } else if (dimension.max - dimension.min > 100) {
        ctx.addIssue({ code: "custom", path: ["max"], message: `dimension "${dimension.name}": a scale has at most 101 points` });
      }
      const outside = dimension.labels.find((label) => label.value < dimension.min || label.value > dimension.max);
      if (outside) ctx.addIssue({ code: "custom", path: ["labels"], message: `dimension "${dimension.name}": label for ${outside.value} is outside ${dimension.min}..${dimension.max}` });
    }
    if (dimension.kind === "category" && new Set(dimension.categories).size !== dimension.categories.length) {
      ctx.addIssue({ code: "custom", path: ["categories"], message: `dimension "${dimension.name}": a category is listed twice` });
    }
  });
export type AnnotationDimension = z.infer<typeof annotationDimensionSchema>;
export type ScaleDimension = z.infer<typeof scaleDimensionSchema>;

/**
 * How annotators rate comments: instructions (the annotator's SynDisco `instructions`), a
 * context, the dimensions of the answer, and how many comments of history the annotator sees,
 * ending with the one it rates (SynDisco's `ctx_length`).
 */
export const annotationSchemeSchema = z
  .object({
    name: z.string().trim().min(1, "the scheme has no name").max(100),
    context: z.string().max(20_000).default(""),
    instructions: z.string().max(20_000),
    dimensions: z.array(annotationDimensionSchema).min(1, "a scheme needs at least one dimension").max(20),
    historyWindow: z.number().int().min(1, "the annotator must see at least the comment it rates").max(100).default(3),
  })
  .superRefine((scheme, ctx) => {
    const names = scheme.dimensions.map((dimension) => dimension.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) ctx.addIssue({ code: "custom", path: ["dimensions"], message: `the dimension name "${repeated}" is used twice` });
  });
export type AnnotationScheme = z.infer<typeof annotationSchemeSchema>;
export type AnnotationSchemeInput = z.input<typeof annotationSchemeSchema>;

/** Whether agreement treats a dimension's values as numbers (interval) or labels (nominal); text has none. */
export function agreementLevel(dimension: AnnotationDimension): "interval" | "nominal" | null {
  if (dimension.kind === "scale" || dimension.kind === "number") return "interval";
  if (dimension.kind === "category") return "nominal";
  return null;
}

/** A scheme's one-sentence description of the answer it expects, for instructions that should say it. */
export function describeAnswerFormat(scheme: Pick<AnnotationScheme, "dimensions">): string {
  const parts = scheme.dimensions.map((dimension) => {
    switch (dimension.kind) {
      case "scale":
        return `"${dimension.name}": an integer from ${dimension.min} to ${dimension.max}`;
      case "category":
        return `"${dimension.name}": one of ${dimension.categories.map((category) => JSON.stringify(category)).join(", ")}`;
      case "number":
        return `"${dimension.name}": a number`;
      case "text":
        return `"${dimension.name}": a text of at most ${dimension.maxLength} characters`;
    }
  });
  return `Answer with a JSON object with the keys ${parts.join("; ")}.`;
}
