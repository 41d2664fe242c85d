/**
 * `nbfresh export NB`: the export writers of the extension, headless. Never overwrites a file
 * that an export did not write (it has no header line) unless told to with `--force`.
 */
import * as path from 'path';

import { EnglishFindings } from '../core/findings';
import {
  EXPORT_FORMATS,
  exportNotebook,
  IExportOptions,
  isFreshExport,
  MAGICS_MODES
} from '../core/export';
import { isPythonLanguage } from '../core/notebook';
import { CliError, IParsedArgs } from './args';
import { ICommand, IOutput } from './command';
import {
  fileIdentity,
  IFileIdentity,
  inspectOutput,
  readNotebook,
  sameFile,
  writeText
} from './files';
import { readExecutionLog } from './log';
import { diagnostic } from './terminal';

export const exportCommand: ICommand = {
  name: 'export',
  summary:
    'write the notebook as a clean Python script, module or percent file',
  usage: 'export NOTEBOOK [--format FORMAT] [--cell ID] [-o FILE] [options]',
  description: `Formats:
  script   the current code in an order that runs top to bottom (default)
  module   one function per markdown section, and a main()
  percent  every cell in notebook order, with "# %%" markers
  gather   only the cells that the cell --cell ID needs, and that cell
  as-run   the code that produced what is on screen, from --history LOG.json
Prints to stdout, or writes FILE with -o; an existing FILE is replaced only if an export
wrote it (its first line says so), or with --force. FILE is never the notebook or the log
(--force or not), and must be a regular file or /dev/null. Warnings go to stderr.
Exit status: 0 written, 2 bad usage, unreadable input or a file it will not overwrite.`,
  options: [
    {
      name: 'format',
      value: 'FORMAT',
      choices: EXPORT_FORMATS,
      help: `${EXPORT_FORMATS.join(', ')} (default script)`
    },
    {
      name: 'cell',
      value: 'ID',
      help: 'the cell to gather (with --format gather)'
    },
    {
      name: 'output',
      short: 'o',
      value: 'FILE',
      help: 'write FILE instead of stdout'
    },
    {
      name: 'magics',
      value: 'MODE',
      choices: MAGICS_MODES,
      help: 'magics as comments (default), get_ipython() calls, or drop them'
    },
    {
      name: 'no-markdown',
      help: 'leave markdown cells out (they are comments by default)'
    },
    {
      name: 'no-hoist',
      help: 'keep imports where they are instead of at the top'
    },
    {
      name: 'drop-display',
      help: 'leave out cells that only show something nothing later uses'
    },
    {
      name: 'skip-tag',
      value: 'TAG',
      help: 'leave out cells with this tag (default fresh-skip)'
    },
    {
      name: 'history',
      value: 'LOG.json',
      help: 'the execution log (required by --format as-run)'
    },
    { name: 'force', help: 'overwrite FILE even if an export did not write it' }
  ],
  run: runExport
};

function runExport(args: IParsedArgs, io: IOutput): number {
  if (args.positional.length !== 1) {
    throw new CliError(
      `export takes exactly one notebook (got ${args.positional.length}; see "nbfresh export --help")`
    );
  }
  const format =
    EXPORT_FORMATS.find(f => f === args.values.get('format')) ?? 'script';
  const cellId = args.values.get('cell');
  const logPath = args.values.get('history');
  if (format === 'gather' && cellId === undefined) {
    throw new CliError('--format gather needs --cell ID, the cell to gather');
  }
  if (format !== 'gather' && cellId !== undefined) {
    throw new CliError('--cell only applies to --format gather');
  }
  if (format === 'as-run' && logPath === undefined) {
    throw new CliError(
      '--format as-run needs --history LOG.json, the log of what ran'
    );
  }

  const notebookPath = args.positional[0];
  const notebook = readNotebook(notebookPath);
  if (!isPythonLanguage(notebook.language)) {
    throw new CliError(
      `${notebookPath}: the notebook's language is "${notebook.language}": export writes Python only`
    );
  }
  if (
    cellId !== undefined &&
    !notebook.cells.some(c => c.id === cellId && c.cellType === 'code')
  ) {
    throw new CliError(
      `${notebookPath}: no code cell has the id ${JSON.stringify(cellId)}`
    );
  }
  const executions =
    logPath === undefined ? undefined : readExecutionLog(logPath).executions;

  const options: IExportOptions = {
    format,
    notebookName: path.basename(notebookPath),
    magics: MAGICS_MODES.find(m => m === args.values.get('magics')),
    markdown: !args.flags.has('no-markdown'),
    hoistImports: !args.flags.has('no-hoist'),
    dropDisplayOnly: args.flags.has('drop-display'),
    skipTag: args.values.get('skip-tag'),
    cellId
  };
  const output = args.values.get('output');
  // Refuse before doing the work, so that nothing is half-done.
  if (output === '') {
    throw new CliError('-o needs a file name, not an empty one');
  }
  if (output !== undefined) {
    const inputs = [notebookPath, logPath].filter(
      (input): input is string => input !== undefined
    );
    checkOverwrite(output, inputs, args.flags.has('force'));
  }
  const result = exportNotebook(notebook.cells, options, { executions });
  const english = new EnglishFindings(notebook.cells);
  result.warnings.forEach(warning =>
    io.err(diagnostic('warning', english.exportWarning(warning)))
  );
  if (output === undefined) {
    io.out(result.text);
  } else {
    writeText(output, result.text);
  }
  return 0;
}

/**
 * Throws unless `file` is absent, an earlier export, or `force` is given; and always when it is
 * one of the `inputs`, under any name (a link, another letter case): `--force` is for
 * replacing a file by an export of something else, never for destroying the input.
 */
function checkOverwrite(
  file: string,
  inputs: readonly string[],
  force: boolean
): void {
  const target = inspectOutput(file);
  if (target.kind !== 'file') {
    return;
  }
  const input = inputs.find(path =>
    isSame(fileIdentity(path), target.identity)
  );
  if (input !== undefined) {
    throw new CliError(
      `${file}: not overwritten: it is ${input}, an input of this export (even with --force)`
    );
  }
  if (!force && !isFreshExport(target.firstLine)) {
    throw new CliError(
      `${file}: not overwritten: it exists and was not written by an export (its first line is not the export header); use --force to replace it`
    );
  }
}

function isSame(a: IFileIdentity | null, b: IFileIdentity): boolean {
  return a !== null && sameFile(a, b);
}
