/**
 * How deep JSON-like data may nest. Deeper data (a 10,000-level persona field) overflowed the
 * stack in code that walks it recursively and came back as an "internal" error; it is refused
 * at the boundary instead. Real personas, designs and logs nest a few levels.
 */
export const MAX_NESTING = 200;

/** Whether `value` nests arrays or objects more than `limit` levels deep; walked without recursion, so any depth is safe to check. */
export function nestsDeeperThan(value: unknown, limit = MAX_NESTING): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
