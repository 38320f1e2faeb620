import path from "node:path";
import { defaultDataDirectory } from "../app-paths.js";
import { ServerProfileStore } from "../api/server-profiles.js";
import type { ServerModelRef } from "../../shared/domain/model-ref.js";
import { serverProfileSchema, type ServerProfile } from "../../shared/domain/server-profile.js";
import type { ServerProfileSource } from "../llm/server-resolver.js";
import { CliError } from "./cli-error.js";
import { integerFlag } from "./parse-flags.js";

/** The profile `--base-url` makes; it exists for this one command only. */
export const COMMAND_LINE_PROFILE = "command-line";

/** Flags that name a server on the command line (typed by the user, so its key variable is theirs to pick). */
export interface ServerFlags {
  backend?: string;
  /** Several when the same model runs on several servers (`--base-url a --base-url b`). */
  "base-url"?: string[];
  "model-name"?: string;
  "api-key-env"?: string;
  "max-concurrent"?: string;
  /** The data folder whose server profiles designs may name (default: the app's). */
  data?: string;
}

export const serverFlagOptions = {
  backend: { type: "string" },
  "base-url": { type: "string", multiple: true },
  "model-name": { type: "string" },
  "api-key-env": { type: "string" },
  "max-concurrent": { type: "string" },
  data: { type: "string" },
} as const;

export const serverFlagsHelp = `  --backend openai             use an OpenAI-compatible server instead (vLLM, llama.cpp server, Ollama):
    --base-url <url>           e.g. http://127.0.0.1:8000/v1; repeat it for the same model on more servers
    --model-name <name>        the server's model name (with a local --model: the name the log gives it)
    --api-key-env <VAR>        environment variable holding the API key (default OPENAI_API_KEY if set)
    --max-concurrent <n>       requests in flight at once on each server (default 4)
  --data <dir>                 the app's data folder, whose server profiles a design may name (default: the app's)`;

/** `--backend openai --base-url ... --model-name ...` as an in-memory profile; null for local models. */
export function commandLineProfile(flags: ServerFlags): ServerProfile | null {
  const backend = flags.backend ?? "llama";
  if (backend === "llama") {
    // For a local model --model-name is the name its comments are logged with (design-from-flags).
    if (flags["base-url"]) throw new CliError("--base-url needs --backend openai");
    return null;
  }
  if (backend !== "openai") throw new CliError(`--backend must be llama or openai, got "${backend}"`);
  const [baseUrl, ...extraBaseUrls] = flags["base-url"] ?? [];
  const modelName = flags["model-name"];
  if (!baseUrl || !modelName) throw new CliError("--backend openai needs --base-url <url> and --model-name <name>");
  for (const url of [baseUrl, ...extraBaseUrls]) if (!/^https?:\/\/\S+$/.test(url)) throw new CliError(`--base-url must be an http(s) URL, got "${url}"`);
  const apiKeyEnv = flags["api-key-env"] ?? (process.env.OPENAI_API_KEY ? "OPENAI_API_KEY" : undefined);
  const parsed = serverProfileSchema.safeParse({
    id: COMMAND_LINE_PROFILE,
    name: COMMAND_LINE_PROFILE,
    baseUrl,
    ...(extraBaseUrls.length > 0 ? { extraBaseUrls } : {}),
    modelName,
    ...(apiKeyEnv ? { apiKeyEnv } : {}),
    maxConcurrent: integerFlag(flags["max-concurrent"], "max-concurrent", 4, 1),
  });
  if (!parsed.success) throw new CliError(`server flags: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

/** The reference every actor of a `--backend openai` run speaks through; the log names the server's model. */
export function commandLineRef(profile: ServerProfile): ServerModelRef {
  return { backend: "openai", profile: profile.name, displayName: profile.modelName };
}

/**
 * What a CLI run resolves server references against: the profile the flags made, then the
 * profiles saved in the data folder (read only if a design names one). A design file itself
 * can choose among these, never add a URL or a key variable.
 */
export function cliServerProfiles(flags: ServerFlags, env: Readonly<Record<string, string | undefined>> = process.env): ServerProfileSource {
  const fromFlags = commandLineProfile(flags);
  const saved = new ServerProfileStore(path.join(path.resolve(flags.data ?? defaultDataDirectory()), "server-profiles.json"), env);
  return {
    async profiles() {
      const stored = await saved.profiles();
      return fromFlags ? [fromFlags, ...stored.filter((profile) => profile.name !== fromFlags.name)] : stored;
    },
    apiKey: (variable) => env[variable],
  };
}
