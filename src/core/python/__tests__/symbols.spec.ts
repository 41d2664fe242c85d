import { ICellSymbols, IFunctionSummary } from '../../types';
import { analyzeCell, hasCode, IAnalyzeOptions } from '../index';

/** The fields a row checks; lists are compared as sets. */
interface IExpected {
  defines?: string[];
  reads?: string[];
  mutates?: string[];
  deletes?: string[];
  imports?: string[];
  calls?: string[];
  functions?: Record<string, Partial<IFunctionSummary>>;
  aliases?: Record<string, string>;
  parts?: Record<string, string[]>;
  copies?: Record<string, string[]>;
  subscripts?: Record<string, 'view' | 'selection'>;
  builtins?: string[];
  draws?: string[];
  opaque?: string[];
  irreversible?: string[];
  evaluated?: string[];
  notPython?: string;
  syntaxError?: { line?: number; column?: number; message?: string } | null;
}

type Row = [string, IExpected] | [string, IExpected, IAnalyzeOptions];

const LISTS = [
  'defines',
  'reads',
  'mutates',
  'deletes',
  'imports',
  'calls',
  'opaque',
  'irreversible'
] as const;

const sorted = (list: readonly string[]): string[] => [...list].sort();

function check(result: ICellSymbols, expected: IExpected): void {
  for (const key of LISTS) {
    const list = result[key];
    expect(new Set(list).size).toBe(list.length);
    const want = expected[key];
    if (want !== undefined) {
      expect({ [key]: sorted(list) }).toEqual({ [key]: sorted(want) });
    }
  }
  if (expected.functions !== undefined) {
    expect(sorted(Object.keys(result.functions))).toEqual(
      sorted(Object.keys(expected.functions))
    );
    for (const [name, summary] of Object.entries(expected.functions)) {
      const got = result.functions[name];
      for (const field of ['reads', 'writes', 'mutates', 'calls'] as const) {
        const want = summary[field];
        if (want !== undefined) {
          expect({ [`${name}.${field}`]: sorted(got[field]) }).toEqual({
            [`${name}.${field}`]: sorted(want)
          });
        }
      }
    }
  }
  if (expected.aliases !== undefined) {
    expect({ ...result.aliases }).toEqual(expected.aliases);
  }
  if (expected.parts !== undefined) {
    expect({ ...result.parts }).toEqual(expected.parts);
  }
  if (expected.copies !== undefined) {
    expect({ ...result.copies }).toEqual(expected.copies);
  }
  if (expected.subscripts !== undefined) {
    expect({ ...result.subscripts }).toEqual(expected.subscripts);
  }
  if (expected.draws !== undefined) {
    expect(sorted(result.draws ?? [])).toEqual(sorted(expected.draws));
  }
  if (expected.builtins !== undefined) {
    expect(sorted(result.builtins ?? [])).toEqual(sorted(expected.builtins));
  }
  if (expected.evaluated !== undefined) {
    expect({ evaluated: sorted(result.evaluated ?? []) }).toEqual({
      evaluated: sorted(expected.evaluated)
    });
  }
  if ('notPython' in expected) {
    expect(result.notPython).toBe(expected.notPython);
  }
  if (expected.syntaxError === null) {
    expect(result.syntaxError).toBeUndefined();
  } else if (expected.syntaxError !== undefined) {
    expect(result.syntaxError).toMatchObject(expected.syntaxError);
  }
}

const EMPTY: IExpected = {
  defines: [],
  reads: [],
  mutates: [],
  deletes: [],
  opaque: [],
  irreversible: []
};

/** Binding forms: what a cell defines. */
const BINDINGS: Row[] = [
  ['x = 1', { defines: ['x'], reads: [], mutates: [], syntaxError: null }],
  [
    'a = b = c',
    { defines: ['a', 'b'], reads: ['c'], aliases: { a: 'c', b: 'c' } }
  ],
  ['x, *y = z', { defines: ['x', 'y'], reads: ['z'] }],
  ['[a, (b, c)] = t', { defines: ['a', 'b', 'c'], reads: ['t'] }],
  ['(a, b) = 1, 2', { defines: ['a', 'b'], reads: [] }],
  ['x: int = 5', { defines: ['x'], reads: ['int'] }],
  ['x: int', { defines: [], reads: ['int'] }],
  [
    'obj.attr: int = 1',
    { defines: [], reads: ['obj', 'int'], mutates: ['obj'] }
  ],
  ['if (n := len(a)) > 3:\n    pass', { defines: ['n'], reads: ['len', 'a'] }],
  [
    'for i, (j, k) in enumerate(z):\n    pass',
    { defines: ['i', 'j', 'k'], reads: ['enumerate', 'z'] }
  ],
  [
    'with open(p) as f:\n    data = f.read()',
    { defines: ['f', 'data'], reads: ['open', 'p', 'file:@p'] }
  ],
  [
    'with a as b, c as d:\n    pass',
    { defines: ['b', 'd'], reads: ['a', 'c'] }
  ],
  [
    'try:\n    pass\nexcept ValueError as e:\n    print(e)',
    { defines: [], reads: ['ValueError', 'print'] }
  ],
  ['import a.b.c', { defines: ['a'], imports: ['a.b.c'], reads: [] }],
  ['import a.b as c', { defines: ['c'], imports: ['a.b'] }],
  [
    'import numpy as np, pandas as pd',
    { defines: ['np', 'pd'], imports: ['numpy', 'pandas'] }
  ],
  ['from m import x as y, z', { defines: ['y', 'z'], imports: ['m'] }],
  ['from .rel import thing', { defines: ['thing'], imports: ['.rel'] }],
  [
    'from sklearn.linear_model import (LinearRegression,\n    Ridge as R)',
    { defines: ['LinearRegression', 'R'], imports: ['sklearn.linear_model'] }
  ],
  [
    'from __future__ import annotations',
    { defines: ['annotations'], imports: ['__future__'] }
  ],
  [
    'def f():\n    pass',
    {
      defines: ['f'],
      functions: { f: { reads: [], writes: [], mutates: [], calls: [] } }
    }
  ],
  [
    'async def fetch():\n    await go()',
    {
      defines: ['fetch'],
      functions: { fetch: { reads: ['go'], calls: ['go'] } }
    }
  ],
  ['class C:\n    pass', { defines: ['C'], functions: { C: { reads: [] } } }],
  ['del x', { defines: [], deletes: ['x'], reads: ['x'] }],
  ['x = 1\ndel x', { defines: ['x'], deletes: ['x'], reads: [] }],
  ['del a, b', { deletes: ['a', 'b'], reads: ['a', 'b'] }],
  [
    'match cmd:\n    case [a, b]:\n        pass\n    case {"k": v, **rest}:\n        pass\n    case Point(x=px) as p:\n        pass\n    case _:\n        pass',
    { defines: ['a', 'b', 'v', 'rest', 'px', 'p'], reads: ['cmd', 'Point'] }
  ],
  [
    'match p:\n    case Color.RED:\n        hit = 1',
    { defines: ['hit'], reads: ['p', 'Color'] }
  ],
  [
    'match p:\n    case [x, *others] if x > limit:\n        pass',
    { defines: ['x', 'others'], reads: ['p', 'limit'] }
  ],
  ['type Alias = list[int]', { defines: ['Alias'], reads: ['list', 'int'] }],
  // PEP 695: type parameters are bound around the definition, never read from outside.
  ['type Pair[T] = tuple[T, T]', { defines: ['Pair'], reads: ['tuple'] }],
  [
    'class Box[T: Bound](Base[T]):\n    item: T\n    def get(self) -> T:\n        return T()',
    {
      defines: ['Box'],
      reads: ['Bound', 'Base'],
      functions: { Box: { reads: [], calls: [] } }
    }
  ],
  [
    'def first[T, *Ts, **P](xs: list[T]) -> T:\n    return cast(T, xs[0])',
    {
      defines: ['first'],
      reads: ['list'],
      functions: { first: { reads: ['cast'], passes: {} } }
    }
  ],
  ['x = [i for i in range(3)]', { defines: ['x'], reads: ['range'] }],
  [
    'print(i)\nfor i in r:\n    pass',
    { defines: ['i'], reads: ['print', 'i', 'r'] }
  ],
  ['global g\ng = 1', { defines: ['g'], reads: [] }],
  ['x = y = []', { defines: ['x', 'y'], aliases: { y: 'x' } }],
  ['a, b = b, a', { defines: ['a', 'b'], reads: ['b', 'a'], aliases: {} }],
  [
    'i = 0\nwhile i < 10:\n    i += 1',
    { defines: ['i'], reads: [], mutates: [] }
  ],
  [
    'for x in []:\n    pass\nelse:\n    y = 1',
    { defines: ['x', 'y'], reads: [] }
  ],
  ['lambda: 0', { defines: [], reads: [] }],
  ['a[i], b = 1, 2', { defines: ['b'], reads: ['a', 'i'], mutates: ['a'] }],
  ['x = 1; y = x', { defines: ['x', 'y'], reads: [], aliases: { y: 'x' } }],
  [
    'if x:\n    pass\nelif (m := f()):\n    pass\nprint(m)',
    { defines: ['m'], reads: ['x', 'f', 'print', 'm'] }
  ],
  [
    'while (line := read()):\n    pass\nprint(line)',
    { defines: ['line'], reads: ['read', 'print'] }
  ],
  [
    'for x.attr in items:\n    pass',
    { defines: [], reads: ['x', 'items'], mutates: ['x'] }
  ],
  [
    'except_ = 1\nmatch = 2\ncase = match + except_',
    { defines: ['except_', 'match', 'case'], reads: [] }
  ]
];

/** Free reads, in the order Python evaluates. */
const READS: Row[] = [
  ['x = x + 1', { defines: ['x'], reads: ['x'] }],
  ['y = 1\nx = y', { defines: ['y', 'x'], reads: [] }],
  [
    'if c:\n    y = 1\nelse:\n    y = 2\nprint(y)',
    { defines: ['y'], reads: ['c', 'print', 'y'] }
  ],
  ['x = 1\nif c:\n    print(x)', { reads: ['c', 'print'] }],
  ['if c:\n    y = 1\n    print(y)', { reads: ['c', 'print'] }],
  [
    'for i in range(3):\n    if i:\n        t = i\n    print(t)',
    { defines: ['i', 't'], reads: ['range', 'print', 't'] }
  ],
  [
    'for i in range(3):\n    acc = acc + i',
    { defines: ['i', 'acc'], reads: ['range', 'acc'] }
  ],
  [
    'while cond():\n    v = 1\nprint(v)',
    { reads: ['cond', 'print', 'v'], calls: ['cond', 'print'] }
  ],
  [
    'try:\n    r = f()\nexcept Exception:\n    r = None\nprint(r)',
    { defines: ['r'], reads: ['f', 'Exception', 'print', 'r'] }
  ],
  [
    'try:\n    pass\nfinally:\n    done = True\nprint(done)',
    { defines: ['done'], reads: ['print'] }
  ],
  [
    'with ctx:\n    w = 1\nprint(w)',
    { defines: ['w'], reads: ['ctx', 'print'] }
  ],
  [
    'try:\n    import foo\nexcept ImportError as e:\n    foo = None\n    print(e)\nprint(e, foo)',
    {
      defines: ['foo'],
      reads: ['ImportError', 'print', 'e', 'foo'],
      imports: ['foo']
    }
  ],
  [
    'print(f"{a} and {b!r:>{width}} {c=}")',
    { reads: ['print', 'a', 'b', 'width', 'c'] }
  ],
  [
    "print(f'{x:{fmt}}' f\"{y}\" 'plain')",
    { reads: ['print', 'x', 'fmt', 'y'] }
  ],
  ['s = f"{\'quoted\'}"', { defines: ['s'], reads: [] }],
  [
    '@decorator(arg)\ndef g():\n    pass',
    { defines: ['g'], reads: ['decorator', 'arg'], calls: ['decorator'] }
  ],
  ['@a.b.c\ndef g():\n    pass', { defines: ['g'], reads: ['a'], calls: [] }],
  [
    '@functools.lru_cache(maxsize=size)\ndef g():\n    pass',
    { reads: ['functools', 'size'] }
  ],
  [
    'def f(x=default, *, y: Ann = d2) -> Ret:\n    pass',
    { defines: ['f'], reads: ['default', 'Ann', 'd2', 'Ret'] }
  ],
  [
    'class C(Base, metaclass=Meta):\n    attr = value\n    other = attr + 1',
    { defines: ['C'], reads: ['Base', 'Meta', 'value'] }
  ],
  ['class C:\n    x = x', { defines: ['C'], reads: ['x'] }],
  [
    'class C:\n    def m(self):\n        return C',
    { defines: ['C'], reads: [], functions: { C: { reads: ['C'] } } }
  ],
  [
    'lam = lambda a, b=dflt: a + b + free',
    {
      defines: ['lam'],
      reads: ['dflt'],
      functions: { lam: { reads: ['free'] } }
    }
  ],
  [
    'total = sum(x * w for x in xs)',
    { defines: ['total'], reads: ['sum', 'w', 'xs'] }
  ],
  ['[x for x in x]', { reads: ['x'], defines: [] }],
  ['[y for x in xs for y in x]', { reads: ['xs'] }],
  ['{k: v for k, v in d.items() if v > thr}', { reads: ['d', 'thr'] }],
  ['{e for e in s}', { reads: ['s'] }],
  ['[[c for c in row] for row in grid]', { reads: ['grid'] }],
  ['[lambda: i for i in range(3)]', { reads: ['range'] }],
  ['(g for g in gs if g is not None)', { reads: ['gs'] }],
  [
    '[y for x in xs if (y := x)]\nprint(y)',
    { defines: ['y'], reads: ['xs', 'print', 'y'] }
  ],
  [
    'class K:\n    a = 1\n    b = [a for _ in range(3)]\n    c = [i for i in range(a)]',
    { defines: ['K'], reads: ['range', 'a'] }
  ],
  [
    'x = 1\ndef f():\n    return x',
    { reads: [], functions: { f: { reads: ['x'] } } }
  ],
  [
    'b = sorted(a, key=lambda v: v * scale)',
    { defines: ['b'], reads: ['sorted', 'a', 'scale'] }
  ],
  [
    "df.apply(lambda row: row['a'] * factor, axis=1)",
    { reads: ['df', 'factor'], functions: {} }
  ],
  ['assert x > 0, msg', { reads: ['x', 'msg'] }],
  [
    'raise ValueError(msg) from err',
    { reads: ['ValueError', 'msg', 'err'], calls: ['ValueError'] }
  ],
  ['print(*args, **kwargs)', { reads: ['print', 'args', 'kwargs'] }],
  ['f(k=v)', { reads: ['f', 'v'], calls: ['f'] }],
  ['f(w := 3)\nprint(w)', { defines: ['w'], reads: ['f', 'print'] }],
  ['x = a if cond else b', { reads: ['a', 'cond', 'b'] }],
  [
    'result = obj.method(arg).attr[idx]',
    { defines: ['result'], reads: ['obj', 'arg', 'idx'], mutates: ['obj'] }
  ],
  ['x = {**base, "k": val}', { reads: ['base', 'val'] }],
  ['x = a[1:n:step, ...]', { reads: ['a', 'n', 'step'] }],
  ['x = -y ** 2 @ z', { reads: ['y', 'z'] }],
  [
    'async def f():\n    async with lock:\n        pass\n    async for item in stream:\n        use(item)',
    { defines: ['f'], functions: { f: { reads: ['lock', 'stream', 'use'] } } }
  ],
  ['print', { reads: ['print'], syntaxError: null }],
  ['', { ...EMPTY, syntaxError: null }],
  ['# just a comment\n', { ...EMPTY, syntaxError: null }]
];

/** Summaries of functions and classes: what calling them reads, writes and changes. */
const FUNCTIONS: Row[] = [
  [
    'def f(a):\n    return a + b',
    { functions: { f: { reads: ['b'], writes: [], mutates: [], calls: [] } } }
  ],
  ['def f():\n    x = 1\n    return x', { functions: { f: { reads: [] } } }],
  [
    'def f():\n    print(y)\n    y = 2',
    { functions: { f: { reads: ['print'], calls: ['print'] } } }
  ],
  [
    'def f():\n    global counter\n    counter += 1',
    { functions: { f: { reads: ['counter'], writes: ['counter'] } } }
  ],
  [
    'def f():\n    global g\n    g = 1',
    { defines: ['f'], functions: { f: { reads: [], writes: ['g'] } } }
  ],
  [
    'def f():\n    items.append(1)',
    { mutates: [], functions: { f: { reads: ['items'], mutates: ['items'] } } }
  ],
  [
    'def f(items):\n    items.append(1)',
    { functions: { f: { reads: [], mutates: [] } } }
  ],
  [
    'def f():\n    helper()',
    { calls: [], functions: { f: { reads: ['helper'], calls: ['helper'] } } }
  ],
  [
    'def outer():\n    def inner():\n        return z\n    return inner()',
    { defines: ['outer'], functions: { outer: { reads: ['z'], calls: [] } } }
  ],
  [
    'def outer():\n    y = 1\n    def inner():\n        return y + z\n    return inner',
    { functions: { outer: { reads: ['z'] } } }
  ],
  [
    'def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n    inc()',
    { functions: { outer: { reads: [], writes: [], calls: [] } } }
  ],
  [
    'def f():\n    return [x * k for x in xs]',
    { functions: { f: { reads: ['xs', 'k'] } } }
  ],
  [
    'def f(self):\n    return lambda: self.v + w',
    { functions: { f: { reads: ['w'] } } }
  ],
  [
    'def f():\n    import os\n    return os.getcwd()',
    { imports: [], functions: { f: { reads: [] } } }
  ],
  [
    "def f():\n    df.to_csv('out.csv')",
    {
      defines: ['f'],
      functions: { f: { reads: ['df'], writes: ['file:out.csv'] } }
    }
  ],
  [
    'def f():\n    return np.random.rand()',
    {
      mutates: [],
      functions: { f: { reads: ['np'], mutates: ['random:numpy'] } }
    }
  ],
  [
    "def f():\n    with open('log.txt', 'a') as fh:\n        fh.write('x')",
    {
      irreversible: [],
      functions: { f: { reads: ['open'], mutates: ['file:log.txt'] } }
    }
  ],
  [
    'def f(x):\n    b = shared\n    b.append(x)',
    { functions: { f: { reads: ['shared'], mutates: ['shared'] } } }
  ],
  [
    'def f(x):\n    b = []\n    b.append(x)',
    { functions: { f: { mutates: [] } } }
  ],
  [
    'class C:\n    def m(self):\n        return self.x + g\n    def n(self):\n        h()',
    { functions: { C: { reads: ['g', 'h'], calls: ['h'], mutates: [] } } }
  ],
  [
    'class C:\n    count = 0\n    @classmethod\n    def inc(cls):\n        cls.count += 1',
    { reads: ['classmethod'], functions: { C: { mutates: ['C'] } } }
  ],
  [
    'class C:\n    @classmethod\n    def configure(cls, v):\n        cls.setting = v',
    { functions: { C: { mutates: ['C'] } } }
  ],
  [
    'class C:\n    @staticmethod\n    def s(x):\n        x.append(1)',
    { functions: { C: { mutates: [] } } }
  ],
  [
    'class C:\n    def __init__(self):\n        self.items = []\n    def add(self, v):\n        self.items.append(v)',
    { functions: { C: { mutates: [] } } }
  ],
  [
    'class C:\n    items = []\n    def add(self, v):\n        self.items.append(v)',
    { functions: { C: { mutates: ['C'] } } }
  ],
  [
    'class C:\n    registry = {}\n    def reg(self, k):\n        self.registry[k] = self',
    { functions: { C: { mutates: ['C'] } } }
  ],
  [
    'class C:\n    def add(self, v):\n        C.log.append(v)',
    { functions: { C: { reads: ['C'], mutates: ['C'] } } }
  ],
  [
    'class Outer:\n    class Inner:\n        def m(self):\n            return q',
    { defines: ['Outer'], functions: { Outer: { reads: ['q'] } } }
  ],
  [
    'def f():\n    def g():\n        global G\n        G = 1\n    g()',
    { functions: { f: { writes: ['G'], calls: [] } } }
  ],
  [
    'if flag:\n    def f():\n        return a\nelse:\n    def f():\n        return b',
    { defines: ['f'], reads: ['flag'], functions: { f: { reads: ['a', 'b'] } } }
  ],
  [
    'f = lambda: k',
    { defines: ['f'], reads: [], functions: { f: { reads: ['k'] } } }
  ],
  [
    'def f(n):\n    return f(n - 1)',
    { functions: { f: { reads: ['f'], calls: ['f'] } } }
  ],
  [
    'def f(*args, **kwargs):\n    return g(*args, **kwargs)',
    { functions: { f: { reads: ['g'], calls: ['g'] } } }
  ],
  [
    'def f():\n    for i in range(3):\n        acc.append(i)',
    {
      functions: {
        f: { reads: ['range', 'acc'], mutates: ['acc'], calls: ['range'] }
      }
    }
  ],
  [
    'def f():\n    try:\n        pass\n    except E as e:\n        log(e)',
    { functions: { f: { reads: ['E', 'log'], calls: ['log'] } } }
  ],
  [
    'def f():\n    with open(p) as fh:\n        return fh.read()',
    { functions: { f: { reads: ['open', 'p', 'file:@p'], calls: ['open'] } } }
  ],
  [
    'def f():\n    x: int = 3\n    return x',
    { reads: [], functions: { f: { reads: [] } } }
  ],
  [
    'def f(a: A) -> R:\n    pass',
    { reads: ['A', 'R'], functions: { f: { reads: [] } } }
  ],
  [
    'def f():\n    return [y := 5, y]',
    { defines: ['f'], functions: { f: { reads: [] } } }
  ],
  [
    'def f():\n    del glob_name',
    { functions: { f: { reads: [], writes: [] } } }
  ],
  [
    'class C:\n    @property\n    def p(self):\n        return z',
    {
      reads: ['property'],
      calls: ['property'],
      functions: { C: { reads: ['z'] } }
    }
  ],
  [
    'def f():\n    global data\n    data.append(1)',
    { functions: { f: { reads: ['data'], mutates: ['data'], writes: [] } } }
  ],
  [
    'def f():\n    x = 1\n    class Local:\n        y = x + w\n    return Local',
    { functions: { f: { reads: ['w'] } } }
  ],
  [
    'def f():\n    return g\ndef g():\n    return f',
    {
      defines: ['f', 'g'],
      functions: { f: { reads: ['g'] }, g: { reads: ['f'] } }
    }
  ],
  [
    'def f():\n    random.seed(1)\n    return random.random()',
    {
      functions: {
        f: { writes: ['random:python'], mutates: ['random:python'] }
      }
    }
  ],
  [
    'def f():\n    exec(code)',
    { opaque: ['exec'], functions: { f: { reads: ['exec', 'code'] } } }
  ],
  [
    'class Model:\n    def fit(self, X):\n        self.coef = solve(X)\n        return self',
    {
      functions: { Model: { reads: ['solve'], calls: ['solve'], mutates: [] } }
    }
  ]
];

/** In-place changes at module level: mutation table, `inplace=True`, estimators, aliases. */
const MUTATIONS: Row[] = [
  ['x.append(1)', { reads: ['x'], mutates: ['x'], defines: [] }],
  ['x.a = 1', { reads: ['x'], mutates: ['x'] }],
  ['x[0] = 1', { reads: ['x'], mutates: ['x'] }],
  ['x[0] += 1', { reads: ['x'], mutates: ['x'] }],
  ['x.a.b = 1', { reads: ['x'], mutates: ['x'] }],
  ['del x[0]', { reads: ['x'], mutates: ['x'], deletes: [] }],
  ['del x.a', { reads: ['x'], mutates: ['x'], deletes: [] }],
  ['x += 1', { reads: ['x'], mutates: ['x'], defines: [] }],
  ['x = []\nx.append(1)', { defines: ['x'], mutates: [], reads: [] }],
  ['a.b.append(1)', { mutates: ['a'] }],
  ['a[0].append(1)', { mutates: ['a'] }],
  ['d.update(e)', { mutates: ['d'], reads: ['d', 'e'] }],
  ['s.add(1)', { mutates: ['s'] }],
  ['s.discard(1)', { mutates: ['s'] }],
  ['s.intersection_update(t)', { mutates: ['s'] }],
  ['s.symmetric_difference_update(t)', { mutates: ['s'] }],
  ['dq.appendleft(1)', { mutates: ['dq'] }],
  ['dq.extendleft([1])', { mutates: ['dq'] }],
  ['dq.popleft()', { mutates: ['dq'] }],
  ['dq.rotate(1)', { mutates: ['dq'] }],
  ['l.sort()', { mutates: ['l'] }],
  ['l.reverse()', { mutates: ['l'] }],
  ['l.insert(0, v)', { mutates: ['l'], reads: ['l', 'v'] }],
  ['l.remove(v)', { mutates: ['l'] }],
  ['l.clear()', { mutates: ['l'] }],
  ['lst.pop(2)', { mutates: ['lst'] }],
  ['d.setdefault(k, []).append(v)', { mutates: ['d'], reads: ['d', 'k', 'v'] }],
  ['d.popitem()', { mutates: ['d'] }],
  ['x.extend(y)', { mutates: ['x'], reads: ['x', 'y'] }],
  ['y = x.copy()', { mutates: [], defines: ['y'] }],
  ['df.dropna(inplace=True)', { mutates: ['df'] }],
  ['df.dropna()', { mutates: [] }],
  ["df.set_index('a', inplace=True)", { mutates: ['df'] }],
  ["df2 = df.set_index('a')", { mutates: [], defines: ['df2'] }],
  ['df.fillna(0, inplace=False)', { mutates: [] }],
  ["df.rename(columns={'a': 'b'}, inplace=True)", { mutates: ['df'] }],
  ["df['c'] = df['a'] + 1", { mutates: ['df'], reads: ['df'] }],
  ["df.loc[df.a > 0, 'b'] = 1", { mutates: ['df'], reads: ['df'] }],
  ["df.columns = ['a', 'b']", { mutates: ['df'] }],
  ["df.insert(0, 'id', ids)", { mutates: ['df'], reads: ['df', 'ids'] }],
  ['model.fit(X, y)', { mutates: ['model'], reads: ['model', 'X', 'y'] }],
  ['model.partial_fit(X)', { mutates: ['model'] }],
  [
    'Z = pca.fit_transform(X)',
    { mutates: ['pca'], defines: ['Z'], aliases: {} }
  ],
  ['labels = km.fit_predict(X)', { mutates: ['km'] }],
  ['pred = model.predict(X)', { mutates: [] }],
  ['np.append(a, 1)', { mutates: [], reads: ['np', 'a'] }],
  ['import collections\ncollections.clear()', { mutates: [] }],
  ["sys.path.append('lib')", { mutates: ['sys'] }],
  ['np.add(a, b, out=c)', { mutates: ['c'], reads: ['np', 'a', 'b', 'c'] }],
  ['heapq.heappush(h, 1)', { mutates: ['h'] }],
  ["setattr(obj, 'a', 1)", { mutates: ['obj'], calls: ['setattr'] }],
  [
    'b = a\nb.append(1)',
    { defines: ['b'], reads: ['a'], mutates: ['b', 'a'], aliases: { b: 'a' } }
  ],
  ['a = []\nb = a\nb.append(1)', { mutates: [], aliases: { b: 'a' } }],
  ['b = a\na = []\nb.append(1)', { mutates: ['b', 'a'], aliases: {} }],
  ['c = b = a\nc.add(1)', { mutates: ['c', 'a'], aliases: { c: 'a', b: 'a' } }],
  [
    'for row in rows:\n    row.append(0)',
    { mutates: ['row', 'rows'], aliases: {} }
  ],
  ['for k, v in d.items():\n    v.append(1)', { mutates: ['v', 'd'] }],
  [
    'for i, item in enumerate(items):\n    item.update(x=i)',
    { mutates: ['item', 'items'] }
  ],
  ['x = load()\nx.fit(data)', { mutates: [], defines: ['x'] }],
  ['self.items.append(1)', { mutates: ['self'] }],
  // A method the analysis cannot see into may change its receiver; known reads do not.
  ['g.add_edge(1, 2)', { mutates: ['g'] }],
  ['df.head()\nprint(model.predict(X).mean())', { mutates: [] }],
  ["s.strip().lower().split(',')", { mutates: [] }],
  [
    'np.mean(x)\nos.path.join(a, b)\nnp.random.normal(0, 1)',
    { mutates: ['random:numpy'] }
  ],
  ['rng.normal(0, 1)', { mutates: ['rng'] }],
  ['sim.step(4)', { mutates: ['sim'] }],
  ["df.to_csv('out.csv')", { mutates: [] }],
  // Through `getattr`, the same rule as a direct call, when the name is a literal.
  ["getattr(df, 'to_csv')('out.csv')", { mutates: [] }],
  ["getattr(df, 'head')()", { mutates: [] }],
  ["getattr(sim, 'step')(4)", { mutates: ['sim'] }],
  ['getattr(sim, name)(4)', { mutates: ['sim'] }],
  ['g.add_edge(1, 2)', { mutates: ['g'] }, { extraMutators: ['add_edge'] }],
  ['if c:\n    x = []\nx.append(1)', { mutates: ['x'], reads: ['c', 'x'] }],
  ['x = []\nif c:\n    x.append(1)', { mutates: [] }],
  [
    'x = []\nfor i in r:\n    row = []\n    row.append(i)\n    x.append(row)',
    { mutates: [], defines: ['x', 'i', 'row'] }
  ],
  [
    'counter[word] = counter.get(word, 0) + 1',
    { mutates: ['counter'], reads: ['counter', 'word'] }
  ],
  ['obj.method()', { mutates: ['obj'] }],
  ["plt.plot(x)\nax.set_title('t')", { mutates: ['ax', 'matplotlib:pyplot'] }],
  ['x.append(a + 8)', { reads: ['x', 'a'], mutates: ['x'] }],
  ['a += [1, 2]', { reads: ['a'], mutates: ['a'], defines: [] }],
  [
    'b = a[2:5]\nb[0] = 99',
    { mutates: ['b', 'a'], aliases: {}, parts: { b: ['a'] } }
  ],
  ['b = a.copy()\nb[0] = 1', { mutates: [], aliases: {} }],
  ['b = list(a)\nb.append(1)', { mutates: [], aliases: {} }],
  [
    'class Reg:\n    items = []\n    def add(self, x):\n        self.items.append(x)\nr = Reg()\nr.add(1)',
    {
      defines: ['Reg', 'r'],
      calls: ['Reg'],
      functions: { Reg: { mutates: ['Reg'] } }
    }
  ],
  ['class C:\n    items.append(1)', { mutates: ['items'] }],
  ['[x.append(1) for x in rows]', { reads: ['rows'], mutates: [] }],
  ['np.set_printoptions(precision=4)', { reads: ['np'], mutates: ['np'] }],
  ["pd.set_option('display.max_rows', 10)", { mutates: ['pd'] }],
  ["plt.style.use('ggplot')", { mutates: ['plt', 'matplotlib:settings'] }],
  [
    "mpl.rcParams['lines.linewidth'] = 3",
    { mutates: ['mpl', 'matplotlib:settings'] }
  ],
  ['plt.title("a")', { mutates: ['matplotlib:pyplot'] }],
  ['plt.gca().set_title("b")', { mutates: ['matplotlib:pyplot'] }],
  ['df.plot()', { mutates: ['matplotlib:pyplot'] }],
  [
    'print(plt.get_fignums())',
    {
      mutates: [],
      reads: [
        'print',
        'plt',
        'matplotlib:pyplot',
        'matplotlib:settings',
        'matplotlib:numbers'
      ]
    }
  ],
  [
    'fig, ax = plt.subplots()',
    {
      defines: ['fig', 'ax', 'matplotlib:pyplot', 'matplotlib:numbers'],
      reads: ['plt', 'matplotlib:settings']
    }
  ],
  // A figure given its number takes no new one.
  ['a = plt.figure(1)', { defines: ['a', 'matplotlib:pyplot'] }],
  ['print(fig.number)', { reads: ['print', 'fig', 'matplotlib:numbers'] }],
  [
    'print(plt.gcf().number)',
    {
      reads: ['print', 'plt', 'matplotlib:numbers', 'matplotlib:settings']
    }
  ],
  // A module's attribute is no figure.
  ['import numpy as np\nprint(np.number)', { reads: ['print'] }],
  ['sns.set()', { mutates: ['sns'] }],
  [
    "import warnings\nwarnings.filterwarnings('ignore')",
    { mutates: [], defines: ['warnings'] }
  ],
  ['ax.set_title(name)', { mutates: ['ax'], reads: ['ax', 'name'] }],
  ['(lambda: cache.clear())()', { mutates: ['cache'], reads: ['cache'] }]
];

/** Aliases (shared objects) versus copies. */
const ALIASES: Row[] = [
  ['b = a', { aliases: { b: 'a' } }],
  // Elements, slices and attributes are new values that share memory or elements.
  // A slice is a view of an array, a copy of a list: what `a` holds decides (world.ts).
  [
    'b = a[1:3]',
    { aliases: {}, parts: { b: ['a'] }, subscripts: { b: 'view' } }
  ],
  ['b = a[0]', { aliases: {}, parts: { b: ['a'] }, subscripts: {} }],
  ['b = a[:, 0]', { parts: { b: ['a'] }, subscripts: { b: 'view' } }],
  ['b = a.rows[1:]', { parts: { b: ['a'] }, subscripts: {} }],
  ['a = [[1], [2]]\nb = a[1:]', { parts: {}, copies: { b: ['a'] } }],
  [
    'a = np.zeros(3)\nb = a[1:]',
    { parts: { b: ['a'] }, subscripts: { b: 'view' } }
  ],
  // Fancy and boolean indexing select a copy of an array; a key of a dict is an element.
  ['b = a[[0, 2]]', { parts: { b: ['a'] }, subscripts: { b: 'selection' } }],
  [
    'b = a[[i for i in r]]',
    { parts: { b: ['a'] }, subscripts: { b: 'selection' } }
  ],
  ['b = a[a > 0]', { parts: { b: ['a'] }, subscripts: { b: 'selection' } }],
  [
    'b = df.loc[(df.x > 1) & ~(df["y"] == 0)]',
    { parts: { b: ['df'] }, subscripts: { b: 'selection' } }
  ],
  ['b = groups[n > 5]', { parts: { b: ['groups'] }, subscripts: {} }],
  [
    'b = df[df.name.str.contains("x") & ~df.a.isin(xs)]',
    { parts: { b: ['df'] }, subscripts: { b: 'selection' } }
  ],
  [
    'b = a[np.isnan(a)]',
    { parts: { b: ['a'] }, subscripts: { b: 'selection' } }
  ],
  ['b = d[f(k)]', { parts: { b: ['d'] }, subscripts: {} }],
  // `row` may be an array in a list: its slice is a view of a part of `data`.
  [
    'row = data[0]\nv = row[1:]\nw = row[[0]]',
    { parts: { row: ['data'], v: ['data'], w: ['data'] }, subscripts: {} }
  ],
  ['b = a[a.x > 1, "y"]', { parts: { b: ['a'] }, subscripts: {} }],
  ['b = a[(a > 1) + 1]', { parts: { b: ['a'] }, subscripts: {} }],
  ['b = a[a in c]', { parts: { b: ['a'] }, subscripts: {} }],
  [
    'a = [1]\ns = "x"\nt = sorted(z)\nd = {k: 1 for k in z}\nn = np.array(a)\nm = a',
    { builtins: ['a', 's', 't', 'd', 'm'] }
  ],
  ['if c:\n    a = [1]\nelse:\n    a = f()', { builtins: [] }],
  ["b = df['col']", { aliases: {}, parts: { b: ['df'] } }],
  ['pair = [a, a]', { aliases: {}, parts: { pair: ['a'] } }],
  ["d = {'k': a, 'j': b}", { parts: { d: ['a', 'b'] } }],
  ['for row in rows:\n    pass', { parts: { row: ['rows'] } }],
  ['b = np.pi', { parts: {} }],
  ['b = a[:]', { aliases: {}, parts: { b: ['a'] }, subscripts: { b: 'view' } }],
  ['b = a[::]', { aliases: {} }],
  ['b = a.copy()', { aliases: {} }],
  ['b = list(a)', { aliases: {} }],
  ['b = dict(a)', { aliases: {} }],
  ['b = set(a)', { aliases: {} }],
  ['b = copy.copy(a)', { aliases: {} }],
  ['b = copy.deepcopy(a)', { aliases: {} }],
  ['b = np.array(a)', { aliases: {} }],
  ['b = a.clone()', { aliases: {} }],
  ['b = a.attr', { aliases: {}, parts: { b: ['a'] } }],
  ['b = a.T', { aliases: {}, parts: { b: ['a'] } }],
  ['m2 = model.fit(X)', { aliases: { m2: 'model' }, mutates: ['model'] }],
  ['m2 = model.fit_transform(X)', { aliases: {}, mutates: ['model'] }],
  ['b = (a)', { aliases: { b: 'a' } }],
  ['b = a\nb = []', { aliases: {} }],
  ['b = a\nif c:\n    b = []', { aliases: { b: 'a' } }],
  ['a, b = x, y', { aliases: { a: 'x', b: 'y' } }],
  ['b = a\na = 2', { aliases: {} }],
  ['if (b := a):\n    pass', { aliases: { b: 'a' } }],
  ['b = a.set_params(C=1)', { aliases: { b: 'a' } }],
  ['b = f(a)', { aliases: {} }],
  ['x = []\ny = x', { aliases: { y: 'x' }, mutates: [] }]
];

/** IPython syntax. */
const IPYTHON: Row[] = [
  [
    '%time x = f(a)',
    { defines: ['x'], reads: ['f', 'a'], calls: ['f'], syntaxError: null }
  ],
  ['%timeit y = g(b)', { defines: [], reads: ['g', 'b'] }],
  ['%timeit -n 100 -r 3 lst.append(1)', { defines: [], mutates: ['lst'] }],
  ['%%time\nz = h(q)', { defines: ['z'], reads: ['h', 'q'] }],
  ['%%timeit\nw = k + 1', { defines: [], reads: ['k'] }],
  [
    '%%timeit -n 10 s = setup()\nu = s + 1\nv = u * 2',
    { defines: [], reads: ['setup'] }
  ],
  ['%%timeit\nlst.append(1)', { mutates: ['lst'], defines: [] }],
  ['%%capture out\nprint(z)', { defines: ['out'], reads: ['print', 'z'] }],
  ['%%capture --no-stderr cap\nx = 1', { defines: ['cap', 'x'] }],
  ['%%time\n%%capture out\nx = 1', { defines: ['out', 'x'] }],
  ['%%bash\necho $x', { ...EMPTY, notPython: 'bash' }],
  ['%%bash --out output\nls', { defines: ['output'], notPython: 'bash' }],
  ['%%html\n<b>hi</b>', { ...EMPTY, notPython: 'html' }],
  ['%%javascript\nalert(1)', { notPython: 'javascript' }],
  ['%%latex\n$x$', { notPython: 'latex' }],
  ['%%markdown\n# title', { notPython: 'markdown' }],
  ['%%sql\nSELECT * FROM t', { notPython: 'sql', reads: [] }],
  ['%%script python\nprint(1)', { notPython: 'script', reads: [] }],
  ['%%sh\nls', { notPython: 'sh' }],
  ['%%unknownmagic\nx = 1', { notPython: 'unknownmagic', defines: [] }],
  ['\n\n%%bash\nls', { notPython: 'bash' }],
  [
    '%%writefile out.py\nx = 1',
    { notPython: 'writefile', defines: ['file:out.py'] }
  ],
  ['%%writefile ./src/mod.py\nx = 1', { defines: ['file:src/mod.py'] }],
  [
    '%%writefile -a log.txt\nline',
    {
      notPython: 'writefile',
      defines: [],
      mutates: ['file:log.txt'],
      irreversible: ['appends to file log.txt']
    }
  ],
  ['%%writefile "my file.txt"\nx', { defines: ['file:my file.txt'] }],
  ['%%writefile {name}\nx', { defines: [], reads: ['name'] }],
  ['%run script.py', { ...EMPTY, opaque: ['%run'] }],
  ['%run -i other.ipynb\nx = 1', { opaque: ['%run'], defines: ['x'] }],
  ['%matplotlib inline', { ...EMPTY }],
  ['%load_ext autoreload\n%autoreload 2', { ...EMPTY }],
  [
    "%config InlineBackend.figure_format = 'retina'",
    { ...EMPTY, syntaxError: null }
  ],
  ['%pip install numpy', { ...EMPTY }],
  ['%who', { ...EMPTY }],
  ['x = %pwd', { defines: ['x'], reads: [] }],
  ['files = !ls *.csv', { defines: ['files'], reads: [] }],
  [
    'out = !echo $name {count + 1}',
    { defines: ['out'], reads: ['name', 'count'] }
  ],
  ['!echo $x {y.shape}', { reads: ['x', 'y'], defines: [] }],
  ['!echo $$HOME {{literal}}', { reads: [] }],
  ['!pip install -q pkg', { ...EMPTY }],
  ["!echo \"it's\"\nx = 'ok'", { defines: ['x'], syntaxError: null }],
  ['!!ls', { ...EMPTY }],
  ['obj?', { reads: ['obj'], defines: [] }],
  ['obj.attr??', { reads: ['obj'] }],
  ['?obj', { reads: ['obj'] }],
  ['x = y?', { reads: ['y'], defines: [] }],
  ['%time?', { ...EMPTY }],
  ['np.*load*?', { ...EMPTY }],
  ["d = {'a': 1}\nd ?", { syntaxError: { line: 1 } }],
  [
    'if c:\n    %time w = 1\n    !echo $w',
    { defines: ['w'], reads: ['c'], syntaxError: null }
  ],
  ['for f in files:\n    !wc -l {f}', { defines: ['f'], reads: ['files'] }],
  [
    'def g():\n    %time run()\n    !ls $d',
    { functions: { g: { reads: ['run', 'd'] } } }
  ],
  [
    'x = """\n!not a shell\n%neither\n"""',
    { defines: ['x'], reads: [], syntaxError: null }
  ],
  ['y = (a\n%b)', { defines: ['y'], reads: ['a', 'b'] }],
  ['x = 1 \\\n%2', { defines: ['x'], reads: [], syntaxError: null }],
  ["s = 'a'\n!echo $s", { defines: ['s'], reads: [] }],
  ['%xdel big', { deletes: ['big'] }],
  ['%reset -f', { opaque: ['%reset'] }],
  ['%cd data', { irreversible: ['changes the working directory'] }],
  ['%store -r saved', { defines: ['saved'] }],
  ['%store -r', { opaque: ['%store -r'] }],
  ['%store result', { reads: ['result'], defines: [] }],
  ['%pylab inline', { opaque: ['%pylab'] }],
  [
    '    x = 1\n    y = x',
    { defines: ['x', 'y'], reads: [], syntaxError: null }
  ],
  [
    '>>> a = 1\n>>> b = a + c',
    { defines: ['a', 'b'], reads: ['c'], syntaxError: null }
  ],
  [
    'In [1]: q = 1\n   ...: r = q',
    { defines: ['q', 'r'], reads: [], syntaxError: null }
  ],
  ['/f 1 2', { reads: ['f'], calls: ['f'] }],
  [',g a b', { reads: ['g'], calls: ['g'] }],
  [
    '%prun -s cumulative run_model(data)',
    { reads: ['run_model', 'data'], calls: ['run_model'] }
  ],
  [
    '%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot(xs)',
    {
      defines: ['plt', 'matplotlib:pyplot', 'matplotlib:settings'],
      reads: ['xs'],
      imports: ['matplotlib.pyplot']
    }
  ],
  ['x = %time compute(a)', { defines: ['x'], reads: ['compute', 'a'] }],
  ['res = %timeit -o f(q)', { defines: ['res'], reads: ['f', 'q'] }],
  ['%env PATH=/x', { ...EMPTY }],
  ['%ls {folder}', { reads: ['folder'] }],
  ['x = 1\n%%time\ny = 2', { defines: ['x', 'y'] }],
  ['%%capture\n%%bash\nls', { notPython: 'bash' }]
];

/** Files named by literals: pseudo-symbols through the file system. */
const FILES: Row[] = [
  [
    "df.to_csv('out.csv')",
    { defines: ['file:out.csv'], reads: ['df'], mutates: [] }
  ],
  ["df.to_csv('./out.csv', index=False)", { defines: ['file:out.csv'] }],
  ["df.to_parquet('d.parquet')", { defines: ['file:d.parquet'] }],
  ["df.to_json('d.json')", { defines: ['file:d.json'] }],
  ["df.to_excel('d.xlsx')", { defines: ['file:d.xlsx'] }],
  ["df.to_pickle('d.pkl')", { defines: ['file:d.pkl'] }],
  ["df.to_feather('d.feather')", { defines: ['file:d.feather'] }],
  ["df.to_hdf('s.h5', key='k')", { defines: ['file:s.h5'] }],
  ["df.to_csv(path_or_buf='kw.csv')", { defines: ['file:kw.csv'] }],
  [
    "df.to_csv('log.csv', mode='a')",
    {
      mutates: ['file:log.csv'],
      defines: [],
      irreversible: ['appends to file log.csv']
    }
  ],
  // A path that is not a literal is named by its expression: `path` in a writer and a reader.
  [
    'df.to_csv(path)',
    { defines: ['file:@path'], reads: ['df', 'path'], mutates: [] }
  ],
  ['s = df.to_json()', { defines: ['s'] }],
  ["pd.read_csv('data.csv')", { reads: ['pd', 'file:data.csv'] }],
  [
    'x = pd.read_csv("data/train.csv")',
    { reads: ['pd', 'file:data/train.csv'] }
  ],
  ["pd.read_parquet(path='d.parquet')", { reads: ['pd', 'file:d.parquet'] }],
  [
    "pd.read_excel('./book.xlsx', sheet_name=0)",
    { reads: ['pd', 'file:book.xlsx'] }
  ],
  ["from pandas import read_csv\nread_csv('x.csv')", { reads: ['file:x.csv'] }],
  ["open('f.txt')", { reads: ['open', 'file:f.txt'], defines: [] }],
  ["open('f.txt', 'r')", { reads: ['open', 'file:f.txt'] }],
  ["open('f.bin', 'rb')", { reads: ['open', 'file:f.bin'] }],
  ["open('f.txt', 'w')", { defines: ['file:f.txt'], reads: ['open'] }],
  ["open('f.txt', mode='wb')", { defines: ['file:f.txt'] }],
  ["open('f.txt', 'x')", { defines: ['file:f.txt'] }],
  [
    "open('f.txt', 'r+')",
    { reads: ['open', 'file:f.txt'], mutates: ['file:f.txt'] }
  ],
  [
    "open('log.txt', 'a')",
    { mutates: ['file:log.txt'], irreversible: ['appends to file log.txt'] }
  ],
  [
    'open(p, "a")',
    { irreversible: ['appends to the file in `p`'], mutates: ['file:@p'] }
  ],
  [
    "with open('o.json', 'w') as fh:\n    json.dump(d, fh)",
    { defines: ['fh', 'file:o.json'], reads: ['open', 'json', 'd'] }
  ],
  ["pickle.dump(model, open('m.pkl', 'wb'))", { defines: ['file:m.pkl'] }],
  [
    "model = pickle.load(open('m.pkl', 'rb'))",
    { reads: ['pickle', 'open', 'file:m.pkl'] }
  ],
  ["plt.savefig('fig.png')", { defines: ['file:fig.png'] }],
  ["fig.savefig('./figs/a.pdf', dpi=300)", { defines: ['file:figs/a.pdf'] }],
  ["np.save('arr.npy', a)", { defines: ['file:arr.npy'], reads: ['np', 'a'] }],
  ["np.savetxt('a.txt', a)", { defines: ['file:a.txt'] }],
  ["np.savez('a.npz', a=a)", { defines: ['file:a.npz'] }],
  ["a = np.load('arr.npy')", { reads: ['np', 'file:arr.npy'] }],
  ["np.loadtxt('a.txt')", { reads: ['np', 'file:a.txt'] }],
  ["np.genfromtxt('a.csv', delimiter=',')", { reads: ['np', 'file:a.csv'] }],
  [
    "import numpy\nnumpy.save('x.npy', a)",
    { defines: ['numpy', 'file:x.npy'] }
  ],
  ["joblib.dump(clf, 'clf.joblib')", { defines: ['file:clf.joblib'] }],
  ["clf = joblib.load('clf.joblib')", { reads: ['joblib', 'file:clf.joblib'] }],
  ["torch.save(m, 'm.pt')", { defines: ['file:m.pt'] }],
  [
    "Path('notes.txt').write_text('hi')",
    { defines: ['file:notes.txt'], reads: ['Path'] }
  ],
  [
    "text = Path('notes.txt').read_text()",
    { reads: ['Path', 'file:notes.txt'] }
  ],
  [
    "from pathlib import Path\nPath('a').mkdir()",
    { irreversible: ['creates folder a'] }
  ],
  [
    "pathlib.Path('out').mkdir(parents=True, exist_ok=True)",
    { irreversible: [] }
  ],
  ["os.makedirs('out', exist_ok=True)", { irreversible: [] }],
  ["os.makedirs('out')", { irreversible: ['creates folder out'] }],
  ["os.mkdir('d')", { irreversible: ['creates folder d'] }],
  [
    "os.remove('tmp.txt')",
    { deletes: ['file:tmp.txt'], irreversible: ['deletes file tmp.txt'] }
  ],
  [
    'os.unlink(p)',
    { deletes: ['file:@p'], irreversible: ['deletes the file in `p`'] }
  ],
  ["shutil.rmtree('build')", { irreversible: ['deletes folder build'] }],
  [
    "os.rename('a.txt', 'b.txt')",
    {
      deletes: ['file:a.txt'],
      defines: ['file:b.txt'],
      irreversible: ['moves a.txt to b.txt']
    }
  ],
  ["shutil.move('a', 'b')", { irreversible: ['moves a to b'] }],
  [
    "os.replace('x', y)",
    {
      deletes: ['file:x'],
      defines: ['file:@y'],
      irreversible: ['moves x to `y`']
    }
  ],
  [
    "shutil.copy('a.csv', 'b.csv')",
    {
      reads: ['shutil', 'file:a.csv'],
      defines: ['file:b.csv'],
      irreversible: []
    }
  ],
  ["os.chdir('..')", { irreversible: ['changes the working directory'] }],
  [
    "df.to_csv('a.csv')\nb = pd.read_csv('a.csv')",
    { defines: ['file:a.csv', 'b'], reads: ['df', 'pd'] }
  ],
  ['open(fname)', { reads: ['open', 'fname', 'file:@fname'] }],
  [
    "open(os.path.join(out, f'{k}.csv'), 'w')",
    { defines: ["file:@os.path.join(out,f'{k}.csv')"] }
  ],
  [
    "if os.path.exists('cache.pkl'):\n    pass",
    { reads: ['os', 'file:cache.pkl'] }
  ],
  [
    "Path('old.txt').unlink()",
    { deletes: ['file:old.txt'], irreversible: ['deletes file old.txt'] }
  ]
];

/** Global random generators. */
const RANDOM: Row[] = [
  [
    'random.seed(0)',
    { defines: ['random:python'], reads: ['random'], mutates: [] }
  ],
  ['random.random()', { mutates: ['random:python'] }],
  [
    'random.seed(1)\nx = random.random()',
    { defines: ['random:python', 'x'], mutates: [] }
  ],
  ['x = random.randint(1, 6)', { mutates: ['random:python'] }],
  ['x = random.choice(items)', { mutates: ['random:python'] }],
  ['x = random.choices(items, k=3)', { mutates: ['random:python'] }],
  ['x = random.sample(items, 2)', { mutates: ['random:python'] }],
  [
    'x = random.uniform(0, 1) + random.gauss(0, 1)',
    { mutates: ['random:python'] }
  ],
  ['x = random.randrange(10)', { mutates: ['random:python'] }],
  ['import random\nrandom.shuffle(d)', { mutates: ['d', 'random:python'] }],
  [
    'from random import shuffle\nshuffle(d)',
    { mutates: ['d', 'random:python'] }
  ],
  ['from random import randint\nrandint(1, 2)', { mutates: ['random:python'] }],
  ['shuffle(d)', { mutates: ['d', 'random:python', 'random:numpy'] }],
  ['random.getstate()', { reads: ['random', 'random:python'], mutates: [] }],
  ['np.random.seed(42)', { defines: ['random:numpy'], mutates: [] }],
  ['np.random.rand(3)', { mutates: ['random:numpy'] }],
  ['np.random.randn(3)', { mutates: ['random:numpy'] }],
  ['np.random.randint(0, 5)', { mutates: ['random:numpy'] }],
  ['np.random.random()', { mutates: ['random:numpy'] }],
  ['np.random.choice(a)', { mutates: ['random:numpy'] }],
  ['np.random.normal(0, 1, 10)', { mutates: ['random:numpy'] }],
  ['np.random.uniform()', { mutates: ['random:numpy'] }],
  ['p = np.random.permutation(10)', { mutates: ['random:numpy'] }],
  ['np.random.shuffle(arr)', { mutates: ['arr', 'random:numpy'] }],
  [
    'import numpy\nnumpy.random.shuffle(arr)',
    { mutates: ['arr', 'random:numpy'] }
  ],
  ['import numpy as npy\nnpy.random.randn(2)', { mutates: ['random:numpy'] }],
  [
    'from numpy import random\nrandom.seed(0)',
    { defines: ['random', 'random:numpy'] }
  ],
  ['from numpy import random as r\nr.normal()', { mutates: ['random:numpy'] }],
  ['import numpy.random as npr\nnpr.rand()', { mutates: ['random:numpy'] }],
  ['rng = np.random.default_rng(0)', { mutates: [], defines: ['rng'] }],
  ['rs = np.random.RandomState(1)', { mutates: [] }],
  ['r = random.Random(3)', { mutates: [] }],
  [
    'np.random.seed(0)\na = np.random.rand()',
    { defines: ['random:numpy', 'a'], mutates: [] }
  ],
  ['train_test_split(X, y)', { mutates: ['random:numpy'] }],
  ['train_test_split(X, y, random_state=0)', { mutates: [] }],
  ['train_test_split(X, y, random_state=None)', { mutates: ['random:numpy'] }],
  ['train_test_split(X, y, shuffle=False)', { mutates: [] }],
  // A generator given as `random_state` advances; a seed does not (`draws`: world.ts decides).
  [
    'tr, te = train_test_split(X, random_state=rng)',
    { mutates: ['rng'], draws: ['rng'] }
  ],
  ['s = df.sample(3, random_state=1)', { mutates: [], reads: ['df'] }],
  ['s = df.sample(3, random_state=rs)', { mutates: ['rs'], draws: ['rs'] }],
  [
    's = df.sample(3, random_state=rs)\nrs.state = 1',
    { mutates: ['rs'], draws: [] }
  ],
  ['s = df.sample(3, random_state=np.random.RandomState(0))', { mutates: [] }],
  ['s = df.sample(3)', { mutates: ['df'] }],
  ['x = dist.rvs(size=3, random_state=None)', { mutates: ['random:numpy'] }],
  ['X, y = make_blobs(n_samples=9)', { mutates: ['random:numpy'] }],
  ['X, y = make_blobs(n_samples=9, random_state=0)', { mutates: [] }],
  [
    'SEED = 1\nneg = -1\nflag = None\nn = len(x)',
    { builtins: ['SEED', 'neg', 'flag', 'n'] }
  ],
  [
    'from sklearn.model_selection import train_test_split\nXtr, Xte = train_test_split(X, test_size=0.2)',
    { mutates: ['random:numpy'] }
  ],
  [
    'from sklearn.utils import shuffle\nX2 = shuffle(X)',
    { mutates: ['random:numpy'] }
  ],
  [
    'def roll():\n    return random.randint(1, 6)',
    { mutates: [], functions: { roll: { mutates: ['random:python'] } } }
  ],
  ['import torch\ntorch.manual_seed(0)', { defines: ['torch'], mutates: [] }]
];

/** Python code given as a string: the names it reads, and where (`evaluated`: in `__main__`). */
const STRING_CODE: Row[] = [
  [
    "import cProfile\ncProfile.run('a+b')",
    { reads: ['a', 'b'], evaluated: ['a', 'b'], opaque: [] }
  ],
  [
    "import cProfile as cp\ncp.run(statement='add(SIZE)')",
    { reads: ['add', 'SIZE'], evaluated: ['add', 'SIZE'] }
  ],
  [
    "import profile\nprofile.run('x = 1\\nf(x, y)')",
    { reads: ['f', 'y'], evaluated: ['f', 'y'], defines: ['profile'] }
  ],
  ["import cProfile\ncProfile.run('a +')", { reads: [], evaluated: [] }],
  [
    "import timeit\ntimeit.timeit('f(n)', setup='n = 5', globals=globals())",
    {
      reads: ['f', 'globals'],
      evaluated: ['f'],
      opaque: ['globals()']
    }
  ],
  [
    "from timeit import Timer\nTimer('g(500)', 'pass', None, globals())",
    { reads: ['g', 'globals'], evaluated: ['g'] }
  ],
  // The names the module holds: a `del` or a new name changes what they list; not a
  // namespace handed to a call, which reads what its code names.
  ['exec(code, globals())', { reads: ['exec', 'code', 'globals'] }],
  ['print("x" in dir())', { reads: ['print', 'dir', 'names:module'] }],
  [
    'print(sorted(vars()))',
    { reads: ['print', 'sorted', 'vars', 'names:module'], opaque: ['vars()'] }
  ],
  ['print(dir(obj))', { reads: ['print', 'dir', 'obj'] }],
  // Without `globals`, timeit's namespace is its own: the notebook's names are not read.
  ["import timeit\ntimeit.repeat('f(n)')", { reads: [], evaluated: [] }],
  [
    "import cProfile\ndef g():\n    a = 1\n    cProfile.run('a + b')",
    {
      evaluated: ['a', 'b'],
      functions: { g: { reads: ['cProfile', 'a', 'b'] } }
    }
  ],
  // `eval` and `exec` without namespaces read the scope they are called in.
  ["eval('a + 1')", { reads: ['eval', 'a'], evaluated: [], opaque: ['eval'] }],
  [
    "def g():\n    a = 1\n    return eval('a + b')",
    { evaluated: [], functions: { g: { reads: ['eval', 'b'] } } }
  ],
  ["exec('y = x', ns)", { reads: ['exec', 'ns'], evaluated: [] }]
];

/** Effects the analysis cannot see into. */
const OPAQUE: Row[] = [
  ['exec(code)', { opaque: ['exec'], reads: ['exec', 'code'] }],
  ["eval('1+1')", { opaque: ['eval'] }],
  ["globals()['x'] = 1", { opaque: ['globals()'] }],
  ['locals()', { opaque: ['locals()'] }],
  ['vars()', { opaque: ['vars()'] }],
  ['vars(obj)', { opaque: [] }],
  ['from os import *', { opaque: ['star import'], imports: ['os'] }],
  ['importlib.reload(mod)', { opaque: ['reload'] }],
  ['from importlib import reload\nreload(mod)', { opaque: ['reload'] }],
  [
    "get_ipython().run_line_magic('matplotlib', 'inline')",
    { opaque: ['get_ipython().run_line_magic'] }
  ],
  ["get_ipython().system('ls')", { opaque: [] }],
  ['x = 1', { opaque: [] }]
];

/** Syntax errors: reported with source coordinates, the rest still recovered. */
const SYNTAX: Row[] = [
  ['x = (1,', { defines: ['x'], syntaxError: { line: 0 } }],
  ['def f(:\n    pass', { syntaxError: { line: 0, column: 6 } }],
  [
    'x = 1\ny = = 2\nz = 3',
    { defines: ['x', 'y', 'z'], syntaxError: { line: 1 } }
  ],
  [
    'print "hi"',
    {
      syntaxError: {
        line: 0,
        column: 0,
        message: 'Python 2 print statement'
      }
    }
  ],
  [
    'x = 1\n    y = 2',
    { syntaxError: { line: 1, column: 4, message: 'unexpected indentation' } }
  ],
  ['for x in:\n    pass', { syntaxError: { line: 0 } }],
  ['%time x = (', { syntaxError: { line: 0, column: 11 } }],
  ['    a = 1\n    b = (', { syntaxError: { line: 1, column: 9 } }],
  ['if x:\n    y = 1\n      z = 2', { syntaxError: { line: 2 } }],
  [
    "with (open('a') as f, open('b') as g):\n    pass",
    { defines: ['f', 'g'], syntaxError: null }
  ],
  ['x = 3.', { defines: ['x'], syntaxError: null }],
  ['y = 1. + 2.e3 + 4.j', { defines: ['y'], syntaxError: null }],
  [
    "z = np.arange(6.).reshape((2, 3))\np = 'data/1.csv'",
    { defines: ['z', 'p'], syntaxError: null }
  ],
  [
    'x = 1 +',
    {
      defines: ['x'],
      syntaxError: { line: 0, message: 'invalid syntax' }
    }
  ],
  ['cd ..', { syntaxError: { line: 0 } }],
  ['x = 1\nfoo(\ny = 2', { syntaxError: { line: 2 } }],
  [
    'def f():\n    return x +\ng = 1',
    { defines: ['f', 'g'], syntaxError: { line: 1 } }
  ]
];

const TABLES: Array<[string, Row[]]> = [
  ['bindings', BINDINGS],
  ['reads', READS],
  ['functions', FUNCTIONS],
  ['mutations', MUTATIONS],
  ['aliases', ALIASES],
  ['ipython', IPYTHON],
  ['files', FILES],
  ['random state', RANDOM],
  ['code in strings', STRING_CODE],
  ['opaque', OPAQUE],
  ['syntax errors', SYNTAX]
];

describe('analyzeCell', () => {
  for (const [title, rows] of TABLES) {
    describe(title, () => {
      for (const [source, expected, options] of rows) {
        it(JSON.stringify(source), () => {
          check(analyzeCell(source, options), expected);
        });
      }
    });
  }

  it('has at least 200 table rows', () => {
    expect(
      TABLES.reduce((total, [, rows]) => total + rows.length, 0)
    ).toBeGreaterThanOrEqual(200);
  });

  it('lists names in first-occurrence order', () => {
    const result = analyzeCell(
      'c = b + a\nd = a + e\nb.append(c)\nf(h(a))\ng(b)'
    );
    expect(result.reads).toEqual(['b', 'a', 'e', 'f', 'h', 'g']);
    expect(result.defines).toEqual(['c', 'd']);
    expect(result.calls).toEqual(['f', 'h', 'g']);
    expect(result.mutates).toEqual(['b']);
  });

  it('returns the cached object for the same source and options', () => {
    const source = 'cached = value + 1';
    const first = analyzeCell(source);
    expect(analyzeCell(source)).toBe(first);
    expect(analyzeCell(source, { extraMutators: ['x'] })).not.toBe(first);
    expect(analyzeCell(source, { extraMutators: ['x'] })).toEqual(first);
  });

  it('freezes results so a consumer cannot corrupt the cache', () => {
    const result = analyzeCell('frozen = 1');
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.defines)).toBe(true);
    expect(() => (result.defines as string[]).push('x')).toThrow();
  });

  it('keeps Python names that clash with object properties', () => {
    const result = analyzeCell(
      'def constructor():\n    return toString\n__proto__ = hasOwnProperty'
    );
    expect(Object.keys(result.functions)).toEqual(['constructor']);
    const name: string = 'constructor';
    expect(result.functions[name].reads).toEqual(['toString']);
    expect(result.aliases['__proto__']).toBe('hasOwnProperty');
  });

  it('says which methods of a class keep the instance as it is', () => {
    const result = analyzeCell(
      [
        'class Box:',
        '    def __init__(self, w):',
        '        self.w = w',
        '    def area(self):',
        '        return self.w * self.w',
        '    def total(self):',
        '        return self.area() + 1',
        '    def grow(self):',
        '        self._bump()',
        '    def _bump(self):',
        '        self.w += 1',
        '    def save(self):',
        '        store(self)',
        '    def alias(self):',
        '        me = self',
        '        me.w = 0',
        '    def inherited(self):',
        '        return self.base_method()',
        '    @cached',
        '    def wrapped(self):',
        '        return 1',
        '    @staticmethod',
        '    def helper(x):',
        '        return x'
      ].join('\n')
    );
    expect(result.functions['Box'].keeps).toEqual(['area', 'total', 'helper']);
  });

  it('notes the names a cell changes only by stores into constant slots', () => {
    const result = analyzeCell(
      [
        'd["x"] = 5',
        'df.loc[0, "v"] = 1',
        'v[:] = w',
        'e["x"] = e["y"]',
        'f[i] = 1',
        'g[1:3] = [0]',
        'h.a = 1',
        'h.append(2)',
        'if c:',
        '    k[0] = 1',
        'm = {}',
        'm[0] = 1'
      ].join('\n')
    );
    expect(result.overwrites).toEqual({
      d: '["x"]',
      df: '.loc[0,"v"]',
      v: '[:]',
      e: '["x"]'
    });
  });

  it('counts a store beside reads of other string keys of its object as an overwrite', () => {
    const result = analyzeCell(
      [
        'a["b"] = a["a"] * 2',
        'b["b"] = b["b"] * 2',
        'c["b"] = c.mean()',
        'd["b"] = d[k]',
        'e[1] = e[True]',
        'f[:] = [f["a"]]',
        'g.b = g["a"]'
      ].join('\n')
    );
    expect(result.overwrites).toEqual({ a: '["b"]' });
    expect(result.overwritesIfLibrary).toEqual(['a']);
  });

  it('notes what imports bind and the names made by calls with literal arguments', () => {
    const result = analyzeCell(
      [
        'from sklearn.preprocessing import StandardScaler as SS',
        'import sklearn.linear_model as lm',
        'a = SS()',
        'b = SS(with_mean=False, n=-1, s="x", t=None)',
        'c = SS(warm_start=False)',
        'd = SS(**kw)',
        'e = SS(k)',
        'f = SS(g())',
        'if x:',
        '    h = SS()',
        // Unseeded, its fit draws from numpy's global generator.
        'from sklearn.linear_model import SGDRegressor',
        'u = SGDRegressor()',
        'r = SGDRegressor(random_state=0)',
        'n = SGDRegressor(random_state=None)'
      ].join('\n')
    );
    expect(result.imported).toEqual({
      SS: 'sklearn.preprocessing.StandardScaler',
      lm: 'sklearn.linear_model',
      SGDRegressor: 'sklearn.linear_model.SGDRegressor'
    });
    expect(result.madeFromLiterals).toEqual(['a', 'b', 'r']);
  });

  it('counts setters of one property as stores into it', () => {
    const result = analyzeCell(
      [
        'ax.set_xlim(2, 8)',
        'bx.set_xlim(2)',
        'cx.set_title("a")',
        'dx.set_title("a", loc="left")',
        'ex.set_xlabel("a", fontsize=9)',
        'fx.set_title(*t)',
        'm.set_params(beta=2, alpha=1)',
        'n.set_params(**kw)',
        'plt.xlabel("t")',
        'mpl.rcParams["lines.linewidth"] = 3',
        'gx.set_title("a") if c else None',
        'c and hx.set_title("a")'
      ].join('\n')
    );
    expect(result.overwrites).toEqual({
      ax: '.set_xlim()',
      cx: '.set_title()',
      m: '.set_params(alpha,beta)',
      'matplotlib:pyplot': '.xlabel()',
      // Not the settings: `plt.xlabel` reads them.
      mpl: '.rcParams["lines.linewidth"]'
    });
    expect(
      analyzeCell('mpl.rcParams["lines.linewidth"] = 3').overwrites
    ).toEqual({
      mpl: '.rcParams["lines.linewidth"]',
      'matplotlib:settings': '.rcParams["lines.linewidth"]'
    });
  });

  it('notes the names a cell changes only through methods whose names say nothing', () => {
    const result = analyzeCell(
      'a = box.area()\nbox.grow(2)\nrows.append(1)\nd.x = 1\nd.report()'
    );
    expect(result.mutates).toEqual(['box', 'rows', 'd']);
    expect(result.changedByMethods).toEqual({ box: ['area', 'grow'] });
  });
});

describe('hasCode', () => {
  it.each([
    ['', false],
    ['\n\n', false],
    ['# only a comment', false],
    ['  # indented comment\n\t\n', false],
    ['#a\r\n  #b\r\n', false],
    ['\u00a0# after a no-break space', false],
    ['x = 1', true],
    ['# set up\nx = 1', true],
    ['#a\r\n  y', true],
    ['\t  print(1)  # and a comment', true],
    // `trim` drops U+2028 inside a line, but the line is split at `\n` only.
    ['#a\u2028b', false],
    ['\u2028b', true]
  ])('%j: %s', (source, expected) => {
    expect(hasCode(source)).toBe(expected);
  });
});
