import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { dataLayout } from "../../electron/app-paths.js";
import { Library } from "../../electron/storage/library.js";
import { DISCUSSIONS_FOLDER } from "../../electron/storage/run-layout.js";
import { writeAnalysisCorpus } from "./analysis-corpus.js";

export interface LibraryBenchRow {
  discussions: number;
  megabytes: number;
  /** The first search ever: no text index yet, every file read and indexed for it. */
  firstEverMilliseconds: number;
  /** The first search of a new process (the app started again): the text index is read from disk, files only checked. */
  firstSearchMilliseconds: number;
  /** The app's path: the Library view lists (from its on-disk index), the user searches at once. */
  searchAfterListingMilliseconds: number;
  /** Later searches (median of 9, words found and not). */
  warmSearchMilliseconds: number;
  /** Discussions the first search found (the same word each time). */
  hits: number;
}

/** A made-up word some discussions hold, one none holds (every text scanned to its end), and others. */
const needles = ["zezesa", "no discussion says this", "kalo", "mine ruti", "Vo"];

async function timed<T>(run: () => Promise<T>): Promise<{ milliseconds: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { milliseconds: performance.now() - started, value };
}

/**
 * A library of `repetitions` x 6 generated discussions (the default, 1,800, is the published
 * study's size; 30 comments each, made-up words) in the library's own folder, searched as the
 * Library view does. Files stay in the OS cache between the rows: "first" is the first search of
 * the process, not a cold disk.
 */
export async function benchLibrary(repetitions = 300): Promise<LibraryBenchRow> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "syndisco-bench-library-"));
  try {
    const study = path.join(folder, "study");
    const corpus = await writeAnalysisCorpus(study, repetitions);
    const layout = dataLayout(path.join(folder, "data"));
    const target = path.join(layout.root, DISCUSSIONS_FOLDER);
    await mkdir(target, { recursive: true });
    let bytes = 0;
    const written = path.join(study, DISCUSSIONS_FOLDER);
    for (const name of await readdir(written)) {
      await copyFile(path.join(written, name), path.join(target, name));
      bytes += (await stat(path.join(target, name))).size;
    }
    const starting = new Library(layout.root, layout.libraryIndexFile);
    const firstEver = await timed(() => starting.search(needles[0]!));
    // The studio closing writes the text index, which the next start reads.
    await starting.settled();
    const first = await timed(() => new Library(layout.root, layout.libraryIndexFile).search(needles[0]!));
    // The on-disk listing index exists from an earlier session, as it does when the app starts.
    await new Library(layout.root, layout.libraryIndexFile).list();
    const library = new Library(layout.root, layout.libraryIndexFile);
    await library.list();
    const afterListing = await timed(() => library.search(needles[0]!));
    const warm: number[] = [];
    for (let round = 0; round < 9; round++) warm.push((await timed(() => library.search(needles[round % needles.length]!))).milliseconds);
    warm.sort((a, b) => a - b);
    return {
      discussions: corpus.discussions,
      megabytes: bytes / 1e6,
      firstEverMilliseconds: firstEver.milliseconds,
      firstSearchMilliseconds: first.milliseconds,
      searchAfterListingMilliseconds: afterListing.milliseconds,
      warmSearchMilliseconds: warm[warm.length >> 1]!,
      hits: firstEver.value.ids.length,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** `tsx test/bench/library-bench.ts [repetitions]`: this row alone, without a model. */
if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  benchLibrary(Number(process.argv[2] ?? 300)).then(
    (row) => process.stdout.write(`${JSON.stringify(row)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
