export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}
