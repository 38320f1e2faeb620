import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import { importFailure, parseJsonText, type ImportResult } from "./import-result.js";
import { parseLegacyDiscussion } from "./legacy-format.js";
import { parseV2Discussion, type V2ImportOptions } from "./v2-format.js";

export type DiscussionFileFormat = "legacy" | "v2";

type Detection = { format: DiscussionFileFormat } | { reason: string };

/**
 * Which SynDisco discussion format a parsed file is. Legacy files carry the experiment
 * metadata ("users", "user_prompts", "ctx_length"); v2 files only "timestamp" and "logs".
 * Near-misses (personas and annotation files) get a message that says what they are.
 */
export function detectDiscussionFormat(value: unknown): Detection {
  if (Array.isArray(value)) return { reason: "this is a JSON array (a personas file?), not a discussion" };
  if (typeof value !== "object" || value === null) return { reason: "expected a JSON object with a \"logs\" key" };
  const keys = new Set(Object.keys(value));
  if (keys.has("conv_id") || keys.has("annotator_prompt")) {
    return { reason: "this is a SynDisco annotation file, not a discussion" };
  }
  if (!keys.has("logs")) return { reason: "missing key \"logs\": not a SynDisco discussion file" };
  if (keys.has("users") || keys.has("user_prompts") || keys.has("ctx_length") || keys.has("moderator")) {
    return { format: "legacy" };
  }
  return { format: "v2" };
}

/** Reads a discussion file of either SynDisco format; never throws for a bad file. */
export function importDiscussionFile(text: string, fileName: string, options: V2ImportOptions = {}): ImportResult<DiscussionLog> {
  const json = parseJsonText(text);
  if (!json.ok) return importFailure("invalid-json", fileName, json.message);
  const detection = detectDiscussionFormat(json.value);
  if ("reason" in detection) return importFailure("unknown-format", fileName, detection.reason);
  return detection.format === "legacy"
    ? parseLegacyDiscussion(json.value, fileName)
    : parseV2Discussion(json.value, fileName, options);
}
