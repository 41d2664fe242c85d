/**
 * One piece of exported code (a cell, or an execution for "as run"), rewritten to plain
 * Python and analysed, with what its code does to names once the calls it makes are included.
 */
import { ExportWarning, IPieceRef } from '../findings';
import { analyzeCell, PYTHON_BUILTINS } from '../python';
import { emptySymbols, ICellSymbols, IFunctionSummary } from '../types';
import { MagicsMode, transformCell } from './magics';
import { IParsedCode, parseCode } from './python';
import { oneLine, safeLines } from './writer';

export interface IPiece {
  /** The cell id (of the cell that ran, for an execution). */
  id: string;
  /** Position among all cells of the notebook now, or -1 for a deleted cell. */
  index: number;
  /** How warnings name it: a cell, or an execution of one. */
  ref: IPieceRef;
  tags: string[];
  /** The execution count shown, to pick between candidates when reordering. */
  executionCount: number | null;
  /** The Python that goes into the export. */
  code: string;
  parsed: IParsedCode;
  symbols: ICellSymbols;
  /** The code calls `get_ipython()`. */
  usesIPython: boolean;
  /** Commented out for a syntax error. */
  broken: boolean;
}

/** What a piece does to names, the effects of the functions it calls included. */
export interface IEffects {
  reads: Set<string>;
  defines: Set<string>;
  deletes: Set<string>;
  mutates: Set<string>;
  opaque: boolean;
}

export interface IPieceSource {
  id: string;
  index: number;
  ref: IPieceRef;
  source: string;
  tags?: string[];
  executionCount?: number | null;
}

/** Names IPython gives a notebook that a script gets only through an import. */
export const IPYTHON_IMPORTS: Record<string, string> = {
  display: 'from IPython.display import display',
  get_ipython: 'from IPython import get_ipython'
};

/** Names a plain `python` process has before the first line runs. */
export const SCRIPT_NAMES: ReadonlySet<string> = new Set(
  [...PYTHON_BUILTINS]
    .filter(
      name =>
        !(name in IPYTHON_IMPORTS) &&
        (!/^(In|Out|_\w*|__builtin__)$/.test(name) || name === '__builtins__')
    )
    .concat([
      '__name__',
      '__doc__',
      '__file__',
      '__spec__',
      '__loader__',
      '__package__'
    ])
);

export function preparePiece(
  source: IPieceSource,
  magics: MagicsMode,
  extraMutators: string[],
  warnings: ExportWarning[]
): IPiece {
  const transformed = transformCell(source.source, magics);
  for (const note of transformed.notes) {
    warnings.push({ kind: 'magic', piece: source.ref, note });
  }
  const parsed = parseCode(transformed.code);
  const symbols = analyzeCell(transformed.analysisCode, { extraMutators });
  const problem = parsed.syntaxError ?? symbols.syntaxError;
  const piece: IPiece = {
    id: source.id,
    index: source.index,
    ref: source.ref,
    tags: source.tags ?? [],
    executionCount: source.executionCount ?? null,
    code: transformed.code,
    parsed,
    symbols: { ...symbols, opaque: [...symbols.opaque, ...transformed.opaque] },
    usesIPython: transformed.usesIPython,
    broken: false
  };
  if (problem) {
    const message = `${oneLine(problem.message)} (line ${problem.line + 1})`;
    warnings.push({
      kind: 'syntax-error',
      piece: source.ref,
      message: oneLine(problem.message),
      line: problem.line
    });
    const note = `# Commented out by jupyterlab-fresh: ${message}.`;
    const text = [
      note,
      ...safeLines(source.source).map(line => `# ${line}`.trimEnd())
    ].join('\n');
    Object.assign(piece, {
      code: text,
      parsed: parseCode(text),
      symbols: emptySymbols(),
      usesIPython: false,
      broken: true
    });
  }
  return piece;
}

/**
 * The effects of each piece (in run order), with what calling the functions it calls does:
 * the definition in force at that point, or, for a function only defined later, all of them.
 */
export function effectsOf(pieces: readonly IPiece[]): IEffects[] {
  const all = new Map<string, IFunctionSummary[]>();
  for (const piece of pieces) {
    for (const [name, summary] of Object.entries(piece.symbols.functions)) {
      const known = all.get(name);
      if (known) {
        known.push(summary);
      } else {
        all.set(name, [summary]);
      }
    }
  }
  const current = new Map<string, IFunctionSummary[]>();
  return pieces.map(piece => {
    // A rebinding hides the older definition; a def replaces it.
    piece.symbols.defines.forEach(name => current.delete(name));
    for (const [name, summary] of Object.entries(piece.symbols.functions)) {
      current.set(name, [summary]);
    }
    const s = piece.symbols;
    const effects: IEffects = {
      reads: new Set(s.reads),
      defines: new Set(s.defines),
      deletes: new Set(s.deletes),
      mutates: new Set(s.mutates),
      opaque: s.opaque.length > 0
    };
    // A function reads globals when called, not when defined; passing it on may call it.
    const pending = [...s.calls, ...s.reads];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (seen.has(name)) {
        continue;
      }
      seen.add(name);
      for (const summary of current.get(name) ?? all.get(name) ?? []) {
        summary.reads.forEach(r => effects.reads.add(r));
        summary.writes.forEach(w => effects.defines.add(w));
        summary.mutates.forEach(m => effects.mutates.add(m));
        pending.push(...summary.calls, ...summary.reads);
      }
    }
    return effects;
  });
}

/**
 * Names that must exist before a piece runs: what it reads, and what it changes in place
 * without binding it itself (`a = []; a.append(1)` needs no `a`).
 */
export function needs(effects: IEffects): string[] {
  const changed = [...effects.mutates].filter(
    name => !effects.defines.has(name)
  );
  return [...new Set([...effects.reads, ...changed])];
}

/** Pseudo-symbols (`file:a.csv`, `random:numpy`) are effects, not Python names. */
export function isPythonName(name: string): boolean {
  return !name.includes(':');
}
