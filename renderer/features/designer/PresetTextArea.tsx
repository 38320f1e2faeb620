import { SelectField, TextAreaField } from "../../ui/field.js";

interface Preset {
  id: string;
  label: string;
  text: string;
}

/** A prompt text with a menu of our presets; picking one replaces the text, which stays editable. */
export function PresetTextArea({ label, presets, value, onChange, rows = 3 }: { label: string; presets: readonly Preset[]; value: string; onChange: (text: string) => void; rows?: number }) {
  const current = presets.find((preset) => preset.text === value)?.id ?? "";
  return (
    <div className="flex flex-col gap-1.5">
      <SelectField label={`${label} preset`} value={current} onChange={(event) => onChange(presets.find((preset) => preset.id === event.target.value)?.text ?? value)}>
        <option value="">Custom text</option>
        {presets.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={label} rows={rows} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
