import type { PromptStyle } from "../../shared/domain/design.js";
import type { Persona } from "../../shared/domain/persona.js";
import { pyJsonDumps } from "../../shared/pyjson.js";
import { fill, isPyBlank } from "../../shared/textwrap.js";
import type { ChatPrompt } from "../llm/types.js";
import { nativeChatTurns } from "./native-chat.js";
import { annotatorUserMessage, historyText, participantUserMessage, syndiscoSystemPrompt, type HistoryComment, type PromptActor } from "./prompts.js";

/** Everything a style may use to build one speaker's prompt. */
export interface SpeakerTurn {
  actor: PromptActor;
  /** Every comment logged so far, seeds first, oldest first (the style picks its own window). */
  history: readonly HistoryComment[];
  historyWindow: number;
}

/**
 * How a discussion is put into words for the model and into the file: the system prompt, the
 * message(s) a speaker receives, and how history comments are shown. Styles are data, chosen by
 * the design's `promptStyle`; the engine's loop is the same for all.
 */
export interface PromptStyleDefinition {
  readonly id: PromptStyle;
  /** The file a run with this style writes: SynDisco 2.0.x's legacy format or 2.1+'s. */
  readonly fileFormat: "legacy" | "v2";
  /** A discussion participant's (user's or moderator's) system prompt; also what the file records. */
  systemPrompt(actor: PromptActor): string;
  /** The prompt a participant is sent for their turn. */
  participantPrompt(turn: SpeakerTurn): ChatPrompt;
  /** The prompt an annotator is sent for the last comment of `history`. */
  annotatorPrompt(turn: SpeakerTurn): ChatPrompt;
  /** A seed comment's `prompt` in the 2.1+ file format. */
  readonly seedPrompt: string;
  /** SynDisco 2.0.x logs a moderator's blank reply as "" (it takes a slot of the window); 2.2 logs nothing blank. */
  readonly logsBlankModeratorReply: boolean;
  /** SynDisco 2.0.x skips blank seed comments; 2.2.1 logs every seed as given. */
  readonly logsBlankSeed: boolean;
}

const syndisco20: PromptStyleDefinition = {
  id: "syndisco-2.0",
  fileFormat: "legacy",
  systemPrompt: (actor) => syndiscoSystemPrompt(actor, "1"),
  participantPrompt: ({ actor, history, historyWindow }) => ({
    system: syndiscoSystemPrompt(actor, "1"),
    user: participantUserMessage(history, historyWindow, actor.persona.username),
  }),
  annotatorPrompt: ({ actor, history, historyWindow }) => ({ system: syndiscoSystemPrompt(actor, "2"), user: annotatorUserMessage(history, historyWindow) }),
  seedPrompt: "",
  logsBlankModeratorReply: true,
  logsBlankSeed: false,
};

/** SynDisco 2.2's Discussion formats history with textwrap.fill at this width: in effect whitespace made spaces, no wrapping. */
const SYNDISCO_22_WRAP = 900_000;

/** 2.2's comment in a history: `Comment by user NAME: "` newline, the text, `"`; a blank one is "". */
export function syndisco22HistoryEntry(comment: HistoryComment): string {
  if (isPyBlank(comment.text)) return "";
  return `Comment by user ${comment.name}: "\n${fill(comment.text, SYNDISCO_22_WRAP)}"`;
}

function syndisco22SystemPrompt(actor: PromptActor, type: "user" | "annotator"): string {
  return pyJsonDumps({ context: actor.context, instructions: actor.instructions, type, persona: persona22(actor.persona) });
}

/** 2.2 puts the persona dict in as given: the nine fields and any extra attributes, in order. */
function persona22(persona: Persona): Record<string, unknown> {
  return { ...persona };
}

function syndisco22UserMessage(turn: SpeakerTurn, ending: string): string {
  const window = historyText(turn.history, turn.historyWindow, syndisco22HistoryEntry);
  return pyJsonDumps({ role: "user", content: `Comments so far: ${window}.\n${ending}` });
}

const syndisco22: PromptStyleDefinition = {
  id: "syndisco-2.2",
  fileFormat: "v2",
  systemPrompt: (actor) => syndisco22SystemPrompt(actor, "user"),
  participantPrompt: (turn) => ({ system: syndisco22SystemPrompt(turn.actor, "user"), user: syndisco22UserMessage(turn, "Your comment:") }),
  annotatorPrompt: (turn) => ({ system: syndisco22SystemPrompt(turn.actor, "annotator"), user: syndisco22UserMessage(turn, "Your annotation:") }),
  // 2.2.1 logs a seed with the system prompt of a bare actor (no context, instructions or persona).
  seedPrompt: pyJsonDumps({ context: "", instructions: "", type: "user", persona: {} }),
  logsBlankModeratorReply: false,
  logsBlankSeed: true,
};

/** Ours (electron/engine/native-chat.ts): SynDisco 2.0.x's system prompt and history layout, as a chat that only grows. */
const nativeChat: PromptStyleDefinition = {
  ...syndisco20,
  id: "native-chat",
  participantPrompt: ({ actor, history, historyWindow }) => ({ system: syndiscoSystemPrompt(actor, "1"), ...nativeChatTurns(history, actor.persona.username, historyWindow) }),
};

export const promptStyles: Readonly<Record<PromptStyle, PromptStyleDefinition>> = {
  "syndisco-2.0": syndisco20,
  "syndisco-2.2": syndisco22,
  "native-chat": nativeChat,
};

export function promptStyle(id: PromptStyle): PromptStyleDefinition {
  return promptStyles[id];
}

