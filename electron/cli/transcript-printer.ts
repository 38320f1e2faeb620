import type { DiscussionEvent } from "../../shared/domain/index.js";

/**
 * Prints a discussion as SynDisco's seed documents show it: "User <name> posted:" and then
 * the text, streamed as it is written.
 */
export class TranscriptPrinter {
  private streaming = false;

  constructor(private readonly write: (text: string) => void) {}

  handle(event: DiscussionEvent): void {
    switch (event.type) {
      case "turn-start":
        this.write(`User ${event.speaker} posted:\n`);
        this.streaming = true;
        break;
      case "prompt":
      case "waiting":
        // A terminal shows reading the prompt and waiting for a slot as the pause before the text.
        break;
      case "restart":
        this.write(`\n[${event.message}]\nUser ${event.speaker} posted:\n`);
        break;
      case "token":
        this.write(event.text);
        break;
      case "comment":
        if (!this.streaming) this.write(`User ${event.comment.name} posted:\n${event.comment.text}`);
        this.write("\n\n");
        this.streaming = false;
        break;
      case "silent-turn":
        this.write("(no reply: the turn passes)\n\n");
        this.streaming = false;
        break;
      case "warning":
        this.write(`[warning] ${event.message}\n`);
        break;
      case "error":
        this.write(`\n[error] ${event.message}\n`);
        break;
      case "save-failed":
      case "save-recovered":
        // The run's own prompt (run-discussion.ts) talks about saving, on stderr.
        break;
      case "end":
        break;
    }
  }
}
