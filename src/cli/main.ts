/**
 * `nbfresh`: the analysis of jupyterlab-fresh on saved notebooks, for CI and pre-commit.
 * Exit status: 0 clean, 1 findings, 2 bad usage or unreadable input (never a stack trace).
 */
import * as fs from 'fs';
import * as path from 'path';

import { isObject } from '../core/notebook';
import { CliError, describeOptions, parseArgs } from './args';
import { checkCommand } from './check';
import { ICommand, IOutput } from './command';
import { exportCommand } from './export';
import { planCommand } from './plan';
import { diagnostic } from './terminal';

export { IOutput } from './command';

const COMMANDS: readonly ICommand[] = [
  checkCommand,
  exportCommand,
  planCommand
];

const BUG_URL = 'https://github.com/jupyterlab-fresh/jupyterlab-fresh/issues';

/** Runs `nbfresh` with the arguments after the program name; resolves to the exit code. */
export async function main(
  argv: string[],
  io: IOutput = processOutput()
): Promise<number> {
  try {
    return run(argv, io);
  } catch (reason) {
    if (reason instanceof CliError) {
      io.err(diagnostic('error', reason.message));
    } else {
      const message = reason instanceof Error ? reason.message : String(reason);
      io.err(
        diagnostic(
          'internal error',
          `${oneLine(message)} (this is a bug, please report it at ${BUG_URL})`
        )
      );
    }
    return 2;
  }
}

function run(argv: string[], io: IOutput): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new CliError('no command given (see "nbfresh --help")');
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(toolHelp());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.out(`nbfresh ${version()}\n`);
    return 0;
  }
  const command = COMMANDS.find(c => c.name === first);
  if (!command) {
    const what = first.startsWith('-') ? 'option' : 'command';
    throw new CliError(
      `unknown ${what} ${JSON.stringify(first)}: the commands are ${COMMANDS.map(c => c.name).join(', ')} (see "nbfresh --help")`
    );
  }
  const args = parseArgs(rest, command.options, command.name);
  if (args.flags.has('help')) {
    io.out(commandHelp(command));
    return 0;
  }
  return command.run(args, io);
}

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map(c => c.name.length));
  return `usage: nbfresh COMMAND [OPTIONS] ...

Tells which cells of a Jupyter notebook Restart Kernel and Run All would not reproduce,
plans what to re-run, and exports clean Python. The analysis of jupyterlab-fresh, headless.

commands:
${COMMANDS.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

  -h, --help     show this help (or "nbfresh COMMAND --help")
  -V, --version  print the version

Exit status: 0 clean, 1 findings, 2 bad usage or unreadable input.
`;
}

function commandHelp(command: ICommand): string {
  return `usage: nbfresh ${command.usage}

${command.summary[0].toUpperCase()}${command.summary.slice(1)}.

${command.description}

options:
${describeOptions(command.options)}
`;
}

/** The package's version: `package.json` sits two levels up from both src/cli and cli/cli. */
function version(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return isObject(data) && typeof data.version === 'string'
    ? data.version
    : 'unknown';
}

/** Error messages may quote text with line breaks; the contract is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function processOutput(): IOutput {
  // A reader that stops early (`nbfresh check ... | head`) closes the pipe: not a failure.
  process.stdout.on('error', (reason: unknown) => {
    if (!(isObject(reason) && reason.code === 'EPIPE')) {
      const what = reason instanceof Error ? reason.message : String(reason);
      process.stderr.write(
        diagnostic('error', `cannot write the output: ${oneLine(what)}`)
      );
      process.exit(2);
    }
  });
  return {
    out: text => process.stdout.write(text),
    err: text => process.stderr.write(text)
  };
}
