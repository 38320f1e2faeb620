/**
 * Steps on the Transcript and Library views, by clicking and typing, for any end-to-end flow to
 * reuse after `runDesign` (steps/personas-designer.ts).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "playwright-core";

/**
 * Watches the streaming card for `frames` animation frames, in the page, and answers the
 * speaker and text length seen in each frame where a reply was being written. Observation only:
 * the run itself is driven by the UI.
 */
export async function sampleStreamingText(page: Page, frames = 90): Promise<{ speaker: string; length: number }[]> {
  await page.getByTestId("streaming-text").waitFor();
  return page.evaluate(
    (count) =>
      new Promise<{ speaker: string; length: number }[]>((resolve) => {
        const samples: { speaker: string; length: number }[] = [];
        const frame = () => {
          const card = document.querySelector('[data-testid="streaming-card"]');
          const text = card?.querySelector('[data-testid="streaming-text"]')?.textContent;
          if (card && text !== undefined && text !== null) samples.push({ speaker: card.querySelector("header span")?.textContent ?? "", length: text.length });
          if (samples.length >= count) resolve(samples);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    frames,
  );
}

/** The transcript's status word (Running, Paused, Stopped, ...). */
export async function transcriptStatus(page: Page): Promise<string> {
  return (await page.getByTestId("transcript-status").locator("[data-status]").getAttribute("data-status")) ?? "";
}

/** The comment count the status line shows. */
export async function commentCount(page: Page): Promise<number> {
  const text = (await page.getByTestId("transcript-status").textContent()) ?? "";
  return Number(/(\d+) comments?/.exec(text)?.[1] ?? NaN);
}

export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="transcript-status"] [data-status="${status}"]`).waitFor();
}

/** Export ▾ → a format; answers the downloaded file's name and text. */
export async function exportAs(page: Page, format: "SynDisco JSON (legacy)" | "SynDisco JSON (v2)" | "Markdown" | "CSV", saveTo: string): Promise<{ fileName: string; file: string; text: string }> {
  await page.getByText(/^Export/).first().click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: new RegExp(format.replace(/[()]/g, "\\$&")) }).click();
  const done = await download;
  const file = path.join(saveTo, done.suggestedFilename());
  await done.saveAs(file);
  return { fileName: done.suggestedFilename(), file, text: await readFile(file, "utf8") };
}

export async function searchLibrary(page: Page, text: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search discussions" }).fill(text);
  await page.getByTestId("library-count").filter({ hasNotText: "Searching" }).filter({ hasText: /match|^$/ }).waitFor();
}

export function libraryRow(page: Page, id: string) {
  return page.locator(`[data-testid="library-row"][data-id="${id}"]`);
}

/** Dismisses the last import's report, so the next one waited for is the new one. */
async function dismissImportReport(page: Page): Promise<void> {
  const report = page.getByTestId("import-report");
  if (await report.isVisible()) {
    await report.getByRole("button", { name: "Dismiss" }).click();
    await report.waitFor({ state: "detached" });
  }
}

/** Import files → the file chooser; answers the import report's text. */
export async function importIntoLibrary(page: Page, files: string[]): Promise<string> {
  await dismissImportReport(page);
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import files" }).first().click();
  await (await chooser).setFiles(files);
  const report = page.getByTestId("import-report");
  await report.waitFor();
  return (await report.textContent()) ?? "";
}

/** Import folder → a directory; answers the import report's text. */
export async function importFolderIntoLibrary(page: Page, directory: string): Promise<string> {
  await dismissImportReport(page);
  await page.getByTestId("import-folder-input").setInputFiles(directory);
  const report = page.getByTestId("import-report");
  await report.waitFor();
  return (await report.textContent()) ?? "";
}
