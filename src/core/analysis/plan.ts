/**
 * The re-run plan: a forward pass in notebook order over a scratch namespace layered on the live
 * kernel. A cell runs if it is not fresh (or must run); before it runs, every name it would read
 * with another version than in Run All is rebuilt by adding that value's Run All provenance (its
 * chain: binder, creator, changes) to the must-run set, and the pass restarts from the earliest
 * addition. The set only grows, so this reaches a fixed point.
 *
 * The pass only needs to know which values equal their Run All version. A cell that runs on Run
 * All inputs has exactly its Run All effects, which are replayed; a cell that does not makes
 * "tainted" values, which differ from Run All whatever they are, so they are never computed.
 * Most restarts are anticipated before the pass (see `Planner.anticipate`).
 */
import { cellRef, nameText } from './classify';
import { firstAbove } from './ledger';
import { ICodeCell, KernelWorld, RunAllWorld } from './state';
import {
  changesSince,
  IRead,
  provenance,
  replay,
  Space,
  taint,
  TAINTED,
  VersionContext,
  versionOf
} from './world';

export interface IPlanInput {
  code: readonly ICodeCell[];
  runAll: RunAllWorld;
  kernel: KernelWorld;
  /** By code-cell ordinal. */
  fresh: readonly boolean[];
  context: VersionContext;
  /** Whether a cell ran in any session: files it touched are not undone by a restart. */
  everRun: (cellId: string) => boolean;
}

export interface IPlan {
  /** Code-cell ordinals, in the order to run them. */
  order: number[];
  warnings: string[];
  /** By warning: the cell it is about. */
  warned: number[];
  /** Names no cell can rebuild, and the cells that read them. */
  stuck: IStuck[];
}

/** A name that no cell above can rebuild, and the cell that reads it. */
export interface IStuck {
  ordinal: number;
  name: string;
}

/** Plans for every cell (`target` undefined) or for one cell and what it needs. */
export function makePlan(input: IPlanInput, target?: number): IPlan {
  if (target !== undefined && input.fresh[target]) {
    return { order: [], warnings: [], warned: [], stuck: [] };
  }
  if (target === undefined && input.kernel.execs.length === 0) {
    // An empty kernel: running every cell that is not fresh is Run All itself, which reads
    // what Run All reads; nothing to rebuild, nothing stuck.
    const order = input.fresh.flatMap((fresh, q) => (fresh ? [] : [q]));
    return { order, stuck: [], ...warnings(input, order, []) };
  }
  const planner = new Planner(input);
  if (target === undefined) {
    input.fresh.forEach((fresh, q) => fresh || planner.add(q));
  } else {
    planner.add(target);
  }
  planner.anticipate([...planner.cells]);
  const { order, stuck } = planner.pass(target ?? input.code.length - 1);
  return { order, stuck, ...warnings(input, order, stuck) };
}

/**
 * The plan once its first `done` cells ran as planned (each is fresh now): the rest of it.
 * Those runs left the kernel exactly as the pass had simulated, so the rest is unchanged.
 */
export function planAfter(plan: IPlan, done: number): IPlan {
  const ran = new Set(plan.order.slice(0, done));
  const kept = plan.warned.map(q => !ran.has(q));
  return {
    order: plan.order.slice(done),
    warnings: plan.warnings.filter((_, i) => kept[i]),
    warned: plan.warned.filter((_, i) => kept[i]),
    stuck: plan.stuck.filter(s => !ran.has(s.ordinal))
  };
}

class Planner {
  constructor(private _input: IPlanInput) {
    this._in = new Uint8Array(_input.code.length);
  }

  /** The cells to run, by ordinal, in the order they were added; only grows. */
  readonly cells: number[] = [];

  has(ordinal: number): boolean {
    return this._in[ordinal] === 1;
  }

  /** Adds a cell to run; false if it was there. */
  add(ordinal: number): boolean {
    if (this._in[ordinal] === 1) {
      return false;
    }
    this._in[ordinal] = 1;
    this.cells.push(ordinal);
    const step = this._input.runAll.steps[ordinal];
    this._noteFirstBinder(step.defines, ordinal);
    this._noteFirstBinder(step.run.symbols.deletes, ordinal);
    return true;
  }

  /**
   * Adds the cells that the pass would find it has to run, which saves most restarts (the pass
   * still checks everything), and returns the earliest of `added` and of those. Checks the
   * reads of the cells `added`, then again the readers of names that new cells bind.
   */
  anticipate(added: number[]): number {
    let first = smallest(added);
    const { runAll } = this._input;
    const include = (chain: readonly number[] | null): void => {
      if (chain === null) {
        return;
      }
      let fresh: number[] | null = null;
      for (const q of chain) {
        if (this.add(q)) {
          (fresh ??= []).push(q);
        }
      }
      if (fresh) {
        this._noteBinders(fresh);
        added.push(...fresh);
        first = Math.min(first, smallest(fresh));
      }
    };
    if (this._started) {
      this._noteBinders(added);
    } else {
      // Every reader is checked below: nothing to check again yet.
      added.forEach(q => this._noteOpaque(q));
      this._started = true;
    }
    while (added.length > 0) {
      while (added.length > 0) {
        const ordinal = added.pop()!;
        for (const want of runAll.steps[ordinal].reads) {
          include(this._rebuild(ordinal, want));
        }
      }
      const moved = [...this._moved];
      this._moved.clear();
      for (const [name, binder] of moved) {
        const { cells, reads } = runAll.readersOf(name);
        for (let i = firstAbove(cells, binder); i < cells.length; i++) {
          if (this.has(cells[i])) {
            include(this._rebuild(cells[i], reads[i]));
          }
        }
      }
    }
    return first;
  }

  /** Runs the pass up to cell `last`, restarting until nothing is added. */
  pass(last: number): { order: number[]; stuck: IStuck[] } {
    const { runAll, context } = this._input;
    const space = new Space(this._input.kernel.space, true);
    // The cells run so far, in order, and the journal mark before each.
    const order: number[] = [];
    const marks: number[] = [];
    let stuck: IStuck[] = [];
    let from = 0;
    for (;;) {
      // Restarts wait for the end of a pass, so that one pass finds every value to rebuild.
      let restart = Infinity;
      for (let p = from; p <= last; p++) {
        if (!this.has(p)) {
          continue;
        }
        const expected = runAll.steps[p];
        let wrong = false;
        for (const want of expected.reads) {
          const have = versionOf(space, want.name);
          if (have === want.version) {
            continue;
          }
          wrong = true;
          // A tainted value is made again once its maker re-runs on the right inputs.
          if (have === TAINTED) {
            continue;
          }
          // An object the kernel holds in an earlier version only needs the later changes.
          const chain = changesSince(want, have) ?? provenance(want);
          const added = chain.filter(q => this.add(q));
          if (added.length === 0) {
            // Its whole chain already ran (or it has none): running cells cannot rebuild it.
            stuck.push({ ordinal: p, name: want.name });
          }
          restart = Math.min(restart, this.anticipate(added));
        }
        marks.push(space.mark());
        order.push(p);
        if (wrong) {
          taint(space, p, expected, context);
        } else {
          replay(space, expected, context);
        }
      }
      if (restart === Infinity) {
        return { order, stuck };
      }
      // Back to just before the first cell run at or after `restart`.
      from = restart;
      const keep = order.findIndex(q => q >= from);
      if (keep >= 0) {
        space.undo(marks[keep]);
        order.length = keep;
        marks.length = keep;
      }
      stuck = stuck.filter(s => s.ordinal < from);
    }
  }

  /**
   * The cells the pass would add to rebuild the value `want` that cell `reader` reads, or null:
   * its whole chain when the cell that creates it runs again or when a cell of the plan above
   * binds the name again; the changes after its binder when that runs again; the changes the
   * kernel's version lacks when no cell of the chain runs.
   */
  private _rebuild(reader: number, want: IRead): readonly number[] | null {
    // What is already in the plan is skipped when included, so a chain is returned whole.
    const chain = provenance(want);
    if (chain.length === 0) {
      // A builtin or a name no cell sets: no cell can rebuild it.
      return null;
    }
    // Cheapest tests first: most reads are settled by the plan holding their creator.
    if (want.value === null) {
      // No value in Run All (deleted, or seen through an opaque cell): only when nothing in
      // the plan above could change what the reader sees.
      return this._hasAny(chain) ||
        this._rebound(want.name, reader) ||
        this._firstOpaque < reader ||
        this._live(want.name) === want.version
        ? null
        : chain;
    }
    if (this.has(want.value.creator)) {
      return chain;
    }
    if (this.has(want.binder)) {
      // Bound again (an alias of a live object): the changes made after it must follow.
      return chain.filter(q => q > want.binder);
    }
    if (this._hasAny(chain)) {
      return null;
    }
    if (this._rebound(want.name, reader)) {
      return chain;
    }
    const have = this._live(want.name);
    return have === want.version ? null : (changesSince(want, have) ?? chain);
  }

  private _hasAny(cells: readonly number[]): boolean {
    for (const q of cells) {
      if (this._in[q] === 1) {
        return true;
      }
    }
    return false;
  }

  /** The version the live kernel holds for a name (memoised: the kernel does not change). */
  private _live(name: string): number {
    let version = this._kernelVersions.get(name);
    if (version === undefined) {
      version = versionOf(this._input.kernel.space, name);
      this._kernelVersions.set(name, version);
    }
    return version;
  }

  private _noteFirstBinder(names: readonly string[], ordinal: number): void {
    for (const name of names) {
      if ((this._firstBinder.get(name) ?? Infinity) > ordinal) {
        this._firstBinder.set(name, ordinal);
      }
    }
  }

  /** Whether a cell of the plan above `reader` binds or deletes the name. */
  private _rebound(name: string, reader: number): boolean {
    return (this._firstBinder.get(name) ?? Infinity) < reader;
  }

  /** Notes the names that cells new in the plan bind or delete: their readers are checked again. */
  private _noteBinders(cells: readonly number[]): void {
    for (const ordinal of cells) {
      const step = this._input.runAll.steps[ordinal];
      this._noteOpaque(ordinal);
      for (const names of [step.defines, step.run.symbols.deletes]) {
        for (const name of names) {
          if ((this._moved.get(name) ?? Infinity) > ordinal) {
            this._moved.set(name, ordinal);
          }
        }
      }
    }
  }

  private _noteOpaque(ordinal: number): void {
    if (this._input.runAll.isOpaque(ordinal)) {
      this._firstOpaque = Math.min(this._firstOpaque, ordinal);
    }
  }

  /** 1 for the cells to run, by ordinal. */
  private _in: Uint8Array;
  private _started = false;
  private _firstOpaque = Infinity;
  /** Names bound by cells new in the plan since their readers were checked: the first such. */
  private _moved = new Map<string, number>();
  private _kernelVersions = new Map<string, number>();
  /** By name: the first cell of the plan that binds or deletes it. */
  private _firstBinder = new Map<string, number>();
}

function smallest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}

function warnings(
  input: IPlanInput,
  order: number[],
  stuck: IStuck[]
): { warnings: string[]; warned: number[] } {
  const { code, runAll } = input;
  const found = new Map<string, number>();
  for (const q of order) {
    if (runAll.isIrreversible(q) && input.everRun(code[q].id)) {
      const effects = runAll.steps[q].run.symbols.irreversible;
      found.set(
        `Cannot fully restore cell ${cellRef(code[q].index)}: re-running it cannot undo ` +
          `what its earlier runs did (${effects.join('; ')}).`,
        q
      );
    }
  }
  const irreversible = new Set(found.values());
  for (const { ordinal, name } of stuck) {
    const where = `Cannot restore cell ${cellRef(code[ordinal].index)}: it reads ${nameText(name)}`;
    if (!name.startsWith('file:')) {
      found.set(
        `${where}, which the kernel still holds but no cell above defines; only a restart clears it.`,
        ordinal
      );
    } else if (!irreversible.has(ordinal)) {
      // Files outlive the kernel: not even a restart undoes what earlier runs wrote.
      found.set(
        `${where}, which earlier runs changed; neither re-running nor a restart undoes that.`,
        ordinal
      );
    }
  }
  return { warnings: [...found.keys()], warned: [...found.values()] };
}
