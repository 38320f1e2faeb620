import { useRef, type ReactNode } from "react";
import { buttonClass } from "./button.js";

/**
 * A button that opens the file chooser and hands over the chosen file's name and text. The
 * input is reset after each choice, so choosing the same file again reads it again.
 */
export function FileButton({ accept, onText, testId, children, className }: { accept: string; onText: (fileName: string, text: string) => void | Promise<void>; testId?: string; children: ReactNode; className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="hidden"
        data-testid={testId}
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) await onText(file.name, await file.text());
        }}
      />
      <button type="button" className={className ?? buttonClass()} onClick={() => input.current?.click()}>
        {children}
      </button>
    </>
  );
}
