import { randomUUID } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { savedAnnotatorSchema, savedSchemeSchema, type SavedAnnotator, type SavedScheme } from "../../shared/contract-annotations.js";
import type { AnnotationScheme } from "../../shared/domain/annotation.js";
import { readDataFile, writeDataFile, WriteQueue } from "./data-file.js";

const schemesFileSchema = z.object({ version: z.literal(1), schemes: z.array(savedSchemeSchema) });
const annotatorsFileSchema = z.object({ version: z.literal(1), annotators: z.array(savedAnnotatorSchema) });

/**
 * The schemes and annotators a researcher saved: `<data>/annotations/schemes.json` and
 * `annotators.json`. A damaged file is reported and never overwritten.
 */
export class AnnotationLibrary {
  private readonly writes = new WriteQueue();
  readonly schemesFile: string;
  readonly annotatorsFile: string;

  constructor(directory: string) {
    this.schemesFile = path.join(directory, "schemes.json");
    this.annotatorsFile = path.join(directory, "annotators.json");
  }

  async schemes(): Promise<SavedScheme[]> {
    return (await readDataFile(this.schemesFile, schemesFileSchema))?.schemes ?? [];
  }

  saveScheme(scheme: AnnotationScheme, id?: string): Promise<SavedScheme> {
    return this.writes.run(async () => {
      const schemes = await this.schemes();
      const saved: SavedScheme = { id: id ?? slug(scheme.name), scheme };
      const next = schemes.some((entry) => entry.id === saved.id) ? schemes.map((entry) => (entry.id === saved.id ? saved : entry)) : [...schemes, saved];
      await writeDataFile(this.schemesFile, { version: 1, schemes: next });
      return saved;
    });
  }

  deleteScheme(id: string): Promise<boolean> {
    return this.writes.run(async () => {
      const schemes = await this.schemes();
      if (!schemes.some((entry) => entry.id === id)) return false;
      await writeDataFile(this.schemesFile, { version: 1, schemes: schemes.filter((entry) => entry.id !== id) });
      return true;
    });
  }

  async annotators(): Promise<SavedAnnotator[]> {
    return (await readDataFile(this.annotatorsFile, annotatorsFileSchema))?.annotators ?? [];
  }

  saveAnnotators(annotators: readonly SavedAnnotator[]): Promise<SavedAnnotator[]> {
    return this.writes.run(async () => {
      await readDataFile(this.annotatorsFile, annotatorsFileSchema);
      await writeDataFile(this.annotatorsFile, { version: 1, annotators });
      return [...annotators];
    });
  }
}

function slug(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return `${base || "scheme"}-${randomUUID().slice(0, 8)}`;
}
