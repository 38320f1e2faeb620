/**
 * Checks the importers, exporters and prompt rendering against real SynDisco files.
 *
 *   npx tsx test/samples/check-samples.ts [dir]     (default: ../shared/samples)
 *
 * The real files are not in this repository (their texts belong to a study's authors),
 * so vitest uses made-up fixtures and CI runs this script when ../shared exists.
 * Exits 1 if any check fails, 2 if the folder cannot be read.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promptStyle } from "../../electron/engine/prompt-styles.js";
import { syndiscoSystemPrompt, type SyndiscoActorType } from "../../electron/engine/prompts.js";
import { importDiscussionFile } from "../../electron/storage/discussion-import.js";
import { legacyExportProblems, serializeLegacyDiscussion } from "../../electron/storage/legacy-format.js";
import { parsePersonasFile, serializePersonasFile } from "../../electron/storage/personas-file.js";
import { parseV2Discussion, serializeV2Discussion } from "../../electron/storage/v2-format.js";
import type { DiscussionLog } from "../../shared/domain/discussion-log.js";
import { personaSchema } from "../../shared/domain/persona.js";

let passed = 0;
const failures: string[] = [];

function check(label: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else failures.push(detail ? `${label}: ${detail}` : label);
}

/** Where two strings first differ, to make a byte mismatch findable. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `first difference at offset ${i}: ${JSON.stringify(a.slice(i, i + 40))} vs ${JSON.stringify(b.slice(i, i + 40))}`;
}

/** Rebuilds a system prompt from its own parsed content and compares the bytes. */
function checkPrompt(file: string, label: string, prompt: string): void {
  let parsed: { context?: unknown; instructions?: unknown; type?: unknown; persona?: unknown };
  try {
    parsed = JSON.parse(prompt) as typeof parsed;
  } catch {
    return check(`${file} ${label}`, false, "not JSON");
  }
  const persona = personaSchema.safeParse(parsed.persona);
  const { context, instructions, type } = parsed;
  if (!persona.success || typeof context !== "string" || typeof instructions !== "string" || (type !== "1" && type !== "2")) {
    return check(`${file} ${label}`, false, "not a SynDisco 2.0.x system prompt");
  }
  const rebuilt = syndiscoSystemPrompt({ persona: persona.data, context, instructions }, type as SyndiscoActorType);
  check(`${file} ${label} re-rendered`, rebuilt === prompt, firstDifference(rebuilt, prompt));
}

function checkDiscussion(file: string, text: string, log: DiscussionLog): void {
  if (log.sourceFormat === "legacy") {
    const written = serializeLegacyDiscussion(log);
    check(`${file} legacy round trip`, written === text, firstDifference(written, text));
    check(`${file} readable by SynDisco's loader`, legacyExportProblems(log).length === 0, legacyExportProblems(log).join("; "));
    log.userPrompts.forEach((prompt, index) => checkPrompt(file, `user_prompts[${index}]`, prompt));
    if (log.moderatorPrompt !== null) checkPrompt(file, "moderator_prompt", log.moderatorPrompt);
  }
  const v2 = serializeV2Discussion(log);
  const back = parseV2Discussion(JSON.parse(v2), file, log.moderator === null ? {} : { moderator: log.moderator });
  if (!back.ok) return check(`${file} v2 export re-imports`, false, back.error.message);
  check(`${file} v2 round trip`, serializeV2Discussion(back.value) === v2, firstDifference(serializeV2Discussion(back.value), v2));
  if (log.sourceFormat === "legacy") {
    // v2 files keep no turn order: participants come back in order of first comment.
    const speakers = log.comments.filter((c) => c.model !== "hardcoded" && c.name !== log.moderator).map((c) => c.name);
    const expectedUsers = [...new Set(speakers)];
    const users = back.value.users;
    check(`${file} v2 participants`, JSON.stringify(users) === JSON.stringify(expectedUsers), `${users.join(",")} vs ${expectedUsers.join(",")}`);
    const promptsKept = users.every((name, i) => back.value.userPrompts[i] === log.userPrompts[log.users.indexOf(name)]);
    check(`${file} v2 participant prompts`, promptsKept);
    check(`${file} v2 moderator prompt`, log.moderator === null || back.value.moderatorPrompt === log.moderatorPrompt);
  }
}

/** Legacy 2.0.x discussions whose user messages are re-rendered turn by turn (see checkUserMessages). */
const turnByTurn: { file: string; log: DiscussionLog }[] = [];

/** A 2.0.x file: every prompt a JSON system prompt (1.x files had plain text and other user messages). */
function isSyndisco20(log: DiscussionLog): boolean {
  return [...log.userPrompts, ...(log.moderatorPrompt === null ? [] : [log.moderatorPrompt])].every((prompt) => {
    try {
      return (JSON.parse(prompt) as { type?: unknown }).type === "1";
    } catch {
      return false;
    }
  });
}

/**
 * Every participant's user message of every turn, as the engine renders it, against Python's own
 * json.dumps and textwrap.fill over the same logs (render_user_messages.py): what each author saw
 * before writing each logged comment. Needs python3 (CI has it); says so plainly when missing.
 */
function checkUserMessages(dir: string): void {
  const style = promptStyle("syndisco-2.0");
  let turns = 0;
  for (let start = 0; start < turnByTurn.length; start += 200) {
    const batch = turnByTurn.slice(start, start + 200);
    let reference: Record<string, string[]>;
    try {
      const output = execFileSync("python3", [path.join(import.meta.dirname, "render_user_messages.py"), ...batch.map(({ file }) => path.join(dir, file))], {
        encoding: "utf8",
        maxBuffer: 1 << 30,
      });
      reference = JSON.parse(output) as Record<string, string[]>;
    } catch (error) {
      check("user messages re-rendered by Python", false, `cannot run python3: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      return;
    }
    for (const { file, log } of batch) {
      const expected = reference[path.join(dir, file)] ?? [];
      const rendered = log.comments.flatMap((comment, index) => {
        if (comment.model === "hardcoded") return [];
        const actor = { persona: personaSchema.parse({ username: comment.name }), context: "", instructions: "" };
        return [style.participantPrompt({ actor, history: log.comments.slice(0, index), historyWindow: log.historyWindow }).user];
      });
      turns += rendered.length;
      const wrong = rendered.findIndex((message, turn) => message !== expected[turn]);
      check(
        `${file} user messages of ${rendered.length} turns`,
        rendered.length === expected.length && wrong === -1,
        wrong === -1 ? `${rendered.length} vs ${expected.length} turns` : `turn ${wrong + 1}: ${firstDifference(rendered[wrong]!, expected[wrong] ?? "")}`,
      );
    }
  }
  console.log(`user messages: ${turns} turns of ${turnByTurn.length} files re-rendered and compared with Python's`);
}

function checkFile(dir: string, file: string): void {
  const text = readFileSync(path.join(dir, file), "utf8");
  if (text.trimStart().startsWith("[")) {
    try {
      const { personas, problems } = parsePersonasFile(text);
      check(`${file} personas load`, problems.length === 0 && personas.length > 0, JSON.stringify(problems));
      const written = serializePersonasFile(personas);
      check(`${file} personas rewrite is stable`, serializePersonasFile(parsePersonasFile(written).personas) === written);
    } catch (error) {
      check(`${file} personas load`, false, String(error));
    }
    return;
  }
  const result = importDiscussionFile(text, file);
  if (!result.ok) return check(`${file} imports`, false, result.error.message);
  check(`${file} imports`, true);
  checkDiscussion(file, text, result.value);
  if (result.value.sourceFormat === "legacy" && isSyndisco20(result.value)) turnByTurn.push({ file, log: result.value });
}

function main(): void {
  const dir = path.resolve(process.argv[2] ?? "../shared/samples");
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  } catch {
    console.error(`check-samples: cannot read ${dir} (pass the samples folder as the first argument)`);
    process.exit(2);
  }
  if (files.length === 0) {
    console.error(`check-samples: no .json files in ${dir}`);
    process.exit(2);
  }
  for (const file of files) checkFile(dir, file);
  checkUserMessages(dir);
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(`${files.length} files: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main();
