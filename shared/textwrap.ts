/**
 * A port of Python's `textwrap.fill(text, width)` with TextWrapper's default options
 * (expand_tabs, tabsize 8, replace_whitespace, drop_whitespace, break_long_words,
 * break_on_hyphens). SynDisco formats every history comment with fill(text, 70), and the
 * result goes verbatim into the model's prompt, so we must match it character for character.
 *
 * Note what Python really does (the format doc simplifies it): whitespace characters
 * become spaces but runs are NOT collapsed inside a line ("a   b" stays "a   b");
 * whitespace is dropped only where a line breaks and at the end, and leading
 * whitespace of the text is kept. Lengths are counted in code points, as Python's len().
 */

/** TextWrapper's _whitespace: the only characters it turns into spaces and splits on. */
const WRAP_WHITESPACE = /[\t\n\v\f\r ]/g;

/** Characters for which Python's str.isspace() holds; str.strip() removes these. */
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const ALL_PY_SPACE = new RegExp(`^[${PY_SPACE}]*$`, "u");

// Python's \w is str.isalnum() or "_"; its \d is the decimal digits (Nd).
const WORD = String.raw`[\p{L}\p{N}_]`;
const WORD_PUNCT = String.raw`[\p{L}\p{N}_!"'&.,?]`;
/** Python's letter class [^\d\W]: word characters that are not decimal digits. */
const LETTER = String.raw`[\p{L}\p{Nl}\p{No}_]`;
const WS = String.raw`[\t\n\v\f\r ]`;
const NOWS = String.raw`[^\t\n\v\f\r ]`;

/** TextWrapper.wordsep_re, translated term by term (Python's \Z is $ without the m flag). */
const WORDSEP = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|${NOWS}+?(?:` +
    `-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${WORD})` +
    `))`,
  "u",
);

/** Python's len(): code points, not UTF-16 units. */
export function pyLen(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

const PY_SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, "u");

/** Python's `text.split()`: the words between runs of str.isspace() characters. */
export function pySplit(text: string): string[] {
  return text.split(PY_SPACE_RUN).filter((word) => word.length > 0);
}

const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "gu");

/**
 * Python's `text.strip()`. Not JavaScript's trim(): that one keeps U+001C-U+001F (Python strips
 * them) and strips U+FEFF (Python keeps it), so the same reply would be logged differently.
 */
export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, "");
}

/** Python's `text.strip() == ""`: empty or only characters for which str.isspace() holds. */
export function isPyBlank(text: string): boolean {
  return ALL_PY_SPACE.test(text);
}

/** str.expandtabs(tabsize): the column restarts after \n and \r only. */
export function expandTabs(text: string, tabsize = 8): string {
  let out = "";
  let column = 0;
  for (const char of text) {
    if (char === "\t") {
      const spaces = tabsize > 0 ? tabsize - (column % tabsize) : 0;
      out += " ".repeat(spaces);
      column += spaces;
    } else {
      out += char;
      column = char === "\n" || char === "\r" ? 0 : column + 1;
    }
  }
  return out;
}

/** TextWrapper._split_chunks: munge whitespace, split on wordsep_re, drop empty strings. */
export function splitChunks(text: string): string[] {
  const munged = expandTabs(text).replace(WRAP_WHITESPACE, " ");
  return munged.split(WORDSEP).filter((chunk) => chunk !== "");
}

/** TextWrapper._handle_long_word with break_long_words and break_on_hyphens. */
function handleLongWord(reversed: string[], line: string[], lineLength: number, width: number): void {
  const spaceLeft = width < 1 ? 1 : width - lineLength;
  const chunk = Array.from(reversed[reversed.length - 1] as string);
  let end = spaceLeft;
  if (chunk.length > spaceLeft) {
    // Break after the last hyphen that fits, but only if non-hyphens come before it.
    const hyphen = chunk.slice(0, spaceLeft).lastIndexOf("-");
    if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== "-")) end = hyphen + 1;
  }
  line.push(chunk.slice(0, end).join(""));
  reversed[reversed.length - 1] = chunk.slice(end).join("");
}

/** TextWrapper.wrap with default options: the list of lines. */
export function wrap(text: string, width = 70): string[] {
  if (width <= 0) throw new RangeError(`invalid width ${width} (must be > 0)`);
  const chunks = splitChunks(text).reverse();
  const lines: string[] = [];
  while (chunks.length > 0) {
    const line: string[] = [];
    let lineLength = 0;
    // A line never starts with whitespace, except the very first one.
    if (isPyBlank(chunks[chunks.length - 1] as string) && lines.length > 0) chunks.pop();
    while (chunks.length > 0) {
      const length = pyLen(chunks[chunks.length - 1] as string);
      if (lineLength + length > width) break;
      line.push(chunks.pop() as string);
      lineLength += length;
    }
    if (chunks.length > 0 && pyLen(chunks[chunks.length - 1] as string) > width) {
      handleLongWord(chunks, line, lineLength, width);
      // Python never removes the emptied chunk; it is popped (as zero-width) on the next pass.
    }
    if (line.length > 0 && isPyBlank(line[line.length - 1] as string)) line.pop();
    if (line.length > 0) lines.push(line.join(""));
  }
  return lines;
}

/** Python's textwrap.fill(text, width) with default options. */
export function fill(text: string, width = 70): string {
  return wrap(text, width).join("\n");
}
