import type { AnalysisRoleName, MeasureInfo } from "../../../shared/domain/analysis.js";
import type { DiscussionMeasures, MeasuredComment } from "../../../shared/analysis/measured-discussion.js";

/**
 * Every measure, named by its dataset column, with how to read its value. Annotation
 * dimensions add one comment measure and one discussion measure each (`ann_<dimension>`).
 */

export interface CommentMeasure extends MeasureInfo {
  level: "comment";
  value: (comment: MeasuredComment) => number | null;
}

export interface DiscussionMeasure extends MeasureInfo {
  level: "discussion";
  value: (measures: DiscussionMeasures) => number | null;
}

const PARTICIPANTS: AnalysisRoleName[] = ["user", "human"];
const GENERATED: AnalysisRoleName[] = ["user", "moderator"];
const ALL_BUT_SEEDS: AnalysisRoleName[] = ["user", "human", "moderator"];

const bool = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

export const COMMENT_MEASURES: readonly CommentMeasure[] = [
  { level: "comment", column: "words", label: "Length (words)", description: "Words in the comment (Python's len(text.split())).", kind: "number", roles: PARTICIPANTS, value: (c) => c.words },
  { level: "comment", column: "characters", label: "Length (characters)", description: "Characters (Unicode code points) in the comment.", kind: "number", roles: PARTICIPANTS, value: (c) => c.characters },
  { level: "comment", column: "tokens", label: "Length (model tokens)", description: "Tokens the model generated for the comment, from the run record; empty without one.", kind: "number", roles: GENERATED, value: (c) => c.tokens },
  { level: "comment", column: "intervention", label: "Moderator intervention", description: "Moderator comments: the moderator said something (the text is not blank). Its mean is the intervention rate.", kind: "boolean", roles: ["moderator"], value: (c) => bool(c.intervention) },
  { level: "comment", column: "author_share", label: "Author's share of comments", description: "Participants' comments: the share of the discussion's participant comments written by this comment's author.", kind: "number", roles: PARTICIPANTS, value: (c) => c.authorShare },
  { level: "comment", column: "diversity", label: "Lexical diversity", description: "Participants' comments: 1 - mean ROUGE-L F (rouge-score tokens, no stemming) against the discussion's other participant comments.", kind: "number", roles: PARTICIPANTS, value: (c) => c.diversity },
];

export const DISCUSSION_MEASURES: readonly DiscussionMeasure[] = [
  { level: "discussion", column: "comments", label: "Comments", description: "Comments after the seed comments.", kind: "number", roles: ALL_BUT_SEEDS, value: (m) => m.comments },
  { level: "discussion", column: "participant_comments", label: "Participant comments", description: "Comments by participants (users and people).", kind: "number", roles: PARTICIPANTS, value: (m) => m.participantComments },
  { level: "discussion", column: "moderator_comments", label: "Moderator comments", description: "Comments by the moderator, blank ones included.", kind: "number", roles: ["moderator"], value: (m) => m.moderatorComments },
  { level: "discussion", column: "interventions", label: "Moderator interventions", description: "Moderator comments that are not blank.", kind: "number", roles: ["moderator"], value: (m) => m.interventions },
  { level: "discussion", column: "intervention_rate", label: "Intervention rate", description: "Interventions over moderator comments; empty without a moderator.", kind: "number", roles: ["moderator"], value: (m) => m.interventionRate },
  { level: "discussion", column: "participation_rate", label: "Participation rate", description: "Share of the participants who wrote at least one comment.", kind: "number", roles: PARTICIPANTS, value: (m) => m.participationRate },
  { level: "discussion", column: "participation_balance", label: "Participation balance", description: "Entropy of the participants' comment shares over its maximum (1 = everyone wrote equally often).", kind: "number", roles: PARTICIPANTS, value: (m) => m.participationBalance },
  { level: "discussion", column: "diversity", label: "Lexical diversity", description: "1 - mean pairwise ROUGE-L F between the discussion's participant comments.", kind: "number", roles: PARTICIPANTS, value: (m) => m.diversity },
  { level: "discussion", column: "words_mean", label: "Mean length (words)", description: "Mean words per participant comment.", kind: "number", roles: PARTICIPANTS, value: (m) => m.wordsMean },
  { level: "discussion", column: "tokens_mean", label: "Mean length (model tokens)", description: "Mean generated tokens per participant comment, from the run record.", kind: "number", roles: PARTICIPANTS, value: (m) => m.tokensMean },
];

/** `ann_` + the dimension in snake case: a column name pandas and R both accept. */
export function annotationColumn(dimension: string): string {
  const snake = dimension.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  return `ann_${snake || "dimension"}`;
}

export function annotationMeasures(dimensions: readonly string[]): { comment: CommentMeasure[]; discussion: DiscussionMeasure[] } {
  return {
    comment: dimensions.map((dimension) => ({
      level: "comment" as const,
      column: annotationColumn(dimension),
      label: `${dimension} (annotation)`,
      description: `Annotation "${dimension}": the mean over the annotators that scored the comment.`,
      kind: "number" as const,
      roles: ALL_BUT_SEEDS,
      value: (c: MeasuredComment) => c.annotations[dimension] ?? null,
    })),
    discussion: dimensions.map((dimension) => ({
      level: "discussion" as const,
      column: annotationColumn(dimension),
      label: `${dimension} (annotation)`,
      description: `Annotation "${dimension}": the mean over the discussion's participant comments of their annotator means.`,
      kind: "number" as const,
      roles: PARTICIPANTS,
      value: (m: DiscussionMeasures) => m.annotations[dimension] ?? null,
    })),
  };
}

export function measuresOf(dimensions: readonly string[]): (CommentMeasure | DiscussionMeasure)[] {
  const annotations = annotationMeasures(dimensions);
  return [...COMMENT_MEASURES, ...annotations.comment, ...DISCUSSION_MEASURES, ...annotations.discussion];
}

/** The measure's public description (without its accessor), for the contract. */
export function measureInfo(measure: CommentMeasure | DiscussionMeasure): MeasureInfo {
  const { level, column, label, description, kind, roles } = measure;
  return { level, column, label, description, kind, roles };
}
