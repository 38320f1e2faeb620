import { describe, expect, it } from "vitest";
import { RandomWeightedTurnManager, RoundRobinTurnManager, previewSpeakers } from "../../shared/turn-managers.js";

const names = ["Ann", "Bo", "Cy", "Dee", "Eve", "Fin", "Gus"];

function draw(manager: { next(): string }, count: number): string[] {
  return Array.from({ length: count }, () => manager.next());
}

describe("RoundRobinTurnManager", () => {
  it("names participants in order, cycling", () => {
    expect(draw(new RoundRobinTurnManager(["A", "B", "C"]), 7)).toEqual(["A", "B", "C", "A", "B", "C", "A"]);
  });
});

describe("RandomWeightedTurnManager", () => {
  it.each([0, 0.3, 0.5, 0.9])("over 10,000 draws with p=%s: A,B,A share matches p, never the same speaker twice", (p) => {
    const speakers = draw(new RandomWeightedTurnManager(names, p, 1234), 10_000);
    let answersBack = 0;
    for (let i = 1; i < speakers.length; i++) expect(speakers[i]).not.toBe(speakers[i - 1]);
    for (let i = 2; i < speakers.length; i++) if (speakers[i] === speakers[i - 2]) answersBack++;
    const share = answersBack / (speakers.length - 2);
    // With probability p the one before the last answers; otherwise a uniform pick among the
    // n-1 others can land on them too. Expected share: p + (1 - p) / (n - 1).
    const expected = p + (1 - p) / (names.length - 1);
    expect(share).toBeGreaterThan(expected - 0.02);
    expect(share).toBeLessThan(expected + 0.02);
  });

  it("first turn is uniform over participants", () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 7000; seed++) {
      const first = new RandomWeightedTurnManager(names, 0.5, seed).next();
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const name of names) expect(counts.get(name)).toBeGreaterThan(850);
  });

  it("is replayable from its seed and differs across seeds", () => {
    const spec = { kind: "random-weighted", pRespond: 0.5 } as const;
    expect(previewSpeakers(spec, names, 99, 30)).toEqual(previewSpeakers(spec, names, 99, 30));
    expect(previewSpeakers(spec, names, 99, 30)).not.toEqual(previewSpeakers(spec, names, 100, 30));
  });

  it("a lone participant keeps the floor", () => {
    expect(draw(new RandomWeightedTurnManager(["Solo"], 0.5, 1), 3)).toEqual(["Solo", "Solo", "Solo"]);
  });
});
