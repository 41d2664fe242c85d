/**
 * `analyzeCell`: IPython preprocessing, one parse, one walk, cached by source text.
 */
import { Tree } from '@lezer/common';
import { ICellSymbols, IFunctionSummary, ISyntaxProblem } from '../types';
import { parsePython } from './grammar';
import { IPreprocessed, preprocessIPython } from './ipython';
import { mutatorSet } from './mutators';
import { lineStarts } from './offsets';
import { CellSymbols, ISummary } from './scopes';
import { IWalkResult, named, toFunctionSummary, walkTree } from './symbols';
import { syntaxProblem } from './syntax';

export interface IAnalyzeOptions {
  /** Method names that change their receiver in place, beyond the built-in table. */
  extraMutators?: readonly string[];
}

/**
 * How many analyses are kept (per set of options); the least recently used are dropped first.
 * Room for a notebook of several thousand cells and its edits; engines keep the symbols of
 * their current cells themselves.
 */
export const CACHE_LIMIT = 8192;

/**
 * What one cell's source does to the namespace (see `ICellSymbols`). Never throws; the same
 * source (and options) gives the same, frozen, object from a cache: do not change it.
 */
export function analyzeCell(
  source: string,
  options?: IAnalyzeOptions
): ICellSymbols {
  const extra = options?.extraMutators ?? [];
  const cache = extra.length === 0 ? Private.plain : Private.extended;
  const key =
    extra.length === 0
      ? source
      : `${[...extra].sort().join(' ')}\u0000${source}`;
  const known = cache.get(key);
  if (known !== undefined) {
    // Move to the end: the first entries are the least recently used.
    cache.delete(key);
    cache.set(key, known);
    return known;
  }
  const result = Private.analyzeSafely(source, extra);
  cache.set(key, result);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) {
      cache.delete(oldest.value);
    }
  }
  return result;
}

/** Whether a source has anything to run: not only blank lines and comments. */
export function hasCode(source: string): boolean {
  return CODE_LINE.test(source);
}

/**
 * A line (ended by `\n`, `\r\n` or `\r`, as Python ends them) whose first character that `trim`
 * keeps is not `#`. Classification asks this of every cell: a pattern does not split the
 * source into lines.
 */
const CODE_LINE = /(?:^|[\n\r])[^\S\n\r]*[^\s#]/;

/** Empties the cache (for tests and benchmarks). */
export function clearAnalysisCache(): void {
  Private.plain.clear();
  Private.extended.clear();
}

/** How many analyses the cache holds (for tests and benchmarks). */
export function analysisCacheSize(): number {
  return Private.plain.size + Private.extended.size;
}

/** The reason given in `opaque` when the analysis itself failed on a cell. */
export const ANALYSIS_FAILED = 'analysis failed';

namespace Private {
  export const plain = new Map<string, ICellSymbols>();
  export const extended = new Map<string, ICellSymbols>();

  export function analyzeSafely(
    source: string,
    extra: readonly string[]
  ): ICellSymbols {
    try {
      return analyze(source, extra);
    } catch {
      // A bug in the walker must not break the notebook: say the cell cannot be seen into.
      const cell = new CellSymbols();
      cell.opaque.add(ANALYSIS_FAILED);
      return toSymbols(cell, new Map(), undefined);
    }
  }

  export function analyze(
    source: string,
    extra: readonly string[]
  ): ICellSymbols {
    const pre = preprocessIPython(source);
    if (pre.notPython !== undefined) {
      const cell = new CellSymbols();
      addEffects(cell, pre);
      return toSymbols(cell, new Map(), undefined, pre.notPython);
    }
    const tree = parsePython(pre.python);
    const readOnly =
      pre.readOnlyLines.length === 0
        ? []
        : lineRanges(pre.python, pre.readOnlyLines);
    const walk = walkTree(tree, pre.python, mutatorSet(extra), readOnly);
    addEffects(walk.cell, pre);
    return toSymbols(
      walk.cell,
      walk.aliases,
      syntaxError(tree, pre),
      undefined,
      walk
    );
  }

  export function addEffects(cell: CellSymbols, pre: IPreprocessed): void {
    const effects = pre.effects;
    for (const name of effects.reads) {
      cell.reads.add(name);
    }
    for (const name of effects.defines) {
      cell.defines.add(name);
    }
    for (const name of effects.mutates) {
      cell.mutates.add(name);
    }
    for (const name of effects.deletes) {
      cell.deletes.add(name);
    }
    for (const message of effects.irreversible) {
      cell.irreversible.add(message);
    }
    for (const reason of effects.opaque) {
      cell.opaque.add(reason);
    }
  }

  /** The frozen result (frozen as it is built: freezing it afterwards costs more). */
  export function toSymbols(
    cell: CellSymbols,
    aliases: Map<string, string>,
    problem: ISyntaxProblem | undefined,
    notPython?: string,
    walk?: IWalkResult
  ): ICellSymbols {
    const symbols: ICellSymbols = {
      defines: names(cell.defines),
      reads: names(cell.reads),
      mutates: names(cell.mutates),
      deletes: names(cell.deletes),
      imports: listOf(cell.imports),
      calls: names(cell.calls),
      passes: frozenRecord(cell.passes, names),
      functions: frozenRecord(cell.functions, functionSummary),
      aliases: frozenRecord(aliases, source => source || undefined),
      parts: frozenRecord(walk?.parts ?? new Map(), frozen),
      opaque: listOf(cell.opaque),
      irreversible: listOf(cell.irreversible)
    };
    // Only when present: most cells copy nothing, and older histories have none of these.
    if (cell.passedAt.size > 0) {
      symbols.passedAt = keyed(cell.passedAt);
    }
    if (cell.changesReturned.size > 0) {
      symbols.changesReturned = frozenRecord(cell.changesReturned, names);
    }
    if (walk !== undefined && walk.copies.size > 0) {
      symbols.copies = frozenRecord(walk.copies, frozen);
    }
    if (walk !== undefined && walk.instances.size > 0) {
      symbols.instances = frozenRecord(walk.instances, callee => callee);
    }
    if (walk !== undefined && walk.given.size > 0) {
      symbols.given = frozenRecord(walk.given, frozen);
    }
    if (walk !== undefined && walk.subscripts.size > 0) {
      symbols.subscripts = frozenRecord(walk.subscripts, kind => kind);
    }
    if (walk !== undefined && walk.builtins.length > 0) {
      symbols.builtins = frozen(walk.builtins);
    }
    if (cell.arguments.size > 0) {
      symbols.arguments = frozenRecord(cell.arguments, calls =>
        Object.freeze(calls.map(paths => Object.freeze(paths)))
      );
    }
    const byMethods = new Map(
      [...cell.methodCalls].filter(([name]) => !cell.changedOtherwise.has(name))
    );
    if (byMethods.size > 0) {
      symbols.changedByMethods = frozenRecord(byMethods, names);
    }
    const draws = [...cell.drawn].filter(
      name => !cell.changedOtherwise.has(name)
    );
    if (draws.length > 0) {
      symbols.draws = frozen(draws);
    }
    if (cell.tableMethodCalls.size > 0) {
      symbols.callsTableMethods = frozenRecord(cell.tableMethodCalls, names);
    }
    const overwrites = new Map<string, string>();
    const storesOnly = new Map<string, string>();
    const ifLibrary: string[] = [];
    const reading: string[] = [];
    for (const [name, { slots, targetReads, keys }] of cell.stores) {
      if (slots.length === 0 || cell.changeCounts.get(name) !== slots.length) {
        continue;
      }
      const slotLines = [...new Set(slots)].sort().join('\n');
      if (
        (cell.readCounts.get(name) ?? 0) === targetReads + keys.length &&
        (keys.length === 0 || slots.every(slot => otherKey(slot, keys)))
      ) {
        overwrites.set(name, slotLines);
        if (keys.length > 0 || slots.some(slot => slot.endsWith(')'))) {
          ifLibrary.push(name);
        }
        if (keys.length > 0) {
          reading.push(name);
        }
      } else {
        storesOnly.set(name, slotLines);
      }
    }
    if (overwrites.size > 0) {
      symbols.overwrites = frozenRecord(overwrites, slots => slots);
    }
    const through = new Map(
      [...cell.storesThrough].filter(
        ([name, calls]) =>
          cell.readCounts.get(name) === calls.length &&
          !cell.changeCounts.has(name) &&
          !cell.stores.has(name)
      )
    );
    if (through.size > 0) {
      symbols.overwritesThrough = frozenRecord(through, calls =>
        frozen([...new Set(calls)])
      );
    }
    if (storesOnly.size > 0) {
      symbols.storesOnly = frozenRecord(storesOnly, slots => slots);
    }
    if (ifLibrary.length > 0) {
      symbols.overwritesIfLibrary = frozen(ifLibrary);
    }
    if (reading.length > 0) {
      symbols.overwritesReading = frozen(reading);
    }
    if (cell.mutatesElements.size > 0) {
      symbols.mutatesElements = names(cell.mutatesElements);
    }
    if (problem !== undefined) {
      symbols.syntaxError = Object.freeze(problem);
    }
    if (notPython !== undefined) {
      symbols.notPython = notPython;
    }
    if (cell.evaluated.size > 0) {
      symbols.evaluated = names(cell.evaluated);
    }
    const imported = new Map(
      [...cell.imported].filter(([name]) => cell.bindCounts.get(name) === 1)
    );
    if (imported.size > 0) {
      symbols.imported = frozenRecord(imported, path => path);
    }
    if (cell.madeFromLiterals.size > 0) {
      symbols.madeFromLiterals = names(cell.madeFromLiterals);
    }
    return Object.freeze(symbols);
  }

  /**
   * Whether `slot` stores under one string key that is none of `keys` (`["b"]` and `a`): the
   * store replaces what it left, whatever the read keys hold. Not `[:]`, `.c`, numbers
   * (`d[1]` is `d[True]`).
   */
  export function otherKey(slot: string, keys: readonly string[]): boolean {
    const key = /^\[(?:"([^"]*)"|'([^']*)')\]/.exec(slot);
    return key !== null && !keys.includes(key[1] ?? key[2]);
  }

  /**
   * A frozen record of the entries `convert` keeps (undefined drops one). The grammar recovers
   * from some errors with an empty name; Python has none.
   */
  export function frozenRecord<V, T>(
    entries: Map<string, V>,
    convert: (value: V) => T | undefined
  ): Record<string, T> {
    if (entries.size === 0) {
      return NO_ENTRIES;
    }
    const record: Record<string, T> = Object.create(null);
    for (const [name, value] of entries) {
      const kept = name === '' ? undefined : convert(value);
      if (kept !== undefined) {
        record[name] = kept;
      }
    }
    return Object.freeze(record);
  }

  export function functionSummary(summary: ISummary): IFunctionSummary {
    const lists = toFunctionSummary(summary);
    return Object.freeze({
      reads: frozen(lists.reads),
      writes: frozen(lists.writes),
      mutates: frozen(lists.mutates),
      calls: frozen(lists.calls),
      mutatesArguments: summary.mutatesArguments,
      ...(summary.draws.size > 0 ? { draws: names(summary.draws) } : {}),
      ...(summary.drawsArguments.size > 0
        ? { drawsArguments: names(summary.drawsArguments) }
        : {}),
      ...(summary.storesArguments.size > 0
        ? { storesArguments: frozenRecord(summary.storesArguments, frozen) }
        : {}),
      ...(summary.returnsArguments ? { returnsArguments: true } : {}),
      ...(summary.returns.size > 0 ? { returns: names(summary.returns) } : {}),
      ...(summary.pathEffects.length > 0
        ? { pathEffects: Object.freeze([...summary.pathEffects]) }
        : {}),
      forwards: names(summary.forwards),
      ...(summary.forwardsAt.size > 0
        ? { forwardsAt: keyed(summary.forwardsAt) }
        : {}),
      passes: frozenRecord(summary.passes, names),
      ...(summary.passedAt.size > 0
        ? { passedAt: keyed(summary.passedAt) }
        : {}),
      ...(summary.isClass ? { isClass: true } : {}),
      ...(summary.keeps.size > 0 ? { keeps: names(summary.keeps) } : {}),
      ...(summary.changing.size > 0
        ? { changing: names(summary.changing) }
        : {}),
      ...(summary.isClass && summary.interceptsStores
        ? { interceptsStores: true }
        : {})
    });
  }

  export function keyed(
    map: Map<string, Map<string, Set<string>>>
  ): Record<string, Record<string, string[]>> {
    return frozenRecord(map, inner => frozenRecord(inner, names));
  }

  export function names(set: ReadonlySet<string>): string[] {
    return frozen(named(set));
  }

  /** Line ranges to `[from, to)` offsets in `text`. */
  export function lineRanges(
    text: string,
    ranges: ReadonlyArray<[number, number]>
  ): Array<[number, number]> {
    const starts = lineStarts(text);
    return ranges.map(([first, last]) => [
      starts[Math.min(first, starts.length - 1)],
      last + 1 < starts.length ? starts[last + 1] : text.length + 1
    ]);
  }

  /** The first syntax error of the parse, in source coordinates. */
  export function syntaxError(
    tree: Tree,
    pre: IPreprocessed
  ): ISyntaxProblem | undefined {
    const problem = syntaxProblem(tree, pre.python, 'cell');
    if (problem === undefined) {
      return undefined;
    }
    const shift = pre.columnShifts.get(problem.line) ?? 0;
    return { ...problem, column: problem.column + shift };
  }

  /**
   * Shared frozen empty values: most lists and records of a cell are empty, and allocating
   * and freezing each one costs more than building the rest of the result.
   */
  const NONE: string[] = [];
  Object.freeze(NONE);
  const NO_ENTRIES: Record<string, never> = Object.freeze(Object.create(null));

  export function frozen(list: string[]): string[] {
    if (list.length === 0) {
      return NONE;
    }
    Object.freeze(list);
    return list;
  }

  export function listOf(set: ReadonlySet<string>): string[] {
    return set.size === 0 ? NONE : frozen([...set]);
  }
}
