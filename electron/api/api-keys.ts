import { z } from "zod";
import { readDataFile, writeDataFile, WriteQueue } from "../storage/data-file.js";

/**
 * API keys of OpenAI-compatible servers, by the name of the environment variable they stand in
 * for. Only the desktop app has one (Electron's safeStorage); web mode and the CLI read keys
 * from the environment and never store them.
 */
export interface ApiKeyStore {
  /** Every stored key, decrypted, by variable name (read once at start; the engine needs them synchronously). */
  load(): Promise<Map<string, string>>;
  /** Names whose stored key the last load could not decrypt (kept in the file, reported, not used). */
  readonly unreadable?: readonly string[];
  set(name: string, key: string): Promise<void>;
  delete(name: string): Promise<boolean>;
}

/** The part of Electron's `safeStorage` this uses (injected, so tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const keyFileSchema = z.object({ version: z.literal(1), keys: z.record(z.string(), z.string()) });

/** `<data>/api-keys.json` holding each key encrypted by the OS keychain through safeStorage (base64). */
export class SafeStorageApiKeyStore implements ApiKeyStore {
  private readonly writes = new WriteQueue();
  unreadable: string[] = [];

  constructor(
    private readonly safeStorage: SafeStorageLike,
    readonly file: string,
  ) {}

  async load(): Promise<Map<string, string>> {
    const stored = (await readDataFile(this.file, keyFileSchema))?.keys ?? {};
    const keys = new Map<string, string>();
    this.unreadable = [];
    if (Object.keys(stored).length === 0 || !this.safeStorage.isEncryptionAvailable()) return keys;
    for (const [name, encrypted] of Object.entries(stored)) {
      try {
        keys.set(name, this.safeStorage.decryptString(Buffer.from(encrypted, "base64")));
      } catch {
        // A key encrypted for another user or machine cannot be read here; it is left in the file and reported.
        this.unreadable.push(name);
      }
    }
    return keys;
  }

  set(name: string, key: string): Promise<void> {
    if (!this.safeStorage.isEncryptionAvailable()) {
      return Promise.reject(new Error("this system offers no encrypted storage for API keys; set the environment variable instead"));
    }
    return this.writes.run(async () => {
      const keys = (await readDataFile(this.file, keyFileSchema))?.keys ?? {};
      keys[name] = this.safeStorage.encryptString(key).toString("base64");
      await writeDataFile(this.file, { version: 1, keys });
    });
  }

  delete(name: string): Promise<boolean> {
    return this.writes.run(async () => {
      const keys = (await readDataFile(this.file, keyFileSchema))?.keys ?? {};
      if (!(name in keys)) return false;
      delete keys[name];
      await writeDataFile(this.file, { version: 1, keys });
      return true;
    });
  }
}
