import { z } from "zod";

export const apiKeyEnvSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "an environment variable name: letters, digits and _");

/** What designs and experiment specs call a profile by; unique among a user's profiles. */
export const profileNameSchema = z.string().trim().min(1).max(80);

const baseUrlSchema = z.string().url().refine((url) => /^https?:\/\//.test(url), "the base URL starts with http:// or https://");

/**
 * A server speaking the OpenAI chat API that the user set up (Models page, or `cli run
 * --base-url`). Its API key, if any, lives in the variable `apiKeyEnv` (or the desktop app's
 * encrypted store under that name) and is only ever sent to this profile's base URLs.
 */
export const serverProfileSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "not a valid id"),
  name: profileNameSchema,
  baseUrl: baseUrlSchema,
  /**
   * More servers with the same model (other GPUs or machines): a study spreads its requests
   * over all of them, fewest in flight first, and retries a failed request on another.
   */
  extraBaseUrls: z.array(baseUrlSchema).max(63).optional(),
  modelName: z.string().min(1).max(200),
  apiKeyEnv: apiKeyEnvSchema.optional(),
  /** Requests in flight at once on each of the profile's servers. */
  maxConcurrent: z.number().int().min(1).max(256).default(4),
});
export type ServerProfile = z.infer<typeof serverProfileSchema>;

/** Every server of a profile, the main base URL first, each once. */
export function profileBaseUrls(profile: Pick<ServerProfile, "baseUrl" | "extraBaseUrls">): string[] {
  const urls: string[] = [];
  for (const url of [profile.baseUrl, ...(profile.extraBaseUrls ?? [])]) if (!urls.some((known) => sameBaseUrl(known, url))) urls.push(url);
  return urls;
}

/** Two spellings of one server (a trailing slash, letter case in the host) compare equal. */
export function sameBaseUrl(a: string, b: string): boolean {
  const normal = (url: string) => {
    try {
      const parsed = new URL(url);
      return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, "")}${parsed.search}`;
    } catch {
      return url.replace(/\/+$/, "");
    }
  };
  return normal(a) === normal(b);
}
