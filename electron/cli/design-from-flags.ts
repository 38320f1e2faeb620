import path from "node:path";
import { readJsonFile } from "./read-json-file.js";
import { readFile } from "node:fs/promises";
import { designFileSchema, discussionDesignSchema, promptStyleSchema, turnManagerSpecSchema, type Actor, type DesignFile, type ModelRef, type DiscussionDesign, type Persona, type PromptStyle, type TurnManagerSpec } from "../../shared/domain/index.js";
import { isPyBlank } from "../../shared/textwrap.js";
import { seedAuthorWarning, seedAuthorsOf } from "../../shared/domain/syndisco-compat.js";
import { SeededRandom, deriveSeed } from "../../shared/random.js";
import { parsePersonasFile } from "../storage/personas-file.js";
import { defaultContext, defaultModeratorInstructions, defaultUserInstructions } from "../engine/presets.js";
import { CliError } from "./cli-error.js";
import { integerFlag, numberFlag } from "./parse-flags.js";
import { commandLineProfile, commandLineRef, type ServerFlags } from "./server-flags.js";

export interface DesignFlags extends ServerFlags {
  design?: string;
  model?: string;
  "moderator-model"?: string;
  personas?: string;
  users?: string;
  moderator?: string;
  "moderator-instructions"?: string;
  instructions?: string;
  context?: string;
  turns?: string;
  window?: string;
  "turn-manager"?: string;
  "prompt-style"?: string;
  seed?: string;
  "seed-comment"?: string[];
  "max-tokens"?: string;
  temperature?: string;
  stop?: string[];
}

/** A design from a design file, flags, or a design file overridden by flags. */
export async function designFromFlags(flags: DesignFlags, warn: (line: string) => void): Promise<DiscussionDesign> {
  const base = flags.design ? await readDesignFile(flags.design) : null;
  const seed = integerFlag(flags.seed, "seed", base?.sampling.seed ?? 42);
  const model = modelFromFlags(flags, base?.model);
  if (!model) throw new CliError("--model <file.gguf> is required (or --backend openai, or a design file that names a model)");

  let participants = base?.participants ?? [];
  let moderator = base?.moderator ?? null;
  if (flags.personas || flags.users || flags.moderator) {
    if (!flags.personas) throw new CliError("--users and --moderator need --personas <file>");
    const pool = await readPersonas(flags.personas, warn);
    moderator = flags.moderator ? moderatorActor(pool, flags.moderator, flags["moderator-instructions"], flags.context) : null;
    if (moderator && flags["moderator-model"]) moderator.model = { backend: "llama", path: path.resolve(flags["moderator-model"]) };
    participants = chooseUsers(pool, flags.users ?? String(Math.min(pool.length, 7)), moderator?.persona.username ?? null, seed).map(
      (persona): Actor => ({ persona, role: "user", context: flags.context ?? defaultContext, instructions: flags.instructions ?? defaultUserInstructions }),
    );
  }
  if (participants.length === 0) throw new CliError("no participants: give --personas and --users, or a design file");

  const candidate = {
    ...(base ?? {}),
    participants,
    moderator,
    seedComments: seedComments(flags["seed-comment"], warn) ?? base?.seedComments ?? [],
    turns: integerFlag(flags.turns, "turns", base?.turns ?? 5, 0),
    historyWindow: integerFlag(flags.window, "window", base?.historyWindow ?? 5, 1),
    turnManager: flags["turn-manager"] !== undefined ? parseTurnManager(flags["turn-manager"]) : (base?.turnManager ?? { kind: "round-robin" }),
    promptStyle: flags["prompt-style"] !== undefined ? parsePromptStyle(flags["prompt-style"]) : (base?.promptStyle ?? "syndisco-2.0"),
    model,
    sampling: {
      ...(base?.sampling ?? {}),
      seed,
      maxTokens: integerFlag(flags["max-tokens"], "max-tokens", base?.sampling.maxTokens ?? 300, 1),
      temperature: numberFlag(flags.temperature, "temperature", base?.sampling.temperature ?? 0.7, 0, 5),
      stopStrings: flags.stop ?? base?.sampling.stopStrings ?? [],
    },
  };
  const result = discussionDesignSchema.safeParse(candidate);
  if (!result.success) throw new CliError(`invalid discussion: ${result.error.issues[0]?.message ?? "unknown problem"}`);
  const strangers = seedAuthorWarning(seedAuthorsOf(result.data));
  if (strangers) warn(strangers);
  return result.data;
}

/**
 * `--model <file>` for llama.cpp, or `--backend openai --base-url <url> --model-name <name>` for a
 * server. For a local model `--model-name` is the name the log gives it (the study logged "llama8b").
 */
function modelFromFlags(flags: DesignFlags, base: ModelRef | undefined): ModelRef | null {
  const server = commandLineProfile(flags);
  if (server) return commandLineRef(server);
  const model = flags.model ? { backend: "llama" as const, path: path.resolve(flags.model) } : base;
  const name = flags["model-name"];
  if (name === undefined || !model) return model ?? null;
  if (isPyBlank(name)) throw new CliError("--model-name is empty");
  return { ...model, displayName: name };
}

/** A design file; its model may be left out when `--model` gives one (the bundled example does). */
export function readDesignFile(file: string): Promise<DesignFile> {
  return readJsonFile(file, designFileSchema, "design file");
}

async function readPersonas(file: string, warn: (line: string) => void): Promise<Persona[]> {
  const text = await readFile(file, "utf8").catch(() => {
    throw new CliError(`cannot read personas file ${file}`);
  });
  let parsed: ReturnType<typeof parsePersonasFile>;
  try {
    parsed = parsePersonasFile(text);
  } catch (error) {
    throw new CliError(`personas file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const problem of parsed.problems) warn(`personas file ${file}: entry ${problem.index} skipped: ${problem.reason}`);
  if (parsed.personas.length === 0) throw new CliError(`personas file ${file} has no usable persona`);
  return parsed.personas;
}

function moderatorActor(pool: Persona[], username: string, instructions: string | undefined, context: string | undefined): Actor {
  const persona = pool.find((candidate) => candidate.username === username);
  if (!persona) throw new CliError(`moderator "${username}" is not in the personas file`);
  return { persona, role: "moderator", context: context ?? defaultContext, instructions: instructions ?? defaultModeratorInstructions };
}

/** `--users 7` samples seven with the seed (never the moderator); `--users Ann,Bo` takes those. */
export function chooseUsers(pool: Persona[], users: string, moderator: string | null, seed: number): Persona[] {
  const eligible = pool.filter((persona) => persona.username !== moderator);
  if (/^\d+$/.test(users)) {
    const count = Number(users);
    if (count < 1 || count > eligible.length) throw new CliError(`--users ${count}: the personas file has ${eligible.length} eligible personas`);
    return new SeededRandom(deriveSeed(seed, "participants")).sample(eligible, count);
  }
  return users.split(",").map((name) => {
    const persona = eligible.find((candidate) => candidate.username === name.trim());
    if (!persona) throw new CliError(`user "${name.trim()}" is not in the personas file${name.trim() === moderator ? " (or is the moderator)" : ""}`);
    return persona;
  });
}

/**
 * `round-robin`, `random-weighted[:p]`, `random-weighted:syndisco-2.0[:p]` (SynDisco 2.0.x's
 * real order), `talkativeness[:pMention]` (weights come from a design file), `llm-selected`
 * (the design's model chooses). Manual turn-taking needs the app: nobody picks on the command line.
 */
export function parseTurnManager(value: string): TurnManagerSpec {
  const [kind, ...rest] = value.split(":");
  if (kind === "round-robin" && rest.length === 0) return { kind: "round-robin" };
  if (kind === "random-weighted") {
    const variant = rest[0] === "syndisco-2.0" ? "syndisco-2.0" : "intended";
    const numbers = variant === "syndisco-2.0" ? rest.slice(1) : rest;
    if (numbers.length > 1) throw new CliError(`--turn-manager must be random-weighted[:p] or random-weighted:syndisco-2.0[:p], got "${value}"`);
    const p = numbers[0];
    const pRespond = p === undefined ? 0.5 : Number(p);
    // Number("") is 0: "random-weighted:" would otherwise silently mean p = 0.
    if (p?.trim() === "" || !Number.isFinite(pRespond) || pRespond < 0 || pRespond > 1) {
      throw new CliError(`--turn-manager ${value}: p must be a number with 0 ≤ p ≤ 1, got "${p}"`);
    }
    return { kind: "random-weighted", pRespond, variant };
  }
  if (kind === "talkativeness" && rest.length <= 1) {
    const pMention = rest[0] === undefined ? 0.8 : Number(rest[0]);
    if (rest[0]?.trim() === "" || !Number.isFinite(pMention) || pMention < 0 || pMention > 1) throw new CliError(`--turn-manager ${value}: the mention probability must be a number from 0 to 1`);
    return { kind: "talkativeness", weights: {}, pMention };
  }
  if (kind === "llm-selected" && rest.length === 0) return turnManagerSpecSchema.parse({ kind: "llm-selected" });
  throw new CliError(`--turn-manager must be round-robin, random-weighted[:p], random-weighted:syndisco-2.0, talkativeness[:p] or llm-selected, got "${value}"`);
}

/** `--seed-comment "<author>: <text>"`: the text is everything after ": ", kept exactly (a trailing space too). */
export function parseSeedComment(value: string): { author: string; text: string } {
  const colon = value.indexOf(":");
  const author = colon < 0 ? "" : value.slice(0, colon).trim();
  if (author === "") throw new CliError(`--seed-comment must look like "<author>: <text>", got "${value}"`);
  const rest = value.slice(colon + 1);
  return { author, text: rest.startsWith(" ") ? rest.slice(1) : rest };
}

function seedComments(values: string[] | undefined, warn: (line: string) => void): { author: string; text: string }[] | undefined {
  const comments = values?.map(parseSeedComment);
  comments?.forEach((comment, index) => {
    if (isPyBlank(comment.text)) warn(`--seed-comment ${index + 1} (${comment.author}) is blank: SynDisco skips blank seed comments, and so does this run`);
  });
  return comments;
}

export function parsePromptStyle(value: string): PromptStyle {
  const parsed = promptStyleSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`--prompt-style must be ${promptStyleSchema.options.join(" or ")}, got "${value}"`);
  return parsed.data;
}
