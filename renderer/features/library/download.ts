import type { ExportFormat, FileContent } from "../../../shared/contract.js";
import { downloadText } from "../../ui/download.js";

const mediaTypes: Record<ExportFormat, string> = {
  legacy: "application/json",
  v2: "application/json",
  markdown: "text/markdown",
  csv: "text/csv",
};

/** Hands an exported file to the browser's (or Electron's) download machinery. */
export function saveDownload(file: FileContent, format: ExportFormat): void {
  downloadText(file.fileName, file.content, `${mediaTypes[format]};charset=utf-8`);
}
