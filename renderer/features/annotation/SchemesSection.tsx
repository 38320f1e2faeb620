import { Button } from "../../ui/button.js";
import { Section } from "../../ui/section.js";
import { SchemeEditor } from "./SchemeEditor.js";
import { useAnnotationStore } from "./annotation-store.js";

/** Saved schemes and our presets; a preset is copied into a saved scheme before use. */
export function SchemesSection() {
  const schemes = useAnnotationStore((state) => state.schemes);
  const presets = useAnnotationStore((state) => state.presets);
  const editing = useAnnotationStore((state) => state.editing);
  const schemeEditStarted = useAnnotationStore((state) => state.schemeEditStarted);
  return (
    <Section title="Schemes">
      <ul className="flex flex-col gap-1 text-sm">
        {schemes.map(({ id, scheme }) => (
          <li key={id} data-testid="saved-scheme" className="flex items-center gap-2">
            <span className="font-medium">{scheme.name}</span>
            <span className="text-xs text-slate-500">{scheme.dimensions.map((d) => (d.kind === "scale" ? `${d.name} ${d.min}-${d.max}` : d.name)).join(", ")} · window {scheme.historyWindow}</span>
            <Button variant="ghost" className="ml-auto" onClick={() => schemeEditStarted(id, scheme)}>
              Edit
            </Button>
          </li>
        ))}
        {schemes.length === 0 && <li className="text-slate-500">No saved scheme yet: start from a preset or from scratch.</li>}
      </ul>
      {!editing && (
        <div className="mt-3 flex flex-wrap gap-2">
          {presets.map((preset) => (
            <Button key={preset.name} onClick={() => schemeEditStarted(null, preset)}>
              New from “{preset.name}”
            </Button>
          ))}
          <Button onClick={() => schemeEditStarted(null, { name: "New scheme", context: "", instructions: "", historyWindow: 3, dimensions: [{ kind: "scale", name: "score", description: "", min: 1, max: 5, labels: [] }] })}>
            New scheme
          </Button>
        </div>
      )}
      <SchemeEditor />
    </Section>
  );
}
