/** Who takes part, by username, and the seed comments' authors: a design, or the Designer's form. */
export interface SeedAuthorsShape {
  participants: readonly string[];
  moderator: string | null;
  seedComments: readonly { author: string }[];
}

/** A design's usernames in that shape. */
export function seedAuthorsOf(design: { participants: readonly { persona: { username: string } }[]; moderator: { persona: { username: string } } | null; seedComments: readonly { author: string }[] }): SeedAuthorsShape {
  return { participants: design.participants.map((actor) => actor.persona.username), moderator: design.moderator?.persona.username ?? null, seedComments: design.seedComments };
}

/**
 * Seed comments whose author is neither a participant nor the moderator. The run is fine, but
 * SynDisco's own loader (postprocessing.import_discussions, 2.0.8) looks every comment's
 * author up among the file's users and moderator and stops the whole import with "No matching
 * persona found for username" at such a comment: the file would not load in SynDisco's tools.
 */
export function seedAuthorsSynDiscoCannotRead(design: SeedAuthorsShape): string[] {
  const known = new Set([...design.participants, ...(design.moderator !== null ? [design.moderator] : [])]);
  return [...new Set(design.seedComments.map((comment) => comment.author).filter((author) => author.trim() !== "" && !known.has(author)))];
}

/** The warning for those authors, or null when every seed author takes part. */
export function seedAuthorWarning(design: SeedAuthorsShape): string | null {
  const strangers = seedAuthorsSynDiscoCannotRead(design);
  if (strangers.length === 0) return null;
  const names = strangers.map((name) => `"${name}"`).join(", ");
  return (
    `Seed comment author ${names} ${strangers.length === 1 ? "is" : "are"} not among the participants or the moderator: ` +
    "SynDisco's import_discussions refuses such a file (\"No matching persona found\"); make the author a participant to keep the file readable there"
  );
}
