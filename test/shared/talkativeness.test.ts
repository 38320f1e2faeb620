import { describe, expect, it } from "vitest";
import { automaticTurnManagerSpecSchema } from "../../shared/domain/turn-manager.js";
import { mentionedIn, TalkativenessTurnManager } from "../../shared/talkativeness.js";
import { createTurnManager, previewSpeakers, RandomWeightedTurnManager, RoundRobinTurnManager, SyndiscoRandomWeightedTurnManager } from "../../shared/turn-managers.js";

const names = ["Ann", "Bo", "Cy"];
const weights = { Ann: 1, Bo: 2, Cy: 3 };

function shares(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, count / values.length]));
}

describe("mentions", () => {
  it("finds participants named as whole words or @name, case-insensitively, in the order named", () => {
    expect(mentionedIn("I agree with @cy, but Ann? Bo: no. Bob is not Bo.", ["Ann", "Bo", "Cy"])).toEqual(["Cy", "Ann", "Bo"]);
    expect(mentionedIn("Annie and Boston", ["Ann", "Bo"])).toEqual([]);
    expect(mentionedIn("(P004) and P0045", ["P004", "P0045"])).toEqual(["P004", "P0045"]);
  });
});

describe("TalkativenessTurnManager (10,000 draws each)", () => {
  it("the first speaker is drawn by talkativeness: 1/6, 2/6, 3/6", () => {
    const firsts = Array.from({ length: 10_000 }, (_, seed) => new TalkativenessTurnManager(names, weights, 0.8, seed).next());
    const drawn = shares(firsts);
    expect(drawn.Ann).toBeCloseTo(1 / 6, 1);
    expect(drawn.Bo).toBeCloseTo(2 / 6, 1);
    expect(drawn.Cy).toBeCloseTo(3 / 6, 1);
  });

  it("without mentions, the next speaker is drawn by weight among everyone but the last speaker", () => {
    const manager = new TalkativenessTurnManager(names, weights, 0.8, 7);
    const speakers = Array.from({ length: 10_000 }, () => manager.next({ lastComment: { name: "x", text: "no names here" } }));
    const afterAnn: string[] = [];
    for (let i = 1; i < speakers.length; i++) {
      expect(speakers[i]).not.toBe(speakers[i - 1]);
      if (speakers[i - 1] === "Ann") afterAnn.push(speakers[i] as string);
    }
    // After Ann: Bo 2/5, Cy 3/5.
    expect(shares(afterAnn).Bo).toBeGreaterThan(0.4 - 0.03);
    expect(shares(afterAnn).Bo).toBeLessThan(0.4 + 0.03);
  });

  it.each([0, 0.5, 0.8, 1])("a participant named in the last comment answers with probability pMention = %s (plus their share of the rest)", (pMention) => {
    const manager = new TalkativenessTurnManager(names, weights, pMention, 11);
    const answers = Array.from({ length: 10_000 }, () => {
      manager.observe("Ann");
      return manager.next({ lastComment: { name: "Ann", text: "What do you think, @Bo?" } });
    });
    // Bo answers as named with pMention; otherwise Bo is drawn by weight (2 of Bo 2 + Cy 3).
    const expected = pMention + (1 - pMention) * (2 / 5);
    expect(shares(answers).Bo ?? 0).toBeGreaterThan(expected - 0.015);
    expect(shares(answers).Bo ?? 0).toBeLessThan(expected + 0.015);
  });

  it("the author naming themselves, or the last speaker named, does not count; zero weights are never drawn", () => {
    const manager = new TalkativenessTurnManager(names, { Ann: 0, Bo: 1, Cy: 1 }, 1, 3);
    const picks = Array.from({ length: 2000 }, () => {
      manager.observe("Bo");
      return manager.next({ lastComment: { name: "Cy", text: "As Cy I say: Bo was right" } });
    });
    expect(new Set(picks)).toEqual(new Set(["Cy"]));
  });

  it("is reproducible from its seed and parses with default weights and pMention", () => {
    const spec = automaticTurnManagerSpecSchema.parse({ kind: "talkativeness" });
    expect(spec).toEqual({ kind: "talkativeness", weights: {}, pMention: 0.8 });
    expect(previewSpeakers(spec, names, 5, 30)).toEqual(previewSpeakers(spec, names, 5, 30));
    // The preview's first turn sees the last seed comment: a named participant answers it.
    expect(previewSpeakers({ kind: "talkativeness", weights: {}, pMention: 1 }, names, 5, 1, { name: "Ann", text: "@Cy?" })).toEqual(["Cy"]);
  });
});

describe("observe: a person picked the speaker, the manager carries on from there", () => {
  it("round robin continues after whoever spoke; random weighted treats them as the last speaker", () => {
    const robin = new RoundRobinTurnManager(names);
    robin.observe("Bo");
    expect([robin.next(), robin.next()]).toEqual(["Cy", "Ann"]);
    const weighted = new RandomWeightedTurnManager(names, 1, 1);
    weighted.observe("Ann");
    weighted.observe("Bo");
    expect(weighted.next()).toBe("Ann");
    const legacy = new SyndiscoRandomWeightedTurnManager(names, 2);
    for (let i = 0; i < 200; i++) {
      legacy.observe("Cy");
      expect(legacy.next()).not.toBe("Cy");
    }
    expect(createTurnManager({ kind: "talkativeness", weights: {}, pMention: 0.5 }, names, 1)).toBeInstanceOf(TalkativenessTurnManager);
  });
});
