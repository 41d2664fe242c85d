/**
 * Effects of calls on the world outside the namespace: files named by literals or expressions,
 * the global random generators, the file system, and calls that hide what they do; and
 * whether a method call changes its receiver (`changesReceiver`).
 * Pure tables and rules over a call site; `symbols.ts` supplies the call site and routes
 * the effects to the right scope.
 */
import {
  CONFIGURATION_CALL,
  MUTATING_FUNCTIONS,
  PURE_METHODS
} from './mutators';

/** The state of Python's `random` module. */
export const PYTHON_RANDOM = 'random:python';
/** The global state of `numpy.random`. */
export const NUMPY_RANDOM = 'random:numpy';
/**
 * pyplot's figures: which exist, which is current, what is drawn on them. The figures and axes
 * pyplot returns are parts of it (`symbols.ts`), so what pyplot changes reaches them.
 */
export const PYPLOT = 'matplotlib:pyplot';

/**
 * The numbers pyplot gives new figures (`fig.number`, `plt.get_fignums()`): a figure made
 * without one takes the next, counting on from the figures the kernel made, so no re-run gives
 * the numbers of a new kernel (a plan warning says so). Such a figure defines it.
 */
export const FIGURE_NUMBERS = 'matplotlib:numbers';
/** matplotlib's settings (rcParams, styles), which new figures and artists start from. */
export const MATPLOTLIB_SETTINGS = 'matplotlib:settings';

/** An argument of a call, as far as static analysis can see it. */
export interface IArgument {
  /** The value when it is a plain string literal, else null. */
  literal: string | null;
  /** The source text of the value (`True`, `None`, `x`). */
  text: string;
}

/** A call, described by the walker. */
export interface ICallSite {
  /** The callee as a dotted name with import aliases resolved (`numpy.random.seed`), or null. */
  readonly qualified: string | null;
  /** The attribute name when the callee is `<expression>.name`, else null. */
  readonly method: string | null;
  /** When the receiver of `method` is itself a call (`Path('a').write_text`): its callee, resolved. */
  readonly receiverCall: string | null;
  /**
   * The path (as `pathOf` gives it) of the first argument of that receiver call (`Path('a')`
   * gives `a`), or else of the receiver itself when it is an expression (`d / 'n.md'`).
   */
  readonly receiverPath: string | null;
  /** The number of positional arguments (up to any `*args`). */
  readonly positionalCount: number;
  /** Its value is the namespace another call runs code in (`exec(code, globals())`). */
  readonly isNamespace: boolean;
  /** Positional argument `index`, or else the first of `keywords` that is given. */
  arg(index: number, ...keywords: string[]): IArgument | null;
}

/** Where the effects of a call go. */
export interface IEffectSink {
  read(symbol: string): void;
  define(symbol: string): void;
  mutate(symbol: string): void;
  remove(symbol: string): void;
  irreversible(message: string): void;
  opaque(reason: string): void;
  /** The object passed as positional argument `index` is changed in place. */
  mutateArgument(index: number): void;
  /**
   * The call draws from the object given as keyword argument `keyword` (`random_state=rng`),
   * which advances a generator; a seed given there (a number) it only reads.
   */
  drawFromArgument(keyword: string): void;
  /**
   * Python code given as a string runs: its free names are read in the module's namespace
   * (`__main__`, where `cProfile.run` and `timeit` with `globals=globals()` run it), or in the
   * calling scope (`eval`, `exec` without namespaces).
   */
  evaluate(code: string, namespace: 'module' | 'scope'): void;
}

/**
 * The path an argument names: a string literal, or else `@` and the expression's text, so
 * that a writer and a reader given the same variable or expression (`path`,
 * `os.path.join(out, 'a.csv')`, an f-string) share a file; null when there is no argument.
 */
export function pathOf(arg: IArgument | null): string | null {
  if (arg === null) {
    return null;
  }
  return arg.literal ?? `@${arg.text.replace(/\s+/g, '')}`;
}

/** A path as a message names it: a literal as it is, an expression (`@` from `pathOf`) as code. */
function pathText(path: string): string {
  return path.startsWith('@') ? `\`${path.slice(1)}\`` : path;
}

/** `file out.txt` for a literal, `the file in \`path\`` for a path an expression names. */
function placeText(kind: 'file' | 'folder', path: string): string {
  return path.startsWith('@')
    ? `the ${kind} in ${pathText(path)}`
    : `${kind} ${path}`;
}

/** `file:<path>` for a path literal, with a leading `./` removed. */
export function fileSymbol(path: string): string {
  let clean = path;
  while (clean.startsWith('./')) {
    clean = clean.slice(2);
  }
  return `file:${clean}`;
}

/** Whether `name` is a file's pseudo-symbol (see `fileSymbol`). */
export function isFile(name: string): boolean {
  return name.startsWith('file:');
}

/** The expression of a file's pseudo-symbol whose path an expression names (`file:@out`). */
export function fileExpression(name: string): string | null {
  return name.startsWith('file:@') ? name.slice('file:@'.length) : null;
}

/**
 * What `dir()`, `globals()`, `locals()` and `vars()` read: the set of names the module holds.
 * The analysis of a whole notebook expands it into every name bound or deleted there
 * (`analysis/world.ts`), so that a `del` or a new name makes the cell stale.
 */
export const MODULE_NAMES = 'names:module';

/** The prefix of the pseudo-symbol a folder listing reads (see `folderSymbol`). */
export const FOLDER_PREFIX = 'folder:';

/**
 * `folder:<path>` for a listing of a folder (`os.listdir`, `glob.glob`, `os.walk`): it reads
 * every file under the folder, and the analysis of a whole notebook expands it into the
 * `file:` names bound there (`analysis/world.ts`). `folder:@` when the folder is not a literal.
 */
export function folderSymbol(path: string | null): string {
  if (path === null) {
    return `${FOLDER_PREFIX}.`;
  }
  if (path.startsWith('@')) {
    return `${FOLDER_PREFIX}@`;
  }
  let clean = path;
  while (clean.startsWith('./')) {
    clean = clean.slice(2);
  }
  clean = clean.replace(/\/+$/, '');
  return `${FOLDER_PREFIX}${clean === '' ? '.' : clean}`;
}

/** The folder a glob pattern lists: its segments before the first wildcard. */
function patternFolder(pattern: string | null): string | null {
  if (pattern === null || pattern.startsWith('@')) {
    return pattern;
  }
  const segments = pattern.split('/');
  const wild = segments.findIndex(segment => /[*?[]/.test(segment));
  return segments.slice(0, wild < 0 ? segments.length - 1 : wild).join('/');
}

/** Applies the effects of one call to `sink`. */
export function applyCallEffects(call: ICallSite, sink: IEffectSink): void {
  const qualified = call.qualified;
  if (qualified !== null) {
    if (MUTATING_FUNCTIONS.has(qualified)) {
      sink.mutateArgument(0);
    }
    functionEffects(qualified, call, sink);
  }
  if (call.method !== null) {
    methodEffects(call.method, call, sink);
  } else if (qualified !== null) {
    // `from pandas import read_csv; read_csv('a.csv')`
    namedIOEffects(qualified.slice(qualified.lastIndexOf('.') + 1), call, sink);
  }
  randomStateEffects(qualified, call, sink);
}

/** scikit-learn's functions that draw from numpy's global generator when given no `random_state`. */
const SKLEARN_DRAWS = new Set(['shuffle', 'resample']);

/** scikit-learn's data set makers, which draw as `SKLEARN_DRAWS` do; known also without their module. */
const SKLEARN_MAKERS = new Set([
  'make_classification',
  'make_regression',
  'make_blobs',
  'make_moons',
  'make_circles'
]);

/**
 * The draws of a call given `random_state` (pandas' `sample`, scikit-learn, scipy's `rvs`):
 * from numpy's global generator when it is None, or not given to a function that draws
 * anyway; from the object it names, a generator that advances (a seed it only reads); from
 * nothing when it is a number or a new object.
 */
function randomStateEffects(
  qualified: string | null,
  call: ICallSite,
  sink: IEffectSink
): void {
  if (call.arg(-1, 'shuffle')?.text === 'False') {
    // `train_test_split(..., shuffle=False)` draws nothing.
    return;
  }
  const state = call.arg(-1, 'random_state');
  const name = qualified?.slice(qualified.lastIndexOf('.') + 1) ?? '';
  const drawsUnseeded =
    name === 'train_test_split' ||
    SKLEARN_MAKERS.has(name) ||
    (qualified?.startsWith('sklearn.') === true && SKLEARN_DRAWS.has(name));
  if (state === null ? drawsUnseeded : state.text === 'None') {
    sink.mutate(NUMPY_RANDOM);
  } else if (state !== null) {
    sink.drawFromArgument('random_state');
  }
}

/** Calls to `random.<name>` that do not touch the module's shared state. */
const PYTHON_RANDOM_INDEPENDENT = new Set(['Random', 'SystemRandom']);

/** Calls to `numpy.random.<name>` that create their own generator instead of using the global one. */
const NUMPY_RANDOM_INDEPENDENT = new Set([
  'default_rng',
  'RandomState',
  'Generator',
  'SeedSequence',
  'BitGenerator',
  'PCG64',
  'PCG64DXSM',
  'MT19937',
  'Philox',
  'SFC64'
]);

/** Writers that take the path as their first argument. */
const WRITE_FIRST = new Set([
  'numpy.save',
  'numpy.savetxt',
  'numpy.savez',
  'numpy.savez_compressed',
  'cv2.imwrite',
  'imageio.imwrite',
  'scipy.io.savemat',
  'matplotlib.pyplot.imsave',
  'pandas.ExcelWriter'
]);

/** Readers that take the path as their first argument. */
const READ_FIRST = new Set([
  'numpy.load',
  'numpy.loadtxt',
  'numpy.genfromtxt',
  'numpy.fromfile',
  'joblib.load',
  'torch.load',
  'matplotlib.pyplot.imread',
  'matplotlib.image.imread',
  'imageio.imread',
  'cv2.imread',
  'PIL.Image.open',
  'Image.open',
  'scipy.io.loadmat',
  'skimage.io.imread',
  'os.path.exists',
  'os.path.isfile',
  'os.path.isdir',
  'os.path.getsize',
  'os.path.getmtime'
]);

/** Pandas-style writers called as methods: `df.to_csv('P')`. They do not change the receiver. */
const WRITE_METHODS = new Set([
  'to_csv',
  'to_parquet',
  'to_json',
  'to_excel',
  'to_pickle',
  'to_feather',
  'to_hdf',
  'to_stata',
  'to_xml',
  'to_orc',
  'to_html',
  'to_latex',
  'to_markdown',
  'savefig'
]);

/** Keywords that name the path for the writers and readers above. */
const PATH_KEYWORDS = [
  'path_or_buf',
  'path',
  'excel_writer',
  'buf',
  'fname',
  'file',
  'filepath_or_buffer',
  'io',
  'filename'
];

/** Methods that only `pathlib` paths have, whatever expression the path is. */
const PATH_METHODS = new Set([
  'write_text',
  'write_bytes',
  'read_text',
  'read_bytes',
  'touch',
  'iterdir',
  'rglob'
]);

/** Methods of IPython's shell that run code the analysis cannot see. */
const SHELL_RUNNERS = new Set([
  'run_cell',
  'run_line_magic',
  'run_cell_magic',
  'magic',
  'ex',
  'ev',
  'safe_execfile',
  'run_code'
]);

/** What a call to a function known by its qualified name does. */
type CallRule = (call: ICallSite, sink: IEffectSink, qualified: string) => void;

/**
 * Functions known by their qualified name. One lookup per call: most calls are to none of
 * them, and comparing the name with each in turn cost a good part of the walk of a call.
 */
const FUNCTION_RULES = new Map<string, CallRule>([
  ...rule([...WRITE_FIRST], (call, sink) =>
    writePath(pathOf(call.arg(0, ...PATH_KEYWORDS)), sink)
  ),
  ...rule([...READ_FIRST], (call, sink) =>
    readPath(pathOf(call.arg(0, ...PATH_KEYWORDS)), sink)
  ),
  ...rule(['exec', 'eval'], (call, sink, qualified) => {
    sink.opaque(qualified);
    const code = call.arg(0, 'source')?.literal ?? null;
    if (code !== null && call.arg(1, 'globals') === null) {
      sink.evaluate(code, 'scope');
    }
  }),
  ...rule(['cProfile.run', 'profile.run'], (call, sink) => {
    const code = call.arg(0, 'statement')?.literal ?? null;
    if (code !== null) {
      sink.evaluate(code, 'module');
    }
  }),
  // Without `globals`, timeit runs the code in a namespace of its own.
  ...rule(['timeit.timeit', 'timeit.repeat'], (call, sink) =>
    timeitEffects(call, call.arg(4, 'globals'), sink)
  ),
  ...rule(['timeit.Timer'], (call, sink) =>
    timeitEffects(call, call.arg(3, 'globals'), sink)
  ),
  ...rule(['globals', 'locals'], (call, sink, qualified) => {
    sink.opaque(`${qualified}()`);
    listNames(call, sink);
  }),
  ...rule(['vars'], (call, sink) => {
    if (call.positionalCount === 0) {
      sink.opaque('vars()');
      listNames(call, sink);
    }
  }),
  ...rule(['dir'], (call, sink) => {
    if (call.positionalCount === 0) {
      listNames(call, sink);
    }
  }),
  ...rule(['importlib.reload', 'imp.reload'], (call, sink) =>
    sink.opaque('reload')
  ),
  ...rule(['open', 'io.open', 'codecs.open'], (call, sink) =>
    openEffects(pathOf(call.arg(0, 'file')), call.arg(1, 'mode'), sink)
  ),
  ...rule(['os.listdir', 'os.scandir'], (call, sink) =>
    sink.read(folderSymbol(pathOf(call.arg(0, 'path'))))
  ),
  ...rule(['os.walk'], (call, sink) =>
    sink.read(folderSymbol(pathOf(call.arg(0, 'top'))))
  ),
  ...rule(['glob.glob', 'glob.iglob'], (call, sink) =>
    sink.read(folderSymbol(patternFolder(pathOf(call.arg(0, 'pathname')))))
  ),
  ...rule(['os.remove', 'os.unlink'], (call, sink) =>
    removeFile(pathOf(call.arg(0, 'path')), sink)
  ),
  ...rule(['os.rmdir', 'os.removedirs', 'shutil.rmtree'], (call, sink) => {
    const path = pathOf(call.arg(0, 'path'));
    if (path !== null) {
      // A folder is an entry of the folder it is in.
      sink.remove(fileSymbol(path));
    }
    sink.irreversible(
      path === null
        ? 'deletes a folder'
        : `deletes ${placeText('folder', path)}`
    );
  }),
  ...rule(
    ['os.rename', 'os.renames', 'os.replace', 'shutil.move'],
    (call, sink) =>
      move(pathOf(call.arg(0, 'src')), pathOf(call.arg(1, 'dst')), sink)
  ),
  ...rule(['shutil.copy', 'shutil.copy2', 'shutil.copyfile'], (call, sink) => {
    readPath(pathOf(call.arg(0, 'src')), sink);
    writePath(pathOf(call.arg(1, 'dst')), sink);
  }),
  ...rule(['os.mkdir', 'os.makedirs'], (call, sink) =>
    makeFolder(pathOf(call.arg(0, 'name', 'path')), call, sink)
  ),
  ...rule(['os.chdir'], (call, sink) =>
    sink.irreversible('changes the working directory')
  ),
  ...rule(['joblib.dump', 'torch.save'], (call, sink) =>
    writePath(pathOf(call.arg(1, 'filename', 'f')), sink)
  )
]);

/**
 * `dir()`, `globals()`: the names the module holds; not a namespace handed to a call
 * (`timeit(code, globals=globals())`), which reads the names its code names.
 */
function listNames(call: ICallSite, sink: IEffectSink): void {
  if (!call.isNamespace) {
    sink.read(MODULE_NAMES);
  }
}

/** `timeit.timeit('f(x)', setup, globals=globals())` reads `f` and `x` from the module's namespace. */
function timeitEffects(
  call: ICallSite,
  namespace: IArgument | null,
  sink: IEffectSink
): void {
  if (namespace?.text.replace(/\s+/g, '') !== 'globals()') {
    return;
  }
  const stmt = call.arg(0, 'stmt');
  const setup = call.arg(1, 'setup');
  const code = stmt?.literal ?? null;
  if (code !== null && (setup === null || setup.literal !== null)) {
    // The setup runs first, in the same throwaway locals: what it binds is not read.
    sink.evaluate(`${setup?.literal ?? ''}\n${code}`, 'module');
  }
}

function functionEffects(
  qualified: string,
  call: ICallSite,
  sink: IEffectSink
): void {
  const apply = FUNCTION_RULES.get(qualified);
  if (apply !== undefined) {
    apply(call, sink, qualified);
  } else if (!matplotlibEffects(qualified, call, sink)) {
    randomEffects(qualified, sink);
  }
}

/** Modules whose functions change or read matplotlib's settings. */
const SETTINGS_MODULES = new Set([
  'matplotlib',
  'matplotlib.style',
  'matplotlib.pyplot.style',
  'matplotlib.rcParams',
  'matplotlib.pyplot.rcParams'
]);

/** pyplot functions that change the settings rather than the figures. */
const PYPLOT_SETTINGS = new Set([
  'rc',
  'rcdefaults',
  'rc_file',
  'rc_file_defaults'
]);

/** Settings functions that only read them (`rc_context` restores them when it ends). */
const SETTINGS_READERS =
  /^(get|is|keys$|items$|values$|copy$|context$|rc_context$)/;

/** pyplot functions that make a new current figure: it holds nothing drawn before. */
const NEW_FIGURE = new Set(['figure', 'subplots', 'subplot_mosaic']);

/**
 * pyplot functions whose result is a figure or axes of its state, or an artist on one:
 * the result is part of `PYPLOT`.
 */
export const PYPLOT_OBJECTS: ReadonlySet<string> = new Set(
  [
    ...NEW_FIGURE,
    'gca',
    'gcf',
    'subplot',
    'axes',
    'twinx',
    'twiny',
    'plot'
  ].map(name => `matplotlib.pyplot.${name}`)
);

/** pyplot functions that only read its figures. */
const PYPLOT_READERS = new Set([
  'get_fignums',
  'fignum_exists',
  'get_figlabels',
  'isinteractive',
  'savefig',
  'show'
]);

/**
 * Methods that draw on pyplot's figures and that `PURE_METHODS` lists, since pandas' methods
 * of these names (which draw on the current axes) leave the frame as it was.
 */
const DRAWING_METHODS = new Set(['plot', 'hist', 'boxplot']);

/**
 * Calls of pyplot's functions, which act on its current figure and axes, and of matplotlib's
 * settings; false for other calls.
 */
function matplotlibEffects(
  qualified: string,
  call: ICallSite,
  sink: IEffectSink
): boolean {
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, Math.max(dot, 0));
  const name = qualified.slice(dot + 1);
  if (
    SETTINGS_MODULES.has(module) ||
    (module === 'matplotlib.pyplot' && PYPLOT_SETTINGS.has(name))
  ) {
    if (SETTINGS_READERS.test(name)) {
      sink.read(MATPLOTLIB_SETTINGS);
    } else {
      sink.mutate(MATPLOTLIB_SETTINGS);
    }
    return true;
  }
  if (module !== 'matplotlib.pyplot') {
    return false;
  }
  // New figures and artists take their defaults from the settings.
  sink.read(MATPLOTLIB_SETTINGS);
  if (NEW_FIGURE.has(name)) {
    sink.define(PYPLOT);
    if (name !== 'figure' || call.arg(0, 'num') === null) {
      sink.define(FIGURE_NUMBERS);
    }
  } else if (PYPLOT_READERS.has(name)) {
    sink.read(PYPLOT);
    if (name.startsWith('fignum') || name === 'get_fignums') {
      sink.read(FIGURE_NUMBERS);
    }
  } else {
    sink.mutate(PYPLOT);
  }
  return true;
}

/**
 * The states a module keeps, which its import makes: matplotlib's settings and pyplot's
 * figures. A new kernel has them once it imports matplotlib, so the cell that imports it is
 * where a plan rebuilds them from (importing again changes nothing, which over-approximates:
 * the cells that change them run again after it).
 */
export function importedStates(module: string): string[] {
  return isMatplotlib(module) ? [MATPLOTLIB_SETTINGS, PYPLOT] : [];
}

function isMatplotlib(module: string): boolean {
  return module === 'matplotlib' || module.startsWith('matplotlib.');
}

/**
 * The state a change of a module's attribute changes (`mpl.rcParams['lines.linewidth'] = 3`
 * changes matplotlib's settings), or null.
 */
export function moduleState(module: string): string | null {
  return isMatplotlib(module) ? MATPLOTLIB_SETTINGS : null;
}

function randomEffects(qualified: string, sink: IEffectSink): void {
  const dot = qualified.lastIndexOf('.');
  const module = qualified.slice(0, Math.max(dot, 0));
  const name = qualified.slice(dot + 1);
  if (module === 'random') {
    globalState(
      PYTHON_RANDOM,
      name,
      PYTHON_RANDOM_INDEPENDENT,
      'setstate',
      'getstate',
      sink
    );
  } else if (module === 'numpy.random') {
    globalState(
      NUMPY_RANDOM,
      name,
      NUMPY_RANDOM_INDEPENDENT,
      'set_state',
      'get_state',
      sink
    );
  } else if (qualified === 'shuffle') {
    // A bare `shuffle(x)` imported in another cell: `random.shuffle` or numpy's or sklearn's.
    sink.mutateArgument(0);
    sink.mutate(PYTHON_RANDOM);
    sink.mutate(NUMPY_RANDOM);
  }
}

function globalState(
  symbol: string,
  name: string,
  independent: ReadonlySet<string>,
  setState: string,
  getState: string,
  sink: IEffectSink
): void {
  if (name === 'seed' || name === setState) {
    sink.define(symbol);
  } else if (name === getState) {
    sink.read(symbol);
  } else if (!independent.has(name)) {
    // Every other function of the module draws from (and advances) the shared state.
    sink.mutate(symbol);
  }
}

function methodEffects(
  method: string,
  call: ICallSite,
  sink: IEffectSink
): void {
  const receiver = call.receiverCall;
  if (DRAWING_METHODS.has(method)) {
    sink.read(MATPLOTLIB_SETTINGS);
    sink.mutate(PYPLOT);
  } else if (receiver !== null && PYPLOT_OBJECTS.has(receiver)) {
    // `plt.gca().set_title('a')` changes the current axes.
    if (method.startsWith('get_')) {
      sink.read(PYPLOT);
    } else {
      sink.mutate(PYPLOT);
    }
  }
  if (receiver === 'pathlib.Path' || receiver === 'pathlib.PurePath') {
    pathMethodEffects(method, call.receiverPath, call, sink);
    return;
  }
  if (receiver === null && PATH_METHODS.has(method)) {
    // Only paths have these methods: `(d / 'n.md').write_text(s)`, `p.read_text()`.
    pathMethodEffects(method, call.receiverPath, call, sink);
    return;
  }
  if (receiver === 'get_ipython' && SHELL_RUNNERS.has(method)) {
    sink.opaque(`get_ipython().${method}`);
    return;
  }
  if (method === 'query' || method === 'eval') {
    // pandas reads `@name` in the query from the calling scope: `df.query('v > @cut')`.
    const names = call.arg(0, 'expr')?.literal?.match(/@[A-Za-z_]\w*/g) ?? [];
    if (names.length > 0) {
      sink.evaluate(names.map(name => name.slice(1)).join('\n'), 'scope');
    }
  }
  if (WRITE_METHODS.has(method)) {
    const path = pathOf(call.arg(0, ...PATH_KEYWORDS));
    const mode = call.arg(-1, 'mode')?.literal ?? '';
    if (mode.includes('a')) {
      appendPath(path, sink);
    } else {
      writePath(path, sink);
    }
    return;
  }
  namedIOEffects(method, call, sink);
}

/** Readers recognised by name alone: `pd.read_csv('P')`, `read_parquet('P')`. */
function namedIOEffects(
  name: string,
  call: ICallSite,
  sink: IEffectSink
): void {
  if (
    name.startsWith('read_') &&
    name !== 'read_text' &&
    name !== 'read_bytes'
  ) {
    readPath(pathOf(call.arg(0, ...PATH_KEYWORDS)), sink);
  }
}

function pathMethodEffects(
  method: string,
  path: string | null,
  call: ICallSite,
  sink: IEffectSink
): void {
  switch (method) {
    case 'write_text':
    case 'write_bytes':
    case 'touch':
      writePath(path, sink);
      return;
    case 'read_text':
    case 'read_bytes':
    case 'exists':
    case 'is_file':
    case 'is_dir':
    case 'stat':
      readPath(path, sink);
      return;
    case 'open':
      openEffects(path, call.arg(0, 'mode'), sink);
      return;
    case 'unlink':
      removeFile(path, sink);
      return;
    case 'iterdir':
      sink.read(folderSymbol(path));
      return;
    case 'glob':
    case 'rglob':
      sink.read(folderSymbol(path));
      return;
    case 'rmdir':
      if (path !== null) {
        sink.remove(fileSymbol(path));
      }
      sink.irreversible(
        path === null
          ? 'deletes a folder'
          : `deletes ${placeText('folder', path)}`
      );
      return;
    case 'mkdir':
      makeFolder(path, call, sink);
      return;
    case 'rename':
    case 'replace':
      move(path, pathOf(call.arg(0, 'target')), sink);
      return;
  }
}

function openEffects(
  path: string | null,
  modeArg: IArgument | null,
  sink: IEffectSink
): void {
  // Without a mode argument the file is read; a mode that is not a literal may do anything.
  const mode = modeArg === null ? 'r' : modeArg.literal;
  if (mode === null) {
    readPath(path, sink);
    writePath(path, sink);
  } else if (mode.includes('a')) {
    appendPath(path, sink);
  } else if (mode.includes('w') || mode.includes('x')) {
    writePath(path, sink);
  } else if (mode.includes('+')) {
    readPath(path, sink);
    if (path !== null) {
      sink.mutate(fileSymbol(path));
    }
  } else {
    readPath(path, sink);
  }
}

function readPath(path: string | null, sink: IEffectSink): void {
  if (path !== null) {
    sink.read(fileSymbol(path));
  }
}

function writePath(path: string | null, sink: IEffectSink): void {
  if (path !== null) {
    sink.define(fileSymbol(path));
  }
}

function appendPath(path: string | null, sink: IEffectSink): void {
  if (path === null) {
    sink.irreversible('appends to a file');
    return;
  }
  sink.mutate(fileSymbol(path));
  sink.irreversible(`appends to ${placeText('file', path)}`);
}

function removeFile(path: string | null, sink: IEffectSink): void {
  if (path === null) {
    sink.irreversible('deletes a file');
    return;
  }
  sink.remove(fileSymbol(path));
  sink.irreversible(`deletes ${placeText('file', path)}`);
}

function move(
  source: string | null,
  target: string | null,
  sink: IEffectSink
): void {
  if (source !== null) {
    sink.remove(fileSymbol(source));
  }
  if (target !== null) {
    sink.define(fileSymbol(target));
  }
  sink.irreversible(
    source !== null && target !== null
      ? `moves ${pathText(source)} to ${pathText(target)}`
      : 'moves a file'
  );
}

function makeFolder(
  path: string | null,
  call: ICallSite,
  sink: IEffectSink
): void {
  if (path !== null) {
    // A folder is an entry of the folder it is in (listings see it).
    sink.define(fileSymbol(path));
  }
  // With `exist_ok=True` a second run does the same as the first: nothing to undo.
  if (call.arg(-1, 'exist_ok')?.text === 'True') {
    return;
  }
  sink.irreversible(
    path === null ? 'creates a folder' : `creates ${placeText('folder', path)}`
  );
}

/** The same rule for several functions. */
function rule(
  names: readonly string[],
  apply: CallRule
): Array<[string, CallRule]> {
  return names.map(name => [name, apply]);
}

/** What the walker knows of the receiver of a method call `receiver.method(...)`. */
export interface IReceiver {
  /** The receiver is a module (`np` in `np.set_printoptions()`). */
  isModule: boolean;
  /** The name at its root is a module (`np` in `np.random.seed()`). */
  rootIsModule: boolean;
  /** The call passes `inplace=True`. */
  inplace: boolean;
  /** The methods that change their receiver, with the notebook's extras. */
  mutators: ReadonlySet<string>;
  /** The call gives `random_state`: it draws from that (`df.sample(3, random_state=1)`). */
  randomState: boolean;
}

/**
 * Whether calling `method` may change the receiver's object: a module only by a configuration
 * call; anything else by a known mutator, `inplace=True`, or a method the model cannot see
 * into (`sim.step()`, `rng.normal()`) unless it is known pure, only writes outside, or draws
 * from the `random_state` it is given rather than from its receiver.
 */
export function changesReceiver(method: string, receiver: IReceiver): boolean {
  if (receiver.isModule) {
    return CONFIGURATION_CALL.test(method);
  }
  if (receiver.rootIsModule) {
    return (
      receiver.mutators.has(method) ||
      receiver.inplace ||
      CONFIGURATION_CALL.test(method)
    );
  }
  return (
    receiver.mutators.has(method) ||
    receiver.inplace ||
    (!PURE_METHODS.has(method) &&
      !WRITE_METHODS.has(method) &&
      !receiver.randomState)
  );
}
