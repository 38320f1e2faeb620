import type { InlineServerModelRef, ServerModelRef } from "../../shared/domain/model-ref.js";
import { sameBaseUrl, type ServerProfile } from "../../shared/domain/server-profile.js";

/** Where server profiles and their keys come from: the data folder (app, CLI) or flags (`cli run --base-url`). */
export interface ServerProfileSource {
  /** The user's profiles, read now, so a profile edited since the last run applies. */
  profiles(): Promise<readonly ServerProfile[]>;
  /** The key held for a profile's variable: the desktop app's stored key, else the environment. */
  apiKey(variable: string): string | undefined;
}

/** A profile with its key, ready to talk to; the key belongs to `profile.baseUrl` and goes nowhere else. */
export interface ResolvedServer {
  profile: ServerProfile;
  apiKey: string | undefined;
  /** What the log's `model` field says. */
  displayName: string;
}

export class ServerProfileError extends Error {
  override readonly name = "ServerProfileError";
}

/**
 * The profile a model reference names, with its own key. A design can only choose among the
 * user's profiles: an older design's inline URL is matched to a profile for the same URL and
 * model (whose key then goes to that same URL), and its own `apiKeyEnv` is never read.
 */
export async function resolveServerRef(ref: ServerModelRef | InlineServerModelRef, source: ServerProfileSource): Promise<ResolvedServer> {
  const profile = findProfile(ref, await source.profiles());
  if (!profile) {
    throw new ServerProfileError(
      "profile" in ref
        ? `no server profile named "${ref.profile}": create it under Models > Server profiles (or choose another model)`
        : `this design names the server ${ref.baseUrl} (model ${ref.modelName}) directly, as designs did before server profiles; it runs only through a server profile you made: create one for ${ref.baseUrl} under Models > Server profiles and choose it in the design`,
    );
  }
  let apiKey: string | undefined;
  if (profile.apiKeyEnv) {
    apiKey = source.apiKey(profile.apiKeyEnv);
    if (!apiKey) throw new ServerProfileError(`server profile "${profile.name}": its API key variable ${profile.apiKeyEnv} is not set`);
  }
  return { profile, apiKey, displayName: ref.displayName ?? ("profile" in ref ? profile.name : ref.modelName) };
}

/** The profile a reference names (by name, or an older design's URL and model); undefined when there is none. */
export function findProfile(ref: ServerModelRef | InlineServerModelRef, profiles: readonly ServerProfile[]): ServerProfile | undefined {
  if ("profile" in ref) return profiles.find((candidate) => candidate.name === ref.profile);
  return profiles.find((candidate) => sameBaseUrl(candidate.baseUrl, ref.baseUrl) && candidate.modelName === ref.modelName);
}

/** Profiles that exist only in memory: `cli run --backend openai --base-url ...` typed by the user. */
export function fixedProfiles(profiles: readonly ServerProfile[], env: Readonly<Record<string, string | undefined>> = process.env): ServerProfileSource {
  return { profiles: async () => profiles, apiKey: (variable) => env[variable] };
}
