/**
 * A JSON serializer that writes exactly the bytes Python's `json.dumps(obj)` and
 * `json.dump(obj, f, indent=N)` write with their defaults (ensure_ascii=True,
 * allow_nan=True, no sort_keys). SynDisco stores its system prompts as json.dumps
 * strings and its files via json.dump(indent=4); matching the bytes keeps our exports
 * diff-clean against SynDisco output and keeps prompts token-identical.
 *
 * Numbers: JavaScript cannot tell Python's `1` from `1.0`, so every integral number
 * is written as a Python int would be ("1", "10000000000000000"), and only
 * non-integral numbers as Python float repr ("0.1", "1e-05", "1.5e+16"). Integral
 * floats in a Python source therefore come back as ints; SynDisco files hold none.
 *
 * Key order: insertion order of the object. JavaScript moves integer-like keys
 * ("2", "10") of plain objects to the front; pass a Map when such keys must keep
 * their place.
 */

export interface PyJsonOptions {
  /** Python's `indent`: when set, newline + this many spaces per level, item separator ",". */
  indent?: number;
}

export function pyJsonDumps(value: unknown, options: PyJsonOptions = {}): string {
  const indent = options.indent;
  if (indent !== undefined && (!Number.isInteger(indent) || indent < 0)) {
    throw new RangeError(`indent must be a non-negative integer, got ${indent}`);
  }
  return encode(value, indent, 0, []);
}

function encode(value: unknown, indent: number | undefined, depth: number, stack: object[]): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return pyJsonString(value);
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") {
    throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
  }
  if (stack.includes(value)) throw new TypeError("Circular reference detected");
  stack.push(value);
  try {
    if (Array.isArray(value)) {
      const items = value.map((item: unknown, index) => {
        if (item === undefined) throw new TypeError(`undefined at array index ${index} is not JSON serializable`);
        return encode(item, indent, depth + 1, stack);
      });
      return container("[", "]", items, indent, depth);
    }
    const entries = objectEntries(value);
    const items = entries.map(([key, item]) => pyJsonString(key) + ": " + encode(item, indent, depth + 1, stack));
    return container("{", "}", items, indent, depth);
  } finally {
    stack.pop();
  }
}

/** Entries of a Map or a plain object; undefined values are skipped (an absent optional field). */
function objectEntries(value: object): [string, unknown][] {
  if (value instanceof Map) {
    const entries: [string, unknown][] = [];
    for (const [key, item] of value as Map<unknown, unknown>) {
      if (typeof key !== "string") throw new TypeError(`Map key ${String(key)} is not a string`);
      if (item !== undefined) entries.push([key, item]);
    }
    return entries;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    throw new TypeError(`Object of type ${name} is not JSON serializable`);
  }
  return Object.entries(value).filter(([, item]) => item !== undefined);
}

function container(open: string, close: string, items: string[], indent: number | undefined, depth: number): string {
  if (items.length === 0) return open + close;
  if (indent === undefined) return open + items.join(", ") + close;
  const inner = "\n" + " ".repeat(indent * (depth + 1));
  const outer = "\n" + " ".repeat(indent * depth);
  return open + inner + items.join("," + inner) + outer + close;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/**
 * A string as Python's ensure_ascii encoder writes it: everything outside printable
 * ASCII (0x20-0x7e) becomes \uXXXX per UTF-16 code unit, DEL (0x7f) included.
 */
export function pyJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const char = text[i] as string;
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += char;
    else out += "\\u" + unit.toString(16).padStart(4, "0");
  }
  return out + '"';
}

/** A number as Python writes it: ints exactly, floats as repr(), NaN/Infinity as Python's allow_nan does. */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (Number.isInteger(value)) return BigInt(value).toString();
  return pyFloatRepr(value);
}

/**
 * Python's float repr: the shortest round-tripping digits (the same digits JavaScript
 * picks), in fixed notation when the decimal exponent is in [-4, 16), else in
 * exponent notation with a sign and at least two exponent digits.
 */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const [mantissa = "", exponentText = "0"] = Math.abs(value).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  // Python's decpt: where the decimal point goes relative to the digit string.
  const decpt = exponent + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return sign + "0." + "0".repeat(-decpt) + digits;
    if (decpt >= digits.length) return sign + digits + "0".repeat(decpt - digits.length) + ".0";
    return sign + digits.slice(0, decpt) + "." + digits.slice(decpt);
  }
  const head = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
  const expSign = exponent < 0 ? "-" : "+";
  return sign + head + "e" + expSign + String(Math.abs(exponent)).padStart(2, "0");
}
