/**
 * Turns a cell's IPython source into plain Python, by the user's choice of what to do with
 * magics and shell escapes: comment them out, call `get_ipython()`, or drop them.
 */
import { MagicNote } from '../findings';
import { normalizeCell } from '../python';
import { IIPythonLine, pythonString, scanSource } from './lines';
import { safeLines } from './writer';

export const MAGICS_MODES = ['comment', 'ipython', 'drop'] as const;
export type MagicsMode = (typeof MAGICS_MODES)[number];

export interface ITransformedCell {
  /** The text that goes into the export. */
  code: string;
  /**
   * Python with the same effect on names as `code` has under IPython, for the symbol
   * analysis: with `ipython`, the statement a `%time` wraps and the body of a `%%time` cell
   * are visible here while `code` hides them in a string.
   */
  analysisCode: string;
  /** Why the analysis cannot see this cell's effects (`%run` called through IPython). */
  opaque: string[];
  /** Something the reader should know, without the cell reference (the caller adds it). */
  notes: MagicNote[];
  /** `code` calls `get_ipython()`. */
  usesIPython: boolean;
}

/** Cell magics whose body is Python run in the user namespace. */
const PYTHON_BODY_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun']);

/** Line magics that run a Python statement given as their argument, with their options. */
const WRAPPING_LINE_MAGICS: Record<string, { valued: string; flags: string }> =
  {
    time: { valued: '', flags: '' },
    timeit: { valued: 'nrp', flags: 'tcqo' },
    prun: { valued: 'DTls', flags: 'rq' }
  };

/** Line magics through which IPython changes names the analysis cannot see. */
const NAMESPACE_MAGICS = new Set([
  'run',
  'load',
  'store',
  'reset',
  'reset_selective',
  'xdel',
  'macro',
  'rerun',
  'recall',
  'autoreload',
  'aimport'
]);

export function transformCell(
  source: string,
  mode: MagicsMode
): ITransformedCell {
  const scanned = scanSource(Private.dedent(normalizeCell(source)));
  const magic = scanned.cellMagic;
  if (magic) {
    return Private.cellMagic(scanned.lines, magic.line, magic, mode);
  }
  const code = [...scanned.lines];
  const analysis = [...scanned.lines];
  const result: ITransformedCell = {
    code: '',
    analysisCode: '',
    opaque: [],
    notes: [],
    usesIPython: false
  };
  for (const line of scanned.ipython) {
    const original = scanned.lines.slice(line.first, line.last + 1);
    const rewritten = Private.rewriteLine(line, original, mode, result);
    code.splice(
      line.first,
      original.length,
      ...Private.pad(rewritten.code, original.length)
    );
    analysis.splice(
      line.first,
      original.length,
      ...Private.pad(rewritten.analysis, original.length)
    );
  }
  result.code = code.filter(line => line !== Private.REMOVED).join('\n');
  result.analysisCode = analysis
    .filter(line => line !== Private.REMOVED)
    .join('\n');
  return result;
}

namespace Private {
  /** Marks a physical line that the rewrite removed; filtered out at the end. */
  export const REMOVED = '\u0000';

  /**
   * IPython removes the indentation of a cell whose first line is indented; so do we, or
   * the script would not parse.
   */
  export function dedent(source: string): string {
    const lines = source.split('\n');
    const first = lines.find(line => line.trim() !== '');
    const indent = first ? /^[ \t]*/.exec(first)![0] : '';
    if (
      !indent ||
      !lines.every(line => line.trim() === '' || line.startsWith(indent))
    ) {
      return source;
    }
    return lines.map(line => line.slice(indent.length)).join('\n');
  }

  /** Keeps line numbers stable while splicing (so later constructs keep their positions). */
  export function pad(lines: string[], length: number): string[] {
    const out = lines.slice(0, length);
    if (lines.length > length) {
      out[length - 1] = lines.slice(length - 1).join('\n');
    }
    while (out.length < length) {
      out.push(REMOVED);
    }
    return out;
  }

  export function cellMagic(
    lines: string[],
    at: number,
    magic: { name: string; args: string; body: string },
    mode: MagicsMode
  ): ITransformedCell {
    const head = lines
      .slice(0, at + 1)
      .join('\n')
      .trim();
    const pythonBody = PYTHON_BODY_CELL_MAGICS.has(magic.name);
    const result: ITransformedCell = {
      code: '',
      analysisCode: '',
      opaque: [],
      notes: [],
      usesIPython: false
    };
    const body = pythonBody ? transformCell(magic.body, mode) : null;
    if (mode === 'ipython') {
      result.code = `get_ipython().run_cell_magic(${pythonString(magic.name)}, ${pythonString(
        magic.args
      )}, ${pythonString(magic.body)})`;
      result.usesIPython = true;
      result.analysisCode = body ? body.analysisCode : '';
      return result;
    }
    if (body) {
      result.code =
        (mode === 'comment' ? commentOut(head) + '\n' : '') + body.code;
      result.analysisCode = body.analysisCode;
      result.usesIPython = body.usesIPython;
      result.opaque = body.opaque;
      result.notes = body.notes;
      if (
        magic.name === 'capture' &&
        magic.args.split(/\s+/).some(a => /^\w+$/.test(a))
      ) {
        result.notes.push({ kind: 'capture-dropped', args: magic.args });
      }
      return result;
    }
    result.notes.push({
      kind: 'not-python',
      magic: magic.name,
      dropped: mode === 'drop'
    });
    result.code = mode === 'comment' ? commentOut(lines.join('\n')) : '';
    result.analysisCode = '';
    return result;
  }

  /** The replacement lines of one IPython construct, for the export and for the analysis. */
  export function rewriteLine(
    line: IIPythonLine,
    original: string[],
    mode: MagicsMode,
    result: ITransformedCell
  ): { code: string[]; analysis: string[] } {
    const wrapped =
      line.kind === 'magic' && !line.target ? wrappedStatement(line) : null;
    const indent = line.indent;
    if (mode === 'ipython') {
      const call = ipythonCall(line);
      result.usesIPython = true;
      const code = [indent + (line.target ? `${line.target} = ${call}` : call)];
      if (line.kind === 'magic' && NAMESPACE_MAGICS.has(line.name)) {
        result.opaque.push(`%${line.name} runs through IPython`);
      }
      return { code, analysis: wrapped ? [indent + wrapped] : code };
    }
    if (wrapped) {
      const code = [
        indent + wrapped + (mode === 'comment' ? `  # %${line.name}` : '')
      ];
      return { code, analysis: code };
    }
    if (line.target) {
      result.notes.push({
        kind: 'target-not-set',
        line: original.join(' ').trim(),
        target: line.target,
        dropped: mode === 'drop'
      });
    }
    if (line.kind === 'magic' && NAMESPACE_MAGICS.has(line.name)) {
      result.notes.push({
        kind: 'names-missing',
        magic: line.name,
        dropped: mode === 'drop'
      });
    }
    // An indented line sits in a block that must keep a statement.
    const pass = indent ? [indent + 'pass'] : [];
    if (mode === 'drop') {
      return { code: pass, analysis: pass };
    }
    const comment = original.map(text => commentOut(text));
    if (indent) {
      comment[0] = `${indent}pass  ${comment[0].trimStart()}`;
    }
    return { code: comment, analysis: pass };
  }

  /** `# ` before each line, after its indentation. */
  export function commentOut(text: string): string {
    return safeLines(text)
      .map(line => {
        const indent = /^\s*/.exec(line)![0];
        return `${indent}# ${line.slice(indent.length)}`.trimEnd();
      })
      .join('\n');
  }

  export function ipythonCall(line: IIPythonLine): string {
    if (line.kind === 'shell') {
      const method = line.capture || line.target ? 'getoutput' : 'system';
      return `get_ipython().${method}(${pythonString(line.args)})`;
    }
    return `get_ipython().run_line_magic(${pythonString(line.name)}, ${pythonString(line.args)})`;
  }

  /** The statement a `%time`-like magic runs, without its options; null if none. */
  export function wrappedStatement(line: IIPythonLine): string | null {
    const options = WRAPPING_LINE_MAGICS[line.name];
    if (!options) {
      return null;
    }
    const words = line.args.split(' ');
    let i = 0;
    while (i < words.length && /^-\w+$/.test(words[i])) {
      const letter = words[i][1];
      if (options.valued.includes(letter)) {
        // `-n 10` or `-n10`
        i += words[i].length === 2 ? 2 : 1;
      } else if ([...words[i].slice(1)].every(l => options.flags.includes(l))) {
        i += 1;
      } else {
        break;
      }
    }
    const statement = words.slice(i).join(' ').trim();
    return statement || null;
  }
}
