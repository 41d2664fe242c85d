/**
 * One walk over a `@lezer/python` tree that collects what a cell does to the namespace.
 * Scoping lives in `scopes.ts`; call effects on the outside world and on a method's receiver
 * in `effects.ts`; the tables of library names and methods in `mutators.ts`; small readers of
 * syntax nodes in `nodes.ts`.
 *
 * The lezer tree is flat in places (`a, b = c` is one AssignStatement with five children;
 * `f(x for x in y)` puts the generator's parts straight into the ArgList), so statements are
 * read child by child. Names are looked up in source order; Python's evaluation order is
 * followed where it decides whether a read is free (the value of an assignment before its
 * targets, a comprehension's first iterable before its loop variables).
 */
import { SyntaxNode, Tree, TreeCursor } from '@lezer/common';
import { parser } from '@lezer/python';
import { IFunctionSummary } from '../types';
import {
  applyCallEffects,
  changesReceiver,
  FIGURE_NUMBERS,
  IArgument,
  ICallSite,
  IEffectSink,
  importedStates,
  moduleState,
  pathOf,
  PYPLOT,
  PYPLOT_OBJECTS
} from './effects';
import { PYTHON_BUILTINS } from './builtins';
import {
  APPLYING_BUILTINS,
  CACHING_DECORATORS,
  CONVENTIONAL_IMPORTS,
  CONVENTIONAL_MODULES,
  DETERMINISTIC_ESTIMATORS,
  ITERATING_CALLS,
  ITERATING_METHODS,
  PART_FUNCTIONS,
  PART_METHODS,
  replacedSlot,
  SELF_RETURNING_METHODS,
  SHALLOW_COPY_FUNCTIONS
} from './mutators';
import {
  BRACKETS,
  callParts,
  children,
  firstPositional,
  firstProperty,
  positionals,
  rootName,
  rootNode,
  stringLiteral,
  subscriptIndex
} from './nodes';
import {
  addAll,
  ANY_ARGUMENT,
  CellSymbols,
  ClassScope,
  ComprehensionScope,
  EffectKind,
  FunctionScope,
  ISummary,
  IValue,
  LocalScope,
  mergeSummary,
  ModuleScope,
  NEW_VALUE,
  resolutionScope,
  Scope,
  SubscriptKind
} from './scopes';
import { syntaxProblem } from './syntax';

/** Deeper expressions are only scanned for names, so that no input can exhaust the stack. */
const MAX_DEPTH = 200;

const CLAUSE_KEYWORDS = new Set(['for', 'async', 'if']);

/** The arguments of one call. */
interface IArguments {
  /** Positional arguments up to the first `*args`. */
  positional: SyntaxNode[];
  keywords: Map<string, SyntaxNode> | null;
  /** It has `*args` or `**kwargs`. */
  starred?: boolean;
  /** `rows` of `*rows`, `**opts`, and the positional arguments after them: no position known. */
  unplaced?: SyntaxNode[];
}

const NO_ARGUMENTS: IArguments = { positional: [], keywords: null };

/** A key that always names the same slot: a number, a plain string, the whole of a list. */
const CONSTANT_KEY = /^(-?\d+|"[\w .-]*"|'[\w .-]*'|:)$/;

/** Nodes that make a number, a str, a list, tuple, dict or set. */
const BUILTIN_DISPLAYS = new Set([
  'Number',
  'Boolean',
  'None',
  'ArrayExpression',
  'TupleExpression',
  'DictionaryExpression',
  'SetExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
  'String',
  'FormatString',
  'ContinuedString'
]);

/** Builtins that return a new number, str, list, tuple, dict or set. */
const BUILTIN_MAKERS = new Set([
  'int',
  'float',
  'bool',
  'len',
  'list',
  'tuple',
  'str',
  'dict',
  'set',
  'frozenset',
  'sorted',
  'bytes',
  'bytearray'
]);

/** pandas' and numpy's tests of each element (`df.a.isin(xs)`, `np.isnan(a)`), for masks. */
const MASK_CALLS = new Set([
  'isin',
  'isna',
  'isnull',
  'notna',
  'notnull',
  'between',
  'duplicated',
  'contains',
  'startswith',
  'endswith',
  'isnan',
  'isfinite',
  'isinf',
  'logical_and',
  'logical_or',
  'logical_not'
]);

/** Displays whose elements a call is given (`argumentRoots`). */
const GIVEN_DISPLAYS = new Set([
  'ArrayExpression',
  'TupleExpression',
  'ParenthesizedExpression',
  'DictionaryExpression'
]);

/** pandas indexers: `df.loc[mask]` selects as `df[mask]` does. */
const INDEXERS = new Set(['loc', 'iloc']);

/** pyplot's functions that return its current axes or figure, made if there is none. */
const CURRENT_AXES = new Set([
  'matplotlib.pyplot.gca',
  'matplotlib.pyplot.gcf'
]);

/** Literal arguments, and the punctuation between them (`literalArguments`). */
const LITERALS = new Set([
  '(',
  ')',
  ',',
  'Number',
  'String',
  'Boolean',
  'None'
]);

/** A plain string key, as `CONSTANT_KEY` has them: its text without the quotes. */
const STRING_KEY = /^(?:"([\w .-]*)"|'([\w .-]*)')$/;

/** Decorators after which a method still runs as written. */
const PLAIN_METHOD_DECORATORS = new Set([
  'staticmethod',
  'classmethod',
  'property'
]);

/** What one walk found; `analyze.ts` turns it into an `ICellSymbols`. */
export interface IWalkResult {
  cell: CellSymbols;
  aliases: Map<string, string>;
  parts: Map<string, string[]>;
  copies: Map<string, string[]>;
  instances: Map<string, string>;
  given: Map<string, string[]>;
  subscripts: Map<string, SubscriptKind>;
  builtins: string[];
}

/** Walks one parsed cell. `readOnly` are `[from, to)` offsets whose statements run in a throwaway namespace. */
export function walkTree(
  tree: Tree,
  text: string,
  mutators: ReadonlySet<string>,
  readOnly: ReadonlyArray<[number, number]>
): IWalkResult {
  const walker = new Walker(text, mutators, readOnly);
  walker.statements(tree.topNode);
  return {
    cell: walker.cell,
    aliases: walker.module.aliases(),
    parts: walker.module.parts(),
    copies: walker.module.copies(),
    instances: walker.module.instances(),
    given: walker.module.given(),
    subscripts: walker.module.subscripts(),
    builtins: walker.module.builtins()
  };
}

/** Converts a summary's sets to the shared data model. */
export function toFunctionSummary(summary: ISummary): IFunctionSummary {
  const reads = new Set(summary.reads);
  addAll(reads, summary.globalReads);
  return {
    reads: named(reads),
    writes: named(summary.writes),
    mutates: named(summary.mutates),
    calls: named(summary.calls)
  };
}

class Walker implements IEffectSink {
  constructor(
    private readonly text: string,
    private readonly mutators: ReadonlySet<string>,
    private readonly readOnly: ReadonlyArray<[number, number]>
  ) {
    this.module = new ModuleScope(this.cell);
    this.scope = this.module;
  }

  readonly cell = new CellSymbols();
  readonly module: ModuleScope;
  private scope: Scope;
  private depth = 0;
  /** Inside a `def` or `lambda` body: effects happen when called, not when the cell runs. */
  private functionDepth = 0;
  /** Local name -> dotted path it was imported as (`np` -> `numpy`). */
  private readonly imports = new Map<string, string>();
  /** Names bound by `import x` / `import x as y`: modules, never changed by a method call. */
  private readonly modules = new Set<string>();
  private readonly readOnlyScopes: Array<LocalScope | undefined> = [];
  private inReadOnly = false;
  /** The arguments of the call whose effects are being applied. */
  private currentArguments: IArguments = NO_ARGUMENTS;

  // ---- statements ----

  statements(parent: SyntaxNode): void {
    for (
      let child = parent.firstChild;
      child !== null;
      child = child.nextSibling
    ) {
      this.statement(child);
    }
  }

  private statement(node: SyntaxNode): void {
    if (this.readOnly.length > 0 && !this.inReadOnly) {
      const index = this.readOnly.findIndex(
        ([from, to]) => node.from >= from && node.from < to
      );
      if (index >= 0) {
        const scope = this.readOnlyScopes[index] ?? new LocalScope(this.scope);
        this.readOnlyScopes[index] = scope;
        const saved = this.scope;
        this.scope = scope;
        this.inReadOnly = true;
        this.statement(node);
        this.inReadOnly = false;
        this.scope = saved;
        return;
      }
    }
    if (++this.depth > MAX_DEPTH) {
      this.scanNames(node);
    } else {
      this.statementKind(node);
    }
    this.depth--;
  }

  private statementKind(node: SyntaxNode): void {
    switch (node.name) {
      case 'AssignStatement':
        this.assignment(node);
        break;
      case 'UpdateStatement':
        this.update(node);
        break;
      case 'DeleteStatement':
        this.deletion(node);
        break;
      case 'ImportStatement':
        this.importStatement(node);
        break;
      case 'ScopeStatement':
        this.scopeStatement(node);
        break;
      case 'StatementGroup':
        this.statements(node);
        break;
      case 'IfStatement':
        this.ifStatement(node);
        break;
      case 'WhileStatement':
        this.loop(node);
        break;
      case 'ForStatement':
        this.forStatement(node);
        break;
      case 'TryStatement':
        this.tryStatement(node);
        break;
      case 'WithStatement':
        this.withStatement(node);
        break;
      case 'FunctionDefinition':
        this.functionDefinition(node, []);
        break;
      case 'ClassDefinition':
        this.classDefinition(node, []);
        break;
      case 'DecoratedStatement':
        this.decorated(node);
        break;
      case 'MatchStatement':
        this.matchStatement(node);
        break;
      case 'TypeDefinition':
        this.typeDefinition(node);
        break;
      case 'Comment':
        break;
      case 'ReturnStatement':
        this.returnStatement(node);
        break;
      case 'PrintStatement':
        // `print` alone (valid Python 3) or Python 2's `print x` (reported as a syntax error).
        this.scope.read('print');
        this.childExpressions(node);
        break;
      default:
        // Expression, return, raise, assert, print statements and error nodes: reads only.
        this.childExpressions(node);
    }
  }

  private returnStatement(node: SyntaxNode): void {
    this.childExpressions(node);
    if (this.scope instanceof FunctionScope) {
      // `return a, b` returns a tuple holding both.
      const values = children(node).filter(
        kid => kid.name !== 'return' && kid.name !== ','
      );
      this.scope.returns(values.flatMap(value => this.heldRoots(value)));
    }
  }

  /** A block that may not run: bindings in it do not make later reads bound. */
  private conditional(body: SyntaxNode, before?: (scope: Scope) => void): void {
    this.scope.pushBlock();
    before?.(this.scope);
    this.statements(body);
    this.scope.popBlock();
  }

  private assignment(node: SyntaxNode): void {
    const kids = children(node);
    const operators: number[] = [];
    kids.forEach((kid, index) => {
      if (kid.name === 'AssignOp') {
        operators.push(index);
      }
    });
    if (operators.length === 0) {
      // `x: int` binds nothing; `a.b: int` still evaluates `a`.
      for (const kid of kids) {
        if (kid.name === 'TypeDef') {
          this.annotation(kid);
        } else if (kid.name !== 'VariableName') {
          this.expression(kid);
        }
      }
      return;
    }
    const valueKids = kids.slice(operators[operators.length - 1] + 1);
    const values = valueKids.filter(
      kid => kid.name !== ',' && kid.name !== '*'
    );
    const tuple = valueKids.some(kid => kid.name === ',');
    const single = !tuple && values.length === 1 ? values[0] : null;
    const segments: SyntaxNode[][] = [];
    let start = 0;
    for (const index of operators) {
      segments.push(kids.slice(start, index));
      start = index + 1;
    }
    // `f = lambda x: x + k` at module level is a function definition.
    const lambdaName =
      single !== null &&
      single.name === 'LambdaExpression' &&
      segments.length === 1 &&
      segments[0].length === 1 &&
      segments[0][0].name === 'VariableName' &&
      this.scope === this.module
        ? this.textOf(segments[0][0])
        : null;
    if (lambdaName !== null && single !== null) {
      this.lambda(single, lambdaName);
    } else {
      this.expressions(valueKids);
    }
    let singleValue = single !== null ? this.valueOf(single) : NEW_VALUE;
    if (singleValue.objects.length === 0 && segments.length > 1) {
      // `a = b = []`: one new object under two names.
      const first = segments[0].find(kid => kid.name === 'VariableName');
      if (first !== undefined) {
        singleValue = {
          ...singleValue,
          source: null,
          objects: [{ label: this.textOf(first), external: false }],
          element: false
        };
      }
    }
    const pending: Array<[string, IValue]> = [];
    for (const segment of segments) {
      const targets: SyntaxNode[] = [];
      for (const kid of segment) {
        if (kid.name === 'TypeDef') {
          this.annotation(kid);
        } else if (kid.name !== ',' && kid.name !== '*') {
          targets.push(kid);
        }
      }
      const unpacked = segment.some(kid => kid.name === ',');
      if (!unpacked && targets.length === 1) {
        this.target(targets[0], singleValue, pending);
      } else if (unpacked && tuple && targets.length === values.length) {
        // `a, b = c, d` pairs the names.
        const pairs = values.map(value => this.valueOf(value));
        targets.forEach((target, index) =>
          this.target(target, pairs[index], pending)
        );
      } else {
        // `a, b = rows`: each name holds an element of `rows` (or of what a copy holds).
        const whole = single !== null ? this.valueOf(single) : NEW_VALUE;
        const objects = whole.copies ?? whole.objects;
        const element: IValue =
          objects.length > 0
            ? { source: whole.source, objects, element: true }
            : NEW_VALUE;
        for (const target of targets) {
          this.target(target, element, pending);
        }
      }
    }
    for (const [name, value] of pending) {
      this.scope.bind(name, value);
    }
  }

  /** Annotations are evaluated at module and class level, not inside functions. */
  private annotation(node: SyntaxNode): void {
    if (!(this.scope instanceof FunctionScope)) {
      this.childExpressions(node);
    }
  }

  /** An assignment target: names are bound after the value (collected in `pending`). */
  private target(
    node: SyntaxNode,
    value: IValue,
    pending: Array<[string, IValue]>
  ): void {
    switch (node.name) {
      case 'VariableName':
        pending.push([this.textOf(node), value]);
        return;
      case 'ParenthesizedExpression':
      case 'TupleExpression':
      case 'ArrayExpression': {
        const inner =
          node.name === 'ParenthesizedExpression' ? value : NEW_VALUE;
        for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
          if (!BRACKETS.has(kid.name) && kid.name !== ',' && kid.name !== '*') {
            this.target(kid, inner, pending);
          }
        }
        return;
      }
      case 'MemberExpression': {
        // `x.a = v`, `x[i] = v`: the object `x` changes.
        const slot =
          this.scope === this.module ? this.constantSlot(node) : null;
        if (this.scope instanceof FunctionScope && atTopOfBody(node)) {
          const stored = this.constantSlot(node);
          if (stored !== null) {
            this.scope.store(stored.root, stored.slot);
          }
        }
        if (slot === null) {
          this.expression(node);
        } else {
          this.module.store(slot.root, slot.slot);
          const state = this.isModule(rootNode(node))
            ? moduleState(this.moduleOf(slot.root))
            : null;
          if (state !== null) {
            // `mpl.rcParams["lines.linewidth"] = 3` replaces one of matplotlib's settings.
            this.module.store(state, slot.slot, false);
          }
          // Not a read of the slot it replaces (`readKey`).
          this.childExpressions(node);
        }
        this.mutateExpression(node.firstChild);
        return;
      }
      default:
        this.expression(node);
    }
  }

  /**
   * `d["x"]`, `t.c`, `df.loc[0, "v"]`, `v[:]`: a name and a slot of its object that the same
   * store always replaces whole, whatever the object held; null for other targets (`x[i]`,
   * `xs[1:3]`, `f().a`).
   */
  private constantSlot(
    node: SyntaxNode
  ): { root: string; slot: string } | null {
    const parts: string[] = [];
    let at: SyntaxNode | null = node;
    while (at !== null && at.name === 'MemberExpression') {
      const object: SyntaxNode | null = at.firstChild;
      const rest = object?.nextSibling ?? null;
      if (object === null || rest === null) {
        return null;
      }
      const text = this.text.slice(rest.from, at.to);
      if (rest.name === '.') {
        parts.push(text);
      } else if (rest.name === '[') {
        // Trimmed only: `d["a b"]` and `d["ab"]` are different slots.
        const keys = text
          .slice(1, -1)
          .split(',')
          .map(key => key.trim());
        if (!keys.every(key => CONSTANT_KEY.test(key))) {
          return null;
        }
        parts.push(`[${keys.join(',')}]`);
      } else {
        return null;
      }
      at = object;
    }
    return at !== null && at.name === 'VariableName'
      ? { root: this.textOf(at), slot: parts.reverse().join('') }
      : null;
  }

  /** `df["a"]` read at the top of the cell: a read of one key of `df` (`CellSymbols.stores`). */
  private keyRead(node: SyntaxNode): void {
    const object = node.firstChild;
    const rest = object?.nextSibling ?? null;
    if (
      this.scope !== this.module ||
      object === null ||
      object.name !== 'VariableName' ||
      rest === null ||
      rest.name !== '['
    ) {
      return;
    }
    const key = STRING_KEY.exec(this.text.slice(rest.to, node.to - 1).trim());
    if (key !== null) {
      this.module.readKey(this.textOf(object), key[1] ?? key[2]);
    }
  }

  private update(node: SyntaxNode): void {
    const target = node.firstChild;
    let operator = target?.nextSibling ?? null;
    while (operator !== null && operator.name !== 'UpdateOp') {
      operator = operator.nextSibling;
    }
    for (
      let kid = operator?.nextSibling ?? null;
      kid !== null;
      kid = kid.nextSibling
    ) {
      this.expression(kid);
    }
    if (target === null) {
      return;
    }
    if (target.name === 'VariableName') {
      this.scope.augment(this.textOf(target));
    } else if (target.name === 'MemberExpression') {
      // `x[i] += 1` changes `x`; `self.items += [1]` extends the list in place.
      this.expression(target);
      this.mutateExpression(target);
    } else {
      this.expression(target);
    }
  }

  private deletion(node: SyntaxNode): void {
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      this.deleteTarget(kid);
    }
  }

  private deleteTarget(node: SyntaxNode): void {
    switch (node.name) {
      case 'del':
      case ',':
        return;
      case 'VariableName':
        this.scope.remove(this.textOf(node));
        return;
      case 'MemberExpression':
        this.expression(node);
        this.mutateExpression(node.firstChild);
        return;
      case 'ParenthesizedExpression':
      case 'TupleExpression':
      case 'ArrayExpression':
        for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
          if (!BRACKETS.has(kid.name)) {
            this.deleteTarget(kid);
          }
        }
        return;
      default:
        this.expression(node);
    }
  }

  /** A module's import makes the state it keeps (see `importedStates`). */
  private importStates(module: string): void {
    for (const state of importedStates(module)) {
      this.effect('define', state);
    }
  }

  private importStatement(node: SyntaxNode): void {
    const kids = children(node);
    const atModule = this.scope === this.module;
    if (kids.length === 0) {
      return;
    }
    if (kids[0].name === 'import') {
      // import a.b.c as d, e
      let parts: string[] = [];
      let alias: string | null = null;
      let expectAlias = false;
      const flush = (): void => {
        if (parts.length > 0) {
          const module = parts.join('.');
          const local = alias ?? parts[0];
          if (atModule) {
            this.cell.imports.add(module);
            this.importStates(module);
          }
          const path = alias !== null ? module : parts[0];
          this.imports.set(local, path);
          this.modules.add(local);
          this.scope.bind(local, NEW_VALUE);
          if (atModule) {
            this.cell.imported.set(local, path);
          }
        }
        parts = [];
        alias = null;
        expectAlias = false;
      };
      for (const kid of kids.slice(1)) {
        if (kid.name === 'VariableName') {
          if (expectAlias) {
            alias = this.textOf(kid);
          } else {
            parts.push(this.textOf(kid));
          }
        } else if (kid.name === 'as') {
          expectAlias = true;
        } else if (kid.name === ',') {
          flush();
        }
      }
      flush();
      return;
    }
    // from .a.b import (c as d, e) / from m import *
    let module = '';
    let index = 1;
    for (; index < kids.length && kids[index].name !== 'import'; index++) {
      module += this.textOf(kids[index]);
    }
    if (atModule && module !== '') {
      this.cell.imports.add(module);
      this.importStates(module);
    }
    const prefix = module.endsWith('.') ? module : `${module}.`;
    let previous: string | null = null;
    let expectAlias = false;
    const bind = (name: string, local: string): void => {
      this.imports.set(local, prefix + name);
      this.scope.bind(local, NEW_VALUE);
      if (atModule) {
        this.cell.imported.set(local, prefix + name);
      }
    };
    for (const kid of kids.slice(index + 1)) {
      if (kid.name === '*') {
        this.cell.opaque.add('star import');
      } else if (kid.name === 'as') {
        expectAlias = true;
      } else if (kid.name === 'VariableName') {
        if (expectAlias && previous !== null) {
          bind(previous, this.textOf(kid));
          previous = null;
        } else {
          if (previous !== null) {
            bind(previous, previous);
          }
          previous = this.textOf(kid);
        }
        expectAlias = false;
      }
    }
    if (previous !== null) {
      bind(previous, previous);
    }
  }

  private scopeStatement(node: SyntaxNode): void {
    const kind = node.firstChild?.name === 'nonlocal' ? 'nonlocal' : 'global';
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName') {
        this.scope.declare(kind, this.textOf(kid));
      }
    }
  }

  private ifStatement(node: SyntaxNode): void {
    // Conditions after the first run only if the earlier ones were false.
    let chained = false;
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'Body') {
        this.conditional(kid);
      } else if (kid.name === 'elif' || kid.name === 'else') {
        if (!chained) {
          this.scope.pushBlock();
          chained = true;
        }
      } else if (kid.name !== 'if') {
        this.expression(kid);
      }
    }
    if (chained) {
      this.scope.popBlock();
    }
  }

  /** `while cond: ... else: ...`: the condition runs at least once. */
  private loop(node: SyntaxNode): void {
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'Body') {
        this.conditional(kid);
      } else if (kid.name !== 'while' && kid.name !== 'else') {
        this.expression(kid);
      }
    }
  }

  private forStatement(node: SyntaxNode): void {
    const kids = children(node);
    const inAt = kids.findIndex(kid => kid.name === 'in');
    const bodyAt = kids.findIndex(kid => kid.name === 'Body');
    if (inAt < 0 || bodyAt < inAt) {
      this.expressions(kids);
      return;
    }
    const iterables = kids.slice(inAt + 1, bodyAt);
    this.expressions(iterables);
    const values = iterables.filter(kid => kid.name !== ',');
    const source = values.length === 1 ? this.iterationSource(values[0]) : null;
    const value: IValue =
      source === null
        ? NEW_VALUE
        : { source, objects: this.scope.objectsOf(source), element: true };
    const targets = kids
      .slice(0, inAt)
      .filter(kid => kid.name !== 'for' && kid.name !== 'async');
    this.conditional(kids[bodyAt], scope => {
      const pending: Array<[string, IValue]> = [];
      for (const target of targets) {
        if (target.name !== ',' && target.name !== '*') {
          this.target(target, value, pending);
        }
      }
      for (const [name] of pending) {
        scope.bind(name, value);
      }
    });
    for (const kid of kids.slice(bodyAt + 1)) {
      if (kid.name === 'Body') {
        this.conditional(kid);
      }
    }
  }

  /** The name whose elements a `for` loop visits, if visible: `rows`, `enumerate(rows)`, `d.items()`. */
  private iterationSource(node: SyntaxNode): string | null {
    if (node.name === 'VariableName' || node.name === 'MemberExpression') {
      return rootName(node, this.text);
    }
    if (node.name !== 'CallExpression') {
      return null;
    }
    const callee = node.firstChild;
    if (callee === null) {
      return null;
    }
    if (
      callee.name === 'VariableName' &&
      ITERATING_CALLS.has(this.textOf(callee))
    ) {
      const args = callee.nextSibling;
      const first = args === null ? null : firstPositional(args);
      return first === null ? null : rootName(first, this.text);
    }
    const method = callee.name === 'MemberExpression' ? callee.lastChild : null;
    if (
      method !== null &&
      method.name === 'PropertyName' &&
      ITERATING_METHODS.has(this.textOf(method))
    ) {
      return rootName(callee.firstChild, this.text);
    }
    return null;
  }

  private tryStatement(node: SyntaxNode): void {
    let part = 'try';
    let handler: string | null = null;
    let expectName = false;
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      const name = kid.name;
      if (name === 'try' || name === 'else' || name === 'finally') {
        part = name;
      } else if (name === 'except') {
        part = name;
        handler = null;
      } else if (part === 'except' && (name === 'as' || name === ',')) {
        expectName = true;
      } else if (expectName && name === 'VariableName') {
        handler = this.textOf(kid);
        expectName = false;
      } else if (name === 'Body') {
        if (part === 'finally') {
          this.statements(kid);
        } else {
          // `except E as e`: `e` is bound in the handler and deleted after it.
          const caught = part === 'except' ? handler : null;
          this.conditional(kid, scope => {
            if (caught !== null) {
              scope.bindTemporary(caught);
            }
          });
        }
      } else if (name !== '*') {
        this.expression(kid);
      }
    }
  }

  private withStatement(node: SyntaxNode): void {
    let expectName = false;
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'as') {
        expectName = true;
      } else if (expectName && kid.name === 'VariableName') {
        this.scope.bind(this.textOf(kid), NEW_VALUE);
        expectName = false;
      } else if (kid.name === 'Body') {
        // The context manager may swallow an exception: the rest of the body then never ran.
        this.module.mayStop(() => this.statements(kid));
      } else {
        this.expression(kid);
      }
    }
  }

  private decorated(node: SyntaxNode): void {
    const decorators: string[] = [];
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'Decorator') {
        decorators.push(this.decorator(kid));
      } else if (kid.name === 'FunctionDefinition') {
        this.functionDefinition(kid, decorators);
      } else if (kid.name === 'ClassDefinition') {
        this.classDefinition(kid, decorators);
      } else {
        this.expression(kid);
      }
    }
  }

  /** `@a.b(args)` reads `a`; `@dec` and `@dec(args)` call `dec`. Returns the dotted name. */
  private decorator(node: SyntaxNode): string {
    const parts: string[] = [];
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName') {
        parts.push(this.textOf(kid));
      } else if (kid.name === 'ArgList') {
        this.argumentList(kid);
      } else if (kid.name !== 'At' && kid.name !== '.') {
        this.expression(kid);
      }
    }
    if (parts.length > 0) {
      this.scope.read(parts[0]);
      if (parts.length === 1) {
        this.scope.call(parts[0]);
      }
    }
    return parts.join('.');
  }

  private functionDefinition(
    node: SyntaxNode,
    decorators: readonly string[]
  ): void {
    let name: string | null = null;
    let parameters: string[] = [];
    let keys: ReadonlyMap<string, readonly string[]> = new Map();
    let defaults: ReadonlyMap<string, SyntaxNode> = new Map();
    let body: SyntaxNode | null = null;
    const defining = this.scope;
    const typeParameters = this.typeParameters(node);
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      switch (kid.name) {
        case 'VariableName':
          name ??= this.textOf(kid);
          break;
        case 'ParamList':
          // Defaults and annotations are evaluated where the function is defined.
          parameters = this.parameters(kid);
          keys = this.parameterKeys(kid);
          defaults = this.defaultValues(kid);
          break;
        case 'TypeDef':
          this.childExpressions(kid);
          break;
        case 'Body':
          body = kid;
          break;
      }
    }
    this.scope = defining;
    if (name !== null) {
      defining.bind(name, NEW_VALUE);
    }
    const method =
      defining instanceof ClassScope && !decorators.includes('staticmethod');
    const scope = new FunctionScope(
      parameters,
      method && parameters.length > 0 ? parameters[0] : null,
      decorators.includes('classmethod'),
      keys
    );
    const visited = body;
    this.inFunction(scope, () => visited !== null && this.statements(visited));
    const summary = withoutNames(scope.close(), typeParameters);
    if (
      summary.storesArguments.size > 0 &&
      (decorators.length > 0 ||
        node.getChild('async') !== null ||
        (body !== null && hasYield(body)))
    ) {
      // Calling it may run the body later, or other code around it.
      summary.storesArguments = new Map();
    }
    if (
      name !== null &&
      [...defaults.keys()].some(p => scope.changedParameters.has(p))
    ) {
      // `def f(x, acc=[])` changing `acc`: the default lives in the function, which each call
      // changes; only running the definition again resets it.
      summary.mutates.add(name);
    }
    for (const effect of summary.pathEffects) {
      const value = defaults.get(effect[1]);
      const path = value === undefined ? null : stringLiteral(value, this.text);
      if (path !== null) {
        // `def save(s, path="out.txt")` called without it writes there.
        effect[3] = path;
      }
    }
    if (
      name !== null &&
      [...defaults].some(
        ([p, value]) =>
          !CONSTANTS.has(value.name) && scope.returnedParameters.has(p)
      )
    ) {
      // `def f(acc=[]): return acc`: every call that takes the default returns the one object
      // the function keeps.
      summary.returns.add(name);
    }
    if (decorators.some(decorator => !PLAIN_METHOD_DECORATORS.has(decorator))) {
      // What it wraps the method in may change the instance.
      summary.changesSelf = true;
    }
    if (
      name !== null &&
      decorators.some(d => CACHING_DECORATORS.has(this.withImports(d)))
    ) {
      // `@lru_cache`: the cache lives in the function and each call fills it from the globals
      // of the moment; only running the definition again empties it.
      summary.mutates.add(name);
    }
    // `@x.setter`: storing into the attribute runs it.
    summary.interceptsStores = decorators.some(decorator =>
      decorator.endsWith('.setter')
    );
    for (const decorator of decorators) {
      if (!decorator.includes('.') && !PYTHON_BUILTINS.has(decorator)) {
        // Calling the function calls what the decorator wrapped it in (a counter, a cache).
        summary.calls.add(decorator);
        summary.reads.add(decorator);
      }
    }
    this.deliver(summary, defining, name);
  }

  /**
   * PEP 695 type parameters (`def f[T]`, `class C[T]`, `type A[T]`): they are bound in a scope
   * of their own around the definition. Enters it (the annotations, bases and bounds that
   * follow are read there) and returns the names, which the definition's summary must not
   * read from outside; the caller restores `this.scope`.
   */
  private typeParameters(node: SyntaxNode): ReadonlySet<string> {
    const list = node.getChild('TypeParamList');
    if (list === null) {
      return NO_NAMES;
    }
    const scope = new LocalScope(this.scope);
    const names = new Set<string>();
    for (const parameter of list.getChildren('TypeParam')) {
      const variable = parameter.getChild('VariableName');
      if (variable !== null) {
        names.add(this.textOf(variable));
        scope.bindTemporary(this.textOf(variable));
      }
    }
    this.scope = scope;
    for (const parameter of list.getChildren('TypeParam')) {
      const bound = parameter.getChild('TypeDef');
      if (bound !== null) {
        this.childExpressions(bound);
      }
    }
    return names;
  }

  /** Parameter names; visits defaults and annotations in the current scope. */
  private parameters(node: SyntaxNode): string[] {
    const names: string[] = [];
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName') {
        names.push(this.textOf(kid));
      } else if (kid.name === 'TypeDef') {
        this.childExpressions(kid);
      } else if (kid.name === 'AssignOp') {
        const value = kid.nextSibling;
        if (value !== null) {
          this.expression(value);
          kid = value;
        }
      } else if (
        !BRACKETS.has(kid.name) &&
        kid.name !== ',' &&
        kid.name !== '*' &&
        kid.name !== '**'
      ) {
        this.expression(kid);
      }
    }
    return names;
  }

  /**
   * The keys a call may give each parameter at: its position while no `*` came before it, and
   * its name; `ANY_ARGUMENT` for `*args` and `**kwargs`, which take what the others do not.
   */
  private parameterKeys(node: SyntaxNode): Map<string, string[]> {
    const keys = new Map<string, string[]>();
    let position = 0;
    let starred = false;
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === '*' || kid.name === '**') {
        starred = true;
        const variadic = kid.nextSibling;
        if (variadic?.name === 'VariableName') {
          keys.set(this.textOf(variadic), [ANY_ARGUMENT]);
          kid = variadic;
        }
      } else if (kid.name === 'VariableName') {
        const name = this.textOf(kid);
        keys.set(name, starred ? [name] : [String(position++), name]);
      } else if (kid.name === 'AssignOp' && kid.nextSibling !== null) {
        // A default's names are not parameters.
        kid = kid.nextSibling;
      }
    }
    return keys;
  }

  /**
   * The parameters given a default (`acc=[]`), with the default's node; the defaults are
   * visited by `parameters`.
   */
  private defaultValues(node: SyntaxNode): Map<string, SyntaxNode> {
    const values = new Map<string, SyntaxNode>();
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      let next = kid.name === 'VariableName' ? kid.nextSibling : null;
      if (next !== null && next.name === 'TypeDef') {
        next = next.nextSibling;
      }
      if (next?.name === 'AssignOp' && next.nextSibling !== null) {
        values.set(this.textOf(kid), next.nextSibling);
      }
    }
    return values;
  }

  private inFunction(scope: FunctionScope, visit: () => void): void {
    const saved = this.scope;
    this.scope = scope;
    this.functionDepth++;
    visit();
    this.functionDepth--;
    this.scope = saved;
  }

  /** A closed function or class: a module-level one becomes `functions[name]`. */
  private deliver(
    summary: ISummary,
    defining: Scope,
    name: string | null
  ): void {
    if (name !== null && defining instanceof ClassScope) {
      defining.absorbMethod(name, summary);
      return;
    }
    if (name === null || defining !== this.module) {
      defining.absorb(summary);
      return;
    }
    const known = this.cell.functions.get(name);
    if (known === undefined) {
      this.cell.functions.set(name, summary);
    } else {
      mergeSummary(known, summary);
    }
  }

  private classDefinition(
    node: SyntaxNode,
    decorators: readonly string[]
  ): void {
    let name: string | null = null;
    let body: SyntaxNode | null = null;
    const defining = this.scope;
    const typeParameters = this.typeParameters(node);
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName') {
        name ??= this.textOf(kid);
      } else if (kid.name === 'ArgList') {
        this.argumentList(kid);
      } else if (kid.name === 'Body') {
        body = kid;
      }
    }
    const scope = new ClassScope(resolutionScope(this.scope));
    this.scope = scope;
    if (body !== null) {
      this.statements(body);
    }
    this.scope = defining;
    if (name !== null) {
      defining.bind(name, NEW_VALUE);
    }
    this.deliver(
      withoutNames(scope.close(name), typeParameters),
      defining,
      name
    );
  }

  private matchStatement(node: SyntaxNode): void {
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'MatchBody') {
        for (
          let clause = kid.firstChild;
          clause !== null;
          clause = clause.nextSibling
        ) {
          if (clause.name === 'MatchClause') {
            this.matchClause(clause);
          }
        }
      } else if (kid.name !== 'match') {
        this.expression(kid);
      }
    }
  }

  private matchClause(node: SyntaxNode): void {
    this.scope.pushBlock();
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'Body') {
        this.statements(kid);
      } else if (kid.name === 'Guard') {
        this.childExpressions(kid);
      } else if (kid.name !== 'case') {
        this.pattern(kid);
      }
    }
    this.scope.popBlock();
  }

  private pattern(node: SyntaxNode): void {
    switch (node.name) {
      case 'CapturePattern': {
        const name =
          node.firstChild === null ? '_' : this.textOf(node.firstChild);
        if (name !== '_') {
          this.scope.bind(name, NEW_VALUE);
        }
        return;
      }
      case 'AsPattern':
        for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
          if (kid.name === 'VariableName') {
            this.scope.bind(this.textOf(kid), NEW_VALUE);
          } else {
            this.pattern(kid);
          }
        }
        return;
      case 'AttributePattern':
      case 'VariableName': {
        const root = node.name === 'VariableName' ? node : node.firstChild;
        if (root !== null && root.name === 'VariableName') {
          this.scope.read(this.textOf(root));
        }
        return;
      }
      case 'KeywordPattern':
        // `Point(x=pattern)`: `x` is an attribute name.
        for (
          let kid = node.firstChild?.nextSibling ?? null;
          kid !== null;
          kid = kid.nextSibling
        ) {
          this.pattern(kid);
        }
        return;
      case 'LiteralPattern':
        return;
      default:
        for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
          this.pattern(kid);
        }
    }
  }

  private typeDefinition(node: SyntaxNode): void {
    let name: string | null = null;
    const defining = this.scope;
    this.typeParameters(node);
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName' && name === null) {
        name = this.textOf(kid);
      } else if (kid.name !== 'type' && kid.name !== 'TypeParamList') {
        this.expression(kid);
      }
    }
    this.scope = defining;
    if (name !== null) {
      this.scope.bind(name, NEW_VALUE);
    }
  }

  // ---- expressions ----

  private expressions(nodes: readonly SyntaxNode[]): void {
    for (const node of nodes) {
      this.expression(node);
    }
  }

  private childExpressions(node: SyntaxNode): void {
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      this.expression(kid);
    }
  }

  private expression(node: SyntaxNode): void {
    if (++this.depth > MAX_DEPTH) {
      this.scanNames(node);
    } else {
      this.expressionKind(node);
    }
    this.depth--;
  }

  private expressionKind(node: SyntaxNode): void {
    switch (node.name) {
      case 'VariableName':
        this.scope.read(this.textOf(node));
        return;
      case 'CallExpression':
        this.call(node);
        return;
      case 'LambdaExpression':
        this.lambda(node, null);
        return;
      case 'NamedExpression':
        this.namedExpression(node);
        return;
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
      case 'ComprehensionExpression':
        this.comprehension(node);
        return;
      case 'MemberExpression': {
        const property = node.lastChild;
        if (
          property?.name === 'PropertyName' &&
          this.textOf(property) === 'number' &&
          !this.isModule(rootNode(node))
        ) {
          // `fig.number`, `plt.gcf().number`: what else holds a `number` may be a figure.
          this.read(FIGURE_NUMBERS);
        }
        this.keyRead(node);
        this.childExpressions(node);
        return;
      }
      case 'String':
      case 'Number':
      case 'PropertyName':
      case 'Comment':
        return;
      default:
        this.childExpressions(node);
    }
  }

  /** Past `MAX_DEPTH`: every name in the subtree counts as read, without recursion. */
  private scanNames(node: SyntaxNode): void {
    const cursor: TreeCursor = node.cursor();
    let level = 0;
    for (;;) {
      if (cursor.name === 'VariableName') {
        this.scope.read(this.text.slice(cursor.from, cursor.to));
      }
      if (cursor.firstChild()) {
        level++;
        continue;
      }
      for (;;) {
        if (level === 0) {
          return;
        }
        if (cursor.nextSibling()) {
          break;
        }
        cursor.parent();
        level--;
      }
    }
  }

  private namedExpression(node: SyntaxNode): void {
    const target = node.firstChild;
    const value = node.lastChild;
    if (value !== null && value !== target) {
      this.expression(value);
    }
    if (target !== null && target.name === 'VariableName') {
      this.scope.bindNamed(this.textOf(target), this.valueOf(value));
    }
  }

  private lambda(node: SyntaxNode, name: string | null): void {
    let parameters: string[] = [];
    let keys: ReadonlyMap<string, readonly string[]> = new Map();
    let body: SyntaxNode | null = null;
    let afterColon = false;
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'ParamList') {
        parameters = this.parameters(kid);
        keys = this.parameterKeys(kid);
      } else if (kid.name === ':') {
        afterColon = true;
      } else if (afterColon && body === null) {
        body = kid;
      }
    }
    const defining = this.scope;
    const scope = new FunctionScope(parameters, null, false, keys);
    const visited = body;
    this.inFunction(scope, () => {
      if (visited !== null) {
        this.expression(visited);
        scope.returns(this.heldRoots(visited));
      }
    });
    this.deliver(scope.close(), defining, name);
  }

  /**
   * `[elt for a in xs if c for b in a]`: `xs` is evaluated outside; the targets, conditions,
   * later iterables and the element inside the comprehension's own scope.
   */
  private comprehension(node: SyntaxNode): void {
    const kids = children(node).filter(kid => !BRACKETS.has(kid.name));
    const forAt = kids.findIndex(
      kid => kid.name === 'for' || kid.name === 'async'
    );
    if (forAt < 0) {
      this.expressions(kids);
      return;
    }
    const outer = this.scope;
    const scope = new ComprehensionScope(outer, resolutionScope(outer));
    let first = true;
    let index = forAt;
    while (index < kids.length) {
      const kid = kids[index];
      if (kid.name === 'for') {
        let next = index + 1;
        const targets: SyntaxNode[] = [];
        while (next < kids.length && kids[next].name !== 'in') {
          targets.push(kids[next++]);
        }
        next++;
        const iterables: SyntaxNode[] = [];
        while (next < kids.length && !CLAUSE_KEYWORDS.has(kids[next].name)) {
          iterables.push(kids[next++]);
        }
        this.expressions(iterables);
        if (first) {
          // The loop may run zero times: a `:=` inside binds only maybe.
          outer.pushBlock();
          this.scope = scope;
          first = false;
        }
        const pending: Array<[string, IValue]> = [];
        for (const target of targets) {
          if (target.name !== ',' && target.name !== '*') {
            this.target(target, NEW_VALUE, pending);
          }
        }
        for (const [name] of pending) {
          scope.bind(name, NEW_VALUE);
        }
        index = next;
      } else if (kid.name === 'if') {
        index++;
        while (index < kids.length && !CLAUSE_KEYWORDS.has(kids[index].name)) {
          this.expression(kids[index++]);
        }
      } else {
        if (kid.name !== 'async') {
          this.expression(kid);
        }
        index++;
      }
    }
    this.scope = scope;
    this.expressions(kids.slice(0, forAt));
    this.scope = outer;
    if (!first) {
      outer.popBlock();
    }
  }

  private call(node: SyntaxNode): void {
    const callee = node.firstChild;
    if (callee === null) {
      return;
    }
    this.expression(callee);
    let method: string | null = null;
    let receiver: SyntaxNode | null = null;
    if (callee.name === 'VariableName') {
      this.scope.call(this.textOf(callee));
    } else if (callee.name === 'CallExpression') {
      this.dynamicMethodCall(callee);
    } else if (callee.name === 'MemberExpression') {
      const last = callee.lastChild;
      if (last !== null && last.name === 'PropertyName') {
        method = this.textOf(last);
        receiver = callee.firstChild;
      }
    }
    const list = node.lastChild;
    const args =
      list !== null && list.name === 'ArgList'
        ? this.argumentList(list)
        : NO_ARGUMENTS;
    if (callee.name === 'VariableName') {
      const name = this.textOf(callee);
      this.passArguments(name, args, mayBeSkipped(node) ? null : node);
      this.notePaths(name, args);
      const applied = args.positional[0];
      if (
        APPLYING_BUILTINS.has(name) &&
        applied !== undefined &&
        applied.name === 'VariableName'
      ) {
        // `map(f, xs)` calls `f` on the elements of `xs`.
        this.passArguments(this.textOf(applied), {
          positional: args.positional.slice(1),
          keywords: null
        });
      }
    } else if (callee.name === 'MemberExpression' && method === null) {
      // `ops['inc'](counter)`: a function taken from a container may change its arguments.
      args.positional.forEach(arg => this.mutateExpression(arg));
    }
    if (method !== null && receiver !== null) {
      const inplace = args.keywords?.get('inplace');
      const inPlace = inplace !== undefined && this.textOf(inplace) === 'True';
      const randomState = args.keywords?.has('random_state') === true;
      if (
        receiver.name === 'VariableName' &&
        !inPlace &&
        this.unknownMethod(callee, randomState)
      ) {
        // Whether it changes `receiver`, or its arguments, is up to the method: the
        // receiver's class says (`cleaner.clean(rows)`).
        const name = this.textOf(receiver);
        this.scope.callMethod(name, method);
        this.passArguments(name, args);
      } else if (this.receiverChanges(method, receiver, inPlace, randomState)) {
        this.mutateExpression(receiver);
      } else if (receiver.name === 'VariableName' && !this.isModule(receiver)) {
        this.scope.callTableMethod(this.textOf(receiver), method);
      }
    }
    const out = args.keywords?.get('out');
    if (out !== undefined) {
      // `np.add(a, b, out=a)` writes into `a`.
      this.mutateExpression(out);
    }
    this.currentArguments = args;
    const site = this.callSite(
      callee,
      method,
      receiver,
      args,
      this.isNamespace(node)
    );
    applyCallEffects(site, this);
    this.currentArguments = NO_ARGUMENTS;
    if (
      method !== null &&
      receiver !== null &&
      this.scope === this.module &&
      !mayBeSkipped(node)
    ) {
      this.setterStore(method, receiver, site, args);
    }
    if (
      method !== null &&
      receiver?.name === 'VariableName' &&
      this.scope instanceof FunctionScope &&
      atTopOfBody(node)
    ) {
      // `axis.set_ylabel(label)` on a parameter: a store its callers may replace.
      const slot = replacedSlot(
        method,
        args.positional.length,
        args.keywords ? [...args.keywords.keys()] : [],
        args.starred === true
      );
      if (slot !== null) {
        this.scope.store(this.textOf(receiver), slot);
      }
    }
  }

  /** `ax.set_xlim(2, 8)`, `plt.title("a")`: a store into one slot (`replacedSlot`). */
  private setterStore(
    method: string,
    receiver: SyntaxNode,
    site: ICallSite,
    args: IArguments
  ): void {
    const slot = replacedSlot(
      method,
      args.positional.length,
      args.keywords ? [...args.keywords.keys()] : [],
      args.starred === true
    );
    if (slot === null) {
      return;
    }
    const inner =
      receiver.name === 'CallExpression' ? receiver.firstChild : null;
    if (
      inner !== null &&
      inner.name === 'MemberExpression' &&
      inner.firstChild?.name === 'VariableName' &&
      SELF_RETURNING_METHODS.has(this.textOf(inner.lastChild ?? inner))
    ) {
      // `m.set_params(alpha=1).fit(X, y)`: the inner call read `m`.
      this.module.store(this.textOf(inner.firstChild), slot, false);
    } else if (CURRENT_AXES.has(site.receiverCall ?? '')) {
      // `plt.gca().set_title("a")`: `gca` makes the current axes only if there are none.
      const current = `.${site.receiverCall!.split('.').pop()}()`;
      this.module.store(PYPLOT, current, false);
      this.module.store(PYPLOT, current + slot, false);
    } else if (receiver.name !== 'VariableName') {
      return;
    } else if (!this.isModule(receiver)) {
      this.module.store(this.textOf(receiver), slot);
    } else if (site.qualified === `matplotlib.pyplot.${method}`) {
      this.module.store(PYPLOT, slot, false);
    }
  }

  /** Whether a call's value is the namespace another call runs code in (`exec(code, globals())`). */
  private isNamespace(node: SyntaxNode): boolean {
    const list = node.parent;
    if (list === null || list.name !== 'ArgList') {
      return false;
    }
    const operator = node.prevSibling;
    if (operator !== null && operator.name === 'AssignOp') {
      const keyword = operator.prevSibling;
      return keyword !== null && NAMESPACE_KEYWORDS.has(this.textOf(keyword));
    }
    const callee = list.parent?.firstChild ?? null;
    const qualified = callee === null ? null : this.qualifiedName(callee);
    return qualified !== null && RUNS_CODE.has(qualified);
  }

  /** `getattr(obj, "m")(...)` calls a method of `obj`, which may change it. */
  private dynamicMethodCall(callee: SyntaxNode): void {
    const call = callParts(callee);
    const receiver =
      call !== null && this.textOf(call.callee) === 'getattr'
        ? firstPositional(call.list)
        : null;
    if (receiver === null) {
      return;
    }
    const method = receiver.nextSibling?.nextSibling ?? null;
    const literal = method === null ? null : stringLiteral(method, this.text);
    const changes =
      literal === null
        ? // A name computed at run time may be any method.
          !this.isModule(rootNode(receiver))
        : this.receiverChanges(literal, receiver, false);
    if (changes) {
      this.mutateExpression(receiver);
    }
  }

  private callSite(
    callee: SyntaxNode,
    method: string | null,
    receiver: SyntaxNode | null,
    args: IArguments,
    isNamespace: boolean
  ): ICallSite {
    let receiverCall: string | null = null;
    let receiverPath: string | null = null;
    if (receiver !== null && receiver.name === 'CallExpression') {
      const inner = receiver.firstChild;
      receiverCall = inner === null ? null : this.qualifiedName(inner);
      const list = receiver.lastChild;
      const first =
        list !== null && list.name === 'ArgList' ? firstPositional(list) : null;
      receiverPath =
        first === null
          ? null
          : pathOf({
              literal: stringLiteral(first, this.text),
              text: this.textOf(first)
            });
    } else if (receiver !== null && !this.isModule(rootNode(receiver))) {
      receiverPath = pathOf({ literal: null, text: this.textOf(receiver) });
    }
    return {
      qualified: this.qualifiedName(callee),
      method,
      receiverCall,
      receiverPath,
      positionalCount: args.positional.length,
      isNamespace,
      arg: (index: number, ...keywords: string[]): IArgument | null => {
        let value: SyntaxNode | undefined =
          index >= 0 ? args.positional[index] : undefined;
        for (const keyword of keywords) {
          value ??= args.keywords?.get(keyword);
        }
        if (value === undefined) {
          return null;
        }
        return {
          literal: stringLiteral(value, this.text),
          text: this.textOf(value)
        };
      }
    };
  }

  /**
   * A function of the notebook may change the objects passed to it (see `world.ts`). `call`:
   * the call, when it always runs as the statement runs (its stores may replace earlier ones).
   */
  private passArguments(
    callee: string,
    args: IArguments,
    call: SyntaxNode | null = null
  ): void {
    if (PYTHON_BUILTINS.has(callee)) {
      return;
    }
    const given: Array<[string, SyntaxNode]> = [
      ...args.positional.map((value, position): [string, SyntaxNode] => [
        String(position),
        value
      ]),
      ...(args.keywords ?? []),
      ...(args.unplaced ?? []).map((value): [string, SyntaxNode] => [
        ANY_ARGUMENT,
        value
      ])
    ];
    // What the function stores may be another argument, which the slot then shares
    // (`tag(info, lst)`): only literals beside the object stored into.
    const literals =
      call !== null &&
      given.filter(([, value]) => !isLiteral(value)).length <= 1;
    for (const [key, value] of given) {
      const root = rootNode(value);
      if (root !== null && !this.isModule(root)) {
        this.scope.pass(callee, this.textOf(root), key);
        if (literals && root === value && this.scope === this.module) {
          this.module.storeThrough(this.textOf(root), callee, key);
        }
      }
    }
  }

  /**
   * The paths a call of a notebook's function gives as the cell runs (`log(LOG, "b")`), by
   * position and keyword: a function that writes at a path its parameter holds writes there.
   */
  private notePaths(callee: string, args: IArguments): void {
    if (this.functionDepth > 0 || PYTHON_BUILTINS.has(callee)) {
      return;
    }
    const paths: Record<string, string> = Object.create(null);
    const given = [...args.positional.entries()].map(
      ([position, value]): [string, SyntaxNode] => [String(position), value]
    );
    for (const [key, value] of [...given, ...(args.keywords ?? [])]) {
      paths[key] = pathOf({
        literal: stringLiteral(value, this.text),
        text: this.textOf(value)
      })!;
    }
    if (given.length > 0 || args.keywords !== null) {
      const known = this.cell.arguments.get(callee);
      if (known === undefined) {
        this.cell.arguments.set(callee, [paths]);
      } else {
        known.push(paths);
      }
    }
  }

  /**
   * Whether a call of class `name` holds only literals (`(1, alpha=-1.0, tol=None)`), none of
   * them `warm_start`, which makes scikit-learn's `fit` continue from what it learnt, and
   * either a seed (`random_state=0`) or a class whose fit draws nothing.
   */
  private literalArguments(list: SyntaxNode | null, name: string): boolean {
    if (list === null || list.name !== 'ArgList') {
      return false;
    }
    let seeded = DETERMINISTIC_ESTIMATORS.has(
      name.slice(name.lastIndexOf('.') + 1)
    );
    for (let kid = list.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName' && kid.nextSibling?.name === 'AssignOp') {
        const keyword = this.textOf(kid);
        if (keyword === 'warm_start') {
          return false;
        }
        kid = kid.nextSibling;
        if (keyword === 'random_state' && kid.nextSibling?.name === 'Number') {
          seeded = true;
        }
      } else if (!isLiteral(kid)) {
        return false;
      }
    }
    return seeded;
  }

  /** Visits an argument list and returns its arguments. */
  private argumentList(node: SyntaxNode): IArguments {
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'for') {
        // `f(x for x in xs)`: the generator's parts sit directly in the list.
        this.comprehension(node);
        return NO_ARGUMENTS;
      }
    }
    const positional: SyntaxNode[] = [];
    const unplaced: SyntaxNode[] = [];
    let keywords: Map<string, SyntaxNode> | null = null;
    let starred = false;
    for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
      const name = kid.name;
      if (name === '(' || name === ')' || name === ',') {
        continue;
      }
      if (name === '*' || name === '**') {
        starred = true;
        continue;
      }
      const operator = name === 'VariableName' ? kid.nextSibling : null;
      if (operator !== null && operator.name === 'AssignOp') {
        const value = operator.nextSibling;
        if (value === null) {
          break;
        }
        this.expression(value);
        if (this.textOf(operator) === ':=') {
          this.scope.bindNamed(this.textOf(kid), this.valueOf(value));
          if (!starred) {
            positional.push(value);
          }
        } else {
          keywords ??= new Map();
          keywords.set(this.textOf(kid), value);
        }
        kid = value;
        continue;
      }
      this.expression(kid);
      if (!starred) {
        positional.push(kid);
      } else {
        unplaced.push(kid);
      }
    }
    return { positional, keywords, starred, unplaced };
  }

  // ---- helpers ----

  /** `x`, `x.a[0]`: the root name's object (or its attribute `a`'s object) changes. */
  private mutateExpression(node: SyntaxNode | null): void {
    if (node === null) {
      return;
    }
    const callee = node.name === 'CallExpression' ? node.firstChild : null;
    if (
      callee !== null &&
      (this.unknownMethod(callee) ||
        (callee.name === 'MemberExpression' &&
          SELF_RETURNING_METHODS.has(this.textOf(callee.lastChild ?? callee))))
    ) {
      // `d.items().append(3)`: what the method returned may be one of `d`'s objects;
      // `m.set_params(alpha=1).fit(X)` changes `m` again.
      this.mutateExpression(callee.firstChild);
      return;
    }
    const owner = this.varsOwner(node);
    if (owner !== null) {
      // `vars(m).update(warm_start=True)`, `vars(self)[k] = v`: the attributes of `m`.
      this.mutateExpression(owner);
      return;
    }
    const root = rootName(node, this.text);
    if (root === null) {
      return;
    }
    const property = firstProperty(node, this.text);
    const state = this.isModule(rootNode(node))
      ? moduleState(this.moduleOf(root))
      : null;
    if (state !== null) {
      // `mpl.rcParams['lines.linewidth'] = 3`
      this.effect('mutate', state);
    }
    if (node.name === 'MemberExpression') {
      // `rows[0].append(1)`, `recs[1]['v'] = 2`: an element of `rows` changes.
      this.scope.mutateElement(root, property);
    } else {
      this.scope.mutate(root, property);
    }
  }

  /** The argument of the `vars(x)` call at the root of `node` (`vars(x)["a"]`), if any. */
  private varsOwner(node: SyntaxNode): SyntaxNode | null {
    let root: SyntaxNode | null = node;
    while (
      root !== null &&
      (root.name === 'MemberExpression' ||
        root.name === 'ParenthesizedExpression')
    ) {
      root =
        root.name === 'MemberExpression'
          ? root.firstChild
          : (root.firstChild?.nextSibling ?? null);
    }
    const callee = root?.name === 'CallExpression' ? root.firstChild : null;
    const list = root?.lastChild ?? null;
    return callee?.name === 'VariableName' &&
      this.textOf(callee) === 'vars' &&
      list?.name === 'ArgList'
      ? firstPositional(list)
      : null;
  }

  private isModule(node: SyntaxNode | null): boolean {
    if (node === null || node.name !== 'VariableName') {
      return false;
    }
    const name = this.textOf(node);
    return this.modules.has(name) || CONVENTIONAL_MODULES.has(name);
  }

  /**
   * Whether `callee` is `x.method` on an object (not a module) with a method that no table
   * names: the model cannot see what it does or returns.
   */
  private unknownMethod(callee: SyntaxNode, randomState = false): boolean {
    const method = callee.name === 'MemberExpression' ? callee.lastChild : null;
    if (method === null || method.name !== 'PropertyName') {
      return false;
    }
    const name = this.textOf(method);
    return (
      !this.mutators.has(name) &&
      this.receiverChanges(name, callee.firstChild, false, randomState)
    );
  }

  /** Whether calling `method` on `receiver` may change it (see `changesReceiver`). */
  private receiverChanges(
    method: string,
    receiver: SyntaxNode | null,
    inplace: boolean,
    randomState = false
  ): boolean {
    return changesReceiver(method, {
      isModule: this.isModule(receiver),
      rootIsModule: this.isModule(rootNode(receiver)),
      inplace,
      mutators: this.mutators,
      randomState
    });
  }

  /** The module an imported or conventional name stands for (`np` -> `numpy`), else the name. */
  private moduleOf(name: string): string {
    return this.imports.get(name) ?? CONVENTIONAL_IMPORTS.get(name) ?? name;
  }

  /** A dotted name with the import alias at its root resolved (`ft.cache` -> `functools.cache`). */
  private withImports(dotted: string): string {
    const dot = dotted.indexOf('.');
    const root = dot < 0 ? dotted : dotted.slice(0, dot);
    return this.moduleOf(root) + dotted.slice(root.length);
  }

  /** The callee as a dotted name with import aliases resolved (`np.random.seed` -> `numpy.random.seed`). */
  private qualifiedName(callee: SyntaxNode): string | null {
    const parts: string[] = [];
    let node: SyntaxNode | null = callee;
    while (node !== null && node.name === 'MemberExpression') {
      const last: SyntaxNode | null = node.lastChild;
      if (last === null || last.name !== 'PropertyName') {
        return null;
      }
      parts.push(this.textOf(last));
      node = node.firstChild;
    }
    if (node === null || node.name !== 'VariableName') {
      return null;
    }
    const root = this.textOf(node);
    let name = this.moduleOf(root);
    for (let i = parts.length - 1; i >= 0; i--) {
      name += `.${parts[i]}`;
    }
    return name;
  }

  /**
   * What binding `value` to a name makes it hold: another name's object, a new object that is
   * part of other names' objects (see `partSources`), or a new one.
   */
  private valueOf(value: SyntaxNode | null): IValue {
    if (value === null) {
      return NEW_VALUE;
    }
    const source = this.aliasSource(value);
    if (source !== null) {
      return {
        source,
        objects: this.scope.objectsOf(source),
        element: false,
        builtin: this.scope.isBuiltin(source)
      };
    }
    const builtin = this.isBuiltin(value);
    const subscript = this.subscriptOf(value);
    if (
      subscript !== null &&
      subscript.kind === 'view' &&
      this.scope.isBuiltin(subscript.container)
    ) {
      // A slice of a list, tuple or str is a shallow copy of it.
      const copies = this.scope.objectsOf(subscript.container);
      return { source: null, objects: [], element: false, copies, builtin };
    }
    const parts = this.partSources(value);
    if (parts.length > 0) {
      const objects = parts.flatMap(name => this.scope.objectsOf(name));
      // The objects of a part are its containers': what they are says nothing of the part.
      const known =
        subscript !== null && !this.scope.isPart(subscript.container);
      return {
        source: parts[0],
        objects,
        element: true,
        builtin,
        subscript: known ? subscript.kind : undefined
      };
    }
    const copied = this.copySources(value);
    if (copied.length > 0) {
      const copies = copied.flatMap(name => this.scope.objectsOf(name));
      return { source: null, objects: [], element: false, copies, builtin };
    }
    if (builtin) {
      return { ...NEW_VALUE, builtin };
    }
    const call = value.name === 'CallExpression' ? callParts(value) : null;
    if (
      call !== null &&
      this.qualifiedName(call.callee) === 'dataclasses.field' &&
      this.keywordsOf(call.list).includes('default_factory')
    ) {
      // A dataclass calls the factory for each instance: no object is shared between them.
      return { ...NEW_VALUE, perInstance: true };
    }
    if (call !== null && call.callee.name === 'VariableName') {
      const name = this.textOf(call.callee);
      if (!PYTHON_BUILTINS.has(name)) {
        const given = this.argumentRoots(call.list).flatMap(root =>
          this.scope.objectsOf(root)
        );
        return {
          source: null,
          objects: [],
          element: false,
          instanceOf: name,
          ...(given.length > 0 ? { given } : {}),
          literalArguments: this.literalArguments(
            value.lastChild,
            this.withImports(name)
          )
        };
      }
    }
    return NEW_VALUE;
  }

  /** The keywords an argument list gives (`f(a, b=1)` gives `b`). */
  private keywordsOf(list: SyntaxNode): string[] {
    const keywords: string[] = [];
    for (let kid = list.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.name === 'VariableName' && kid.nextSibling?.name === 'AssignOp') {
        keywords.push(this.textOf(kid));
      }
    }
    return keywords;
  }

  /** The root names of a call's arguments, keyword and unpacked ones too. */
  private argumentRoots(list: SyntaxNode): string[] {
    const roots: string[] = [];
    for (let kid = list.firstChild; kid !== null; kid = kid.nextSibling) {
      if (kid.nextSibling?.name !== 'AssignOp') {
        // Into displays: `Pipeline([("s", scaler)])` is given `scaler`.
        roots.push(
          ...(GIVEN_DISPLAYS.has(kid.name)
            ? this.argumentRoots(kid)
            : this.rootOf(kid))
        );
      }
    }
    return roots;
  }

  /**
   * The names whose objects, or parts of them, the value of `node` may be: `a`, `a[0]`,
   * `[a, b]`, `list(a)`, `a or b`, `a if c else b`.
   */
  private heldRoots(node: SyntaxNode): string[] {
    switch (node.name) {
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling ?? null;
        return inner === null ? [] : this.heldRoots(inner);
      }
      case 'ConditionalExpression': {
        const kids = children(node);
        return [kids[0], kids[kids.length - 1]].flatMap(kid =>
          this.heldRoots(kid)
        );
      }
      case 'BinaryExpression': {
        const operator = node.firstChild?.nextSibling;
        return operator?.name === 'or' || operator?.name === 'and'
          ? [node.firstChild!, node.lastChild!].flatMap(kid =>
              this.heldRoots(kid)
            )
          : [];
      }
    }
    const source = this.aliasSource(node);
    return source !== null
      ? [source]
      : [...this.partSources(node), ...this.copySources(node)];
  }

  /**
   * Whether `node` makes a value of Python's own types (see `ICellSymbols.builtins`): a
   * literal, a display, a comprehension, or a call of the builtin that makes one (`sorted(a)`).
   */
  private isBuiltin(node: SyntaxNode): boolean {
    if (BUILTIN_DISPLAYS.has(node.name)) {
      return true;
    }
    if (node.name === 'ParenthesizedExpression') {
      const inner = node.firstChild?.nextSibling ?? null;
      return inner !== null && this.isBuiltin(inner);
    }
    if (node.name === 'UnaryExpression') {
      // `-1`
      return node.lastChild?.name === 'Number';
    }
    const callee = node.name === 'CallExpression' ? node.firstChild : null;
    return (
      callee !== null &&
      callee.name === 'VariableName' &&
      BUILTIN_MAKERS.has(this.textOf(callee))
    );
  }

  /**
   * A subscript whose sharing depends on what its container is (see `ICellSymbols.subscripts`):
   * a basic slice of a name (`a[1:]`, `a[:, 0]`), or a selection by a list (`a[[0, 2]]`) or by
   * a mask computed from the container (`a[a > 0]`, `df.loc[(df.x > 1) & ~(df.y < 0)]`).
   * A comparison that does not read the container may be a key (`groups[n > 5]` of a dict).
   */
  private subscriptOf(
    node: SyntaxNode
  ): { container: string; kind: SubscriptKind } | null {
    if (node.name === 'ParenthesizedExpression') {
      const inner = node.firstChild?.nextSibling ?? null;
      return inner === null ? null : this.subscriptOf(inner);
    }
    const index =
      node.name === 'MemberExpression' ? subscriptIndex(node) : null;
    const container = node.firstChild;
    if (index === null || container === null) {
      return null;
    }
    if (index.some(kid => kid.name === ':')) {
      return container.name === 'VariableName'
        ? { container: this.textOf(container), kind: 'view' }
        : null;
    }
    // `df.loc[...]` and `df.iloc[...]` select from `df` as `df[...]` does.
    const frame =
      container.name === 'MemberExpression' &&
      INDEXERS.has(this.textOf(container.lastChild ?? container))
        ? container.firstChild
        : container;
    if (index.length !== 1 || frame === null || frame.name !== 'VariableName') {
      return null;
    }
    const name = this.textOf(frame);
    const key = index[0];
    const selects =
      key.name === 'ArrayExpression' ||
      key.name === 'ArrayComprehensionExpression' ||
      (this.isMask(key) && this.readsName(key, name));
    return selects ? { container: name, kind: 'selection' } : null;
  }

  /**
   * A comparison, a call that tests each element (`s.isin(xs)`, `np.isnan(a)`), or `&`, `|`
   * and `~` of them: elementwise on arrays and frames.
   */
  private isMask(node: SyntaxNode): boolean {
    switch (node.name) {
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling ?? null;
        return inner !== null && this.isMask(inner);
      }
      case 'UnaryExpression': {
        const operator = node.firstChild;
        const operand = node.lastChild;
        return (
          operator !== null &&
          this.textOf(operator) === '~' &&
          operand !== null &&
          operand !== operator &&
          this.isMask(operand)
        );
      }
      case 'BinaryExpression': {
        const kids = children(node);
        if (kids.length === 3 && kids[1].name === 'CompareOp') {
          return true;
        }
        return (
          kids.length === 3 &&
          (this.textOf(kids[1]) === '&' || this.textOf(kids[1]) === '|') &&
          this.isMask(kids[0]) &&
          this.isMask(kids[2])
        );
      }
      case 'CallExpression': {
        const callee = node.firstChild;
        const name =
          callee?.name === 'MemberExpression' ? callee.lastChild : callee;
        return name !== null && MASK_CALLS.has(this.textOf(name));
      }
    }
    return false;
  }

  /** Whether `node` reads the name `name` anywhere inside it. */
  private readsName(node: SyntaxNode, name: string): boolean {
    const cursor = node.cursor();
    const end = node.to;
    do {
      if (cursor.from >= end) {
        return false;
      }
      if (cursor.name === 'VariableName' && this.textOf(cursor.node) === name) {
        return true;
      }
    } while (cursor.next());
    return false;
  }

  /**
   * The names whose objects a shallow copy holds the elements of: `copy.copy(a)`, `list(a)`,
   * `a.copy()`, `[x for x in a if ...]`.
   */
  private copySources(node: SyntaxNode): string[] {
    switch (node.name) {
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling ?? null;
        return inner === null ? [] : this.copySources(inner);
      }
      case 'CallExpression': {
        const call = callParts(node);
        if (call === null) {
          return [];
        }
        const { callee, list } = call;
        const qualified = this.qualifiedName(callee);
        if (qualified !== null && SHALLOW_COPY_FUNCTIONS.has(qualified)) {
          return this.rootOf(firstPositional(list));
        }
        const method =
          callee.name === 'MemberExpression' ? callee.lastChild : null;
        return method !== null &&
          this.textOf(method) === 'copy' &&
          this.textOf(list).replace(/\s+/g, '') === '()'
          ? this.rootOf(callee.firstChild)
          : [];
      }
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression': {
        // The element is a loop variable: the new container holds the iterable's elements.
        const kids = children(node).filter(kid => !BRACKETS.has(kid.name));
        const forAt = kids.findIndex(kid => kid.name === 'for');
        const inAt = kids.findIndex(kid => kid.name === 'in');
        if (forAt !== 1 || inAt < 0 || inAt + 1 >= kids.length) {
          return [];
        }
        const element = this.textOf(kids[0]);
        const targets = kids
          .slice(forAt + 1, inAt)
          .map(kid => this.textOf(kid));
        return targets.includes(element) ? this.rootOf(kids[inAt + 1]) : [];
      }
    }
    return [];
  }

  /** The root name of an expression as a list, unless it is a module or not a name. */
  private rootOf(node: SyntaxNode | null): string[] {
    const root = rootNode(node);
    return root === null || this.isModule(root) ? [] : [this.textOf(root)];
  }

  /**
   * The names whose objects a new value shares memory or elements with: `data[0]`, `a[1:]`
   * (a numpy view; `subscriptOf` says when it is not), `obj.items`, or the names in a display
   * (`[a, b]`, `{'k': a}`).
   */
  private partSources(node: SyntaxNode): string[] {
    switch (node.name) {
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling ?? null;
        return inner === null ? [] : this.partSources(inner);
      }
      case 'MemberExpression': {
        const root = rootNode(node);
        return root === null || this.isModule(root) ? [] : [this.textOf(root)];
      }
      case 'CallExpression': {
        // Views: `d.keys()`, `a.reshape(2, 3)`, `np.asarray(a)`.
        const call = callParts(node);
        if (call === null) {
          return [];
        }
        const { callee, list } = call;
        const qualified = this.qualifiedName(callee);
        if (qualified !== null && PART_FUNCTIONS.has(qualified)) {
          return this.rootOf(firstPositional(list));
        }
        if (qualified !== null && PYPLOT_OBJECTS.has(qualified)) {
          return [PYPLOT];
        }
        if (qualified === 'functools.partial') {
          // The partial object holds the arguments it binds; calling it may change them.
          return positionals(list)
            .slice(1)
            .flatMap(arg => this.rootOf(arg));
        }
        const method =
          callee.name === 'MemberExpression' ? callee.lastChild : null;
        return method !== null &&
          method.name === 'PropertyName' &&
          PART_METHODS.has(this.textOf(method))
          ? this.rootOf(callee.firstChild)
          : [];
      }
      case 'ArrayExpression':
      case 'TupleExpression':
      case 'SetExpression':
      case 'DictionaryExpression': {
        const names: string[] = [];
        for (let kid = node.firstChild; kid !== null; kid = kid.nextSibling) {
          if (kid.name === 'VariableName') {
            names.push(this.textOf(kid));
          }
        }
        return names;
      }
    }
    return [];
  }

  /** `a` and `model.fit(X)` are `a`'s object; other expressions make new ones. */
  private aliasSource(node: SyntaxNode): string | null {
    switch (node.name) {
      case 'VariableName':
        return this.textOf(node);
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling ?? null;
        return inner === null ? null : this.aliasSource(inner);
      }
      case 'NamedExpression': {
        const value = node.lastChild;
        return value === null || value === node.firstChild
          ? null
          : this.aliasSource(value);
      }
      case 'CallExpression': {
        const callee = node.firstChild;
        const method =
          callee !== null && callee.name === 'MemberExpression'
            ? callee.lastChild
            : null;
        if (
          method !== null &&
          method.name === 'PropertyName' &&
          SELF_RETURNING_METHODS.has(this.textOf(method))
        ) {
          return rootName(callee?.firstChild ?? null, this.text);
        }
        return null;
      }
    }
    return null;
  }

  private textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  // ---- IEffectSink: effects of calls, routed to the current scope ----

  read(symbol: string): void {
    this.effect('read', symbol);
  }

  define(symbol: string): void {
    this.effect('define', symbol);
  }

  mutate(symbol: string): void {
    this.effect('mutate', symbol);
  }

  remove(symbol: string): void {
    this.effect('remove', symbol);
  }

  irreversible(message: string): void {
    // Inside a function it happens when the function is called; the summary cannot say so.
    if (this.functionDepth === 0) {
      this.cell.irreversible.add(message);
    }
  }

  opaque(reason: string): void {
    this.cell.opaque.add(reason);
  }

  mutateArgument(index: number): void {
    this.mutateExpression(this.currentArguments.positional[index] ?? null);
  }

  drawFromArgument(keyword: string): void {
    const argument = this.currentArguments.keywords?.get(keyword);
    if (argument !== undefined && argument.name === 'VariableName') {
      this.scope.draw(this.textOf(argument));
    }
  }

  evaluate(code: string, namespace: 'module' | 'scope'): void {
    const tree = parser.parse(code);
    if (syntaxProblem(tree, code, 'cell')) {
      return;
    }
    const inner = walkTree(tree, code, this.mutators, []).cell;
    for (const name of inner.reads) {
      if (name.includes(':')) {
        // A pseudo-symbol (`file:a.csv`) is the same wherever the code runs.
        this.read(name);
      } else if (namespace === 'module') {
        this.read(name);
        this.cell.evaluated.add(name);
      } else {
        this.scope.read(name);
      }
    }
  }

  private effect(kind: EffectKind, symbol: string): void {
    this.scope.effect(kind, symbol);
  }
}

/**
 * Whether the statement holding `node` may run without evaluating it: a branch of `a if c else
 * b`, an operand of `and`/`or`.
 */
function mayBeSkipped(node: SyntaxNode): boolean {
  for (let at = node.parent; at !== null; at = at.parent) {
    if (
      at.name === 'ConditionalExpression' ||
      (at.name === 'BinaryExpression' &&
        children(at).some(kid => kid.name === 'and' || kid.name === 'or'))
    ) {
      return true;
    }
    if (at.name.endsWith('Statement') || at.name === 'Script') {
      return false;
    }
  }
  return false;
}

/** A literal number, string, boolean or `None` (`-1` too): a new object, shared with nothing. */
function isLiteral(node: SyntaxNode): boolean {
  return (
    LITERALS.has(node.name) ||
    (node.name === 'UnaryExpression' && node.lastChild?.name === 'Number')
  );
}

/**
 * Whether the statement of `target` (a store's target, a call) sits at the top of a function's
 * body: each call runs it (or fails), unless a `return` came first (`FunctionScope.store`).
 */
function atTopOfBody(target: SyntaxNode): boolean {
  const body = target.parent?.parent;
  return body?.name === 'Body' && body.parent?.name === 'FunctionDefinition';
}

/** Whether a function body yields: calling it makes a generator and runs nothing yet. */
function hasYield(body: SyntaxNode): boolean {
  const cursor = body.cursor();
  while (cursor.next() && cursor.from < body.to) {
    if (cursor.name === 'yield') {
      return true;
    }
  }
  return false;
}

/** No names (a definition without type parameters). */
const NO_NAMES: ReadonlySet<string> = new Set();

/** The keywords of a namespace code runs in, and the functions that run code given in one. */
const NAMESPACE_KEYWORDS = new Set(['globals', 'locals']);
const RUNS_CODE = new Set([
  'exec',
  'eval',
  'timeit.timeit',
  'timeit.repeat',
  'timeit.Timer',
  'cProfile.runctx',
  'profile.runctx'
]);

/** Literals whose object no code can change. */
const CONSTANTS = new Set(['None', 'Boolean', 'Number', 'String']);

/** `summary` without the free names `names` (bound around the definition). */
function withoutNames(summary: ISummary, names: ReadonlySet<string>): ISummary {
  for (const name of names) {
    summary.reads.delete(name);
    summary.calls.delete(name);
    for (const [callee, passed] of summary.passes) {
      if (passed.delete(name) && passed.size === 0) {
        summary.passes.delete(callee);
      }
    }
  }
  return summary;
}

/** The names as a list. The grammar recovers from some errors with an empty name; Python has none. */
export function named(names: ReadonlySet<string>): string[] {
  const list = [...names];
  return names.has('') ? list.filter(name => name !== '') : list;
}
