import { commands, isCommandName, type CommandName, type CommandOutput, type CommandResult, type ParsedInput } from "../../shared/contract.js";
import { MAX_NESTING, nestsDeeperThan } from "../../shared/nesting.js";
import { badRequest, toErrorPayload } from "./studio-error.js";

/** One handler per command; each receives input already parsed by the contract's schema. */
export type Handlers = { [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> };

export interface Router {
  /** Never throws: every outcome, including a malformed request, is a CommandResult. */
  invoke(command: unknown, input: unknown): Promise<CommandResult>;
}

export interface RouterOptions {
  /** Called with each failure that is the server's fault (not the caller's), for logging. */
  onInternalError?: (command: string, error: unknown) => void;
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  return {
    async invoke(command, input) {
      if (!isCommandName(command)) {
        return { ok: false, error: badRequest(`unknown command ${JSON.stringify(String(command).slice(0, 100))}`) };
      }
      return dispatch(handlers, command, input, options);
    },
  };
}

async function dispatch<N extends CommandName>(handlers: Handlers, name: N, input: unknown, options: RouterOptions): Promise<CommandResult> {
  const spec = commands[name];
  if (nestsDeeperThan(input)) return { ok: false, error: badRequest(`invalid input for ${name}: nested more than ${MAX_NESTING} levels deep`) };
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) return { ok: false, error: badRequest(`invalid input for ${name}`, parsed.error) };
  const handler = handlers[name] as (input: ParsedInput<N>) => Promise<CommandOutput<N>>;
  let value: CommandOutput<N>;
  try {
    value = await handler(parsed.data as ParsedInput<N>);
  } catch (error) {
    const payload = toErrorPayload(error);
    if (payload.code === "internal") options.onInternalError?.(name, error);
    return { ok: false, error: payload };
  }
  // Checking outputs too keeps the contract honest: a handler cannot leak fields it does not declare.
  const output = spec.output.safeParse(value);
  if (!output.success) {
    options.onInternalError?.(name, output.error);
    return { ok: false, error: { code: "internal", message: `${name} produced a result outside the contract` } };
  }
  return { ok: true, value: output.data };
}
