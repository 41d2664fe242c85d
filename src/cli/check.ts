/**
 * `nbfresh check NB...`: lint saved notebooks for what Restart and Run All would not reproduce.
 */
import { checkNotebook, ICheckFinding } from '../core/check';
import { cellName, checkText } from '../core/findings';
import { analyzeCell, PYTHON_BUILTINS } from '../core/python';
import { CliError, IParsedArgs } from './args';
import { ICommand, IOutput } from './command';
import { readNotebook } from './files';
import { diagnostic, terminalJSON, terminalLine } from './terminal';

export const checkCommand: ICommand = {
  name: 'check',
  summary:
    'find what Restart and Run All would not reproduce in saved notebooks',
  usage: 'check NOTEBOOK... [--json]',
  description: `Reads only the saved files (no kernel, no execution log) and reports, per cell:
  out-of-order    its execution count is lower than that of a cell above it
  edited          its source changed after it ran (needs the hashes that the
                  JupyterLab extension stores in the notebook metadata)
  never-run       code that never ran, between cells that did
  undefined-name  it reads a name that no cell defines (or that \`del\` removed),
                  or defines a function that reads such a name
  defined-below   it reads a name that only cells below it define
Name checks are skipped, with a note, for notebooks in other languages than Python.
Output: "path:cell N: kind: message", N counting all cells from 1.
Exit status: 0 nothing found, 1 findings, 2 bad usage or a notebook that cannot be read.`,
  options: [{ name: 'json', help: 'print a JSON list of {path, findings}' }],
  run: runCheck
};

function runCheck(args: IParsedArgs, io: IOutput): number {
  if (args.positional.length === 0) {
    throw new CliError(
      'check needs at least one notebook (see "nbfresh check --help")'
    );
  }
  const builtins = new Set<string>(PYTHON_BUILTINS);
  const reports: {
    path: string;
    findings: (ICheckFinding & { message: string })[];
  }[] = [];
  let unreadable = false;
  for (const path of args.positional) {
    try {
      const notebook = readNotebook(path);
      const result = checkNotebook(notebook, {
        symbols: analyzeCell,
        builtins
      });
      if (result.dataflowSkipped) {
        io.err(
          diagnostic(
            'note',
            `${path}: the notebook's language is "${result.dataflowSkipped.language}": name checks need Python, only execution order and edits were checked`
          )
        );
      }
      // Cells by position, as the `path:cell N:` lines count them.
      const findings = result.findings.map(found => ({
        ...found,
        message: checkText(found.why, index => cellName(index))
      }));
      reports.push({ path, findings });
    } catch (reason) {
      // One unreadable notebook must not hide the findings of the others.
      if (!(reason instanceof CliError)) {
        throw reason;
      }
      io.err(diagnostic('error', reason.message));
      unreadable = true;
    }
  }
  if (args.flags.has('json')) {
    io.out(terminalJSON(reports) + '\n');
  } else {
    for (const { path, findings } of reports) {
      for (const f of findings) {
        io.out(
          terminalLine(`${path}:cell ${f.cell}: ${f.kind}: ${f.message}`) + '\n'
        );
      }
    }
  }
  if (unreadable) {
    return 2;
  }
  return reports.some(report => report.findings.length > 0) ? 1 : 0;
}
