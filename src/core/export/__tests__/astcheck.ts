/** Asks Python (`statements.py`) about export texts, many in one process. */
import { spawnSync } from 'child_process';
import * as path from 'path';

export interface IStatementsJob {
  text: string;
  /** Python source of each code cell the export may hold. */
  cells: string[];
  /** The export holds exactly the cells' statements, not only some of them. */
  exact: boolean;
  module?: boolean;
}

export interface IProbe {
  /** Statements Python reads in the text, or the name of the error it raises. */
  statements: number | string;
  /** Lines `str.splitlines` finds in the text. */
  splitlines: number;
}

const SCRIPT = path.join(__dirname, 'statements.py');

/** Per job: null, or what is wrong with the export's statements. */
export function checkStatements(jobs: IStatementsJob[]): (string | null)[] {
  return run(jobs) as (string | null)[];
}

/** Per text: what Python reads in it. */
export function probePython(texts: string[]): IProbe[] {
  return run(texts.map(probe => ({ probe }))) as IProbe[];
}

export interface IDocstrings {
  module: string | null;
  /** By function name. */
  functions: Record<string, string | null>;
}

/** Per text: its docstrings as Python reads them, or the name of the error it raises. */
export function docstringsOf(texts: string[]): (IDocstrings | string)[] {
  return run(texts.map(docstrings => ({ docstrings }))) as (
    IDocstrings | string
  )[];
}

function run(jobs: unknown[]): unknown[] {
  const result = spawnSync(process.env.PYTHON ?? 'python3', [SCRIPT], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 1 << 30
  });
  if (result.status !== 0) {
    throw new Error(`statements.py failed: ${result.error ?? result.stderr}`);
  }
  return JSON.parse(result.stdout);
}
