/**
 * Rewrites IPython syntax (`%magic`, `%%cell magic`, `!shell`, `x = !cmd`, `obj?`, prompts)
 * into plain Python that a Python parser accepts, line for line: every rewritten line is
 * replaced by a placeholder on the same line, so line numbers stay valid. What the magics do
 * to the namespace is returned beside the text.
 *
 * The rules follow IPython 8's `inputtransformer2`: cleanup (leading blank lines, common
 * indentation, `>>>` and `In [1]:` prompts), a cell magic on the first line, then escaped
 * commands at the start of a logical line only (never inside a string or brackets).
 *
 * One fix is not about IPython: `@lezer/python` rejects floats written `1.`, so they are
 * written `10` (same length; the analysis never looks at values).
 */
import { PYTHON_KEYWORDS } from './keywords';

/** What magics do that the Python placeholders cannot say. */
export interface IMagicEffects {
  defines: string[];
  reads: string[];
  mutates: string[];
  deletes: string[];
  opaque: string[];
  irreversible: string[];
}

export interface IPreprocessed {
  /** Python text with exactly the lines of the source. */
  python: string;
  /** The cell magic's name when the cell body is not Python (`%%bash`). */
  notPython?: string;
  effects: IMagicEffects;
  /** Inclusive 0-based line ranges that run in a throwaway namespace (`%timeit`): reads only. */
  readOnlyLines: Array<[number, number]>;
  /** For rewritten lines: column in the source = column in `python` + shift. */
  columnShifts: Map<number, number>;
}

/**
 * A cell as Python reads it. `\r\n` and a lone `\r` become `\n`: Python ends a line at each,
 * and reads them as `\n` inside strings too; every line-based step then splits at `\n` only.
 * Blank lines at the end keep only their line end: Python ignores them, the grammar fails on
 * one indented deeper than the block above it (common at the end of a `def` cell).
 */
export function normalizeCell(source: string): string {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) {
    end--;
  }
  return text.slice(0, end) + text.slice(end).replace(/[^\n]/g, '');
}

/** Rewrites one cell (`normalizeCell` first). Never throws. */
export function preprocessIPython(cellSource: string): IPreprocessed {
  const source = normalizeCell(cellSource);
  const effects: IMagicEffects = {
    defines: [],
    reads: [],
    mutates: [],
    deletes: [],
    opaque: [],
    irreversible: []
  };
  if (!Private.mayNeedRewrite(source)) {
    return {
      python: source,
      effects,
      readOnlyLines: [],
      columnShifts: new Map()
    };
  }
  const rewriter = new Private.Rewriter(source.split('\n'), effects);
  const notPython = rewriter.process(0);
  const result: IPreprocessed = {
    python: rewriter.lines.join('\n'),
    effects,
    readOnlyLines: rewriter.readOnly,
    columnShifts: rewriter.shifts
  };
  if (notPython !== undefined) {
    result.notPython = notPython;
  }
  return result;
}

/** Names read by `$name`, `${expr}` and `{expr}` in a shell command or magic line. */
export function interpolatedNames(text: string): string[] {
  const names = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$') {
      const next = text[i + 1];
      if (next === '$') {
        i++;
      } else if (next === '{') {
        const end = Private.closingBrace(text, i + 1);
        if (end > 0) {
          Private.addIdentifiers(text.slice(i + 2, end), names);
          i = end;
        }
      } else {
        Private.IDENTIFIER.lastIndex = i + 1;
        const match = Private.IDENTIFIER.exec(text);
        if (match !== null) {
          Private.addName(match[0], names);
          i += match[0].length;
        }
      }
    } else if (c === '{') {
      if (text[i + 1] === '{') {
        i++;
        continue;
      }
      const end = Private.closingBrace(text, i);
      if (end > 0) {
        Private.addIdentifiers(text.slice(i + 1, end), names);
        i = end;
      }
    }
  }
  return [...names];
}

namespace Private {
  /** Sticky: matches only at `lastIndex`. */
  export const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
  const WORDS = /(?<![\w.])[A-Za-z_][A-Za-z0-9_]*/g;
  const STRINGS = /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g;
  const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const DOTTED_NAME = /^[A-Za-z_][\w.]*$/;
  const HELP_END =
    /(%{0,2}(?!\d)[\w*]+(?:\.(?!\d)[\w*]+|\[-?[0-9]+\])*)(\?\??)$/;
  const IPYTHON_PROMPT = /^(((\[nav\]|\[ins\])? )?In \[\d+\]: |\s*\.{3,}: ?)/;
  /** IPython's `classic_prompt` (`>>>`, `...`) and `ipython_prompt`: [first line, any line]. */
  const PROMPTS: ReadonlyArray<[RegExp, RegExp]> = [
    [/^>>>( |$)/, /^(>>>|\.\.\.)( |$)/],
    [IPYTHON_PROMPT, IPYTHON_PROMPT]
  ];
  /**
   * An escaped command or a prompt at the start of the first line; `ESCAPE_LATER` finds them
   * after a line break, and `x = %magic` / `x = !cmd`. Two patterns rather than one with `^` in
   * multiline mode: a pattern that starts with a character lets the engine skip to the places
   * where it may match, at half the cost on a typical cell.
   */
  const ESCAPE_FIRST_LINE = /^(?:[ \t]*[%!?,;/]|>>>|\.\.\.|In \[)/;
  const ESCAPE_LATER =
    /[\n\r\u2028\u2029](?:[ \t]*[%!?,;/]|>>>|\.\.\.|In \[)|=[ \t]*[%!]/;
  /** `obj?` at the end of a line (`?` elsewhere is no IPython syntax). */
  const HELP_AT_LINE_END = /\?\s*$/m;
  /**
   * A float written `1.` (valid Python, not accepted by the grammar), or text that looks like
   * one; digits inside a name (`df2.head()`) do not start a number.
   */
  const BARE_FLOAT = /(?<![\w.])\d[\d_]*\.(?!\d)/;
  const LEADING_INDENT = /^[ \t]+/;

  /** Cell magics whose body is Python run in the user namespace. */
  const PYTHON_CELL_MAGICS = new Set([
    'time',
    'prun',
    'debug',
    'capture',
    'timeit'
  ]);

  /** Cell magics that run a program and accept `--out`, `--err`, `--proc` variables. */
  const SCRIPT_CELL_MAGICS = new Set([
    'bash',
    'sh',
    'script',
    'perl',
    'ruby',
    'python',
    'python2',
    'python3',
    'pypy',
    'zsh'
  ]);

  /** Line magics that run code the analysis cannot see, or wipe the namespace. */
  const OPAQUE_LINE_MAGICS = new Set([
    'run',
    'rerun',
    'recall',
    'macro',
    'paste',
    'cpaste',
    'pylab',
    'reset',
    'reset_selective'
  ]);

  /**
   * Whether the rewriter may change the cell. Most cells need none of it, and these tests cost
   * far less than running it; they may hold where it then changes nothing.
   */
  export function mayNeedRewrite(source: string): boolean {
    if (
      ESCAPE_FIRST_LINE.test(source) ||
      ESCAPE_LATER.test(source) ||
      (source.includes('?') && HELP_AT_LINE_END.test(source)) ||
      BARE_FLOAT.test(source)
    ) {
      return true;
    }
    // IPython removes the indentation of an indented first line from the whole cell.
    const first = source.search(/\S/);
    return (
      first > 0 && (source[first - 1] === ' ' || source[first - 1] === '\t')
    );
  }

  /** Index of the `}` closing the `{` at `open`, or -1. */
  export function closingBrace(text: string, open: number): number {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') {
        depth++;
      } else if (text[i] === '}') {
        depth--;
        if (depth === 0) {
          return i;
        }
      }
    }
    return -1;
  }

  export function addName(name: string, names: Set<string>): void {
    if (!PYTHON_KEYWORDS.has(name)) {
      names.add(name);
    }
  }

  /** Adds the free-looking identifiers of a Python expression (not attributes, not in strings). */
  export function addIdentifiers(expression: string, names: Set<string>): void {
    const code = expression.replace(STRINGS, ' ');
    for (const match of code.matchAll(WORDS)) {
      addName(match[0], names);
    }
  }

  export function pythonIdentifiers(expression: string): string[] {
    const names = new Set<string>();
    addIdentifiers(expression, names);
    return [...names];
  }

  /** A statement that reads `names` and does nothing else. */
  export function readsStatement(names: string[]): string {
    if (names.length < 2) {
      return names.length === 0 ? 'pass' : names[0];
    }
    return `[${names.join(', ')}]`;
  }

  /** An expression that reads `names`, for the right side of `x = %magic`. */
  export function readsExpression(names: string[]): string {
    return names.length === 0 ? 'None' : `[${names.join(', ')}]`;
  }

  /** Splits `name rest` at the first space, as IPython's `str.partition(' ')`. */
  export function partition(text: string): [string, string] {
    const space = text.indexOf(' ');
    return space < 0
      ? [text, '']
      : [text.slice(0, space), text.slice(space + 1)];
  }

  /**
   * Removes leading `-x` options of a magic; letters in `withValue` take a value
   * (`-n 10` or `-n10`). Returns the rest and how many characters were removed.
   */
  export function stripOptions(
    args: string,
    withValue: string
  ): [string, number] {
    let rest = args;
    for (;;) {
      const trimmed = rest.replace(/^[ \t]+/, '');
      const match = /^(-{1,2}[A-Za-z][\w-]*)/.exec(trimmed);
      if (match === null) {
        const removed = args.length - trimmed.length;
        return [trimmed, removed];
      }
      const option = match[1];
      let after = trimmed.slice(option.length);
      // `-n 10` takes the next word; `-n10` carries its value.
      const separateValue = option.startsWith('--')
        ? option === '--breakpoint'
        : option.length === 2 && withValue.includes(option[1]);
      if (separateValue) {
        after = after.replace(/^[ \t]+\S*/, '');
      }
      rest = after;
    }
  }

  /** The root name of a help target (`obj.attr[0]` gives `obj`), or null. */
  export function helpRoot(target: string): string | null {
    if (target.includes('*') || target.startsWith('%')) {
      return null;
    }
    IDENTIFIER.lastIndex = 0;
    const match = IDENTIFIER.exec(target);
    return match !== null && !PYTHON_KEYWORDS.has(match[0]) ? match[0] : null;
  }

  /** Part of a name or a dotted number: digits after it do not start a number. */
  export function isNameChar(c: string | undefined): boolean {
    return (
      c !== undefined && (c === '.' || c === '_' || /[\p{L}\p{N}]/u.test(c))
    );
  }

  /** How a magic line becomes Python. */
  interface IPlaceholder {
    /** The Python that replaces the magic (without the indentation). */
    code: string;
    /** Offset of `code` inside the magic text, when `code` is copied from it (`%time stmt`). */
    copiedFrom?: number;
  }

  export class Rewriter {
    constructor(
      readonly lines: string[],
      private readonly effects: IMagicEffects
    ) {}

    readonly shifts = new Map<number, number>();
    readonly readOnly: Array<[number, number]> = [];

    // Scanner state across physical lines.
    private quote = '';
    private depth = 0;
    private continued = false;
    private commentAt = -1;

    /** Rewrites the cell from line `start`; returns the magic name if the rest is not Python. */
    process(start: number): string | undefined {
      const lines = this.lines;
      let first = start;
      while (first < lines.length && lines[first].trim() === '') {
        first++;
      }
      if (first === lines.length) {
        return undefined;
      }
      this.cleanup(first);
      const head = lines[first];
      if (head.startsWith('%%') && !/^%%\w+\?/.test(head)) {
        return this.cellMagic(first);
      }
      this.transformLines(first);
      return undefined;
    }

    private shift(line: number, delta: number): void {
      if (delta !== 0) {
        this.shifts.set(line, (this.shifts.get(line) ?? 0) + delta);
      }
    }

    /** IPython's `leading_indent`, `classic_prompt` and `ipython_prompt`. */
    private cleanup(first: number): void {
      const lines = this.lines;
      const indent = LEADING_INDENT.exec(lines[first]);
      if (indent !== null) {
        const prefix = indent[0];
        for (let i = first; i < lines.length; i++) {
          if (lines[i].startsWith(prefix)) {
            lines[i] = lines[i].slice(prefix.length);
            this.shift(i, prefix.length);
          }
        }
      }
      // A prompt starting the first line, or any prompt on the second, strips them all.
      for (const [initial, prompt] of PROMPTS) {
        const second = first + 1 < lines.length ? lines[first + 1] : '';
        if (initial.test(lines[first]) || prompt.test(second)) {
          this.stripPrompts(first, prompt);
        }
      }
    }

    private stripPrompts(first: number, prompt: RegExp): void {
      for (let i = first; i < this.lines.length; i++) {
        const match = prompt.exec(this.lines[i]);
        if (match !== null && match[0].length > 0) {
          this.lines[i] = this.lines[i].slice(match[0].length);
          this.shift(i, match[0].length);
        }
      }
    }

    private cellMagic(line: number): string | undefined {
      const lines = this.lines;
      const [name, args] = partition(lines[line].slice(2).trimEnd());
      for (const read of interpolatedNames(args)) {
        this.effects.reads.push(read);
      }
      lines[line] = '';
      if (PYTHON_CELL_MAGICS.has(name)) {
        if (name === 'capture') {
          const output = args
            .split(/\s+/)
            .find(word => word !== '' && !word.startsWith('-'));
          if (
            output !== undefined &&
            PLAIN_NAME.test(output) &&
            !PYTHON_KEYWORDS.has(output)
          ) {
            this.effects.defines.push(output);
          }
        } else if (name === 'timeit') {
          const [setup, removed] = stripOptions(args, 'nrp');
          lines[line] = setup;
          this.shift(line, 2 + name.length + 1 + removed);
          this.readOnly.push([line, lines.length - 1]);
        }
        return this.process(line + 1);
      }
      if (name === 'writefile' || name === 'file') {
        this.writefile(args);
      } else if (SCRIPT_CELL_MAGICS.has(name)) {
        const options = /--(?:out|err|proc)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/g;
        for (const match of args.matchAll(options)) {
          this.effects.defines.push(match[1]);
        }
      }
      for (let i = line + 1; i < lines.length; i++) {
        lines[i] = '';
      }
      // A bare `%%` is a cell magic without a name (an error in IPython); keep it visible.
      return name === '' ? '%%' : name;
    }

    private writefile(args: string): void {
      const words = args.trim().split(/\s+/);
      const append = words.some(word => word === '-a' || word === '--append');
      let path = words
        .filter(word => word !== '-a' && word !== '--append')
        .join(' ');
      if (/^(['"]).*\1$/.test(path)) {
        path = path.slice(1, -1);
      }
      if (path === '' || /[${]/.test(path)) {
        return;
      }
      while (path.startsWith('./')) {
        path = path.slice(2);
      }
      if (append) {
        this.effects.mutates.push(`file:${path}`);
        this.effects.irreversible.push(`appends to file ${path}`);
      } else {
        this.effects.defines.push(`file:${path}`);
      }
    }

    /** IPython's token transforms, on logical lines from `start`. */
    private transformLines(start: number): void {
      const lines = this.lines;
      this.quote = '';
      this.depth = 0;
      this.continued = false;
      for (let i = start; i < lines.length; i++) {
        const line = lines[i];
        const logicalStart =
          this.quote === '' && this.depth === 0 && !this.continued;
        if (logicalStart) {
          const first = line.search(/\S/);
          if (first >= 0 && '%!?,;/'.includes(line[first])) {
            i = this.escaped(i, first);
            continue;
          }
          const magic = this.scan(i, line, Math.max(first, 0), true);
          if (magic >= 0) {
            i = this.magicAssign(i, line, magic);
            continue;
          }
          if (
            first >= 0 &&
            this.quote === '' &&
            this.depth === 0 &&
            !this.continued &&
            this.commentAt < 0
          ) {
            this.helpEnd(i, line, first);
          }
        } else {
          this.scan(i, line, 0, false);
        }
      }
    }

    /**
     * Scans physical line `index` (`line`) as Python tokens, updating string
     * and bracket state, and writes floats like `1.` as `10` (same length, same meaning for
     * the analysis) because the grammar rejects them. With `findAssign`, returns the offset of
     * `%` or `!` right after the line's first top-level `=` (a magic assignment), else -1.
     */
    private scan(
      index: number,
      line: string,
      from: number,
      findAssign: boolean
    ): number {
      let checkAssign = findAssign;
      this.commentAt = -1;
      const length = line.length;
      let i = from;
      while (i < length) {
        const c = line[i];
        if (
          this.quote === '' &&
          c >= '0' &&
          c <= '9' &&
          !isNameChar(line[i - 1])
        ) {
          let end = i + 1;
          while (
            end < length &&
            ((line[end] >= '0' && line[end] <= '9') || line[end] === '_')
          ) {
            end++;
          }
          const next = line[end + 1] ?? '';
          if (line[end] === '.' && !(next >= '0' && next <= '9')) {
            this.lines[index] =
              `${this.lines[index].slice(0, end)}0${this.lines[index].slice(end + 1)}`;
          }
          i = end;
          continue;
        }
        if (this.quote !== '') {
          if (c === '\\') {
            i += 2;
          } else if (line.startsWith(this.quote, i)) {
            i += this.quote.length;
            this.quote = '';
          } else {
            i++;
          }
          continue;
        }
        if (c === '#') {
          this.commentAt = i;
          break;
        }
        if (c === '"' || c === "'") {
          const triple = c + c + c;
          this.quote = line.startsWith(triple, i) ? triple : c;
          i += this.quote.length;
          continue;
        }
        if (c === '(' || c === '[' || c === '{') {
          this.depth++;
        } else if (c === ')' || c === ']' || c === '}') {
          this.depth = Math.max(0, this.depth - 1);
        } else if (c === '=' && checkAssign && this.depth === 0) {
          if (line[i + 1] === '=') {
            i += 2;
            continue;
          }
          if (!'=<>!:+-*/%&|^@~'.includes(line[i - 1] ?? ' ')) {
            checkAssign = false;
            let k = i + 1;
            while (line[k] === ' ' || line[k] === '\t') {
              k++;
            }
            if (
              line[k] === '!' ||
              (line[k] === '%' && /[A-Za-z_]/.test(line[k + 1] ?? ''))
            ) {
              return k;
            }
          }
        }
        i++;
      }
      const endsWithBackslash = this.commentAt < 0 && line.endsWith('\\');
      if ((this.quote === "'" || this.quote === '"') && !endsWithBackslash) {
        // An unterminated one-line string: Python stops at the end of the line.
        this.quote = '';
      }
      this.continued = this.quote === '' && endsWithBackslash;
      return -1;
    }

    /** The last line of a command continued with backslashes from line `start`. */
    private continuationEnd(start: number): number {
      let end = start;
      while (end + 1 < this.lines.length && this.lines[end].endsWith('\\')) {
        end++;
      }
      return end;
    }

    /** The text of lines `start..end` from column `column`, backslash continuations joined. */
    private joined(start: number, end: number, column: number): string {
      const parts: string[] = [];
      for (let i = start; i <= end; i++) {
        const text = this.lines[i].slice(i === start ? column : 0);
        parts.push(i < end ? text.replace(/\s*\\$/, '') : text.trimEnd());
      }
      return parts.join(' ');
    }

    private resetScanner(): void {
      this.quote = '';
      this.depth = 0;
      this.continued = false;
    }

    /** A line starting with `%`, `!`, `?`, `,`, `;` or `/`; returns the last line it used. */
    private escaped(line: number, column: number): number {
      const end = this.continuationEnd(line);
      const content = this.joined(line, end, column);
      const indent = this.lines[line].slice(0, column);
      let placeholder: IPlaceholder;
      const help = content.endsWith('?') ? HELP_END.exec(content) : null;
      if (help !== null) {
        placeholder = { code: readsStatement(this.helpNames(help[1])) };
      } else if (content.startsWith('!')) {
        const command = content.slice(content.startsWith('!!') ? 2 : 1);
        placeholder = { code: readsStatement(interpolatedNames(command)) };
      } else if (content.startsWith('?')) {
        const target = content.replace(/^\?\??/, '').trim();
        placeholder = { code: readsStatement(this.helpNames(target)) };
      } else if (content.startsWith('%')) {
        const [name, args] = partition(content.slice(1));
        placeholder = this.lineMagic(name, args, line, end);
        if (placeholder.copiedFrom !== undefined) {
          // The statement of `%time stmt` keeps its own continuation lines.
          const start = column + placeholder.copiedFrom;
          this.replaceLine(line, indent, this.lines[line].slice(start), start);
          this.resetScanner();
          this.scan(line, this.lines[line], column, false);
          return line;
        }
      } else {
        placeholder = { code: this.autocall(content) };
      }
      this.replaceLine(line, indent, placeholder.code, -1);
      for (let i = line + 1; i <= end; i++) {
        this.lines[i] = '';
      }
      this.resetScanner();
      return end;
    }

    private replaceLine(
      line: number,
      indent: string,
      code: string,
      sourceColumn: number
    ): void {
      this.lines[line] = indent + code;
      if (sourceColumn >= 0) {
        this.shift(line, sourceColumn - indent.length);
      }
    }

    private helpNames(target: string): string[] {
      const root = helpRoot(target);
      return root === null ? [] : [root];
    }

    /** `/f a b` calls `f(a, b)`; `,f a b` and `;f a b` call `f` with strings. */
    private autocall(content: string): string {
      const [name, args] = partition(content.slice(1));
      if (!DOTTED_NAME.test(name)) {
        return 'pass';
      }
      if (content.startsWith('/')) {
        const words = args.split(/\s+/).filter(word => word !== '');
        return `${name}(${words.join(', ')})`;
      }
      return `${name}()`;
    }

    /** A `%name args` line magic on lines `line..end`. */
    private lineMagic(
      name: string,
      args: string,
      line: number,
      end: number
    ): IPlaceholder {
      const effects = this.effects;
      const statementAt = 1 + name.length + 1;
      switch (name) {
        case 'time':
        case 'prun':
        case 'debug': {
          const [statement, removed] = stripOptions(
            args,
            name === 'prun' ? 'Dlst' : 'b'
          );
          if (statement.trim() === '') {
            return { code: 'pass' };
          }
          return { code: statement, copiedFrom: statementAt + removed };
        }
        case 'timeit': {
          const [statement, removed] = stripOptions(args, 'nrp');
          this.readOnly.push([line, end]);
          if (statement.trim() === '') {
            return { code: 'pass' };
          }
          return { code: statement, copiedFrom: statementAt + removed };
        }
        case 'xdel': {
          const target = args.trim();
          return { code: PLAIN_NAME.test(target) ? `del ${target}` : 'pass' };
        }
        case 'store':
          return { code: this.store(args) };
        case 'cd':
        case 'pushd':
        case 'popd':
          effects.irreversible.push('changes the working directory');
          return { code: readsStatement(interpolatedNames(args)) };
      }
      if (OPAQUE_LINE_MAGICS.has(name)) {
        effects.opaque.push(`%${name}`);
        return { code: 'pass' };
      }
      return { code: readsStatement(interpolatedNames(args)) };
    }

    /** `%store x` reads `x`; `%store -r x y` defines them; `%store -r` restores anything. */
    private store(args: string): string {
      const words = args
        .trim()
        .split(/\s+/)
        .filter(word => word !== '');
      if (words[0] === '-r') {
        const names = words
          .slice(1)
          .filter(word => PLAIN_NAME.test(word) && !PYTHON_KEYWORDS.has(word));
        if (names.length === 0) {
          this.effects.opaque.push('%store -r');
          return 'pass';
        }
        return names.map(name => `${name} = None`).join('; ');
      }
      if (words.length === 0 || words[0].startsWith('-')) {
        return 'pass';
      }
      return readsStatement(
        words.filter(
          word => PLAIN_NAME.test(word) && !PYTHON_KEYWORDS.has(word)
        )
      );
    }

    /** `x = %magic args` or `x = !cmd`, the magic starting at `column`; returns the last line used. */
    private magicAssign(line: number, text: string, column: number): number {
      const end = this.continuationEnd(line);
      const content = this.joined(line, end, column);
      const left = text.slice(0, column).trimEnd();
      let code: string;
      if (content.startsWith('!')) {
        code = readsExpression(interpolatedNames(content.slice(1)));
      } else {
        const [name, args] = partition(content.slice(1));
        if (name === 'time' && args.trim() !== '') {
          // `x = %time expr` binds the value of `expr`; the expression keeps its continuations.
          const start = column + 1 + name.length + 1;
          this.lines[line] = `${left} ${this.lines[line].slice(start)}`;
          this.shift(line, start - (left.length + 1));
          this.resetScanner();
          this.scan(line, this.lines[line], left.length, false);
          return line;
        }
        if (name === 'timeit') {
          code = readsExpression(
            pythonIdentifiers(stripOptions(args, 'nrp')[0])
          );
        } else {
          if (OPAQUE_LINE_MAGICS.has(name)) {
            this.effects.opaque.push(`%${name}`);
          }
          code = readsExpression(interpolatedNames(args));
        }
      }
      this.lines[line] = `${left} ${code}`;
      for (let i = line + 1; i <= end; i++) {
        this.lines[i] = '';
      }
      this.resetScanner();
      return end;
    }

    /** `obj?` or `obj.attr??` at the end of a one-line statement: help on `obj`, nothing else runs. */
    private helpEnd(line: number, text: string, first: number): void {
      const trimmed = text.trimEnd();
      if (!trimmed.endsWith('?')) {
        return;
      }
      const match = HELP_END.exec(trimmed);
      if (match === null) {
        return;
      }
      this.lines[line] =
        text.slice(0, first) + readsStatement(this.helpNames(match[1]));
    }
  }
}
