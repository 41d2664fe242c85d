/**
 * Run All kept by position: an edit runs again only the edited cell and the cells whose inputs
 * it changes, and leaves the same steps as running everything again.
 */
import { analyzeCell } from '../../python';
import { ICodeCell, RunAllWorld } from '../state';
import { VersionContext } from '../world';

const symbolsOf = (_: string, source: string) => analyzeCell(source);

function cells(sources: string[]): ICodeCell[] {
  return sources.map((source, index) => ({ id: `c${index}`, source, index }));
}

/** 1,000 cells in groups of four that only read names of their own group. */
function groups(): string[] {
  const sources: string[] = [];
  for (let g = 0; g < 250; g++) {
    sources.push(
      `a${g} = [${g}]`,
      `b${g} = a${g}`,
      `b${g}.append(1)`,
      `print(a${g}, len(b${g}))`
    );
  }
  return sources;
}

/** What each cell read and did, without the ids that depend on the order of work. */
function shape(world: RunAllWorld): string[] {
  return world.steps.map(step =>
    JSON.stringify([
      step.run.cellId,
      step.reads.map(read => [read.name, read.binder, read.deleter]),
      step.defines,
      step.mutates
    ])
  );
}

describe('RunAllWorld.update', () => {
  it('runs every cell the first time', () => {
    const world = new RunAllWorld(new VersionContext());
    expect(world.update(cells(groups()), symbolsOf)).toHaveLength(1000);
  });

  it('after an edit, runs again only what reads what changed', () => {
    const world = new RunAllWorld(new VersionContext());
    const sources = groups();
    world.update(cells(sources), symbolsOf);
    const before = world.steps.slice();
    sources[400] = 'a100 = [1, 2]';
    // The group's alias, mutation and print see another object; nothing else changes.
    expect(world.update(cells(sources), symbolsOf)).toEqual([
      400, 401, 402, 403
    ]);
    world.steps.forEach((step, i) => {
      if (i < 400 || i > 403) {
        expect(step).toBe(before[i]);
      }
    });
  });

  it('an edit that changes nothing below runs only the edited cell', () => {
    const world = new RunAllWorld(new VersionContext());
    const sources = groups();
    world.update(cells(sources), symbolsOf);
    sources[403] = 'print(a100)';
    expect(world.update(cells(sources), symbolsOf)).toEqual([403]);
  });

  it('leaves the same steps as running everything again', () => {
    const context = new VersionContext();
    const world = new RunAllWorld(context);
    const sources = [
      'x = [1]',
      'y = x',
      'def f(): return z',
      'z = 1',
      'print(f(), y)',
      'y.append(2)',
      'del z',
      'print(x)',
      'w = z if False else 0'
    ];
    world.update(cells(sources), symbolsOf);
    const edits: [number, string][] = [
      [3, 'z = 2'],
      [1, 'y = list(x)'],
      [2, 'def f(): return x'],
      [6, 'exec("z = 3")'],
      [0, 'x = (1,)'],
      [6, 'del x']
    ];
    for (const [at, source] of edits) {
      sources[at] = source;
      world.update(cells(sources), symbolsOf);
      const scratch = new RunAllWorld(context);
      scratch.update(cells(sources), symbolsOf);
      expect(shape(world)).toEqual(shape(scratch));
      expect(world.steps.map(step => step.sig)).toEqual(
        scratch.steps.map(step => step.sig)
      );
    }
  });
});

describe('RunAllWorld.touchesFile', () => {
  it('follows edits, added cells and removed cells', () => {
    const world = new RunAllWorld(new VersionContext());
    const sources = [
      'out = "a.txt"',
      'open(out, "w").close()',
      'open("b.txt", "w").close()',
      'import os\nos.remove("c.txt")'
    ];
    const touched = () =>
      ['file:@out', 'file:b.txt', 'file:c.txt', 'file:d.txt'].filter(file =>
        world.touchesFile(file)
      );
    world.update(cells(sources), symbolsOf);
    expect(touched()).toEqual(['file:@out', 'file:b.txt', 'file:c.txt']);
    sources[2] = 'open("d.txt", "w").close()';
    world.update(cells(sources), symbolsOf);
    expect(touched()).toEqual(['file:@out', 'file:c.txt', 'file:d.txt']);
    world.update(cells(sources.slice(0, 1)), symbolsOf);
    expect(touched()).toEqual([]);
    world.update(cells([...sources.slice(0, 1), sources[3]]), symbolsOf);
    expect(touched()).toEqual(['file:c.txt']);
  });
});
