/**
 * Issue 11 item 13: Node code and browser code are typechecked in separate projects, so the
 * renderer cannot use Node's types and the main process cannot use the DOM's. Each check
 * compiles a probe file that exists only in memory, placed where such code would live, under
 * the project that owns that folder, with the same compiler options `npm run typecheck` uses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function project(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, config), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error(`${config} could not be read`);
  return parsed;
}

/** The type errors of `source` compiled as `file` (relative to the repository) under `config`. */
function typeErrors(config: string, file: string, source: string): string[] {
  const { options } = project(config);
  const probe = path.join(root, file);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === probe ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === probe || fileExists(name);
  const program = ts.createProgram({ rootNames: [probe], options, host });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

const usesNode = "export const home: string | undefined = process.env.HOME;\nexport const bytes = Buffer.byteLength('x');\n";
const usesDom = "export const title: string = document.title;\nexport const width: number = window.innerWidth;\n";

describe("separate tsconfigs for Node and DOM code", () => {
  it("renderer code cannot use Node's globals; the DOM's are there", () => {
    const errors = typeErrors("renderer/tsconfig.json", "renderer/features/probe.ts", usesNode);
    expect(errors.join("\n")).toMatch(/Cannot find name 'process'/);
    expect(errors.join("\n")).toMatch(/Cannot find name 'Buffer'/);
    expect(typeErrors("renderer/tsconfig.json", "renderer/features/probe.ts", usesDom)).toEqual([]);
  });

  it("main-process code cannot use the DOM's globals; Node's are there", () => {
    const errors = typeErrors("tsconfig.json", "electron/engine/probe.ts", usesDom);
    expect(errors.join("\n")).toMatch(/Cannot find name 'document'/);
    expect(errors.join("\n")).toMatch(/Cannot find name 'window'/);
    expect(typeErrors("tsconfig.json", "electron/engine/probe.ts", usesNode)).toEqual([]);
  });

  it("shared code is checked in both projects, so it can use neither", () => {
    expect(typeErrors("tsconfig.json", "shared/probe.ts", usesDom).join("\n")).toMatch(/Cannot find name 'document'/);
    expect(typeErrors("renderer/tsconfig.json", "shared/probe.ts", usesNode).join("\n")).toMatch(/Cannot find name 'process'/);
    const inBoth = (folder: string) => (config: string) => project(config).fileNames.some((file) => file.startsWith(path.join(root, folder)));
    expect(["tsconfig.json", "renderer/tsconfig.json"].every(inBoth("shared/"))).toBe(true);
  });

  it("each folder belongs to its own project, and npm run typecheck checks every project", () => {
    const nodeFiles = project("tsconfig.json").fileNames;
    expect(nodeFiles.some((file) => file.startsWith(path.join(root, "electron/")))).toBe(true);
    expect(nodeFiles.filter((file) => file.startsWith(path.join(root, "renderer/")))).toEqual([]);
    const rendererFiles = project("renderer/tsconfig.json").fileNames;
    expect(rendererFiles.some((file) => file.startsWith(path.join(root, "renderer/")))).toBe(true);
    expect(rendererFiles.filter((file) => file.startsWith(path.join(root, "electron/")))).toEqual([]);
    const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const config of ["tsconfig.json", "renderer/tsconfig.json", "test/renderer/tsconfig.json", "test/e2e/tsconfig.json"]) {
      expect(scripts.typecheck, config).toContain(`-p ${config}`);
    }
  });
});
