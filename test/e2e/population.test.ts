import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { screenshot, studioSession } from "./harness.js";
import { openView } from "./steps/personas-designer.js";

const fixtures = path.resolve(import.meta.dirname, "../fixtures/population");

describe("drawing personas from a population in Chromium", () => {
  const session = studioSession(() => ensureTinyModel());

  it("edits a preset, refuses rules nobody can satisfy, imports a census cross-tab, draws a pool, shows each field against its target, and adds the pool to the personas", async () => {
    const page = session.page;
    await openView(page, "Personas");
    await page.getByRole("button", { name: "Draw from a population…" }).click();
    const panel = page.getByRole("region", { name: "Population" });
    await panel.getByLabel("Population", { exact: true }).selectOption({ label: "Balanced pilot population" });
    await expect(panel.getByLabel("Population name").inputValue()).resolves.toBe("Balanced pilot population");

    // A rule no persona can satisfy: a clear message, and nothing can be drawn.
    await panel.getByLabel("If field").selectOption("sex");
    await panel.getByLabel("If test").selectOption("in");
    await panel.getByLabel("If values").fill("Male, Female");
    await panel.getByLabel("Then field").selectOption("current_employment");
    await panel.getByLabel("Then values").fill("Astronaut");
    await panel.getByRole("button", { name: "Add rule" }).click();
    const problems = panel.getByRole("alert", { name: "Problems with this population" });
    await problems.getByText(/^no persona can satisfy rule 1 \(if sex is "Male" or "Female" then current employment is "Astronaut"\)/).waitFor();
    await expect(panel.getByRole("button", { name: "Draw pool" }).isDisabled()).resolves.toBe(true);
    await panel.getByRole("button", { name: "Remove rule 1" }).click();
    await expect(problems.count()).resolves.toBe(0);

    // A census-style table of counts becomes a joint age x sex table.
    await panel.getByTestId("joint-table-input").setInputFiles(path.join(fixtures, "age-by-sex.csv"));
    await panel.getByLabel("Field for column Age group").waitFor();
    await expect(panel.getByLabel("Field for column Gender").inputValue()).resolves.toBe("sex");
    await panel.getByRole("button", { name: "Use as a joint table" }).click();
    await panel.getByRole("list", { name: "Joint tables" }).getByText("Joint table 1: age x sex (6 cells)").waitFor();
    await panel.locator("summary").filter({ hasText: /^current employment/ }).click();
    await panel.getByRole("table", { name: "current_employment categories" }).waitFor();
    await panel.getByText("Draw personas from a population").scrollIntoViewIfNeeded();
    await screenshot(page, "population-editor");

    await panel.getByLabel("Pool size").fill("60");
    await panel.getByLabel("Pool seed").fill("7");
    await panel.getByRole("button", { name: "Draw pool" }).click();
    const profile = panel.getByRole("region", { name: "The pool against its population" });
    await profile.waitFor({ timeout: 60_000 });
    const fits = profile.getByRole("table", { name: /fit per field/ });
    await fits.getByRole("row", { name: /^sex χ²\(1\) = [\d.]+, p [=<] [\d.]+ · TV = [\d.]+ · n = 60$/ }).waitFor();
    await fits.getByRole("row", { name: /^age x sex / }).waitFor();
    // One figure per field, drawn (an SVG image with the fit as its text alternative).
    await profile.getByRole("img", { name: /^current employment: drawn against target\. χ²\(5\)/ }).waitFor();
    await expect(profile.getByRole("img").count()).resolves.toBe(await fits.getByRole("row").count() - 1);
    await expect(panel.getByRole("table", { name: "Drawn personas" }).getByRole("row").count()).resolves.toBe(51);
    await panel.getByRole("img", { name: /^age: drawn against target/ }).scrollIntoViewIfNeeded();
    await screenshot(page, "population-profile");

    await panel.getByRole("button", { name: "Add 60 to my personas" }).click();
    await page.getByText("Added 60 personas").waitFor();
    await expect(page.getByRole("button", { name: "Profile my 60 personas against this population" }).isEnabled()).resolves.toBe(true);
    await panel.getByRole("button", { name: "Close" }).click();
    await page.getByPlaceholder("Search 60 personas by any field…").waitFor();
  });
});
