/** Runs writes to one store one after another, so two saves never interleave read-modify-write. */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const fileQueues = new Map<string, WriteQueue>();

/**
 * The one queue of writes to `file` (an absolute path) in this process. Stores made afresh per
 * request (the model list, saved specs) share it, so two saves at once never read the same old
 * content and lose each other's change.
 */
export function writeQueueFor(file: string): WriteQueue {
  let queue = fileQueues.get(file);
  if (!queue) fileQueues.set(file, (queue = new WriteQueue()));
  return queue;
}
