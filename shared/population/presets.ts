import forumUsers from "../../resources/population-presets/forum-users.json" with { type: "json" };
import usAdults from "../../resources/population-presets/us-adults.json" with { type: "json" };
import balancedPilot from "../../resources/population-presets/balanced-pilot.json" with { type: "json" };
import { populationSpecSchema, type PopulationSpec } from "../domain/population.js";

export interface PopulationPreset {
  id: string;
  spec: PopulationSpec;
}

/** Our own population specs (resources/population-presets), validated once at load. */
export const populationPresets: readonly PopulationPreset[] = [
  { id: "forum-users", spec: populationSpecSchema.parse(forumUsers) },
  { id: "us-adults", spec: populationSpecSchema.parse(usAdults) },
  { id: "balanced-pilot", spec: populationSpecSchema.parse(balancedPilot) },
];
