/**
 * What every `nbfresh` command provides, and where it writes.
 */
import { IOptionSpec, IParsedArgs } from './args';

/** Output streams, injectable so that tests can run commands in-process. */
export interface IOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface ICommand {
  name: string;
  /** One line for the tool's help. */
  summary: string;
  /** The usage line after `nbfresh `. */
  usage: string;
  /** Paragraphs after the usage line in the command's help. */
  description: string;
  options: readonly IOptionSpec[];
  /** Returns the exit code; throws CliError for bad usage or input. */
  run(args: IParsedArgs, io: IOutput): number;
}
