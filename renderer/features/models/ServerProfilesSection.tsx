import { useState, type FormEvent } from "react";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/field.js";
import { Section } from "../../ui/section.js";
import { useModelStore } from "./model-store.js";

const empty = { name: "", baseUrl: "http://127.0.0.1:8000/v1", extraBaseUrls: "", modelName: "", apiKeyEnv: "", maxConcurrent: "4" };

/** "url1, url2" or one per line, as typed. */
const urlList = (text: string) => text.split(/[\s,]+/).filter((url) => url !== "");

/**
 * OpenAI-compatible servers (vLLM, llama.cpp server, Ollama). The key is never stored here:
 * the profile names the environment variable of the engine's process that holds it.
 */
export function ServerProfilesSection() {
  const profiles = useModelStore((state) => state.profiles);
  const profileSaved = useModelStore((state) => state.profileSaved);
  const profileDeleted = useModelStore((state) => state.profileDeleted);
  const canStoreKeys = useModelStore((state) => state.canStoreKeys);
  const [draft, setDraft] = useState(empty);
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const change = (key: keyof typeof empty) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await profileSaved({
      id: editing,
      name: draft.name.trim(),
      baseUrl: draft.baseUrl.trim(),
      ...(urlList(draft.extraBaseUrls).length > 0 ? { extraBaseUrls: urlList(draft.extraBaseUrls) } : {}),
      modelName: draft.modelName.trim(),
      ...(draft.apiKeyEnv.trim() ? { apiKeyEnv: draft.apiKeyEnv.trim() } : {}),
      maxConcurrent: Math.max(1, Math.floor(Number(draft.maxConcurrent)) || 1),
    });
    if (saved) {
      setDraft(empty);
      setEditing(undefined);
    }
  };
  return (
    <Section title="OpenAI-compatible servers">
      <p className="mb-2 text-xs text-slate-500">Designs and experiments name a server by its profile name; its API key is only ever sent to that profile's base URLs.</p>
      {profiles.length > 0 && (
        <ul className="mb-3 flex flex-col">
          {profiles.map((profile) => (
            <li key={profile.id} data-testid="server-profile" className="flex items-center justify-between gap-3 border-b border-slate-200 py-2 text-sm dark:border-slate-800">
              <div className="min-w-0">
                <span className="font-medium">{profile.name}</span>
                <span className="ml-2 text-xs text-slate-500">
                  {profile.modelName} at {profile.baseUrl}
                  {profile.extraBaseUrls && profile.extraBaseUrls.length > 0 && (
                    <span data-testid="profile-servers" title={profile.extraBaseUrls.join("\n")}>
                      {" "}
                      and {profile.extraBaseUrls.length} more server{profile.extraBaseUrls.length === 1 ? "" : "s"}
                    </span>
                  )}{" "}
                  · up to {profile.maxConcurrent} at once{profile.extraBaseUrls && profile.extraBaseUrls.length > 0 ? " on each" : ""}
                </span>
                <div className={`text-xs ${profile.apiKeyPresent === false ? "text-amber-700 dark:text-amber-300" : "text-slate-500"}`}>
                  {!profile.apiKeyEnv
                    ? "no API key"
                    : profile.apiKeyStored
                      ? `API key for $${profile.apiKeyEnv} stored encrypted by this app`
                      : `API key from $${profile.apiKeyEnv}${profile.apiKeyPresent ? "" : " (not set in the engine's environment)"}`}
                </div>
                {canStoreKeys && profile.apiKeyEnv && <StoreKeyForm name={profile.apiKeyEnv} />}
              </div>
              <div className="flex gap-2">
                <Button
                  variant="ghost"
                  onClick={() => {
                    setEditing(profile.id);
                    setDraft({ name: profile.name, baseUrl: profile.baseUrl, extraBaseUrls: (profile.extraBaseUrls ?? []).join(", "), modelName: profile.modelName, apiKeyEnv: profile.apiKeyEnv ?? "", maxConcurrent: String(profile.maxConcurrent) });
                  }}
                >
                  Edit
                </Button>
                <Button variant="ghost" onClick={() => void profileDeleted(profile.id)}>
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void submit(event)} className="grid grid-cols-2 gap-3 lg:grid-cols-6">
        <TextField label="Name" value={draft.name} onChange={change("name")} placeholder="Lab vLLM" required />
        <TextField label="Base URL" value={draft.baseUrl} onChange={change("baseUrl")} className="lg:col-span-2" required />
        <TextField label="Model name" value={draft.modelName} onChange={change("modelName")} placeholder="meta-llama/Llama-3.1-70B-Instruct" required />
        <TextField label="API key variable" value={draft.apiKeyEnv} onChange={change("apiKeyEnv")} placeholder="OPENAI_API_KEY" />
        <TextField label="Concurrent per server" type="number" min={1} max={256} value={draft.maxConcurrent} onChange={change("maxConcurrent")} />
        <TextField
          label="More base URLs (same model on other servers)"
          value={draft.extraBaseUrls}
          onChange={change("extraBaseUrls")}
          placeholder="http://gpu2:8000/v1, http://gpu3:8000/v1"
          className="col-span-2 lg:col-span-6"
        />
        <div className="col-span-2 flex gap-2 lg:col-span-6">
          <Button type="submit" variant="primary">
            {editing ? "Save server" : "Add server"}
          </Button>
          {editing && (
            <Button
              onClick={() => {
                setEditing(undefined);
                setDraft(empty);
              }}
            >
              Cancel
            </Button>
          )}
        </div>
      </form>
    </Section>
  );
}

/** Desktop app only: the key goes to the OS keychain (Electron safeStorage) and never comes back to the page. */
function StoreKeyForm({ name }: { name: string }) {
  const apiKeyStored = useModelStore((state) => state.apiKeyStored);
  const [key, setKey] = useState("");
  return (
    <form
      className="mt-1 flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!key) return;
        void apiKeyStored(name, key);
        setKey("");
      }}
    >
      <input type="password" aria-label={`API key for ${name}`} autoComplete="off" className="w-56 rounded-md border border-slate-300 px-2 py-1 text-xs dark:border-slate-600 dark:bg-slate-900" placeholder="Paste a key to store it encrypted" value={key} onChange={(event) => setKey(event.target.value)} />
      <Button type="submit" disabled={!key}>
        Store key
      </Button>
    </form>
  );
}
