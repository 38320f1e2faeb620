import { describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { screenshot, studioSession } from "./harness.js";
import { createPersona, openView, runDesign } from "./steps/personas-designer.js";

describe("a human participant in Chromium", () => {
  const session = studioSession(() => ensureTinyModel());

  it("the user plays a participant: at their turn the transcript asks them to type, and their comment joins the discussion", async () => {
    await openView(session.page, "Personas");
    await createPersona(session.page, { username: "Robin", age: "40", sex: "Female", employment: "Baker", traits: ["warm"] });
    await createPersona(session.page, { username: "Sam", age: "22", sex: "Male", employment: "Student", traits: ["curious"] });
    await openView(session.page, "Designer");
    await session.page.getByLabel("Design name").fill("Human turn");
    const pool = session.page.getByRole("list", { name: "Persona pool" });
    await pool.getByRole("checkbox", { name: /^Sam\b/ }).check();
    await pool.getByRole("checkbox", { name: /^Robin\b/ }).check();
    await session.page.getByRole("checkbox", { name: "Robin is played by me" }).check();
    await session.page.getByRole("spinbutton", { name: "Turns" }).fill("2");
    await session.page.getByRole("spinbutton", { name: "Max tokens" }).fill("12");
    await runDesign(session.page);

    // Round robin: Sam writes first, then it is Robin's (the user's) turn.
    const box = session.page.getByRole("form", { name: "Your comment as Robin" });
    await box.waitFor({ timeout: 30_000 });
    await screenshot(session.page, "transcript-human-turn");
    await box.getByRole("textbox").fill("I bake for the whole street, so I care about this.");
    await session.page.getByRole("button", { name: "Post comment" }).click();
    await session.page.getByText("I bake for the whole street, so I care about this.").first().waitFor();
    // The comment shows as soon as it is logged; the box goes once the engine stops waiting (a moment later under load).
    await expect.poll(() => box.isVisible(), { timeout: 10_000 }).toBe(false);
  });
});
