/**
 * `nbfresh plan NB --history LOG.json`: the flags and the re-run plan for a notebook and the
 * log of what ran, in text or as the JSON contract of DESIGN.md.
 */
import { analyzeNotebook } from '../core/analysis';
import { isPythonLanguage } from '../core/notebook';
import { EnglishFindings } from '../core/findings';
import { analyzeCell } from '../core/python';
import { firstLine } from '../core/timeline';
import { IAnalysisResult, INotebookCell } from '../core/types';
import { CliError, IParsedArgs } from './args';
import { ICommand, IOutput } from './command';
import { readNotebook } from './files';
import { readExecutionLog } from './log';
import { diagnostic, terminalJSON, terminalLine } from './terminal';

export const planCommand: ICommand = {
  name: 'plan',
  summary: 'flags and re-run plan for a notebook plus its execution log',
  usage: 'plan NOTEBOOK --history LOG.json [--json]',
  description: `Reads the notebook as it is now and the log of the executions that ran (format
"nbfresh-log", version 1; see the README), and prints, for every code cell that would not
show the same after Restart Kernel and Run All, its flags and why, then the cells that
"bring up to date" would run, in order, and whether the kernel must restart first
(it holds a value that no cell defines).
With --json, prints {"cells": [{cellId, index, flags, reasons}], "plan": [cell ids],
"restart": true|false} (every code cell is listed; "index" counts all cells from 0; with
"restart", the plan's cells run after a restart), plus "planWarnings" (sentences, one per
cause) when re-running cells alone cannot restore everything.
Exit status: 0 nothing flagged, 1 some cell flagged, 2 bad usage or unreadable input.`,
  options: [
    {
      name: 'history',
      value: 'LOG.json',
      help: 'the execution log (required)'
    },
    { name: 'json', help: 'print the JSON contract instead of text' }
  ],
  run: runPlan
};

function runPlan(args: IParsedArgs, io: IOutput): number {
  if (args.positional.length !== 1) {
    throw new CliError(
      `plan takes exactly one notebook (got ${args.positional.length}; see "nbfresh plan --help")`
    );
  }
  const logPath = args.values.get('history');
  if (logPath === undefined) {
    throw new CliError('plan needs --history LOG.json, the log of what ran');
  }
  const path = args.positional[0];
  const notebook = readNotebook(path);
  const log = readExecutionLog(logPath);
  const dataflow = isPythonLanguage(notebook.language);
  if (!dataflow) {
    io.err(
      diagnostic(
        'note',
        `${path}: the notebook's language is "${notebook.language}": without Python dataflow, only edited, never-run and error are flagged`
      )
    );
  }
  const result = analyzeNotebook(notebook.cells, log.executions, {
    symbols: analyzeCell,
    dataflow
  });
  const english = new EnglishFindings(notebook.cells);
  io.out(
    args.flags.has('json')
      ? planJSON(result, english)
      : planText(result, notebook.cells, english)
  );
  return result.cells.some(cell => cell.flags.length > 0) ? 1 : 0;
}

/** Exactly the contract's keys, reasons in English; `planWarnings` only when there are some. */
function planJSON(result: IAnalysisResult, english: EnglishFindings): string {
  const output: Record<string, unknown> = {
    cells: result.cells.map(({ cellId, index, flags, reasons }) => ({
      cellId,
      index,
      flags,
      reasons: reasons.map(reason => english.reason(reason))
    })),
    plan: result.plan,
    restart: result.restart
  };
  if (result.planWarnings.length > 0) {
    output.planWarnings = result.planWarnings.map(warning =>
      english.planWarning(warning)
    );
  }
  return terminalJSON(output) + '\n';
}

function planText(
  result: IAnalysisResult,
  cells: INotebookCell[],
  english: EnglishFindings
): string {
  const positions = new Map(cells.map((cell, index) => [cell.id, index]));
  const name = (id: string) => {
    const index = positions.get(id);
    return index === undefined ? id : `${english.cell(index)} (${id})`;
  };
  const lines: string[] = [];
  const flagged = result.cells.filter(cell => cell.flags.length > 0);
  for (const cell of flagged) {
    const source = firstLine(cells[cell.index].source, 60);
    lines.push(
      `${name(cell.cellId)}: ${cell.flags.join(', ')}${source && ` — ${source}`}`
    );
    cell.reasons.forEach(reason => lines.push(`  - ${english.reason(reason)}`));
  }
  lines.push(
    flagged.length === 0
      ? `all ${result.cells.length} code cells match Restart and Run All`
      : `${flagged.length} of ${result.cells.length} code cells flagged`
  );
  const run = `run ${result.plan.map(name).join(', ')}`;
  lines.push(
    result.plan.length === 0
      ? 'plan: nothing to run'
      : `plan: ${result.restart ? `restart the kernel, then ${run}` : run}`
  );
  result.planWarnings.forEach(warning =>
    lines.push(`warning: ${english.planWarning(warning)}`)
  );
  return lines.map(line => terminalLine(line) + '\n').join('');
}
