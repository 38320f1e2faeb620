import { realpath } from "node:fs/promises";
import path from "node:path";
import type { ModelRef } from "../../shared/domain/index.js";
import { StudioError } from "./studio-error.js";

/**
 * Which file paths a client may name. The desktop app trusts its user, who picks files in
 * native dialogs; web mode confines every path a client sends to the data folder and the
 * folders (and files) the person who started the server named on its command line.
 */
export interface PathAccess {
  /** The absolute path for `input` (a relative one resolves against `base`), or a bad-request naming `what`. */
  check(input: string, base: string, what: string): Promise<string>;
}

export const unrestrictedPaths: PathAccess = {
  check: async (input, base) => path.resolve(base, input),
};

/**
 * Confines paths to `folders` (anything inside them) and `files` (exactly those). The lexical
 * check comes first and touches no file, so a refusal says nothing about whether the path
 * exists; a path that passes it is then followed through symlinks, which must stay inside too.
 */
export function confinedPaths(folders: readonly string[], files: readonly string[] = []): PathAccess {
  const roots = folders.map((folder) => path.resolve(folder));
  const named = files.map((file) => path.resolve(file));
  const realRoots = Promise.all(roots.map((root) => realpath(root).catch(() => root)));
  const realNamed = Promise.all(named.map((file) => realpath(file).catch(() => file)));
  const allowed = (candidate: string, folderList: readonly string[], fileList: readonly string[]) =>
    fileList.includes(candidate) || folderList.some((root) => candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  return {
    async check(input, base, what) {
      const absolute = path.resolve(base, input);
      const refuse = () =>
        new StudioError("bad-request", `${what} "${input}" is outside the folders this web server may use (its data folder and those named with --allow or --model when it was started)`);
      if (!allowed(absolute, roots, named)) throw refuse();
      if (!allowed(await realExisting(absolute), await realRoots, await realNamed)) throw refuse();
      return absolute;
    },
  };
}

/** The real path of the deepest part of `absolute` that exists, with the rest appended (so a new file under a symlinked folder counts where it would land). */
async function realExisting(absolute: string): Promise<string> {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** Checks every local model file a design or study names (relative ones are in the models folder). */
export async function checkModelPaths(access: PathAccess, refs: Iterable<ModelRef>, modelsDirectory: string): Promise<void> {
  for (const ref of refs) if (ref.backend === "llama") await access.check(ref.path, modelsDirectory, "the model file");
}
