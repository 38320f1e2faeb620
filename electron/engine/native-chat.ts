import type { ChatMessage } from "../llm/types.js";
import { formatHistoryEntry, type HistoryComment } from "./prompts.js";

/** The messages after the system prompt: earlier exchanges, then the user message the reply answers. */
export interface ChatTurns {
  earlier: ChatMessage[];
  user: string;
}

/**
 * The "native-chat" prompt style (ours, not SynDisco's): each actor keeps one multi-turn chat.
 * What others posted since the actor last spoke is one user message (SynDisco's "User X
 * posted:" layout), the actor's own comments are its assistant messages. Between restarts the
 * chat only grows, so its sequence keeps everything it already read and evaluates only the new
 * turns. The chat for a reply written when `history` holds every logged comment so far.
 */
export function nativeChatTurns(history: readonly HistoryComment[], speaker: string, window: number): ChatTurns {
  return chatTurns(history.slice(chatStart(history, speaker, window)), speaker);
}

/**
 * Where the speaker's chat begins. The history window bounds it by starting over: at each of the
 * speaker's turns (the places of its own logged comments, then now) the chat keeps its start
 * unless it would hold more than twice `window` comments, and then starts again from the last
 * `window` (never a gap in the middle). Only the log decides it, so a replay, or anyone
 * reading the file, rebuilds the same prompts.
 */
export function chatStart(history: readonly HistoryComment[], speaker: string, window: number): number {
  const size = Math.max(1, Math.floor(window));
  const turns = [...history.flatMap((comment, index) => (comment.name === speaker ? [index] : [])), history.length];
  let start = -Infinity;
  for (const length of turns) if (length - start > 2 * size) start = Math.max(0, length - size);
  return start;
}

/**
 * Alternating user / assistant messages over `comments`, ending with a user message. Own
 * comments before anything by others read as history (a chat starts with the user), and an
 * actor speaking twice with nothing in between (a moderator answering its own turn) gets an
 * empty user message between its two, as templates that insist on alternation require.
 */
export function chatTurns(comments: readonly HistoryComment[], speaker: string): ChatTurns {
  const messages: ChatMessage[] = [];
  let pending: HistoryComment[] = [];
  const flush = () => {
    messages.push({ role: "user", content: pending.map(formatHistoryEntry).join("\n") });
    pending = [];
  };
  for (const comment of comments) {
    if (comment.name !== speaker || (messages.length === 0 && !pending.some((other) => other.name !== speaker))) {
      pending.push(comment);
      continue;
    }
    flush();
    messages.push({ role: "assistant", content: comment.text });
  }
  flush();
  const last = messages.pop() as ChatMessage;
  return { earlier: messages, user: last.content };
}
