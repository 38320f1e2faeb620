import { controlClass } from "../../ui/field.js";
import { usePopulationStore } from "./population-store.js";

const integer = (value: string) => (value === "" ? Number.NaN : Math.trunc(Number(value)));

/** How usernames are made, and what the LLM is told when it writes free-text fields. */
export function SpecOptions() {
  const usernames = usePopulationStore((state) => state.draft.usernames);
  const completion = usePopulationStore((state) => state.draft.completion);
  const draftEdited = usePopulationStore((state) => state.draftEdited);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Usernames</span>
        <select
          aria-label="Usernames"
          className={`${controlClass} py-1`}
          value={usernames.style}
          onChange={(event) =>
            draftEdited((draft) => void (draft.usernames = event.target.value === "numbered" ? { style: "numbered", prefix: "P", digits: 3 } : { style: "handle" }))
          }
        >
          <option value="handle">generated handles (QuietOtter27)</option>
          <option value="numbered">numbered (P000, P001, …)</option>
        </select>
        {usernames.style === "numbered" && (
          <>
            <input aria-label="Username prefix" className={`${controlClass} w-20 py-1`} value={usernames.prefix} onChange={(event) => draftEdited((draft) => void (draft.usernames = { ...usernames, prefix: event.target.value }))} />
            <input aria-label="Username digits" type="number" min={1} max={8} className={`${controlClass} w-16 py-1`} value={usernames.digits} onChange={(event) => draftEdited((draft) => void (draft.usernames = { ...usernames, digits: integer(event.target.value) }))} />
          </>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">The LLM writes</span>
        <input aria-label="LLM fewest traits" type="number" min={0} max={12} className={`${controlClass} w-16 py-1`} value={Number.isFinite(completion.traits.min) ? completion.traits.min : ""} onChange={(event) => draftEdited((draft) => void (draft.completion.traits.min = integer(event.target.value)))} />
        <span className="text-xs">to</span>
        <input aria-label="LLM most traits" type="number" min={0} max={12} className={`${controlClass} w-16 py-1`} value={Number.isFinite(completion.traits.max) ? completion.traits.max : ""} onChange={(event) => draftEdited((draft) => void (draft.completion.traits.max = integer(event.target.value)))} />
        <span className="text-xs">traits, and instructions of at most</span>
        <input aria-label="LLM instruction length" type="number" min={1} max={2000} className={`${controlClass} w-20 py-1`} value={Number.isFinite(completion.maxInstructionCharacters) ? completion.maxInstructionCharacters : ""} onChange={(event) => draftEdited((draft) => void (draft.completion.maxInstructionCharacters = integer(event.target.value)))} />
        <span className="text-xs">characters (where the fields say so).</span>
      </div>
      <input
        aria-label="Extra instructions for the LLM"
        placeholder="extra instructions for the LLM, e.g. avoid stereotypes"
        className={`${controlClass} w-full py-1`}
        value={completion.instructions}
        onChange={(event) => draftEdited((draft) => void (draft.completion.instructions = event.target.value))}
      />
    </div>
  );
}
