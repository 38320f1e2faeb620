import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./cli-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs with its exceptions turned into one-line CLI errors. A value that begins
 * with "-" is taken as the value of the flag before it ("--instructions '- Be brief'",
 * "--turns -1") unless it is itself one of the command's flags; parseArgs alone refuses both.
 */
export function parseFlags<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: attachDashValues(args, options), options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    const missing = /^Option '(-{1,2}[\w-]+)(?:, (--[\w-]+))?(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
    if (missing) throw new CliError(`${missing[2] ?? missing[1]} needs a value`);
    throw new CliError(message.replace(/\. To specify a positional argument.*$/, ""));
  }
}

function isFlag(token: string, options: Options): boolean {
  if (token.startsWith("--")) return token.slice(2).split("=")[0]! in options;
  return token.length === 2 && Object.values(options).some((option) => option.short === token[1]);
}

/** "--flag -value" becomes "--flag=-value" for string flags, so parseArgs reads it as the value. */
function attachDashValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === "--") return [...out, ...args.slice(i)];
    const name = arg.startsWith("--") && !arg.includes("=") ? arg.slice(2) : null;
    if (name !== null && options[name]?.type === "string" && next !== undefined && next.startsWith("-") && next !== "--" && !isFlag(next, options)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function integerFlag(value: string | undefined, flag: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value) || Number(value) < min) throw new CliError(`--${flag} must be an integer ≥ ${min}, got "${value}"`);
  return Number(value);
}

export function numberFlag(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new CliError(`--${flag} must be a number between ${min} and ${max}, got "${value}"`);
  }
  return parsed;
}
