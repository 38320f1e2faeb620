import { open, stat, type FileHandle } from "node:fs/promises";
import { GGML_TYPE_BLOCKS } from "./ggml-types.js";
import { ModelFileError } from "./model-file-error.js";

/**
 * Our own bounds-checked walk over a GGUF header (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md),
 * run before node-llama-cpp or llama.cpp read a file. Every count and length is checked against
 * the bytes the file has left before anything is allocated or read, so a damaged file is a
 * sentence naming the problem, never an abort: node-llama-cpp's reader aborted the whole
 * process on a string length between 2^31 and 2^32 (issue 11).
 */

export interface GgufHeaderSummary {
  version: number;
  tensorCount: number;
  metadataCount: number;
  /** Where the tensor data starts (after the header, aligned). */
  dataOffset: number;
  fileSize: number;
}

/** GGUF value types (gguf_type): the fixed sizes, strings and arrays aside. */
const FIXED_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;
const UINT32 = 4;
/** llama.cpp's GGML_MAX_DIMS and GGML_MAX_NAME (a tensor name is shorter than 64 bytes). */
const MAX_DIMS = 4;
const MAX_TENSOR_NAME = 63;
/** Keys are dotted names; nothing real comes near these, and anything longer is damage. */
const MAX_KEY_LENGTH = 64 * 1024;
/** Strings stay far below what a JavaScript string can hold (about 2^29 characters). */
const MAX_STRING_LENGTH = 256 * 1024 * 1024;
const READ_CHUNK = 1 << 20;

/** Reads forward through a file in chunks; every request is checked against the file's size first. */
class BoundedReader {
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;
  offset = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    /** The error for a problem found at the current offset. */
    readonly describeProblem: (problem: string) => ModelFileError,
  ) {}

  get remaining(): number {
    return this.size - this.offset;
  }

  /** Fails unless `count` more bytes exist; `what` names the field for the message. */
  require(count: number | bigint, what: string): number {
    if (BigInt(count) > BigInt(this.remaining)) {
      throw this.describeProblem(`${what} needs ${count} bytes at offset ${this.offset} but the file has ${this.remaining} left`);
    }
    return Number(count);
  }

  private async bytes(count: number, what: string): Promise<Buffer> {
    this.require(count, what);
    const end = this.offset + count;
    if (this.offset < this.bufferStart || end > this.bufferStart + this.buffer.length) {
      const length = Math.min(Math.max(count, READ_CHUNK), this.size - this.offset);
      const chunk = Buffer.alloc(length);
      const { bytesRead } = await this.handle.read(chunk, 0, length, this.offset);
      if (bytesRead < count) throw this.describeProblem(`${what}: the file ended early (it changed while being read?)`);
      this.buffer = chunk.subarray(0, bytesRead);
      this.bufferStart = this.offset;
    }
    const start = this.offset - this.bufferStart;
    this.offset = end;
    return this.buffer.subarray(start, start + count);
  }

  async u32(what: string): Promise<number> {
    return (await this.bytes(4, what)).readUInt32LE(0);
  }

  async u64(what: string): Promise<bigint> {
    return (await this.bytes(8, what)).readBigUInt64LE(0);
  }

  async skip(count: number, what: string): Promise<void> {
    this.require(count, what);
    this.offset += count;
  }

  /** A GGUF string: u64 length, then that many bytes (UTF-8), at most `max`. */
  async string(what: string, max: number): Promise<string> {
    const length = await this.u64(`the length of ${what}`);
    if (length > BigInt(max)) throw this.describeProblem(`${what} claims a length of ${length} bytes (at most ${max} make sense)`);
    return (await this.bytes(this.require(length, what), what)).toString("utf8");
  }

  async skipString(what: string): Promise<void> {
    const length = await this.u64(`the length of ${what}`);
    if (length > BigInt(MAX_STRING_LENGTH)) throw this.describeProblem(`${what} claims a length of ${length} bytes`);
    await this.skip(this.require(length, what), what);
  }
}

/** Checks a GGUF file's whole header; throws a ModelFileError naming the first problem. */
export async function checkGgufHeader(file: string): Promise<GgufHeaderSummary> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new ModelFileError(`model file not found: ${file}`);
  if (!info.isFile()) throw new ModelFileError(`model path is not a file: ${file}`);
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new ModelFileError(`cannot open the model file ${file} (${error.code ?? error.message})`);
  });
  try {
    return await walkHeader(new BoundedReader(handle, info.size, (problem) => new ModelFileError(`damaged GGUF header in ${file}: ${problem}`)), file);
  } finally {
    await handle.close();
  }
}

async function walkHeader(reader: BoundedReader, file: string): Promise<GgufHeaderSummary> {
  if (reader.size < 4 || (await reader.u32("the magic")) !== 0x46554747) {
    throw new ModelFileError(`not a GGUF model file (it does not start with "GGUF"): ${file}`);
  }
  if (reader.size < 24) throw new ModelFileError(`not a complete GGUF file (${reader.size} bytes; a header alone takes 24): ${file}`);
  const version = await reader.u32("the version");
  if (version === 1) throw new ModelFileError(`GGUF version 1 is not supported by llama.cpp anymore; convert the model again: ${file}`);
  if (version !== 2 && version !== 3) throw new ModelFileError(`unknown GGUF version ${version} (llama.cpp reads versions 2 and 3): ${file}`);
  const tensorCount = await count(reader, "tensors", 8 + 4 + 8 + 4 + 8);
  const metadataCount = await count(reader, "metadata entries", 8 + 4 + 1);

  const keys = new Set<string>();
  let alignment = 32;
  for (let index = 0; index < metadataCount; index++) {
    const key = await reader.string(`the key of metadata entry ${index}`, MAX_KEY_LENGTH);
    if (keys.has(key)) throw reader.describeProblem(`the metadata key "${key}" appears twice`);
    keys.add(key);
    const type = await reader.u32(`the type of "${key}"`);
    if (key === "general.alignment") {
      if (type !== UINT32) throw reader.describeProblem(`general.alignment has type ${type}, not uint32`);
      alignment = await reader.u32("general.alignment");
      if (alignment === 0 || (alignment & (alignment - 1)) !== 0) throw reader.describeProblem(`general.alignment is ${alignment}, not a power of two`);
      continue;
    }
    await skipValue(reader, type, `"${key}"`);
  }

  const names = new Set<string>();
  const extents: { name: string; offset: bigint; bytes: bigint }[] = [];
  for (let index = 0; index < tensorCount; index++) {
    const name = await reader.string(`the name of tensor ${index}`, MAX_TENSOR_NAME);
    if (names.has(name)) throw reader.describeProblem(`the tensor "${name}" appears twice`);
    names.add(name);
    const dimensions = await reader.u32(`the dimension count of tensor "${name}"`);
    if (dimensions > MAX_DIMS) throw reader.describeProblem(`tensor "${name}" has ${dimensions} dimensions (llama.cpp allows at most ${MAX_DIMS})`);
    let elements = 1n;
    let rowLength = 1n;
    for (let axis = 0; axis < dimensions; axis++) {
      const size = await reader.u64(`dimension ${axis} of tensor "${name}"`);
      if (axis === 0) rowLength = size;
      elements *= size;
      if (elements >= 2n ** 63n) throw reader.describeProblem(`tensor "${name}" claims more than 2^63 elements`);
    }
    const type = await reader.u32(`the type of tensor "${name}"`);
    const blocks = GGML_TYPE_BLOCKS[type];
    if (!blocks) throw reader.describeProblem(`tensor "${name}" has the unknown type ${type}`);
    const [blockSize, blockBytes] = blocks;
    if (rowLength % BigInt(blockSize) !== 0n) throw reader.describeProblem(`tensor "${name}" has rows of ${rowLength}, not a multiple of its type's block of ${blockSize}`);
    const offset = await reader.u64(`the data offset of tensor "${name}"`);
    if (offset % BigInt(alignment) !== 0n) throw reader.describeProblem(`tensor "${name}" starts at ${offset}, not a multiple of the alignment ${alignment}`);
    extents.push({ name, offset, bytes: (elements / BigInt(blockSize)) * BigInt(blockBytes) });
  }

  const dataOffset = Math.ceil(reader.offset / alignment) * alignment;
  const dataSize = BigInt(Math.max(0, reader.size - dataOffset));
  // A download cut short keeps a whole header: only the tensors' extents can tell.
  const needed = extents.reduce((most, { offset, bytes }) => (offset + bytes > most ? offset + bytes : most), 0n);
  if (needed > dataSize) {
    const last = extents.find(({ offset, bytes }) => offset + bytes === needed);
    throw new ModelFileError(
      `the GGUF file is truncated: ${file} has ${reader.size} bytes but its tensors need at least ${BigInt(dataOffset) + needed}${last ? ` (tensor "${last.name}" ends past the end)` : ""} (an interrupted download?)`,
    );
  }
  return { version, tensorCount, metadataCount, dataOffset, fileSize: reader.size };
}

/** A u64 count, refused when even the smallest entries of that many could not fit in what is left. */
async function count(reader: BoundedReader, what: string, minimumEntrySize: number): Promise<number> {
  const value = await reader.u64(`the number of ${what}`);
  if (value * BigInt(minimumEntrySize) > BigInt(reader.remaining)) {
    throw reader.describeProblem(`it claims ${value} ${what}, more than its ${reader.size} bytes can hold`);
  }
  return Number(value);
}

async function skipValue(reader: BoundedReader, type: number, what: string): Promise<void> {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined) return reader.skip(fixed, what);
  if (type === STRING) return reader.skipString(what);
  if (type !== ARRAY) throw reader.describeProblem(`${what} has the unknown value type ${type}`);
  const elementType = await reader.u32(`the element type of ${what}`);
  const elementSize = FIXED_SIZE[elementType] ?? (elementType === STRING ? 8 : null);
  // llama.cpp reads no arrays of arrays.
  if (elementSize === null) throw reader.describeProblem(`${what} is an array of the unsupported type ${elementType}`);
  const length = await reader.u64(`the length of ${what}`);
  if (length * BigInt(elementSize) > BigInt(reader.remaining)) {
    throw reader.describeProblem(`${what} claims ${length} elements, more than the ${reader.remaining} bytes left can hold`);
  }
  if (elementType !== STRING) return reader.skip(Number(length) * elementSize, what);
  for (let index = 0; index < Number(length); index++) await reader.skipString(`${what}[${index}]`);
}
