import type { CommentAnnotationMeans } from "../../shared/analysis/measured-discussion.js";

/**
 * Where analysis gets annotation scores from: per discussion, per comment index, per numeric
 * dimension, the mean over annotators. The files named are part of the measures cache's key,
 * so a new or changed annotation recomputes that discussion's measures.
 */
export interface AnnotationSource {
  /** Numeric dimensions annotated anywhere in these discussions, in a stable order. */
  dimensions(discussionIds: readonly string[]): Promise<string[]>;
  forDiscussion(discussionId: string): Promise<{ files: string[]; means: CommentAnnotationMeans }>;
}

/** For folders without annotations (and until a study has any). */
export const noAnnotations: AnnotationSource = {
  dimensions: async () => [],
  forDiscussion: async () => ({ files: [], means: new Map() }),
};
