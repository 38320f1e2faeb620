import { z } from "zod";

export const apiKeyEnvSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, "an environment variable name: letters, digits and _");

/** What designs and experiment specs call a profile by; unique among a user's profiles. */
export const profileNameSchema = z.string().trim().min(1).max(80);

/**
 * A server speaking the OpenAI chat API that the user set up (Models page, or `cli run
 * --base-url`). Its API key, if any, lives in the variable `apiKeyEnv` (or the desktop app's
 * encrypted store under that name) and is only ever sent to this profile's `baseUrl`.
 */
export const serverProfileSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "not a valid id"),
  name: profileNameSchema,
  baseUrl: z.string().url().refine((url) => /^https?:\/\//.test(url), "the base URL starts with http:// or https://"),
  modelName: z.string().min(1).max(200),
  apiKeyEnv: apiKeyEnvSchema.optional(),
  maxConcurrent: z.number().int().min(1).max(256).default(4),
});
export type ServerProfile = z.infer<typeof serverProfileSchema>;

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
