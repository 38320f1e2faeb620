import presets from "../../../resources/prompt-presets.json";
import { Section } from "../../ui/section.js";
import { useDesignStore } from "./design-store.js";
import { PresetTextArea } from "./PresetTextArea.js";

/** What every actor is told about the setting, and what the participants are asked to do. */
export function PromptsSection() {
  const context = useDesignStore((state) => state.form.context);
  const userInstructions = useDesignStore((state) => state.form.userInstructions);
  const formChanged = useDesignStore((state) => state.formChanged);
  return (
    <Section title="Context and instructions">
      <div className="flex flex-col gap-3">
        <PresetTextArea label="Shared context" presets={presets.contexts} value={context} onChange={(text) => formChanged({ context: text })} />
        <PresetTextArea label="User instructions" presets={presets.userInstructions} value={userInstructions} onChange={(text) => formChanged({ userInstructions: text })} />
      </div>
    </Section>
  );
}
