import { describe, expect, it } from "vitest";
import { automaticTurnManagerSpecSchema, turnManagerSpecSchema } from "../../shared/domain/turn-manager.js";
import { RandomWeightedTurnManager, RoundRobinTurnManager, SyndiscoRandomWeightedTurnManager, createTurnManager, previewSpeakers } from "../../shared/turn-managers.js";

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
    const spec = { kind: "random-weighted", pRespond: 0.5, variant: "intended" } as const;
    expect(previewSpeakers(spec, names, 99, 30)).toEqual(previewSpeakers(spec, names, 99, 30));
    expect(previewSpeakers(spec, names, 99, 30)).not.toEqual(previewSpeakers(spec, names, 100, 30));
  });

  it("a lone participant keeps the floor", () => {
    expect(draw(new RandomWeightedTurnManager(["Solo"], 0.5, 1), 3)).toEqual(["Solo", "Solo", "Solo"]);
  });
});

/** A, B, A share and "never twice in a row" over a drawn sequence. */
function answerBackShare(speakers: readonly string[]): number {
  let answersBack = 0;
  for (let i = 1; i < speakers.length; i++) expect(speakers[i]).not.toBe(speakers[i - 1]);
  for (let i = 2; i < speakers.length; i++) if (speakers[i] === speakers[i - 2]) answersBack++;
  return answersBack / (speakers.length - 2);
}

describe("RandomWeighted, variant syndisco-2.0 (what SynDisco 2.0.7/2.0.8 really do)", () => {
  it.each([0, 0.5, 0.9])("with p=%s the A,B,A share is 1/(n-1), as in 2.0.x where p_respond has no effect", (p) => {
    const spec = automaticTurnManagerSpecSchema.parse({ kind: "random-weighted", pRespond: p, variant: "syndisco-2.0" });
    const speakers = previewSpeakers(spec, names, 4321, 10_000);
    const share = answerBackShare(speakers);
    expect(share).toBeGreaterThan(1 / (names.length - 1) - 0.015);
    expect(share).toBeLessThan(1 / (names.length - 1) + 0.015);
  });

  it("differs from the intended variant at p = 0.5 (0.58 vs 0.17 with 7 participants)", () => {
    const intended = answerBackShare(previewSpeakers({ kind: "random-weighted", pRespond: 0.5, variant: "intended" }, names, 7, 5000));
    const legacy = answerBackShare(previewSpeakers({ kind: "random-weighted", pRespond: 0.5, variant: "syndisco-2.0" }, names, 7, 5000));
    expect(intended).toBeGreaterThan(0.55);
    expect(legacy).toBeLessThan(0.2);
  });

  it("every other participant is equally likely after the last speaker", () => {
    const counts = new Map<string, number>();
    const speakers = draw(new SyndiscoRandomWeightedTurnManager(names, 5), 12_000);
    for (let i = 1; i < speakers.length; i++) if (speakers[i - 1] === "Ann") counts.set(speakers[i]!, (counts.get(speakers[i]!) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(counts.has("Ann")).toBe(false);
    for (const name of names.slice(1)) expect((counts.get(name) ?? 0) / total).toBeCloseTo(1 / 6, 1);
  });

  it("is replayable from its seed; a lone participant keeps the floor", () => {
    const spec = automaticTurnManagerSpecSchema.parse({ kind: "random-weighted", variant: "syndisco-2.0" });
    expect(previewSpeakers(spec, names, 3, 30)).toEqual(previewSpeakers(spec, names, 3, 30));
    expect(createTurnManager(spec, names, 3)).toBeInstanceOf(SyndiscoRandomWeightedTurnManager);
    expect(draw(new SyndiscoRandomWeightedTurnManager(["Solo"], 1), 3)).toEqual(["Solo", "Solo", "Solo"]);
  });

  it("designs without a variant keep the intended behaviour", () => {
    expect(turnManagerSpecSchema.parse({ kind: "random-weighted", pRespond: 0.3 })).toEqual({ kind: "random-weighted", pRespond: 0.3, variant: "intended" });
  });
});
