import { describe, expect, it } from "vitest";
import { parseTurnManager } from "../../electron/cli/design-from-flags.js";

describe("--turn-manager", () => {
  it("reads round-robin, random-weighted[:p] and SynDisco 2.0.x's variant", () => {
    expect(parseTurnManager("round-robin")).toEqual({ kind: "round-robin" });
    expect(parseTurnManager("random-weighted")).toEqual({ kind: "random-weighted", pRespond: 0.5, variant: "intended" });
    expect(parseTurnManager("random-weighted:0.3")).toEqual({ kind: "random-weighted", pRespond: 0.3, variant: "intended" });
    expect(parseTurnManager("random-weighted:syndisco-2.0")).toEqual({ kind: "random-weighted", pRespond: 0.5, variant: "syndisco-2.0" });
    expect(parseTurnManager("random-weighted:syndisco-2.0:0.7")).toEqual({ kind: "random-weighted", pRespond: 0.7, variant: "syndisco-2.0" });
  });

  it.each(["random-weighted:", "random-weighted: ", "random-weighted:1.5", "random-weighted:x", "random-weighted:0.5:0.5", "round-robin:1", "chaos"])(
    "refuses %j with a message naming the flag",
    (value) => {
      expect(() => parseTurnManager(value)).toThrow(/--turn-manager/);
    },
  );
});
