import presets from "../../../resources/prompt-presets.json";
import { Section } from "../../ui/section.js";
import { useDesignStore } from "./design-store.js";
import { PresetTextArea } from "./PresetTextArea.js";
import { SelectField } from "../../ui/field.js";
import { promptStyleInfo } from "../../../shared/prompt-style-info.js";
import { promptStyleSchema } from "../../../shared/domain/design.js";

/** What every actor is told about the setting, and what the participants are asked to do. */
export function PromptsSection() {
  const context = useDesignStore((state) => state.form.context);
  const userInstructions = useDesignStore((state) => state.form.userInstructions);
  const promptStyle = useDesignStore((state) => state.form.promptStyle);
  const formChanged = useDesignStore((state) => state.formChanged);
  return (
    <Section title="Context and instructions">
      <div className="flex flex-col gap-3">
        <PresetTextArea label="Shared context" presets={presets.contexts} value={context} onChange={(text) => formChanged({ context: text })} />
        <PresetTextArea label="User instructions" presets={presets.userInstructions} value={userInstructions} onChange={(text) => formChanged({ userInstructions: text })} />
        <SelectField
          label="Prompt style"
          value={promptStyle}
          hint={promptStyleInfo[promptStyle].about}
          onChange={(event) => formChanged({ promptStyle: promptStyleSchema.parse(event.target.value) })}
        >
          {promptStyleSchema.options.map((style) => (
            <option key={style} value={style}>
              {promptStyleInfo[style].label}
            </option>
          ))}
        </SelectField>
      </div>
    </Section>
  );
}
