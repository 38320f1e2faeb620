import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureTinyModel } from "../fixtures/tiny-gguf/tiny-model.js";
import { runRecordSchema } from "../../shared/domain/run-record.js";
import { screenshot, studioSession } from "./harness.js";
import { createPersona, designModeratedDiscussion, openView, runDesign } from "./steps/personas-designer.js";
import { waitForStatus } from "./steps/transcript.js";

async function runRecords(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries.filter((entry) => entry.endsWith(".run.json")).map((entry) => path.join(folder, entry));
}

/**
 * Issue 15 item 4 in the browser: what each card says about speed is what the run record
 * measured, generation apart from prompt reading, and a reply stopped at its cap says so.
 */
describe("speed figures on the transcript's cards", () => {
  const session = studioSession(() => ensureTinyModel());

  it("show generation tokens/s, prompt tokens read and the max-tokens cut exactly as the run record has them", async () => {
    const { page, studio } = session;
    await openView(page, "Personas");
    await createPersona(page, { username: "Alice", age: "34", sex: "Female", employment: "Teacher", traits: ["curious"] });
    await createPersona(page, { username: "Bob", age: "51", sex: "Male", employment: "Plumber", traits: ["blunt"] });
    await createPersona(page, { username: "Mod", age: "29", sex: "Non-binary", employment: "Community manager", traits: ["calm"] });
    await openView(page, "Designer");
    await designModeratedDiscussion(page, {
      name: "Speed figures",
      participants: ["Alice", "Bob"],
      moderator: "Mod",
      pRespond: 1,
      turns: 3,
      seed: 11,
      maxTokens: 16,
      seedComment: { author: "Alice", text: "Should the library open on Sundays?" },
    });
    await runDesign(page);
    await waitForStatus(page, "completed");

    const [recordFile, ...others] = await runRecords(studio.dataDirectory);
    expect(others).toEqual([]);
    const record = runRecordSchema.parse(JSON.parse(await readFile(recordFile!, "utf8")));
    const logged = record.comments.filter((comment) => comment.logged);
    const cards = page.getByTestId("comment-card");
    await expect(cards.count()).resolves.toBe(logged.length);

    let generated = 0;
    for (const [index, comment] of logged.entries()) {
      const card = cards.nth(index);
      await card.scrollIntoViewIfNeeded();
      const meta = (await card.getByTestId("comment-meta").textContent()) ?? "";
      const stats = comment.stats;
      if (!stats || stats.generatedTokens === 0) continue; // the seed comment
      generated++;
      // Generation speed: the tokens after the first over the time after it, never the prompt's time.
      expect(stats.generationSeconds).toBeGreaterThan(0);
      const rate = ((stats.generatedTokens - 1) / stats.generationSeconds!).toFixed(1);
      expect(meta).toContain(`${rate} tok/s`);
      const overall = (stats.generatedTokens / stats.seconds).toFixed(1);
      if (overall !== rate) expect(meta).not.toContain(`${overall} tok/s`);
      expect(meta).toContain(`read ${stats.evaluatedPromptTokens.toLocaleString("en-US")} prompt token`);
      expect(meta).toContain(`in ${stats.promptSeconds!.toFixed(1)} s`);
      const cut = card.getByTestId("comment-cut");
      if (stats.stopReason === "max-tokens") await expect(cut.textContent()).resolves.toBe(`cut at max tokens (${stats.generatedTokens})`);
      else await expect(cut.count()).resolves.toBe(0);
    }
    expect(generated).toBeGreaterThanOrEqual(3);
    // The tiny random model writes to the cap: at least one card must say so.
    expect(logged.some((comment) => comment.stats?.stopReason === "max-tokens")).toBe(true);
    await cards.nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, "speed-figures");
  });
});
