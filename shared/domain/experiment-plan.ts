/** A study's plan as data: its cells and every discussion with its seeds (electron/engine/experiment-plan.ts makes it). */
import type { DiscussionDesign } from "./design.js";

export interface ExperimentCell {
  /** Folder-safe id: index plus the labels of its conditions. */
  id: string;
  index: number;
  /** `population` only in studies that vary it, so other studies keep their cell ids. */
  conditions: { moderator: string; turnManager: string; model: string; topic: string; userInstructions: string; population?: string };
}

export interface PlannedDiscussion {
  discussionId: string;
  cell: ExperimentCell;
  repetition: number;
  /** Seed of participant sampling (shared by every cell for a repetition: cells compare the same people). */
  participantSeed: number;
  /** Seed of generation and turn order for this discussion. */
  seed: number;
  participants: string[];
  design: DiscussionDesign;
}

export interface ExperimentPlan {
  cells: ExperimentCell[];
  discussions: PlannedDiscussion[];
}
