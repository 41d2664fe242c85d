/**
 * The percent-format exports: every cell as it is, the clean script, the code behind one
 * cell (gather), and the code as it ran in the live kernel.
 */
import { NotebookAnalysis } from '../analysis';
import { executionName, ExportWarning, IPieceRef } from '../findings';
import { analyzeCell } from '../python';
import { IExecutionRecord, INotebookCell } from '../types';
import { IExportContext, IExportResult, IResolvedOptions } from './options';
import { dependencyOrder, displayOnly, undefinedNames } from './order';
import { bindLastResults, codePieces, hoist } from './pipeline';
import { effectsOf, IEffects, IPiece, preparePiece } from './prepare';
import { headerLine, PercentWriter } from './writer';

/** Every cell in notebook order, magics rewritten, nothing moved or left out. */
export function percentExport(
  cells: INotebookCell[],
  options: IResolvedOptions
): IExportResult {
  const warnings: ExportWarning[] = [];
  const code = codePieces(cells, options, warnings, () => true);
  const order = code.pieces.map((_, p) => p);
  const hoisting = hoist(code.pieces, order, code.effects, {
    all: false,
    stars: false
  });
  const writer = new PercentWriter(
    headerLine(options.notebookName, 'percent format')
  );
  if (hoisting.lines.length > 0) {
    writer.code(hoisting.lines.join('\n'));
  }
  let p = 0;
  cells.forEach(cell => {
    if (cell.cellType === 'code') {
      writer.code(hoisting.code[p++]);
    } else {
      writer.markdown(cell.source, cell.cellType);
    }
  });
  return { text: writer.toString(), warnings };
}

/** The current code cells in a dependency-valid order. */
export function scriptExport(
  cells: INotebookCell[],
  options: IResolvedOptions
): IExportResult {
  const warnings: ExportWarning[] = [];
  const code = codePieces(
    cells,
    options,
    warnings,
    cell => !cell.tags?.includes(options.skipTag)
  );
  const pieces = code.pieces;
  const ordering = dependencyOrder(pieces, code.effects);
  warnings.push(...ordering.notes);
  let order = ordering.order;
  const effects = bindLastResults(pieces, order, code.effects, warnings);
  let unused = new Set<string>();
  if (options.dropDisplayOnly) {
    const display = displayOnly(order, pieces, effects);
    order = order.filter(p => !display.dropped.has(p));
    unused = display.unused;
  }
  return Private.write(
    cells,
    pieces,
    effects,
    order,
    options,
    'clean script',
    warnings,
    unused
  );
}

/** The fewest cells that the chosen cell needs, in a valid order, and the cell. */
export function gatherExport(
  cells: INotebookCell[],
  options: IResolvedOptions
): IExportResult {
  const warnings: ExportWarning[] = [];
  const target = cells.find(
    cell => cell.id === options.cellId && cell.cellType === 'code'
  );
  if (!target) {
    return {
      text: headerLine(options.notebookName, 'code for one cell') + '\n',
      warnings: [{ kind: 'no-code-cell', cellId: options.cellId ?? '' }]
    };
  }
  const code = codePieces(
    cells,
    options,
    warnings,
    cell => cell === target || !cell.tags?.includes(options.skipTag)
  );
  const pieces = code.pieces;
  const ordering = dependencyOrder(pieces, code.effects);
  const effects = bindLastResults(
    pieces,
    ordering.order,
    code.effects,
    warnings
  );
  // The analysis gathers in Run All of the cells as the script orders them, seeing what
  // each piece does under IPython (the statement `%time` runs, the `_` it now sets).
  const symbolsOf = new Map(pieces.map(piece => [piece.code, piece.symbols]));
  const analysis = new NotebookAnalysis({
    symbols: source =>
      symbolsOf.get(source) ??
      analyzeCell(source, { extraMutators: options.extraMutators }),
    extraMutators: options.extraMutators
  });
  analysis.setCells(
    ordering.order.map(p => ({
      id: pieces[p].id,
      cellType: 'code' as const,
      source: pieces[p].code
    }))
  );
  const wanted = new Set(analysis.gather(target.id));
  const order = ordering.order.filter(p => wanted.has(pieces[p].id));
  // In the file, the cell by position: its execution count is of a session the file outlives.
  const what = `code for cell ${cells.indexOf(target) + 1}`;
  return Private.write(
    cells,
    pieces,
    effects,
    order,
    { ...options, markdown: false },
    what,
    warnings,
    new Set()
  );
}

/**
 * The executions of the live kernel session whose effects are still there, in the order
 * they ran, as they ran (cells since edited or deleted included).
 */
export function asRunExport(
  cells: INotebookCell[],
  options: IResolvedOptions,
  context: IExportContext
): IExportResult {
  const warnings: ExportWarning[] = [];
  const records = context.executions ?? [];
  const session =
    context.kernelSession ?? records[records.length - 1]?.kernelSession ?? null;
  const live = records.filter(record => record.kernelSession === session);
  if (live.length === 0) {
    warnings.push({ kind: 'nothing-ran' });
  }
  const position = new Map(cells.map((cell, index) => [cell.id, index]));
  const ran: IExecutionRecord[] = [];
  for (const record of live) {
    if (record.status === 'ok') {
      ran.push(record);
    } else {
      warnings.push({
        kind: 'left-out',
        piece: Private.executionRef(record, position),
        status: record.status
      });
    }
  }
  const pieces = ran.map(record =>
    preparePiece(
      {
        id: record.cellId,
        index: position.get(record.cellId) ?? -1,
        ref: Private.executionRef(record, position),
        source: record.source,
        executionCount: record.executionCount
      },
      options.magics,
      options.extraMutators,
      warnings
    )
  );
  const effects = bindLastResults(
    pieces,
    pieces.map((_, p) => p),
    effectsOf(pieces),
    warnings
  );
  const order = Private.liveExecutions(
    pieces,
    effects,
    new Set(position.keys())
  );
  const comments = pieces.map((piece, p) => {
    const cell = cells[piece.index];
    const label = executionName(piece.ref);
    return cell && cell.source !== ran[p].source
      ? `${label}, edited since`
      : label;
  });
  const hoisting = hoist(pieces, order, effects, {
    all: options.hoistImports,
    stars: false
  });
  warnings.push(...undefinedNames(order, pieces, effects, hoisting.names));
  const writer = new PercentWriter(
    headerLine(options.notebookName, 'code as run')
  );
  if (hoisting.lines.length > 0) {
    writer.code(hoisting.lines.join('\n'));
  }
  for (const p of order) {
    writer.code(hoisting.code[p], comments[p]);
  }
  return { text: writer.toString(), warnings };
}

namespace Private {
  /** Writes the chosen pieces in order, markdown before the code it preceded. */
  export function write(
    cells: INotebookCell[],
    pieces: IPiece[],
    effects: IEffects[],
    order: number[],
    options: IResolvedOptions,
    what: string,
    warnings: ExportWarning[],
    unused: ReadonlySet<string>
  ): IExportResult {
    const kept = order.filter(p => pieces[p].code.trim() !== '');
    const hoisting = hoist(pieces, kept, effects, {
      all: options.hoistImports,
      stars: false,
      unused
    });
    warnings.push(...undefinedNames(kept, pieces, effects, hoisting.names));
    const writer = new PercentWriter(headerLine(options.notebookName, what));
    if (hoisting.lines.length > 0) {
      writer.code(hoisting.lines.join('\n'));
    }
    const markdown = options.markdown
      ? cells
          .map((cell, index) => ({ cell, index }))
          .filter(({ cell }) => cell.cellType === 'markdown')
      : [];
    let next = 0;
    for (const p of kept) {
      while (next < markdown.length && markdown[next].index < pieces[p].index) {
        writer.markdown(markdown[next++].cell.source);
      }
      const text = hoisting.code[p];
      if (text.trim() !== '') {
        writer.code(text);
      }
    }
    markdown.slice(next).forEach(({ cell }) => writer.markdown(cell.source));
    return { text: writer.toString(), warnings };
  }

  export function executionRef(
    record: IExecutionRecord,
    position: Map<string, number>
  ): IPieceRef {
    return {
      cell: position.get(record.cellId) ?? -1,
      cellId: record.cellId,
      execution: record.executionCount
    };
  }

  export interface IObject {
    creator: number;
    changers: number[];
  }

  /**
   * The executions still behind what the kernel holds: the last run of each cell shown now,
   * every execution that created or changed a value still bound, and, transitively, every
   * execution whose values those read.
   */
  export function liveExecutions(
    pieces: readonly IPiece[],
    effects: readonly IEffects[],
    shown: Set<string>
  ): number[] {
    const binding = new Map<string, IObject>();
    const deps = pieces.map(() => new Set<number>());
    const lastRun = new Map<string, number>();
    effects.forEach((e, k) => {
      for (const name of [...e.reads, ...e.mutates]) {
        const object = binding.get(name);
        if (object) {
          if (object.creator >= 0) {
            deps[k].add(object.creator);
          }
          // The last change depends on the changes before it (it touched the object too).
          if (object.changers.length > 0) {
            deps[k].add(object.changers[object.changers.length - 1]);
          }
        }
      }
      const aliases = pieces[k].symbols.aliases;
      for (const name of e.defines) {
        const source =
          aliases[name] !== undefined ? binding.get(aliases[name]) : undefined;
        binding.set(name, source ?? { creator: k, changers: [] });
      }
      e.deletes.forEach(name => binding.delete(name));
      for (const name of e.mutates) {
        const object = binding.get(name) ?? { creator: -1, changers: [] };
        object.changers.push(k);
        binding.set(name, object);
      }
      lastRun.set(pieces[k].id, k);
    });
    const wanted = new Set<number>();
    const stack: number[] = [];
    const want = (k: number): void => {
      if (k >= 0 && !wanted.has(k)) {
        wanted.add(k);
        stack.push(k);
      }
    };
    lastRun.forEach((k, id) => {
      if (shown.has(id)) {
        want(k);
      }
    });
    effects.forEach((e, k) => {
      if (e.opaque) {
        want(k);
      }
    });
    binding.forEach(object => {
      want(object.creator);
      object.changers.forEach(want);
    });
    // Unknown effects: an opaque execution may have used anything before it. Each execution
    // below `before` is wanted already.
    let before = 0;
    while (stack.length > 0) {
      const k = stack.pop()!;
      deps[k].forEach(want);
      if (effects[k].opaque) {
        for (; before < k; before++) {
          want(before);
        }
      }
    }
    return [...wanted].sort((a, b) => a - b);
  }
}
