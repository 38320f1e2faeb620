/** Hands a text file to the browser's (or Electron's) download machinery. */
export function downloadText(fileName: string, content: string, type = "application/json"): void {
  downloadBlob(fileName, new Blob([content], { type }));
}

/** Hands a file the engine made (binary ones too: Parquet, zip) to the download machinery. */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
