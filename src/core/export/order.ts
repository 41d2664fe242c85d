/**
 * The order in which a script runs the cells: notebook order, except that a cell reading a
 * name that only a cell below defines moves after that cell, when this breaks nothing else.
 */
import { ExportWarning } from '../findings';
import { PYPLOT } from '../python/effects';
import { IEffects, IPiece, isPythonName, needs, SCRIPT_NAMES } from './prepare';

export interface IOrder {
  /** Positions in the input list, in the order to run them. */
  order: number[];
  notes: ExportWarning[];
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
  const notes: ExportWarning[] = [];
  const moves = Private.forcedMoves(pieces, effects);
  const readers = new Set(moves.map(move => move.reader));
  const edges = Private.conflictEdges(effects, readers);
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
      notes.push({
        kind: 'not-moved',
        piece: pieces[reader].ref,
        cell: pieces[definer].index,
        names
      });
      continue;
    }
    edges[definer].add(reader);
    notes.push({
      kind: 'moved',
      piece: pieces[reader].ref,
      cell: pieces[definer].index,
      names
    });
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
 * opaque code), unless it is a random draw or a plot that nothing after it reads: a read of a
 * figure or axes pyplot made (`fig.savefig(...)`) reads pyplot's figures.
 */
export function displayOnly(
  order: readonly number[],
  pieces: readonly IPiece[],
  effects: readonly IEffects[]
): IDisplayOnly {
  const dropped = new Set<number>();
  const later = new Set<string>();
  // What each name may be a part of, wherever it is bound (`fig = plt.figure()`).
  const wholes = new Map<string, string[]>();
  for (const p of order) {
    for (const [name, of] of Object.entries(pieces[p].symbols.parts ?? {})) {
      wholes.set(name, [...(wholes.get(name) ?? []), ...of]);
    }
  }
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
          (name.startsWith('random:') || name === PYPLOT) && !later.has(name)
      );
    if (quiet) {
      dropped.add(p);
      continue;
    }
    for (const name of needs(e)) {
      later.add(name);
      wholes.get(name)?.forEach(whole => later.add(whole));
    }
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
 * Warnings for names a piece needs that nothing before it in `order` defines, with
 * `available` defined from the start. Stops at the first opaque piece (a star import, `exec`),
 * after which any name may exist.
 */
export function undefinedNames(
  order: readonly number[],
  pieces: readonly IPiece[],
  effects: readonly IEffects[],
  available: Iterable<string>
): ExportWarning[] {
  const defined = new Set<string>(available);
  const messages: ExportWarning[] = [];
  for (const p of order) {
    const e = effects[p];
    const missing = needs(e).filter(
      name =>
        isPythonName(name) && !defined.has(name) && !SCRIPT_NAMES.has(name)
    );
    if (missing.length > 0) {
      messages.push({
        kind: 'undefined',
        piece: pieces[p].ref,
        names: missing
      });
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
    const definers = new Map<string, number[]>();
    effects.forEach((e, q) =>
      e.defines.forEach(name => {
        const list = definers.get(name);
        if (list) {
          list.push(q);
        } else {
          definers.set(name, [q]);
        }
      })
    );
    const moves = new Map<string, IMove & { seen: Set<number> }>();
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
        // Nothing above defines it: every definer but the reader itself is below.
        const below = (definers.get(name) ?? []).filter(q => q > reader);
        if (below.length === 0) {
          continue;
        }
        const definer = chooseDefiner(pieces, reader, below);
        const key = `${reader}:${definer}`;
        const move = moves.get(key) ?? {
          reader,
          definer,
          names: [],
          passed: [],
          seen: new Set<number>()
        };
        move.names.push(name);
        for (const q of below) {
          if (q <= definer && !move.seen.has(q)) {
            move.seen.add(q);
            move.passed.push(q);
          }
        }
        moves.set(key, move);
      }
      effects[reader].defines.forEach(name => definedAbove.add(name));
    });
    return [...moves.values()].map(({ seen: _, ...move }) => move);
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

  /**
   * Edges `a -> b` (a before b) with the same transitive closure as "a and b conflict, a
   * above b", in O(names touched): per name, each piece after the last piece that changed
   * it, and each change after the pieces that used the name since the change before; an
   * opaque piece changes every name. The pieces in `explicit` (readers that moves may
   * detach from a definer) get their edges to every conflicting piece instead.
   */
  export function conflictEdges(
    effects: readonly IEffects[],
    explicit: ReadonlySet<number>
  ): Set<number>[] {
    const edges = effects.map(() => new Set<number>());
    const lastChange = new Map<string, number>();
    const usesSince = new Map<string, number[]>();
    let lastOpaque = -1;
    let sinceOpaque: number[] = [];
    effects.forEach((e, b) => {
      if (explicit.has(b)) {
        return;
      }
      if (e.opaque) {
        sinceOpaque.forEach(a => edges[a].add(b));
        if (lastOpaque >= 0) {
          edges[lastOpaque].add(b);
        }
        lastOpaque = b;
        sinceOpaque = [];
        lastChange.clear();
        usesSince.clear();
        return;
      }
      if (lastOpaque >= 0) {
        edges[lastOpaque].add(b);
      }
      sinceOpaque.push(b);
      const changes = new Set([...e.defines, ...e.deletes, ...e.mutates]);
      for (const name of changes) {
        const last = lastChange.get(name);
        if (last !== undefined) {
          edges[last].add(b);
        }
        usesSince.get(name)?.forEach(a => edges[a].add(b));
        lastChange.set(name, b);
        usesSince.set(name, []);
      }
      for (const name of e.reads) {
        if (changes.has(name)) {
          continue;
        }
        const last = lastChange.get(name);
        if (last !== undefined) {
          edges[last].add(b);
        }
        const uses = usesSince.get(name);
        if (uses) {
          uses.push(b);
        } else {
          usesSince.set(name, [b]);
        }
      }
    });
    for (const r of explicit) {
      effects.forEach((e, q) => {
        if (q < r && conflict(e, effects[r])) {
          edges[q].add(r);
        } else if (q > r && conflict(effects[r], e)) {
          edges[r].add(q);
        }
      });
    }
    return edges;
  }

  /**
   * Kahn's algorithm, always taking the ready piece that comes first in the notebook: the
   * first order in notebook order that the edges allow (it depends on their closure only).
   */
  export function stableTopological(edges: Set<number>[]): number[] {
    const indegree = edges.map(() => 0);
    edges.forEach(targets => targets.forEach(t => indegree[t]++));
    const ready = new MinHeap();
    indegree.forEach((d, i) => {
      if (d === 0) {
        ready.push(i);
      }
    });
    const order: number[] = [];
    while (ready.size > 0) {
      const next = ready.pop();
      order.push(next);
      edges[next].forEach(t => {
        if (--indegree[t] === 0) {
          ready.push(t);
        }
      });
    }
    return order;
  }

  /** A binary heap of numbers, smallest first. */
  export class MinHeap {
    get size(): number {
      return this._items.length;
    }

    push(value: number): void {
      const items = this._items;
      items.push(value);
      let i = items.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (items[parent] <= value) {
          break;
        }
        items[i] = items[parent];
        i = parent;
      }
      items[i] = value;
    }

    pop(): number {
      const items = this._items;
      const top = items[0];
      const last = items.pop()!;
      if (items.length > 0) {
        let i = 0;
        for (;;) {
          const left = 2 * i + 1;
          if (left >= items.length) {
            break;
          }
          const child =
            left + 1 < items.length && items[left + 1] < items[left]
              ? left + 1
              : left;
          if (items[child] >= last) {
            break;
          }
          items[i] = items[child];
          i = child;
        }
        items[i] = last;
      }
      return top;
    }

    private _items: number[] = [];
  }
}
