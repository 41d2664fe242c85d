/**
 * The re-run plan: a forward pass in notebook order over a scratch namespace layered on the live
 * kernel. A cell runs if it is not fresh (or must run); before it runs, every name it would read
 * with another version than in Run All is rebuilt by adding that value's Run All provenance
 * (binder, creator, changes) to the must-run set and restarting from the earliest addition.
 * The set only grows, so this reaches a fixed point.
 *
 * The pass only needs to know which values equal their Run All version. A cell that runs on Run
 * All inputs has exactly its Run All effects; a cell that does not makes "tainted" values, which
 * differ from Run All whatever they are, so they are never computed.
 */
import { cellRef, nameText } from './classify';
import { ICodeCell, KernelWorld, RunAllWorld } from './state';
import {
  apply,
  provenance,
  replay,
  Space,
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
}

/**
 * Plans for every cell (`target` undefined) or for one cell and what it needs.
 */
export function makePlan(input: IPlanInput, target?: number): IPlan {
  const { code, runAll, fresh, context } = input;
  const all = target === undefined;
  const must = new Set<number>();
  if (!all) {
    if (fresh[target]) {
      return { order: [], warnings: [] };
    }
    must.add(target);
  } else {
    fresh.forEach((ok, q) => ok || must.add(q));
  }
  const limit = all ? code.length : target + 1;
  const kernel = input.kernel.space;
  // Anticipates what the pass would find, which saves most restarts (the pass still checks
  // everything): a value that the kernel holds in another version than Run All, and that no
  // cell of the plan touches, must be rebuilt from its provenance.
  const anticipate = (added: number[]): number => {
    let first = smallest(added);
    while (added.length > 0) {
      for (const want of runAll.steps[added.pop()!].reads) {
        const chain = provenance(want);
        if (
          chain.length > 0 &&
          !chain.some(q => must.has(q)) &&
          versionOf(kernel, want.name) !== want.version
        ) {
          chain.forEach(q => must.add(q));
          added.push(...chain);
          first = Math.min(first, smallest(chain));
        }
      }
    }
    return first;
  };
  anticipate([...must]);
  const space = new Space(kernel, true);
  // The cells run so far, in order, and the journal mark before each.
  const order: number[] = [];
  const marks: number[] = [];
  // Names that no cell above can rebuild, by ordinal of the cell that reads them.
  let stuck: { ordinal: number; name: string }[] = [];
  // Tainted versions, by the ordinal of the cell that made them.
  const tainted = new Map<number, number>();
  let from = 0;
  for (;;) {
    // Restarts wait for the end of a pass, so that one pass finds every value to rebuild.
    let restart = Infinity;
    const pass = [...must]
      .filter(q => q >= from && q < limit)
      .sort((a, b) => a - b);
    for (const p of pass) {
      const expected = runAll.steps[p];
      let wrong = false;
      for (const want of expected.reads) {
        const have = versionOf(space, want.name);
        if (have === want.version) {
          continue;
        }
        wrong = true;
        // A tainted value is made again once its maker re-runs on the right inputs.
        if (tainted.has(have)) {
          continue;
        }
        const chain = provenance(want);
        if (chain.length === 0) {
          stuck.push({ ordinal: p, name: want.name });
        }
        const added = chain.filter(q => !must.has(q));
        added.forEach(q => must.add(q));
        restart = Math.min(restart, anticipate(added));
      }
      marks.push(space.mark());
      order.push(p);
      if (!wrong) {
        replay(space, expected);
        continue;
      }
      const taint = context.interner.pair(context.tags.taint, p);
      for (const effect of apply(
        space,
        p,
        { ...expected, sig: taint },
        context
      )) {
        if (effect.kind === 'define' || effect.kind === 'change') {
          tainted.set(effect.value.version, p);
        } else if (effect.kind === 'opaque') {
          tainted.set(effect.state.version, p);
        }
      }
    }
    if (restart === Infinity) {
      break;
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
    tainted.forEach((q, version) => q >= from && tainted.delete(version));
  }
  return { order, warnings: warnings(input, order, stuck) };
}

function smallest(values: number[]): number {
  return values.reduce((a, b) => Math.min(a, b), Infinity);
}

function warnings(
  input: IPlanInput,
  order: number[],
  stuck: { ordinal: number; name: string }[]
): string[] {
  const { code, runAll } = input;
  const result: string[] = [];
  const irreversible = new Set<number>();
  for (const q of order) {
    const effects = runAll.steps[q].run.symbols.irreversible;
    if (effects.length > 0 && input.everRun(code[q].id)) {
      irreversible.add(q);
      result.push(
        `Cannot fully restore cell ${cellRef(code[q].index)}: re-running it cannot undo ` +
          `what its earlier runs did (${effects.join('; ')}).`
      );
    }
  }
  for (const { ordinal, name } of stuck) {
    const where = `Cannot restore cell ${cellRef(code[ordinal].index)}: it reads ${nameText(name)}`;
    if (!name.startsWith('file:')) {
      result.push(
        `${where}, which the kernel still holds but no cell above defines; only a restart clears it.`
      );
    } else if (!irreversible.has(ordinal)) {
      // Files outlive the kernel: not even a restart undoes what earlier runs wrote.
      result.push(
        `${where}, which earlier runs changed; neither re-running nor a restart undoes that.`
      );
    }
  }
  return [...new Set(result)];
}
