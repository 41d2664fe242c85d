/**
 * The steps every export shares: code cells prepared and analysed, and the import block.
 */
import { ExportWarning } from '../findings';
import { INotebookCell } from '../types';
import { hoistImports, IHoisting, IHoistOptions } from './imports';
import { IResolvedOptions } from './options';
import {
  effectsOf,
  IEffects,
  IPiece,
  IPYTHON_IMPORTS,
  preparePiece
} from './prepare';
import { IStatement, parseCode } from './python';

export interface ICodePieces {
  pieces: IPiece[];
  effects: IEffects[];
}

/** The code cells that `keep` accepts, prepared, with their effects. */
export function codePieces(
  cells: INotebookCell[],
  options: IResolvedOptions,
  warnings: ExportWarning[],
  keep: (cell: INotebookCell) => boolean
): ICodePieces {
  const pieces: IPiece[] = [];
  cells.forEach((cell, index) => {
    if (cell.cellType === 'code' && keep(cell)) {
      pieces.push(
        preparePiece(
          {
            id: cell.id,
            index,
            ref: { cell: index, cellId: cell.id },
            source: cell.source,
            tags: cell.tags,
            executionCount: cell.executionCount
          },
          options.magics,
          options.extraMutators,
          warnings
        )
      );
    }
  });
  return { pieces, effects: effectsOf(pieces) };
}

/** The import block: hoisted imports, then what IPython gave the notebook for free. */
export function hoist(
  pieces: IPiece[],
  order: readonly number[],
  effects: readonly IEffects[],
  options: Omit<IHoistOptions, 'extra'>
): IHoisting {
  return hoistImports(pieces, order, effects, {
    ...options,
    extra: ipythonImports(pieces, order, effects)
  });
}

/** `from IPython.display import display` and the like, for names no code defines. */
export function ipythonImports(
  pieces: readonly IPiece[],
  order: readonly number[],
  effects: readonly IEffects[]
): string[] {
  const defined = new Set<string>();
  const needed = new Set<string>();
  for (const p of order) {
    effects[p].defines.forEach(name => defined.add(name));
    effects[p].reads.forEach(name => needed.add(name));
    if (pieces[p].usesIPython) {
      needed.add('get_ipython');
    }
  }
  return Object.keys(IPYTHON_IMPORTS)
    .filter(name => needed.has(name) && !defined.has(name))
    .map(name => IPYTHON_IMPORTS[name]);
}

/**
 * IPython keeps the value of the last expression a cell showed in `_`. A piece that reads
 * `_` without binding it gets it from the piece before it in `order`: that piece's last
 * expression becomes `_ = <expression>`. Changes `pieces`; returns the new effects.
 */
export function bindLastResults(
  pieces: IPiece[],
  order: readonly number[],
  effects: IEffects[],
  warnings: ExportWarning[]
): IEffects[] {
  const defined = new Set<string>();
  let changed = false;
  // The last piece so far whose last expression IPython would show.
  let shown: number | undefined;
  order.forEach(p => {
    if (effects[p].reads.has('_') && !defined.has('_')) {
      const q = shown;
      if (q !== undefined) {
        const statement = Private.lastResult(pieces[q])!;
        const code = pieces[q].code;
        const text = `${code.slice(0, statement.from)}_ = ${code.slice(statement.from)}`;
        const symbols = pieces[q].symbols;
        // The only change is the binding of `_`.
        pieces[q] = {
          ...pieces[q],
          code: text,
          parsed: parseCode(text),
          symbols: { ...symbols, defines: [...symbols.defines, '_'] }
        };
        warnings.push({
          kind: 'last-result',
          piece: pieces[p].ref,
          setter: pieces[q].ref
        });
        defined.add('_');
        changed = true;
      }
    }
    effects[p].defines.forEach(name => defined.add(name));
    if (Private.lastResult(pieces[p]) !== null) {
      shown = p;
    }
  });
  return changed ? effectsOf(pieces) : effects;
}

namespace Private {
  /** The expression statement that ends a piece, whose value IPython would show. */
  export function lastResult(piece: IPiece): IStatement | null {
    const statements = piece.parsed.statements;
    const last = statements[statements.length - 1];
    if (!last || last.type !== 'ExpressionStatement' || piece.broken) {
      return null;
    }
    const text = piece.code.slice(last.from, last.to);
    const after = piece.code.slice(last.to).split('\n')[0];
    // `print(...)` shows nothing (its value is None), and `;` hides the value.
    return /^(print|display)\s*\(/.test(text) ||
      after.trimStart().startsWith(';')
      ? null
      : last;
  }
}
