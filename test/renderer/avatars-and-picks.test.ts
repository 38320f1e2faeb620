/** Avatars no two participants share, and participants drawn at random with the design's seed. */
import { describe, expect, it } from "vitest";
import { avatarLooks } from "../../renderer/features/transcript/avatars.js";
import { pickParticipants } from "../../renderer/features/designer/random-participants.js";
import { personaSchema } from "../../shared/domain/persona.js";

describe("avatar looks", () => {
  it("gives participants whose initials collide labels of their own, and colours in order of first speaking", () => {
    const looks = avatarLooks(["P1", "P2", "P1", "Paula", "Ann Lee", "P10", "Alan Lowe"]);
    const labels = [...looks.values()].map((look) => look.label);
    expect(new Set(labels).size).toBe(looks.size);
    expect(looks.get("P1")?.label).toBe("P1");
    expect(looks.get("P2")?.label).toBe("P2");
    expect(looks.get("P10")?.label).toBe("P10");
    expect(looks.get("Paula")?.label).toBe("PA");
    expect(looks.get("Ann Lee")?.label).not.toBe(looks.get("Alan Lowe")?.label);
    const colours = [...looks.values()].map((look) => look.colour);
    expect(new Set(colours).size).toBe(colours.length);
    expect(looks.get("P1")?.colour).toBe(avatarLooks(["P1"]).get("P1")?.colour);
  });

  it("keeps a lone name's initials", () => {
    expect(avatarLooks(["Ann Lee", "bob"]).get("Ann Lee")?.label).toBe("AL");
    expect(avatarLooks(["Ann Lee", "bob"]).get("bob")?.label).toBe("B");
  });
});

describe("participants at random", () => {
  const pool = ["ann", "bo", "cy", "dee", "eve", "fay", "mod"].map((username) => personaSchema.parse({ username }));
  it("draws N with the seed (the same seed, the same people), never the moderator, in pool order", () => {
    const first = pickParticipants(pool, 3, 42, "mod");
    expect(first).toHaveLength(3);
    expect(first).not.toContain("mod");
    expect(first).toEqual(pool.map((persona) => persona.username).filter((name) => first.includes(name)));
    expect(pickParticipants(pool, 3, 42, "mod")).toEqual(first);
    const others = [1, 2, 3, 4, 5].map((seed) => pickParticipants(pool, 3, seed, "mod").join());
    expect(new Set([first.join(), ...others]).size).toBeGreaterThan(1);
    expect(pickParticipants(pool, 50, 7, "mod")).toHaveLength(6);
  });
});
