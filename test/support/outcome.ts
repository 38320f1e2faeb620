/** What a client call ended in, as data: a test compares refusals (code and message) without try/catch. */
export async function outcome(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => ({ code: "succeeded", message: "" }),
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );
}
