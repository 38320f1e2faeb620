/**
 * Parses CSV as RFC 4180 writes it (and spreadsheets export it): comma-separated, fields in
 * double quotes may hold commas, quotes ("") and line breaks; CRLF or LF line ends; a byte order
 * mark is ignored. Returns rows of fields; a blank line is skipped.
 */
export function parseCsv(text: string): { ok: true; rows: string[][] } | { ok: false; message: string } {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === "") {
      quoted = true;
      quoteLine = line;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
      field = "";
      line++;
    } else field += char;
  }
  if (quoted) return { ok: false, message: `a quoted field opened on line ${quoteLine} never closes (truncated?)` };
  row.push(field);
  if (row.length > 1 || row[0] !== "") rows.push(row);
  return { ok: true, rows };
}
