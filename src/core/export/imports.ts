/**
 * Hoisting imports to the top of an export, de-duplicated, where moving them changes nothing:
 * not past a change of `sys.path` or the working folder, and not for a name that other code
 * also binds.
 */
import { scanSource } from './lines';
import { IEffects, IPiece } from './prepare';
import { IImport, IImportName, importBindings, IStatement } from './python';

export interface IHoisting {
  /** Import statements for the top of the file, in order of first appearance. */
  lines: string[];
  /** The code of each piece (same positions as the input) without what was hoisted. */
  code: string[];
  /** Names the hoisted imports bind (`*` for a star import). */
  names: Set<string>;
}

export interface IHoistOptions {
  /** Hoist every import that can move; otherwise only `from __future__` (which must). */
  all: boolean;
  /** Hoist star imports, always (a function body cannot hold one); otherwise never. */
  stars: boolean;
  /** Imports to add at the end of the block (`from IPython.display import display`). */
  extra: string[];
  /** Names no code uses any more: their hoisted imports are left out. */
  unused?: ReadonlySet<string>;
}

/** Statements before which an import may resolve differently: it cannot move above them. */
const IMPORT_BARRIER =
  /\bsys\.path\b|\bos\.chdir\s*\(|\bsite\.addsitedir\s*\(|\b(matplotlib|mpl)\.use\s*\(/;

export function hoistImports(
  pieces: readonly IPiece[],
  order: readonly number[],
  effects: readonly IEffects[],
  options: IHoistOptions
): IHoisting {
  const code = pieces.map(piece => piece.code);
  const identities = Private.identities(pieces, order);
  const boundElsewhere = Private.boundOutsideImports(pieces, order, effects);
  const entries: Private.IEntry[] = [];
  let barrier = false;
  for (const p of order) {
    const piece = pieces[p];
    barrier =
      barrier ||
      effects[p].mutates.has('sys') ||
      IMPORT_BARRIER.test(piece.code);
    if (piece.broken) {
      continue;
    }
    const removed = new Set<number>();
    const lines = piece.code.split('\n');
    const inString = scanSource(piece.code).inString;
    for (const statement of piece.parsed.statements) {
      const imported = statement.imported;
      if (!imported || !statement.alone) {
        continue;
      }
      const future = imported.module === '__future__';
      const star = imported.names.some(name => name.name === '*');
      const movable =
        future ||
        (star && options.stars) ||
        (options.all &&
          !barrier &&
          !star &&
          // Every import binds it to the same thing, and no other code binds it.
          importBindings(imported).every(
            name =>
              name === '*' ||
              ((identities.get(name)?.size ?? 0) <= 1 &&
                !boundElsewhere.has(name))
          ));
      if (!movable) {
        continue;
      }
      const kept = imported.names.filter(
        name =>
          !options.unused?.has(
            importBindings({ module: imported.module, names: [name] })[0]
          )
      );
      // Its comments move with it, and are dropped with it when none of its names is kept.
      const comments = Private.attachedComments(lines, inString, statement);
      kept.forEach((name, i) =>
        entries.push({
          module: imported.module,
          name,
          comments: i === 0 ? comments.text : []
        })
      );
      comments.lines.forEach(line => removed.add(line));
      for (let line = statement.firstLine; line <= statement.lastLine; line++) {
        removed.add(line);
      }
    }
    if (removed.size > 0) {
      code[p] = lines.filter((_, line) => !removed.has(line)).join('\n');
    }
  }
  const names = new Set<string>();
  entries.forEach(entry =>
    importBindings({ module: entry.module, names: [entry.name] }).forEach(n =>
      names.add(n)
    )
  );
  return { lines: [...Private.render(entries), ...options.extra], code, names };
}

namespace Private {
  export interface IEntry {
    module: string | null;
    name: IImportName;
    /** Comment lines written above its import. */
    comments: string[];
  }

  /**
   * The comments that belong to an import statement: the comment lines right above it (no
   * blank line between) and those at the end of its own lines. An import holds no string,
   * so a `#` on its lines starts a comment.
   */
  export function attachedComments(
    lines: readonly string[],
    inString: readonly boolean[],
    statement: IStatement
  ): { lines: number[]; text: string[] } {
    let first = statement.firstLine;
    while (
      first > 0 &&
      !inString[first - 1] &&
      lines[first - 1].trimStart().startsWith('#')
    ) {
      first--;
    }
    const above = lines.slice(first, statement.firstLine).map(l => l.trim());
    const trailing = lines
      .slice(statement.firstLine, statement.lastLine + 1)
      .flatMap(line => {
        const hash = line.indexOf('#');
        return hash < 0 ? [] : [line.slice(hash).trim()];
      });
    return {
      lines: Array.from(
        { length: statement.firstLine - first },
        (_, i) => first + i
      ),
      text: [...above, ...trailing]
    };
  }

  /** What each name is bound to by the imports in the pieces, as a set of identities. */
  export function identities(
    pieces: readonly IPiece[],
    order: readonly number[]
  ): Map<string, Set<string>> {
    const result = new Map<string, Set<string>>();
    for (const p of order) {
      for (const statement of pieces[p].parsed.statements) {
        if (statement.imported) {
          bindings(statement.imported).forEach(([name, identity]) => {
            const set = result.get(name) ?? new Set<string>();
            set.add(identity);
            result.set(name, set);
          });
        }
      }
    }
    return result;
  }

  /** [bound name, what it is bound to]: `import a.b` and `import a.c` both bind package `a`. */
  export function bindings(imported: IImport): [string, string][] {
    const names = importBindings(imported);
    return imported.names.map(({ name, asname }, i) => {
      if (imported.module !== null) {
        return [names[i], `${imported.module}:${name}`];
      }
      return [names[i], asname ? name : name.split('.')[0]];
    });
  }

  /**
   * Names that code other than an import binds (an assignment, a def, a call's global
   * write): an import of such a name stays where it is.
   */
  export function boundOutsideImports(
    pieces: readonly IPiece[],
    order: readonly number[],
    effects: readonly IEffects[]
  ): Set<string> {
    const names = new Set<string>();
    for (const p of order) {
      const imported = new Set<string>();
      for (const s of pieces[p].parsed.statements) {
        if (s.imported !== null) {
          importBindings(s.imported).forEach(name => imported.add(name));
        }
      }
      for (const name of [...effects[p].defines, ...effects[p].deletes]) {
        if (!imported.has(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /**
   * One statement per plain import, one per module for `from`, duplicates removed; the
   * comments of the imports merged into a statement above it, each once.
   */
  export function* render(entries: IEntry[]): Generator<string> {
    const seen = new Set<string>();
    const fromGroups = new Map<string, string[]>();
    const comments = new Map<string, Set<string>>();
    const order: { key: string; module: string | null }[] = [];
    const future = entries.filter(e => e.module === '__future__');
    for (const { module, name, comments: own } of [
      ...future,
      ...entries.filter(e => e.module !== '__future__')
    ]) {
      const text = name.asname ? `${name.name} as ${name.asname}` : name.name;
      const line = module === null ? `import ${text}` : `from ${module}`;
      if (!comments.has(line)) {
        comments.set(line, new Set());
      }
      own.forEach(comment => comments.get(line)!.add(comment));
      const key = `${module ?? ''}|${text}`;
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      if (module === null) {
        order.push({ key: text, module: null });
        continue;
      }
      if (!fromGroups.has(module)) {
        fromGroups.set(module, []);
        order.push({ key: module, module });
      }
      fromGroups.get(module)!.push(text);
    }
    for (const { key, module } of order) {
      for (const comment of comments.get(
        module === null ? `import ${key}` : `from ${key}`
      )!) {
        yield comment;
      }
      if (module === null) {
        yield `import ${key}`;
        continue;
      }
      const names = fromGroups.get(module)!;
      const line = `from ${module} import ${names.join(', ')}`;
      yield line.length <= 88
        ? line
        : `from ${module} import (\n${names.map(n => `    ${n},`).join('\n')}\n)`;
    }
  }
}
