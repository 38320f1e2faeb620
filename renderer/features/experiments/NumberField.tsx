import { useState } from "react";
import { TextField } from "../../ui/field.js";

/** A number input that lets the user clear and retype; the store sees only valid numbers. */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step = 1,
  integer = true,
  className,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  className?: string;
}) {
  const [text, setText] = useState(String(value));
  // A new value from outside (undo, a loaded spec) replaces what is typed; set while rendering, as
  // React advises for state derived from a prop, so no frame shows the old text.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  const parsed = Number(text);
  const valid = text.trim() !== "" && Number.isFinite(parsed) && (!integer || Number.isInteger(parsed)) && (min === undefined || parsed >= min) && (max === undefined || parsed <= max);
  return (
    <TextField
      label={label}
      type="number"
      min={min}
      max={max}
      step={step}
      value={text}
      className={className}
      error={valid ? undefined : `a${integer ? "n integer" : " number"}${min !== undefined ? ` ≥ ${min}` : ""}${max !== undefined ? ` and ≤ ${max}` : ""}`}
      onChange={(event) => {
        setText(event.target.value);
        const next = Number(event.target.value);
        if (event.target.value.trim() !== "" && Number.isFinite(next) && (!integer || Number.isInteger(next)) && (min === undefined || next >= min) && (max === undefined || next <= max)) onChange(next);
      }}
    />
  );
}
