/**
 * Seedable generators. Every random draw in a discussion (turn order, participant sampling,
 * generation seeds) comes from here so a run can be replayed from its record.
 */

/** sfc32: small, fast, and good enough for sampling speakers; state from a 32-bit seed via splitmix32. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const mix = splitmix32(seed >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, bound). */
  nextInt(bound: number): number {
    if (bound <= 0) throw new RangeError("bound must be positive");
    return Math.floor(this.next() * bound);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("cannot pick from an empty list");
    return items[this.nextInt(items.length)] as T;
  }

  /** k distinct items, in the order drawn (partial Fisher-Yates). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k > items.length) throw new RangeError(`cannot sample ${k} of ${items.length}`);
    const pool = [...items];
    for (let i = 0; i < k; i++) {
      const j = i + this.nextInt(pool.length - i);
      [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    }
    return pool.slice(0, k);
  }
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A child seed from a parent seed and labels (FNV-1a over the labels, mixed with the parent),
 * so "the seed of turn 3's generation" is stable and independent of every other draw.
 */
export function deriveSeed(parent: number, ...labels: (string | number)[]): number {
  let hash = 0x811c9dc5 ^ (parent >>> 0);
  hash = Math.imul(hash, 0x01000193);
  for (const label of labels) {
    const text = `${String(label)}\u0000`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return splitmix32(hash >>> 0)() & 0x7fffffff;
}
