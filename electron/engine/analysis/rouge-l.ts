/**
 * ROUGE-L F as Google's `rouge-score` package computes it (no stemming): the texts are
 * tokenized like its `tokenize.tokenize`, the longest common subsequence (LCS) of the token
 * lists is found, precision = LCS / prediction tokens, recall = LCS / target tokens, and
 * F = 2PR / (P + R); a text without tokens scores 0 against anything.
 *
 * Within a discussion every pair of comments is compared (n(n-1)/2 LCS computations), so the
 * LCS uses the bit-parallel algorithm of Allison and Dix (1986) in Hyyro's form (2004): the
 * first text's positions are bit vectors, each token of the second text updates them with one
 * multi-word addition. That is about 32 times fewer steps than the dynamic-programming table
 * and gives the same length.
 */

/** rouge-score's tokenizer: lower case, every run of characters outside [a-z0-9] separates tokens. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((token) => token.length > 0);
}

/** F-measure as rouge-score's `scoring.fmeasure` computes it (same floating-point steps). */
export function rougeLFromLcs(lcs: number, targetLength: number, predictionLength: number): number {
  if (targetLength === 0 || predictionLength === 0) return 0;
  const precision = lcs / predictionLength;
  const recall = lcs / targetLength;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

export interface RougeLScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** rouge-score's `RougeScorer(["rougeL"]).score(target, prediction)["rougeL"]`. */
export function rougeL(target: string, prediction: string): RougeLScore {
  const ids = new Map<string, number>();
  const encode = (tokens: string[]) => Int32Array.from(tokens, (token) => ids.get(token) ?? (ids.set(token, ids.size), ids.size - 1));
  const targetTokens = encode(rougeTokens(target));
  const predictionTokens = encode(rougeTokens(prediction));
  if (targetTokens.length === 0 || predictionTokens.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const lcs = new TokenPositions(targetTokens, ids.size).lcsLength(predictionTokens);
  return {
    precision: lcs / predictionTokens.length,
    recall: lcs / targetTokens.length,
    fmeasure: rougeLFromLcs(lcs, targetTokens.length, predictionTokens.length),
  };
}

/**
 * One text's token positions as bit vectors (bit i of a token's vector is set where the text
 * has that token), ready to compute its LCS with any other text of the same vocabulary.
 */
export class TokenPositions {
  readonly length: number;
  private readonly words: number;
  /** Offset of each token id's vector in `masks`, or -1 when the text lacks the token. */
  private readonly offsets: Int32Array;
  private readonly masks: Uint32Array;
  private readonly vector: Uint32Array;
  private readonly lastWordMask: number;

  constructor(tokens: Int32Array, vocabularySize: number) {
    this.length = tokens.length;
    this.words = Math.max(1, Math.ceil(tokens.length / 32));
    this.offsets = new Int32Array(vocabularySize).fill(-1);
    let distinct = 0;
    for (const token of tokens) if (this.offsets[token] === -1) this.offsets[token] = distinct++ * this.words;
    this.masks = new Uint32Array(distinct * this.words);
    tokens.forEach((token, position) => {
      const index = (this.offsets[token] as number) + (position >>> 5);
      this.masks[index] = ((this.masks[index] as number) | (1 << (position & 31))) >>> 0;
    });
    this.vector = new Uint32Array(this.words);
    const rest = tokens.length & 31;
    this.lastWordMask = rest === 0 ? 0xffffffff : (2 ** rest - 1) >>> 0;
  }

  /** Length of the longest common subsequence with `other` (token ids of the same vocabulary). */
  lcsLength(other: Int32Array): number {
    if (this.length === 0 || other.length === 0) return 0;
    const { words, offsets, masks, vector } = this;
    vector.fill(0xffffffff);
    for (const token of other) {
      const offset = token < offsets.length ? (offsets[token] as number) : -1;
      // A token this text lacks leaves the vector as it is: V + 0 | V & ~0 = V.
      if (offset < 0) continue;
      let carry = 0;
      for (let word = 0; word < words; word++) {
        const v = vector[word] as number;
        const match = masks[offset + word] as number;
        const sum = v + ((v & match) >>> 0) + carry;
        carry = sum > 0xffffffff ? 1 : 0;
        vector[word] = ((sum >>> 0) | (v & ~match)) >>> 0;
      }
    }
    let zeros = 0;
    for (let word = 0; word < words; word++) {
      const mask = word === words - 1 ? this.lastWordMask : 0xffffffff;
      zeros += popcount(~(vector[word] as number) & mask);
    }
    return zeros;
  }
}

function popcount(value: number): number {
  let x = value >>> 0;
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return (Math.imul(x, 0x01010101) >>> 24) & 0xff;
}

/**
 * Pairwise ROUGE-L F among a discussion's comments: for each comment the mean F against every
 * other one, and the mean over all pairs. F is symmetric, so each pair is computed once.
 */
export function pairwiseRougeL(texts: readonly string[]): { perText: (number | null)[]; pairMean: number | null } {
  const ids = new Map<string, number>();
  const encoded = texts.map((text) => Int32Array.from(rougeTokens(text), (token) => ids.get(token) ?? (ids.set(token, ids.size), ids.size - 1)));
  const n = texts.length;
  const sums = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const first = encoded[i] as Int32Array;
    if (first.length === 0) continue;
    const positions = new TokenPositions(first, ids.size);
    for (let j = i + 1; j < n; j++) {
      const second = encoded[j] as Int32Array;
      if (second.length === 0) continue;
      const f = rougeLFromLcs(positions.lcsLength(second), first.length, second.length);
      sums[i] = (sums[i] as number) + f;
      sums[j] = (sums[j] as number) + f;
      total += f;
    }
  }
  if (n < 2) return { perText: texts.map(() => null), pairMean: null };
  return { perText: Array.from(sums, (sum) => sum / (n - 1)), pairMean: total / ((n * (n - 1)) / 2) };
}
