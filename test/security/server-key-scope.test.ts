/**
 * Issue 11 item 5: an API key goes only to the base URL of the server profile the user made
 * for it. A design (or spec) names a profile; it can no longer pick a URL and a variable of
 * its own, so a shared design cannot send `$HOME` (or a stored key) to a server of its choice.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioEvent } from "../../shared/contract.js";
import type { StudioClient } from "../../renderer/client/studio-client.js";
import { testDesign } from "../support/designs.js";
import { collectUntil, startHarness, type Harness } from "../api/studio-harness.js";

const SECRET_VARIABLE = "SYNDISCO_TEST_PROBE_SECRET";

/** A loopback chat-completions server that remembers every Authorization header it got. */
async function recordingServer(): Promise<{ server: Server; baseUrl: string; authorizations: (string | undefined)[] }> {
  const authorizations: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume();
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: "fine" }, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, authorizations };
}

function endOf(client: StudioClient, discussionId: () => string): Promise<StudioEvent[]> {
  return collectUntil(client, (event) => (event.name === "discussion.end" || event.name === "discussion.error") && event.payload.discussionId === discussionId()).done;
}

/** Models load before `discussion.start` answers, so a server that cannot be reached safely refuses the start. */
async function refusal(client: StudioClient, design: unknown): Promise<{ code: string; message: string }> {
  return client.call("discussion.start", { design: design as never }).then(
    () => ({ code: "started", message: "" }),
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );
}

describe("API keys stay with their server profile", () => {
  let harness: Harness;
  let client: StudioClient;
  let attacker: Awaited<ReturnType<typeof recordingServer>>;
  let lab: Awaited<ReturnType<typeof recordingServer>>;

  beforeAll(async () => {
    process.env[SECRET_VARIABLE] = "sk-must-not-leak";
    attacker = await recordingServer();
    lab = await recordingServer();
    harness = await startHarness();
    client = harness.client("in-process");
  });
  afterAll(async () => {
    delete process.env[SECRET_VARIABLE];
    await harness.close();
    for (const { server } of [attacker, lab]) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a design that names a server and a variable inline (an older design) sends no key and says what to do", async () => {
    // The shape designs had before profiles: any URL, any variable.
    const design = { ...testDesign("unused.gguf", { turns: 1 }), model: { backend: "openai", baseUrl: attacker.baseUrl, modelName: "m", apiKeyEnv: SECRET_VARIABLE, maxConcurrent: 1 } };
    const error = await refusal(client, design);
    expect(error.code).toBe("bad-request");
    expect(error.message).toContain("server profile");
    expect(error.message).toContain(attacker.baseUrl);
    expect(error.message).not.toContain(SECRET_VARIABLE);
    expect(attacker.authorizations).toEqual([]);
  });

  it("a design names a profile; the profile's key goes to the profile's URL and nowhere else", async () => {
    const { profile } = await client.call("models.saveProfile", { profile: { name: "Lab", baseUrl: lab.baseUrl, modelName: "m", apiKeyEnv: SECRET_VARIABLE, maxConcurrent: 1 } });
    expect(profile.ref).toEqual({ backend: "openai", profile: "Lab" });
    const design = testDesign("unused.gguf", { turns: 1, moderator: null, model: profile.ref });
    let id = "";
    const ended = endOf(client, () => id);
    ({ discussionId: id } = await client.call("discussion.start", { design }));
    expect((await ended).at(-1)).toMatchObject({ name: "discussion.end", payload: { reason: "completed" } });
    expect(lab.authorizations).toEqual(["Bearer sk-must-not-leak"]);
    expect(attacker.authorizations).toEqual([]);
  });

  it("an older inline design for the same server as a profile runs with that profile (its own variable ignored)", async () => {
    const design = { ...testDesign("unused.gguf", { turns: 1, moderator: null }), model: { backend: "openai", baseUrl: `${lab.baseUrl}/`, modelName: "m", apiKeyEnv: "HOME", maxConcurrent: 1 } };
    const before = lab.authorizations.length;
    let id = "";
    const ended = endOf(client, () => id);
    ({ discussionId: id } = await client.call("discussion.start", { design: design as never }));
    expect((await ended).at(-1)).toMatchObject({ name: "discussion.end" });
    expect(lab.authorizations.slice(before)).toEqual(["Bearer sk-must-not-leak"]);
    expect(lab.authorizations).not.toContain(`Bearer ${process.env.HOME}`);
  });

  it("a profile the design names but nobody made is a clear error naming only that profile", async () => {
    const design = testDesign("unused.gguf", { turns: 1, moderator: null, model: { backend: "openai", profile: "Nowhere" } });
    expect(await refusal(client, design)).toEqual({ code: "bad-request", message: 'no server profile named "Nowhere": create it under Models > Server profiles (or choose another model)' });
  });

  it("a profile whose variable is unset names that variable and no other", async () => {
    await client.call("models.saveProfile", { profile: { name: "Unset", baseUrl: lab.baseUrl, modelName: "m", apiKeyEnv: "SYNDISCO_TEST_UNSET_KEY", maxConcurrent: 1 } });
    const design = testDesign("unused.gguf", { turns: 1, moderator: null, model: { backend: "openai", profile: "Unset" } });
    expect(await refusal(client, design)).toEqual({ code: "bad-request", message: 'server profile "Unset": its API key variable SYNDISCO_TEST_UNSET_KEY is not set' });
  });
});
