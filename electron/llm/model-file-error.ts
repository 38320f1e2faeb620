/** A model file that cannot be used, in one sentence naming the file and the problem. */
export class ModelFileError extends Error {
  override readonly name = "ModelFileError";
}
