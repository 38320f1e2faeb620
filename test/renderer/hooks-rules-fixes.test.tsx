/**
 * Issue 11 item 13: the code the react-hooks lint rules flagged was rewritten (shortcuts in a
 * loop of hook calls, a ref written while rendering, state set in effects). These check that
 * each still does what it did.
 */
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useShortcuts } from "../../renderer/app/use-shortcut.js";
import { NumberField } from "../../renderer/features/experiments/NumberField.js";

afterEach(cleanup);

function Views({ inFields = false }: { inFields?: boolean }) {
  const [shown, setShown] = useState("none");
  const [prefix, setPrefix] = useState("a");
  useShortcuts(["alt+1", "alt+2", "alt+3"], (index) => setShown(`${prefix}${index}`), { inFields });
  return (
    <div>
      <p data-testid="shown">{shown}</p>
      <button type="button" onClick={() => setPrefix("b")}>
        change
      </button>
      <input aria-label="field" />
    </div>
  );
}

describe("shortcuts for a list of keys (one hook call)", () => {
  it("tells which key was pressed and runs the latest action", () => {
    render(<Views />);
    fireEvent.keyDown(window, { key: "2", altKey: true });
    expect(screen.getByTestId("shown").textContent).toBe("a1");
    fireEvent.keyDown(window, { key: "4", altKey: true });
    fireEvent.keyDown(window, { key: "3" });
    expect(screen.getByTestId("shown").textContent).toBe("a1");
    // The action closes over state of a later render: the listener calls that one, not the first.
    fireEvent.click(screen.getByRole("button", { name: "change" }));
    fireEvent.keyDown(window, { key: "3", altKey: true });
    expect(screen.getByTestId("shown").textContent).toBe("b2");
  });

  it("is ignored while typing in a field unless asked not to be", () => {
    render(<Views />);
    fireEvent.keyDown(screen.getByLabelText("field"), { key: "1", altKey: true });
    expect(screen.getByTestId("shown").textContent).toBe("none");
    cleanup();
    render(<Views inFields />);
    fireEvent.keyDown(screen.getByLabelText("field"), { key: "1", altKey: true });
    expect(screen.getByTestId("shown").textContent).toBe("a0");
  });
});

describe("a number field", () => {
  function Holder() {
    const [value, setValue] = useState(5);
    return (
      <div>
        <NumberField label="Turns" value={value} onChange={setValue} min={1} />
        <p data-testid="value">{value}</p>
        <button type="button" onClick={() => setValue(12)}>
          load
        </button>
      </div>
    );
  }

  it("keeps what is typed while it is not a valid number, and shows a value set from outside", () => {
    render(<Holder />);
    const input = screen.getByLabelText("Turns") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "" } });
    expect(input.value).toBe("");
    expect(screen.getByTestId("value").textContent).toBe("5");
    fireEvent.change(input, { target: { value: "7" } });
    expect(screen.getByTestId("value").textContent).toBe("7");
    fireEvent.change(input, { target: { value: "0" } });
    expect(input.value).toBe("0");
    expect(screen.getByTestId("value").textContent).toBe("7");
    act(() => fireEvent.click(screen.getByRole("button", { name: "load" })));
    expect(input.value).toBe("12");
  });
});
