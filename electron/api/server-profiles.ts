import { randomUUID } from "node:crypto";
import { z } from "zod";
import { serverProfileSchema, type ListedProfile, type ServerProfile } from "../../shared/contract-models.js";
import type { ServerModelRef } from "../../shared/domain/model-ref.js";
import type { ServerProfileSource } from "../llm/server-resolver.js";
import { readDataFile, writeDataFile, WriteQueue } from "../storage/data-file.js";
import { StudioError } from "./studio-error.js";

/** `<data>/server-profiles.json`; holds no API key, only the name of the variable that does. */
export const serverProfilesFileSchema = z.object({ version: z.literal(1), profiles: z.array(serverProfileSchema) });

/**
 * OpenAI-compatible server profiles saved in the data folder, and the only place a server's key
 * is looked up for. A corrupt file is reported and never overwritten.
 */
export class ServerProfileStore implements ServerProfileSource {
  private readonly writes = new WriteQueue();

  constructor(
    readonly file: string,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
    /** Keys the desktop app stores (by variable name); none in web mode. */
    private readonly storedKeys: () => ReadonlyMap<string, string> = () => new Map(),
  ) {}

  async list(): Promise<ListedProfile[]> {
    return (await this.read()).map((profile) => this.listed(profile));
  }

  profiles(): Promise<ServerProfile[]> {
    return this.read();
  }

  apiKey(variable: string): string | undefined {
    return this.storedKeys().get(variable) ?? this.env[variable];
  }

  save(profile: Omit<ServerProfile, "id"> & { id?: string | undefined }): Promise<ListedProfile> {
    return this.writes.run(async () => {
      const profiles = await this.read();
      const saved = serverProfileSchema.parse({ ...profile, id: profile.id ?? slug(profile.name) });
      const namesake = profiles.find((p) => p.name === saved.name && p.id !== saved.id);
      // Designs name profiles: two with one name would make a design's server ambiguous.
      if (namesake) throw new StudioError("conflict", `a server profile named "${saved.name}" already exists`);
      const next = profiles.some((p) => p.id === saved.id) ? profiles.map((p) => (p.id === saved.id ? saved : p)) : [...profiles, saved];
      await writeDataFile(this.file, { version: 1, profiles: next });
      return this.listed(saved);
    });
  }

  delete(id: string): Promise<boolean> {
    return this.writes.run(async () => {
      const profiles = await this.read();
      if (!profiles.some((p) => p.id === id)) return false;
      await writeDataFile(this.file, { version: 1, profiles: profiles.filter((p) => p.id !== id) });
      return true;
    });
  }

  private async read(): Promise<ServerProfile[]> {
    return (await readDataFile(this.file, serverProfilesFileSchema))?.profiles ?? [];
  }

  private listed(profile: ServerProfile): ListedProfile {
    const stored = profile.apiKeyEnv ? this.storedKeys().has(profile.apiKeyEnv) : false;
    return { ...profile, ref: profileRef(profile), apiKeyPresent: profile.apiKeyEnv ? Boolean(this.apiKey(profile.apiKeyEnv)) : null, apiKeyStored: stored };
  }
}

/** The reference an actor or an experiment condition stores for a profile: its name, nothing a design could redirect. */
export function profileRef(profile: ServerProfile): ServerModelRef {
  return { backend: "openai", profile: profile.name };
}

function slug(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return `${base || "server"}-${randomUUID().slice(0, 8)}`;
}
