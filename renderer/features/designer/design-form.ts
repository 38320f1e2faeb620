import type { Persona } from "../../../shared/domain/persona.js";
import type { ModelRef } from "../../../shared/domain/model-ref.js";
import { discussionDesignSchema, type Actor, type DesignFile, type DiscussionDesign, type PromptStyle } from "../../../shared/domain/design.js";
import { isPyBlank } from "../../../shared/textwrap.js";
import { emptyTurnManagerForm, turnManagerFormFields, turnManagerSpec, type TurnManagerForm } from "./turn-manager-form.js";

export { turnManagerSpec };
import { samplingSchema, type Sampling } from "../../../shared/domain/sampling.js";
import presets from "../../../resources/prompt-presets.json";

export interface SeedCommentDraft {
  /** Stable key for React while comments are reordered. */
  key: number;
  author: string;
  text: string;
}

/** A design as the Designer edits it; numbers the user types stay text until the design is built. */
export interface DesignForm extends TurnManagerForm {
  name: string;
  participants: string[];
  /** Participants the user plays: the transcript asks them to type at their turns. */
  humanParticipants: string[];
  moderatorEnabled: boolean;
  moderator: string;
  moderatorInstructions: string;
  moderatorInTurnOrder: boolean;
  context: string;
  userInstructions: string;
  seedComments: SeedCommentDraft[];
  turns: string;
  historyWindow: string;
  model: ModelRef | null;
  /** The name the log's "model" field gets (e.g. "llama8b"); empty: the model's own (file name or profile). */
  modelName: string;
  promptStyle: PromptStyle;
  /** Per-actor model overrides, by username. */
  actorModels: Record<string, ModelRef>;
  temperature: string;
  seed: string;
  maxTokens: string;
  /** Sampling fields the form does not show (top-p, stop strings), kept from a reopened design. */
  otherSampling: Pick<Sampling, "topP" | "stopStrings">;
  /** Personas of a reopened design, used when the pool no longer holds them. */
  designPersonas: Record<string, Persona>;
}

export type DesignField = "name" | "participants" | "moderator" | "seedComments" | "turns" | "historyWindow" | "model" | "temperature" | "seed" | "maxTokens";
export interface DesignProblem {
  field: DesignField;
  message: string;
}

let seedKey = 1;
export function seedCommentDraft(author = "", text = ""): SeedCommentDraft {
  return { key: seedKey++, author, text };
}

export function emptyDesignForm(): DesignForm {
  const sampling = samplingSchema.parse({});
  return {
    name: "Untitled discussion",
    participants: [],
    humanParticipants: [],
    moderatorEnabled: false,
    moderator: "",
    moderatorInstructions: presets.moderatorInstructions[0]?.text ?? "",
    moderatorInTurnOrder: false,
    context: presets.contexts[0]?.text ?? "",
    userInstructions: presets.userInstructions[0]?.text ?? "",
    ...emptyTurnManagerForm(),
    seedComments: [],
    turns: "5",
    historyWindow: "5",
    model: null,
    modelName: "",
    promptStyle: "syndisco-2.0",
    actorModels: {},
    temperature: String(sampling.temperature),
    seed: String(sampling.seed),
    maxTokens: String(sampling.maxTokens),
    otherSampling: { topP: sampling.topP, stopStrings: sampling.stopStrings },
    designPersonas: {},
  };
}

/** The usernames the turn manager chooses from, in the engine's order. */
export function turnOrderNames(form: Pick<DesignForm, "participants" | "moderatorEnabled" | "moderator" | "moderatorInTurnOrder">): string[] {
  return form.moderatorEnabled && form.moderatorInTurnOrder && form.moderator ? [...form.participants, form.moderator] : form.participants;
}

function wholeNumber(text: string, min: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number.parseInt(text, 10);
  return value >= min ? value : null;
}

/** The model reference with the log name the form gives it (none: the model's own). */
function withModelName(model: ModelRef, name: string): ModelRef {
  const { displayName: _previous, ...ref } = model;
  return name.trim() ? { ...ref, displayName: name.trim() } : ref;
}

/** Builds the design the engine runs, or says in plain words what is missing. */
export function buildDesign(form: DesignForm, pool: readonly Persona[]): { design: DiscussionDesign | null; problems: DesignProblem[] } {
  const problems: DesignProblem[] = [];
  const byName = new Map<string, Persona>(Object.entries(form.designPersonas));
  for (const persona of pool) byName.set(persona.username, persona);
  const persona = (username: string) => byName.get(username);

  if (!form.name.trim()) problems.push({ field: "name", message: "Name the design." });
  if (form.participants.length === 0) problems.push({ field: "participants", message: "Choose at least one participant from the pool." });
  for (const username of form.participants) if (!persona(username)) problems.push({ field: "participants", message: `${username} is no longer in the persona pool.` });
  if (form.moderatorEnabled) {
    if (!form.moderator) problems.push({ field: "moderator", message: "Choose the moderator's persona (or switch the moderator off)." });
    else if (form.participants.includes(form.moderator)) problems.push({ field: "moderator", message: `${form.moderator} cannot be both moderator and participant.` });
    else if (!persona(form.moderator)) problems.push({ field: "moderator", message: `${form.moderator} is no longer in the persona pool.` });
  }
  form.seedComments.forEach((comment, index) => {
    if (!comment.author.trim()) problems.push({ field: "seedComments", message: `Seed comment ${index + 1} needs an author.` });
    // SynDisco skips a blank seed comment; saying so here beats a comment silently missing from the run.
    if (isPyBlank(comment.text)) problems.push({ field: "seedComments", message: `Seed comment ${index + 1} is empty: write it or remove it.` });
  });
  const turns = wholeNumber(form.turns, 0);
  if (turns === null) problems.push({ field: "turns", message: "Turns is a whole number, 0 or more." });
  const historyWindow = wholeNumber(form.historyWindow, 1);
  if (historyWindow === null) problems.push({ field: "historyWindow", message: "History window is a whole number, 1 or more." });
  if (!form.model) problems.push({ field: "model", message: "Choose a model (add GGUF files on the Models page)." });
  const temperature = Number(form.temperature);
  if (form.temperature.trim() === "" || !(temperature >= 0 && temperature <= 5)) problems.push({ field: "temperature", message: "Temperature is between 0 and 5." });
  const seed = wholeNumber(form.seed, 0);
  if (seed === null) problems.push({ field: "seed", message: "Seed is a whole number, 0 or more." });
  const maxTokens = wholeNumber(form.maxTokens, 1);
  if (maxTokens === null) problems.push({ field: "maxTokens", message: "Max tokens is a whole number, 1 or more." });
  if (problems.length > 0 || !form.model) return { design: null, problems };

  const actor = (username: string, role: Actor["role"], instructions: string): Actor => {
    const model = form.actorModels[username];
    return { persona: persona(username)!, role, context: form.context, instructions, ...(model ? { model } : {}) };
  };
  const parsed = discussionDesignSchema.safeParse({
    name: form.name.trim(),
    participants: form.participants.map((username) => actor(username, form.humanParticipants.includes(username) ? "human" : "user", form.userInstructions)),
    moderator: form.moderatorEnabled ? actor(form.moderator, "moderator", form.moderatorInstructions) : null,
    moderatorInTurnOrder: form.moderatorEnabled && form.moderatorInTurnOrder,
    seedComments: form.seedComments.map(({ author, text }) => ({ author: author.trim(), text })),
    turns,
    historyWindow,
    turnManager: turnManagerSpec(form),
    promptStyle: form.promptStyle,
    model: withModelName(form.model, form.modelName),
    sampling: { ...form.otherSampling, temperature, seed, maxTokens },
  });
  if (!parsed.success) return { design: null, problems: parsed.error.issues.map((issue) => ({ field: "participants", message: issue.message })) };
  return { design: parsed.data, problems: [] };
}

/**
 * A saved design back in the form. The form has one context and one set of user instructions, so
 * a design written by hand with different ones per actor takes the first participant's.
 */
export function formFromDesign(design: DesignFile): DesignForm {
  const first = design.participants[0];
  const actors = [...design.participants, ...(design.moderator ? [design.moderator] : [])];
  const actorModels: Record<string, ModelRef> = {};
  const designPersonas: Record<string, Persona> = {};
  for (const actor of actors) {
    designPersonas[actor.persona.username] = actor.persona;
    if (actor.model) actorModels[actor.persona.username] = actor.model;
  }
  return {
    ...emptyDesignForm(),
    name: design.name,
    participants: design.participants.map((actor) => actor.persona.username),
    humanParticipants: design.participants.filter((actor) => actor.role === "human").map((actor) => actor.persona.username),
    moderatorEnabled: design.moderator !== null,
    moderator: design.moderator?.persona.username ?? "",
    moderatorInstructions: design.moderator?.instructions ?? emptyDesignForm().moderatorInstructions,
    moderatorInTurnOrder: design.moderatorInTurnOrder,
    context: first?.context ?? "",
    userInstructions: first?.instructions ?? "",
    ...turnManagerFormFields(design.turnManager),
    seedComments: design.seedComments.map((comment) => seedCommentDraft(comment.author, comment.text)),
    turns: String(design.turns),
    historyWindow: String(design.historyWindow),
    model: design.model ? withModelName(design.model, "") : null,
    modelName: design.model?.displayName ?? "",
    promptStyle: design.promptStyle,
    actorModels,
    temperature: String(design.sampling.temperature),
    seed: String(design.sampling.seed),
    maxTokens: String(design.sampling.maxTokens),
    otherSampling: { topP: design.sampling.topP, stopStrings: design.sampling.stopStrings },
    designPersonas,
  };
}
