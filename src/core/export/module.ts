/**
 * The module export: one function per markdown section, a `main()` that calls them in the
 * clean script's order, and command-line options from papermill's `parameters` cell.
 *
 * Scoping is what makes this hard. A section's names become locals of its function; values
 * flow between sections as parameters and return values. Functions defined in the notebook
 * read globals when called, so every name such a function reads (or writes) and every
 * function or class a section defines stays a module global: sections that bind one declare
 * it `global`. Cells that only define functions and classes, once, from imports alone, stay
 * at module level as they are.
 */
import { ILiteral, parseCode } from './python';
import { scanSource, pythonString } from './lines';
import { lastHeading, NameChooser, snakeCase } from './naming';
import { IExportResult, IResolvedOptions } from './options';
import { dependencyOrder, displayOnly, undefinedNames } from './order';
import { bindLastResults, codePieces, hoist } from './pipeline';
import {
  effectsOf,
  IEffects,
  IPiece,
  isPythonName,
  needs,
  preparePiece,
  SCRIPT_NAMES
} from './prepare';
import { commentLines, docstring, headerLine, oneLine } from './writer';
import { ExportWarning } from '../findings';
import { INotebookCell } from '../types';

/** Papermill's tag for the cell that holds the notebook's parameters. */
export const PARAMETERS_TAG = 'parameters';

export function moduleExport(
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
  const parameters = Private.takeParameters(code.pieces, options, warnings);
  const pieces = code.pieces;
  // The parameters cell changed: its literals now come from `main`.
  const initial = parameters ? effectsOf(pieces) : code.effects;
  const ordering = dependencyOrder(pieces, initial);
  warnings.push(...ordering.notes);
  let order = ordering.order;
  const effects = bindLastResults(pieces, order, initial, warnings);
  let unused = new Set<string>();
  if (options.dropDisplayOnly) {
    const display = displayOnly(order, pieces, effects);
    order = order.filter(p => !display.dropped.has(p));
    unused = display.unused;
  }
  order = order.filter(p => pieces[p].code.trim() !== '');
  const literals = parameters?.literals ?? [];
  const hoisting = hoist(pieces, order, effects, {
    all: true,
    stars: true,
    unused
  });
  const moduleNames = new Set(hoisting.names);
  const library = Private.libraryPieces(
    pieces,
    order,
    effects,
    hoisting.code,
    moduleNames
  );
  library.forEach(p =>
    effects[p].defines.forEach(name => moduleNames.add(name))
  );
  const sectionOrder = order.filter(
    p => !library.has(p) && hoisting.code[p].trim() !== ''
  );
  const available = [...moduleNames, ...literals.map(l => l.name)];
  warnings.push(
    ...undefinedNames([...library, ...sectionOrder], pieces, effects, available)
  );

  const globals = Private.globalNames(
    pieces,
    order,
    effects,
    library,
    literals,
    moduleNames
  );
  const functions = Private.sections(cells, pieces, sectionOrder);
  Private.dataflow(functions, effects, globals, moduleNames, literals);
  const taken = Private.takenNames(pieces, effects, moduleNames, literals);
  const entries = new NameChooser(taken);
  const main = entries.choose('main');
  const parse = entries.choose('parse_arguments');
  // A section named like the entry points reads as a clash too: `main_section`.
  const sectionNames = new NameChooser(new Set([...taken, main, parse]));
  functions.forEach(f => {
    f.name = sectionNames.choose(f.base, '_section');
  });

  const markdown = options.markdown
    ? cells
        .map((cell, index) => ({ cell, index }))
        .filter(({ cell }) => cell.cellType === 'markdown')
    : [];
  let next = 0;
  /** The markdown not written yet that stands above cell `index`. */
  const markdownAbove = (index: number): string[] => {
    const taken: string[] = [];
    while (next < markdown.length && markdown[next].index < index) {
      taken.push(markdown[next++].cell.source);
    }
    return taken;
  };
  const blocks = [headerLine(options.notebookName, 'module')];
  // The notebook's preamble (title, introduction) describes the whole module.
  const preamble = markdownAbove(
    Math.min(...order.map(p => pieces[p].index))
  ).join('\n\n');
  if (preamble.trim() !== '') {
    blocks.push(docstring(preamble));
  }
  const imports =
    literals.length > 0
      ? ['import argparse', ...hoisting.lines]
      : hoisting.lines;
  if (imports.length > 0) {
    blocks.push(imports.join('\n'));
  }
  const shared = literals.filter(literal => globals.has(literal.name));
  if (shared.length > 0) {
    // Functions defined in the notebook read these as globals; `main()` sets them.
    blocks.push(
      shared.map(literal => `${literal.name} = ${literal.text}`).join('\n')
    );
  }
  for (const p of order.filter(q => library.has(q))) {
    blocks.push(hoisting.code[p].trim());
  }
  const bodies: string[][] = [];
  const docs: string[] = [];
  functions.forEach((f, k) => {
    const body: string[] = [];
    f.pieces.forEach((p, i) => {
      if (i === 0) {
        // What follows the previous section's code still belongs to it; the markdown from
        // this section's heading on is what the function's docstring says.
        const after = markdownAbove(f.start).map(commentLines);
        (k > 0 ? bodies[k - 1] : body).push(...after);
        docs.push(markdownAbove(pieces[p].index).join('\n\n'));
        body.push(hoisting.code[p].trim());
      } else {
        const comments = markdownAbove(pieces[p].index).map(commentLines);
        body.push([...comments, hoisting.code[p].trim()].join('\n'));
      }
    });
    bodies.push(body);
  });
  functions.forEach((f, k) =>
    blocks.push(Private.functionText(f, docs[k], bodies[k]))
  );
  blocks.push(Private.mainText(main, functions, literals, globals));
  if (literals.length > 0) {
    blocks.push(Private.parserText(parse, options.notebookName, literals));
  }
  blocks.push(
    `if __name__ == "__main__":\n    ${main}(${literals.length > 0 ? `**${parse}()` : ''})`
  );
  return { text: blocks.join('\n\n\n') + '\n', warnings };
}

namespace Private {
  export interface IFunction {
    /** The heading it is named after (or null before the first heading). */
    heading: string | null;
    /** The index of the cell holding the heading (-1 before the first heading). */
    start: number;
    base: string;
    name: string;
    pieces: number[];
    params: string[];
    returns: string[];
    globals: string[];
    /** Names it reads before binding them, in order. */
    reads: string[];
    /** Names it binds. */
    binds: Set<string>;
    /** Names it changes in place. */
    mutates: Set<string>;
  }

  export interface IParameters {
    piece: number;
    literals: ILiteral[];
  }

  /**
   * Takes the literal assignments out of the first cell tagged `parameters`; what else the
   * cell holds stays in its section.
   */
  export function takeParameters(
    pieces: IPiece[],
    options: IResolvedOptions,
    warnings: ExportWarning[]
  ): IParameters | null {
    const tagged = pieces.filter(piece => piece.tags.includes(PARAMETERS_TAG));
    if (tagged.length === 0) {
      return null;
    }
    if (tagged.length > 1) {
      warnings.push({
        kind: 'parameters-twice',
        count: tagged.length,
        tag: PARAMETERS_TAG,
        piece: tagged[0].ref
      });
    }
    const piece = tagged[0];
    const position = pieces.indexOf(piece);
    const statements = piece.parsed.statements.filter(
      s => s.literal && s.alone
    );
    const lines = new Set<number>();
    statements.forEach(s => {
      for (let line = s.firstLine; line <= s.lastLine; line++) {
        lines.add(line);
      }
    });
    const rest = piece.code
      .split('\n')
      .filter((_, line) => !lines.has(line))
      .join('\n');
    pieces[position] = preparePiece(
      { ...piece, source: rest, executionCount: piece.executionCount },
      options.magics,
      options.extraMutators,
      warnings
    );
    // Later literals win, as in the cell.
    const byName = new Map(statements.map(s => [s.literal!.name, s.literal!]));
    return { piece: position, literals: [...byName.values()] };
  }

  export const DEFINITIONS = new Set([
    'FunctionDefinition',
    'ClassDefinition',
    'DecoratedStatement'
  ]);

  /**
   * Cells that only define functions and classes (each defined by no other code), needing
   * only module-level names to do so: they stay at module level, in order.
   */
  export function libraryPieces(
    pieces: readonly IPiece[],
    order: readonly number[],
    effects: readonly IEffects[],
    code: readonly string[],
    moduleNames: ReadonlySet<string>
  ): Set<number> {
    const library = new Set<number>();
    if (moduleNames.has('*')) {
      // A star import may define anything a definition reads.
      return library;
    }
    const known = new Set(moduleNames);
    const binders = new Map<string, number>();
    for (const p of order) {
      for (const name of new Set([
        ...effects[p].defines,
        ...effects[p].deletes
      ])) {
        binders.set(name, (binders.get(name) ?? 0) + 1);
      }
    }
    for (const p of order) {
      const e = effects[p];
      // Hoisting rewrites only the pieces that import: the others keep their parse.
      const parsed =
        code[p] === pieces[p].code ? pieces[p].parsed : parseCode(code[p]);
      const definitions = parsed.statements.filter(s =>
        DEFINITIONS.has(s.type)
      );
      const onlyDefinitions =
        definitions.length > 0 &&
        parsed.statements.every(
          s =>
            DEFINITIONS.has(s.type) ||
            s.type === 'PassStatement' ||
            isDocstring(s, code[p])
        );
      const defined = definitions.map(s => s.defines!);
      const boundOnce =
        new Set(defined).size === defined.length &&
        defined.every(
          name =>
            binders.get(name)! -
              (e.defines.has(name) || e.deletes.has(name) ? 1 : 0) ===
            0
        );
      const ready = needs(e).every(
        name =>
          !isPythonName(name) ||
          known.has(name) ||
          SCRIPT_NAMES.has(name) ||
          defined.includes(name)
      );
      if (
        !pieces[p].broken &&
        !e.opaque &&
        onlyDefinitions &&
        boundOnce &&
        ready
      ) {
        library.add(p);
        defined.forEach(name => known.add(name));
      }
    }
    return library;
  }

  export function isDocstring(
    statement: { type: string; from: number; to: number },
    code: string
  ): boolean {
    return (
      statement.type === 'ExpressionStatement' &&
      /^[rRuU]*("""|'''|"|')/.test(code.slice(statement.from, statement.to))
    );
  }

  /**
   * Names that must live in the module namespace: what notebook functions read, write or call,
   * what code given as a string reads there, and the functions and classes sections define,
   * when code in a section binds them (names bound at module level already are).
   */
  export function globalNames(
    pieces: readonly IPiece[],
    order: readonly number[],
    effects: readonly IEffects[],
    library: ReadonlySet<number>,
    literals: readonly ILiteral[],
    moduleNames: ReadonlySet<string>
  ): Set<string> {
    const candidates = new Set<string>();
    for (const p of order) {
      for (const [name, summary] of Object.entries(
        pieces[p].symbols.functions
      )) {
        if (!library.has(p)) {
          candidates.add(name);
        }
        [
          ...summary.reads,
          ...summary.writes,
          ...summary.mutates,
          ...summary.calls
        ].forEach(n => candidates.add(n));
      }
      // `cProfile.run('a + b')` runs its code in `__main__`, not in the section's locals.
      pieces[p].symbols.evaluated?.forEach(n => candidates.add(n));
      for (const statement of library.has(p)
        ? []
        : pieces[p].parsed.statements) {
        if (statement.defines) {
          candidates.add(statement.defines);
        }
      }
    }
    const boundBySections = new Set<string>(literals.map(l => l.name));
    order
      .filter(p => !library.has(p))
      .forEach(p => {
        effects[p].defines.forEach(n => boundBySections.add(n));
        effects[p].deletes.forEach(n => boundBySections.add(n));
      });
    return new Set(
      [...candidates].filter(
        n => isPythonName(n) && boundBySections.has(n) && !moduleNames.has(n)
      )
    );
  }

  /** Runs of consecutive pieces (in run order) under the same heading. */
  export function sections(
    cells: readonly INotebookCell[],
    pieces: readonly IPiece[],
    order: readonly number[]
  ): IFunction[] {
    const headingAt: (string | null)[] = [];
    let heading: string | null = null;
    let section = -1;
    const sectionAt: number[] = [];
    cells.forEach((cell, index) => {
      if (cell.cellType === 'markdown') {
        const found = lastHeading(cell.source);
        if (found) {
          heading = found;
          section = index;
        }
      }
      headingAt.push(heading);
      sectionAt.push(section);
    });
    const functions: IFunction[] = [];
    let current = Number.NaN;
    for (const p of order) {
      const index = pieces[p].index;
      if (sectionAt[index] !== current) {
        current = sectionAt[index];
        const title = headingAt[index];
        functions.push({
          heading: title,
          start: current,
          base: title === null ? 'setup' : snakeCase(title) || 'section',
          name: '',
          pieces: [],
          params: [],
          returns: [],
          globals: [],
          reads: [],
          binds: new Set(),
          mutates: new Set()
        });
      }
      functions[functions.length - 1].pieces.push(p);
    }
    return functions;
  }

  /** Parameters, return values and `global` declarations of each function. */
  export function dataflow(
    functions: IFunction[],
    effects: readonly IEffects[],
    globals: ReadonlySet<string>,
    moduleNames: ReadonlySet<string>,
    literals: readonly ILiteral[]
  ): void {
    const passed = (name: string): boolean =>
      isPythonName(name) && !globals.has(name) && !moduleNames.has(name);
    for (const f of functions) {
      const reads = new Set<string>();
      const touched = new Set<string>();
      for (const p of f.pieces) {
        const e = effects[p];
        for (const name of needs(e)) {
          if (!f.binds.has(name)) {
            reads.add(name);
          }
        }
        e.defines.forEach(name => f.binds.add(name));
        e.mutates.forEach(name => f.mutates.add(name));
        [...e.defines, ...e.deletes, ...e.mutates].forEach(name =>
          touched.add(name)
        );
      }
      f.reads = [...reads];
      f.globals = [...touched].filter(name => globals.has(name)).sort();
    }
    const earlier = new Set<string>(literals.map(l => l.name));
    functions.forEach(f => {
      f.params = f.reads.filter(name => passed(name) && earlier.has(name));
      f.binds.forEach(name => earlier.add(name));
    });
    const later = new Set<string>();
    for (let k = functions.length - 1; k >= 0; k--) {
      const f = functions[k];
      // A changed parameter goes back too: `x += 1` may have rebound an immutable value.
      const changed = f.params.filter(name => f.mutates.has(name));
      const own = [...f.binds, ...changed].filter(
        name => passed(name) && later.has(name)
      );
      f.returns = [...new Set(own)];
      f.reads.forEach(name => later.add(name));
    }
  }

  /** Every name a generated name must not clash with. */
  export function takenNames(
    pieces: readonly IPiece[],
    effects: readonly IEffects[],
    moduleNames: ReadonlySet<string>,
    literals: readonly ILiteral[]
  ): Set<string> {
    const taken = new Set<string>([
      ...SCRIPT_NAMES,
      ...moduleNames,
      ...literals.map(l => l.name)
    ]);
    taken.add('argparse');
    effects.forEach((e, p) => {
      [...e.reads, ...e.defines, ...e.deletes, ...e.mutates].forEach(name =>
        taken.add(name)
      );
      Object.keys(pieces[p].symbols.functions).forEach(name => taken.add(name));
    });
    return taken;
  }

  export function functionText(
    f: IFunction,
    markdown: string,
    body: string[]
  ): string {
    const doc =
      markdown.trim() !== ''
        ? markdown
        : (f.heading ?? 'The code before the first heading.');
    const lines = [docstring(doc, '    ')];
    if (f.globals.length > 0) {
      lines.push(`global ${f.globals.join(', ')}`);
    }
    const statements = body.join('\n\n');
    lines.push(statements);
    if (f.returns.length > 0) {
      lines.push(`return ${f.returns.join(', ')}`);
    }
    return `def ${f.name}(${f.params.join(', ')}):\n${indent(lines.join('\n'))}`;
  }

  export function mainText(
    name: string,
    functions: readonly IFunction[],
    literals: readonly ILiteral[],
    globals: ReadonlySet<string>
  ): string {
    const lines = ['"""Runs the notebook\'s sections in order."""'];
    const shared = literals.filter(l => globals.has(l.name));
    if (shared.length > 0) {
      // A parameter cannot be declared `global`.
      lines.push(
        `globals().update(${shared.map(l => `${l.name}=${l.name}`).join(', ')})`
      );
    }
    for (const f of functions) {
      const call = `${f.name}(${f.params.join(', ')})`;
      lines.push(
        f.returns.length > 0 ? `${f.returns.join(', ')} = ${call}` : call
      );
    }
    const signature = literals.map(l => `${l.name}=${l.text}`).join(', ');
    return `def ${name}(${signature}):\n${indent(lines.join('\n'))}`;
  }

  export function parserText(
    name: string,
    notebookName: string,
    literals: readonly ILiteral[]
  ): string {
    const clean = oneLine(notebookName);
    const lines = [
      '"""Command-line options, with the defaults of the notebook\'s `parameters` cell."""',
      `parser = argparse.ArgumentParser(description=${pythonString(`Runs ${clean || 'the notebook'} as a script.`)})`
    ];
    for (const literal of literals) {
      const flag = `"--${literal.name.replace(/_/g, '-')}", dest="${literal.name}"`;
      const kind =
        literal.type === 'bool'
          ? 'action=argparse.BooleanOptionalAction'
          : `type=${literal.type === 'none' ? 'str' : literal.type}`;
      lines.push(
        `parser.add_argument(${flag}, ${kind}, default=${literal.text})`
      );
    }
    lines.push('return vars(parser.parse_args(argv))');
    return `def ${name}(argv=None):\n${indent(lines.join('\n'))}`;
  }

  /**
   * Four spaces before every line, except inside multi-line strings (that would change them).
   * Every body given starts with its docstring, so it never needs a `pass`.
   */
  export function indent(code: string): string {
    const scanned = scanSource(code);
    return scanned.lines
      .map((line, i) => {
        if (scanned.inString[i]) {
          return line;
        }
        return line.trim() === '' ? '' : `    ${line}`;
      })
      .join('\n');
  }
}
