import type { ExportFormat, FileContent } from "../../../shared/contract.js";

const mediaTypes: Record<ExportFormat, string> = {
  legacy: "application/json",
  v2: "application/json",
  markdown: "text/markdown",
  csv: "text/csv",
};

/** Hands an exported file to the browser's (or Electron's) download machinery. */
export function saveDownload(file: FileContent, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: `${mediaTypes[format]};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
