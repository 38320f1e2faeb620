import { useId, useState } from "react";
import { inputClass } from "./field.js";

/** A list of short strings edited as chips: Enter or comma adds, × or Backspace on empty removes. */
export function ChipsInput({ label, values, onChange, placeholder }: { label: string; values: readonly string[]; onChange: (values: string[]) => void; placeholder?: string }) {
  const id = useId();
  const [text, setText] = useState("");
  const add = () => {
    const value = text.trim();
    if (value && !values.includes(value)) onChange([...values, value]);
    setText("");
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-1.5">
        {values.map((value) => (
          <span key={value} className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">
            {value}
            <button type="button" aria-label={`Remove ${value}`} className="text-indigo-500 hover:text-indigo-800 dark:hover:text-indigo-100" onClick={() => onChange(values.filter((v) => v !== value))}>
              ×
            </button>
          </span>
        ))}
      </div>
      <input
        id={id}
        className={inputClass}
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onBlur={add}
        onKeyDown={(event) => {
          if (event.key === "Enter" || event.key === ",") {
            event.preventDefault();
            add();
          } else if (event.key === "Backspace" && text === "" && values.length > 0) {
            onChange(values.slice(0, -1));
          }
        }}
      />
    </div>
  );
}
