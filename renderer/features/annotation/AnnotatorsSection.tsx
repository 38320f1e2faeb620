import type { SavedAnnotator } from "../../../shared/contract-annotations.js";
import { samplingSchema } from "../../../shared/domain/sampling.js";
import { modelRefKey } from "../../../shared/domain/model-ref.js";
import { Button } from "../../ui/button.js";
import { controlClass } from "../../ui/field.js";
import { Section } from "../../ui/section.js";
import { useAnnotationStore } from "./annotation-store.js";

/** Annotators: a persona from the pool (or none), a scheme, a model or server profile, sampling. */
export function AnnotatorsSection() {
  const annotators = useAnnotationStore((state) => state.annotators);
  const schemes = useAnnotationStore((state) => state.schemes);
  const personas = useAnnotationStore((state) => state.personas);
  const models = useAnnotationStore((state) => state.modelChoices);
  const annotatorsChanged = useAnnotationStore((state) => state.annotatorsChanged);
  const annotatorsSaved = useAnnotationStore((state) => state.annotatorsSaved);
  const update = (index: number, patch: Partial<SavedAnnotator>) => annotatorsChanged(annotators.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  const add = () => {
    const model = models[0];
    const scheme = schemes[0];
    if (!model || !scheme) return;
    annotatorsChanged([...annotators, { name: `annotator-${annotators.length + 1}`, persona: null, schemeId: scheme.id, model: model.ref, sampling: samplingSchema.parse({ temperature: 0, maxTokens: 60, seed: annotators.length + 1 }) }]);
  };
  return (
    <Section
      title="Annotators"
      actions={
        <>
          <Button onClick={add} disabled={models.length === 0 || schemes.length === 0} title={schemes.length === 0 ? "Save a scheme first" : models.length === 0 ? "Add a model first" : undefined}>
            Add annotator
          </Button>
          <Button variant="primary" onClick={() => void annotatorsSaved()}>
            Save annotators
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-2 text-sm">
        {annotators.length > 0 && (
          <div className="grid grid-cols-[9rem_9rem_1fr_1fr_5rem_5rem_5rem_auto] gap-2 text-xs font-medium text-slate-500">
            <span>Name</span><span>Persona</span><span>Scheme</span><span>Model</span><span>Temp.</span><span>Seed</span><span>Max tok.</span><span />
          </div>
        )}
        {annotators.map((annotator, index) => (
          <div key={index} data-testid="annotator-row" className="grid grid-cols-[9rem_9rem_1fr_1fr_5rem_5rem_5rem_auto] items-center gap-2">
            <input aria-label="Annotator name" className={controlClass} value={annotator.name} onChange={(e) => update(index, { name: e.target.value })} />
            <select aria-label="Persona" className={controlClass} value={annotator.persona ?? ""} onChange={(e) => update(index, { persona: e.target.value || null })}>
              <option value="">none</option>
              {personas.map((persona) => (
                <option key={persona.username} value={persona.username}>{persona.username}</option>
              ))}
            </select>
            <select aria-label="Scheme" className={controlClass} value={annotator.schemeId} onChange={(e) => update(index, { schemeId: e.target.value })}>
              {schemes.map(({ id, scheme }) => (
                <option key={id} value={id}>{scheme.name}</option>
              ))}
            </select>
            <select aria-label="Model" className={controlClass} value={modelRefKey(annotator.model)} onChange={(e) => update(index, { model: models.find((m) => m.key === e.target.value)?.ref ?? annotator.model })}>
              {models.map((model) => (
                <option key={model.key} value={model.key}>{model.label}</option>
              ))}
            </select>
            <input aria-label="Temperature" type="number" step={0.1} min={0} className={controlClass} value={annotator.sampling.temperature} onChange={(e) => update(index, { sampling: { ...annotator.sampling, temperature: Number(e.target.value) } })} />
            <input aria-label="Seed" type="number" min={0} className={controlClass} value={annotator.sampling.seed} onChange={(e) => update(index, { sampling: { ...annotator.sampling, seed: Number(e.target.value) } })} />
            <input aria-label="Max tokens" type="number" min={1} className={controlClass} value={annotator.sampling.maxTokens} onChange={(e) => update(index, { sampling: { ...annotator.sampling, maxTokens: Number(e.target.value) } })} />
            <Button variant="ghost" aria-label={`Remove ${annotator.name}`} onClick={() => annotatorsChanged(annotators.filter((_, i) => i !== index))}>✕</Button>
          </div>
        ))}
        {annotators.length === 0 && <p className="text-slate-500">No annotators yet.</p>}
      </div>
    </Section>
  );
}
