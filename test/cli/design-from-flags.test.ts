import { describe, expect, it } from "vitest";
import { parsePromptStyle, parseSeedComment, parseTurnManager } from "../../electron/cli/design-from-flags.js";
import { parseFlags } from "../../electron/cli/parse-flags.js";
import { parsePersonasFile } from "../../electron/storage/personas-file.js";
import { personaSchema } from "../../shared/domain/persona.js";
import { commandLineProfile } from "../../electron/cli/server-flags.js";
import { profileBaseUrls, type ServerProfile } from "../../shared/domain/server-profile.js";

describe("--turn-manager", () => {
  it("reads round-robin, random-weighted[:p] and SynDisco 2.0.x's variant", () => {
    expect(parseTurnManager("round-robin")).toEqual({ kind: "round-robin" });
    expect(parseTurnManager("random-weighted")).toEqual({ kind: "random-weighted", pRespond: 0.5, variant: "intended" });
    expect(parseTurnManager("random-weighted:0.3")).toEqual({ kind: "random-weighted", pRespond: 0.3, variant: "intended" });
    expect(parseTurnManager("random-weighted:syndisco-2.0")).toEqual({ kind: "random-weighted", pRespond: 0.5, variant: "syndisco-2.0" });
    expect(parseTurnManager("random-weighted:syndisco-2.0:0.7")).toEqual({ kind: "random-weighted", pRespond: 0.7, variant: "syndisco-2.0" });
  });

  it("reads talkativeness[:pMention] and llm-selected (the design's model chooses)", () => {
    expect(parseTurnManager("talkativeness")).toEqual({ kind: "talkativeness", weights: {}, pMention: 0.8 });
    expect(parseTurnManager("talkativeness:0.25")).toEqual({ kind: "talkativeness", weights: {}, pMention: 0.25 });
    expect(parseTurnManager("llm-selected")).toEqual({ kind: "llm-selected", window: 5, allowRepeat: false, instructions: "", temperature: 0 });
  });

  it.each(["random-weighted:", "random-weighted: ", "random-weighted:1.5", "random-weighted:x", "random-weighted:0.5:0.5", "round-robin:1", "chaos", "talkativeness:", "talkativeness:2", "llm-selected:x", "manual"])(
    "refuses %j with a message naming the flag",
    (value) => {
      expect(() => parseTurnManager(value)).toThrow(/--turn-manager/);
    },
  );
});

describe("CLI values as typed", () => {
  it("--seed-comment keeps the text after ': ' exactly, trailing space included", () => {
    expect(parseSeedComment("maple: Parks? ")).toEqual({ author: "maple", text: "Parks? " });
    expect(parseSeedComment("maple:no space")).toEqual({ author: "maple", text: "no space" });
    expect(parseSeedComment("maple:  two")).toEqual({ author: "maple", text: " two" });
    expect(() => parseSeedComment("  : text")).toThrow(/--seed-comment must look like/);
  });

  it("values that begin with '-' are the flag's value, unless they are one of its flags", () => {
    const options = { instructions: { type: "string" }, turns: { type: "string" }, help: { type: "boolean", short: "h" } } as const;
    expect(parseFlags(["--instructions", "- Act as a user", "--turns", "-1"], options).values).toEqual({ instructions: "- Act as a user", turns: "-1" });
    expect(() => parseFlags(["--instructions", "--turns", "3"], options)).toThrow("--instructions needs a value");
    expect(() => parseFlags(["--instructions", "-h"], options)).toThrow("--instructions needs a value");
    expect(() => parseFlags(["--instructions"], options)).toThrow("--instructions needs a value");
  });

  it("--prompt-style names a style", () => {
    expect(parsePromptStyle("syndisco-2.2")).toBe("syndisco-2.2");
    expect(() => parsePromptStyle("chat")).toThrow(/--prompt-style must be syndisco-2.0 or syndisco-2.2/);
  });

  it("a persona whose username is only spaces is not a persona", () => {
    expect(personaSchema.safeParse({ username: " \t" }).success).toBe(false);
    expect(parsePersonasFile('[{"username": "  "}, {"username": "ok"}]')).toMatchObject({ personas: [{ username: "ok" }], problems: [{ index: 0, reason: "a username of only spaces" }] });
  });
});

describe("--base-url", () => {
  const flags = { backend: "openai", "model-name": "m" };

  it("repeated, makes one profile over several servers, each URL once", () => {
    const profile = commandLineProfile({ ...flags, "base-url": ["http://gpu1:8000/v1", "http://gpu2:8000/v1", "http://GPU1:8000/v1/"] });
    expect(profile).toMatchObject({ baseUrl: "http://gpu1:8000/v1", extraBaseUrls: ["http://gpu2:8000/v1", "http://GPU1:8000/v1/"] });
    expect(profileBaseUrls(profile as ServerProfile)).toEqual(["http://gpu1:8000/v1", "http://gpu2:8000/v1"]);
  });

  it("once, makes a profile of one server", () => {
    const profile = commandLineProfile({ ...flags, "base-url": ["http://gpu1:8000/v1"] });
    expect(profile?.extraBaseUrls).toBeUndefined();
    expect(profileBaseUrls(profile as ServerProfile)).toEqual(["http://gpu1:8000/v1"]);
  });

  it("refuses any URL that is not http(s), naming it", () => {
    expect(() => commandLineProfile({ ...flags, "base-url": ["http://gpu1:8000/v1", "gpu2:8000"] })).toThrow(/--base-url must be an http\(s\) URL, got "gpu2:8000"/);
  });
});
