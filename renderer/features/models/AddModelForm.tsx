import { useState, type FormEvent } from "react";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/field.js";
import { useModelStore } from "./model-store.js";

/** A path on the engine's machine: in web mode the browser cannot browse the server's disk. */
export function AddModelForm() {
  const [path, setPath] = useState("");
  const [busy, setBusy] = useState(false);
  const addError = useModelStore((state) => state.addError);
  const modelAdded = useModelStore((state) => state.modelAdded);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    if (await modelAdded(path.trim())) setPath("");
    setBusy(false);
  };
  return (
    <form onSubmit={(event) => void submit(event)} className="flex items-end gap-2">
      <TextField
        label="Add a GGUF file by path (on the machine running the engine)"
        placeholder="/home/me/models/llama-3.1-8b-instruct.Q4_K_M.gguf"
        value={path}
        onChange={(event) => setPath(event.target.value)}
        error={addError ?? undefined}
        className="flex-1"
      />
      <Button type="submit" variant="primary" disabled={busy || !path.trim()} className={addError ? "mb-5" : ""}>
        {busy ? "Checking…" : "Add model"}
      </Button>
    </form>
  );
}
