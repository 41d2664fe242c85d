/**
 * The order in which a script runs the cells: notebook order, except that a cell reading a
 * name that only a cell below defines moves after that cell, when this breaks nothing else.
 */
import { cellRef, nameText } from '../analysis';
import { IEffects, IPiece, isPythonName, needs, SCRIPT_NAMES } from './prepare';

export interface IOrder {
  /** Positions in the input list, in the order to run them. */
  order: number[];
  notes: string[];
}

/**
 * A stable topological order: two pieces that touch a common name keep their notebook order
 * (reads, writes and changes in place all count, so values seen stay the same), except for
 * the moves a read of a name defined only below forces.
 */
export function dependencyOrder(
  pieces: readonly IPiece[],
  effects: readonly IEffects[]
): IOrder {
  const n = pieces.length;
  const edges = pieces.map(() => new Set<number>());
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (Private.conflict(effects[a], effects[b])) {
        edges[a].add(b);
      }
    }
  }
  const notes: string[] = [];
  const moves = Private.forcedMoves(pieces, effects);
  // First drop every "reader before definer" edge the moves reverse, so that no move is
  // refused for an edge that another move removes.
  for (const { reader, passed, names } of moves) {
    const e = effects[reader];
    const rest = {
      ...e,
      reads: new Set([...e.reads].filter(n => !names.includes(n))),
      mutates: new Set([...e.mutates].filter(n => !names.includes(n)))
    };
    passed
      .filter(q => !Private.conflict(rest, effects[q]))
      .forEach(q => edges[reader].delete(q));
  }
  for (const { reader, definer, names } of moves) {
    if (Private.reaches(edges, reader, definer)) {
      // Other dependencies keep the reader before the definer anyway.
      edges[reader].add(definer);
      notes.push(
        `${pieces[reader].label} reads ${names.map(nameText).join(', ')}, defined only below in ${cellRef(
          pieces[definer].index
        )}, but other dependencies keep it above: left in place`
      );
      continue;
    }
    edges[definer].add(reader);
    notes.push(
      `${pieces[reader].label} runs after ${cellRef(pieces[definer].index)}: it reads ${names
        .map(nameText)
        .join(', ')}, defined there`
    );
  }
  return { order: Private.stableTopological(edges), notes };
}

export interface IDisplayOnly {
  /** Positions of the pieces to leave out. */
  dropped: Set<number>;
  /** Names only the left-out pieces used: their imports would be unused. */
  unused: Set<string>;
}

/**
 * Pieces (positions into `order`) that only display something: they bind and change no name,
 * so leaving them out changes no value. Effects outside the namespace keep a piece (files,
 * opaque code), unless it is a random draw that nothing after it draws from.
 */
export function displayOnly(
  order: readonly number[],
  pieces: readonly IPiece[],
  effects: readonly IEffects[]
): IDisplayOnly {
  const dropped = new Set<number>();
  const later = new Set<string>();
  for (let k = order.length - 1; k >= 0; k--) {
    const p = order[k];
    const e = effects[p];
    const quiet =
      !pieces[p].broken &&
      !e.opaque &&
      pieces[p].symbols.irreversible.length === 0 &&
      e.defines.size === 0 &&
      e.deletes.size === 0 &&
      [...e.mutates].every(
        name =>
          !isPythonName(name) && name.startsWith('random:') && !later.has(name)
      );
    if (quiet) {
      dropped.add(p);
      continue;
    }
    needs(e).forEach(name => later.add(name));
  }
  const used = new Set<string>();
  order
    .filter(p => !dropped.has(p))
    .forEach(p => {
      needs(effects[p]).forEach(name => used.add(name));
      // Functions defined by kept code may use a name whenever they are called.
      for (const summary of Object.values(pieces[p].symbols.functions)) {
        [...summary.reads, ...summary.calls].forEach(name => used.add(name));
      }
    });
  const unused = new Set<string>();
  for (const p of dropped) {
    needs(effects[p])
      .filter(name => !used.has(name))
      .forEach(name => unused.add(name));
  }
  return { dropped, unused };
}

/**
 * Messages for names a piece needs that nothing before it in `order` defines, with
 * `available` defined from the start. Stops at the first opaque piece (a star import, `exec`),
 * after which any name may exist.
 */
export function undefinedNames(
  order: readonly number[],
  pieces: readonly IPiece[],
  effects: readonly IEffects[],
  available: Iterable<string>
): string[] {
  const defined = new Set<string>(available);
  const messages: string[] = [];
  for (const p of order) {
    const e = effects[p];
    const missing = needs(e).filter(
      name =>
        isPythonName(name) && !defined.has(name) && !SCRIPT_NAMES.has(name)
    );
    if (missing.length > 0) {
      messages.push(
        `${pieces[p].label} reads ${missing.map(nameText).join(', ')}, which no code before it defines`
      );
    }
    if (e.opaque) {
      break;
    }
    e.defines.forEach(name => defined.add(name));
    missing.forEach(name => defined.add(name));
  }
  return messages;
}

namespace Private {
  export function conflict(a: IEffects, b: IEffects): boolean {
    if (a.opaque || b.opaque) {
      return true;
    }
    return (
      touches(b, a.defines) ||
      touches(b, a.deletes) ||
      touches(b, a.mutates) ||
      intersects(a.reads, b.defines) ||
      intersects(a.reads, b.deletes) ||
      intersects(a.reads, b.mutates)
    );
  }

  export function touches(e: IEffects, names: Set<string>): boolean {
    return (
      intersects(names, e.reads) ||
      intersects(names, e.defines) ||
      intersects(names, e.deletes) ||
      intersects(names, e.mutates)
    );
  }

  export function intersects(a: Set<string>, b: Set<string>): boolean {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    for (const name of small) {
      if (large.has(name)) {
        return true;
      }
    }
    return false;
  }

  export interface IMove {
    reader: number;
    definer: number;
    names: string[];
    /** The definers of those names down to `definer`: the reader moves past them all. */
    passed: number[];
  }

  /**
   * For each name a piece needs that no piece above defines but one below does: the definer
   * to move after. Among several, the one that ran last before the reader did (by execution
   * count), else the first.
   */
  export function forcedMoves(
    pieces: readonly IPiece[],
    effects: readonly IEffects[]
  ): IMove[] {
    const moves = new Map<string, IMove>();
    const definedAbove = new Set<string>();
    pieces.forEach((piece, reader) => {
      for (const name of needs(effects[reader])) {
        if (
          !isPythonName(name) ||
          definedAbove.has(name) ||
          SCRIPT_NAMES.has(name)
        ) {
          continue;
        }
        const below: number[] = [];
        for (let q = reader + 1; q < pieces.length; q++) {
          if (effects[q].defines.has(name)) {
            below.push(q);
          }
        }
        if (below.length === 0) {
          continue;
        }
        const definer = chooseDefiner(pieces, reader, below);
        const key = `${reader}:${definer}`;
        const move = moves.get(key) ?? {
          reader,
          definer,
          names: [],
          passed: []
        };
        move.names.push(name);
        move.passed.push(
          ...below.filter(q => q <= definer && !move.passed.includes(q))
        );
        moves.set(key, move);
      }
      effects[reader].defines.forEach(name => definedAbove.add(name));
    });
    return [...moves.values()];
  }

  export function chooseDefiner(
    pieces: readonly IPiece[],
    reader: number,
    below: number[]
  ): number {
    const count = pieces[reader].executionCount;
    let best = below[0];
    let bestCount = -1;
    if (count !== null) {
      for (const q of below) {
        const c = pieces[q].executionCount;
        if (c !== null && c < count && c > bestCount) {
          best = q;
          bestCount = c;
        }
      }
    }
    return best;
  }

  export function reaches(
    edges: Set<number>[],
    from: number,
    to: number
  ): boolean {
    const seen = new Set<number>([from]);
    const stack = [from];
    while (stack.length > 0) {
      for (const next of edges[stack.pop()!]) {
        if (next === to) {
          return true;
        }
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  }

  /** Kahn's algorithm, always taking the ready piece that comes first in the notebook. */
  export function stableTopological(edges: Set<number>[]): number[] {
    const indegree = edges.map(() => 0);
    edges.forEach(targets => targets.forEach(t => indegree[t]++));
    const done = edges.map(() => false);
    const order: number[] = [];
    while (order.length < edges.length) {
      const next = indegree.findIndex((d, i) => d === 0 && !done[i]);
      done[next] = true;
      order.push(next);
      edges[next].forEach(t => indegree[t]--);
    }
    return order;
  }
}
