/**
 * The library tables: methods and functions that change their receiver or arguments, keep
 * them, return views or copies, and the names of modules as notebooks use them.
 */

/**
 * The mutation table: method names that change their receiver in place (DESIGN.md,
 * "Mutation"). `x.append(1)` mutates `x`; `a.b.append(1)` mutates `a`. Extended per
 * notebook by `extraMutators`.
 */
export const MUTATING_METHODS: ReadonlySet<string> = new Set([
  // list
  'append',
  'extend',
  'insert',
  'pop',
  'remove',
  'clear',
  'sort',
  'reverse',
  // dict (plus pop/clear above)
  'update',
  'setdefault',
  'popitem',
  // set (plus update/clear/pop/remove above)
  'add',
  'discard',
  'difference_update',
  'intersection_update',
  'symmetric_difference_update',
  // collections.deque
  'appendleft',
  'extendleft',
  'popleft',
  'rotate',
  // scikit-learn style estimators learn into themselves
  'fit',
  'partial_fit',
  'fit_transform',
  'fit_predict',
  'set_params'
]);

/**
 * Methods known not to change their receiver (DESIGN.md: a call of a method the analysis cannot
 * see into may change its receiver). Reads of builtins, pandas, numpy, scikit-learn and
 * common libraries; a method in `MUTATING_METHODS` or given `inplace=True` still mutates.
 * Random draws (`rng.normal`) are not here: they advance the generator. Writers (`to_csv`)
 * are in `effects.ts`.
 */
export const PURE_METHODS: ReadonlySet<string> = new Set([
  // str, bytes
  'capitalize',
  'casefold',
  'center',
  'count',
  'decode',
  'encode',
  'endswith',
  'expandtabs',
  'find',
  'format',
  'format_map',
  'index',
  'isalnum',
  'isalpha',
  'isdecimal',
  'isdigit',
  'isidentifier',
  'islower',
  'isnumeric',
  'isspace',
  'istitle',
  'isupper',
  'join',
  'ljust',
  'lower',
  'lstrip',
  'partition',
  'removeprefix',
  'removesuffix',
  'replace',
  'rfind',
  'rindex',
  'rjust',
  'rpartition',
  'rsplit',
  'rstrip',
  'split',
  'splitlines',
  'startswith',
  'strip',
  'swapcase',
  'title',
  'translate',
  'upper',
  'zfill',
  // dict, list, set, tuple reads
  'copy',
  'get',
  'keys',
  'values',
  'items',
  'union',
  'intersection',
  'difference',
  'symmetric_difference',
  'issubset',
  'issuperset',
  'isdisjoint',
  'qsize',
  'empty',
  'full',
  // pandas
  'head',
  'tail',
  'describe',
  'info',
  'mean',
  'median',
  'mode',
  'sum',
  'prod',
  'std',
  'var',
  'sem',
  'skew',
  'kurt',
  'min',
  'max',
  'idxmin',
  'idxmax',
  'quantile',
  'nunique',
  'unique',
  'value_counts',
  'groupby',
  'agg',
  'aggregate',
  'apply',
  'applymap',
  'map',
  'transform',
  'pipe',
  'merge',
  'pivot',
  'pivot_table',
  'melt',
  'stack',
  'unstack',
  'explode',
  'drop',
  'dropna',
  'fillna',
  'ffill',
  'bfill',
  'interpolate',
  'rename',
  'sort_values',
  'sort_index',
  'reset_index',
  'set_index',
  'reindex',
  'astype',
  'assign',
  'query',
  'filter',
  'select_dtypes',
  'isna',
  'isnull',
  'notna',
  'notnull',
  'isin',
  'between',
  'any',
  'all',
  'abs',
  'round',
  'clip',
  'where',
  'mask',
  'corr',
  'cov',
  'cumsum',
  'cumprod',
  'cummax',
  'cummin',
  'diff',
  'pct_change',
  'shift',
  'rank',
  'rolling',
  'expanding',
  'ewm',
  'resample',
  'nlargest',
  'nsmallest',
  'duplicated',
  'drop_duplicates',
  'equals',
  'memory_usage',
  'to_numpy',
  'to_list',
  'tolist',
  'to_dict',
  'to_string',
  'to_frame',
  'to_records',
  'to_datetime',
  'iterrows',
  'itertuples',
  'first',
  'last',
  'squeeze',
  'convert_dtypes',
  'infer_objects',
  'get_dummies',
  'add_prefix',
  'add_suffix',
  'combine_first',
  'align',
  'truncate',
  'plot',
  'hist',
  'boxplot',
  'style',
  'strftime',
  'isoformat',
  'total_seconds',
  'timestamp',
  'date',
  'time',
  // matplotlib getters
  'get_title',
  'get_xlabel',
  'get_ylabel',
  'get_xlim',
  'get_ylim',
  'get_xticks',
  'get_yticks',
  'get_legend',
  'get_legend_handles_labels',
  'get_lines',
  'get_texts',
  'get_text',
  'get_label',
  'get_linewidth',
  'get_color',
  'get_facecolor',
  'get_size_inches',
  'get_children',
  // numpy
  'reshape',
  'ravel',
  'flatten',
  'transpose',
  'swapaxes',
  'view',
  'argmax',
  'argmin',
  'argsort',
  'nonzero',
  'dot',
  'item',
  'tobytes',
  'searchsorted',
  'take',
  'repeat',
  'trace',
  'diagonal',
  'conj',
  'ptp',
  'compress',
  'tostring',
  // scikit-learn and model libraries
  'predict',
  'predict_proba',
  'predict_log_proba',
  'decision_function',
  'score',
  'score_samples',
  'inverse_transform',
  'get_params',
  'get_feature_names_out',
  'kneighbors',
  'staged_predict',
  'evaluate',
  'summary',
  'conf_int',
  'pvalues',
  'numpy',
  'detach',
  'cpu',
  'size',
  'dim',
  // re, pathlib, os.path-like reads, json responses
  'match',
  'fullmatch',
  'search',
  'findall',
  'finditer',
  'sub',
  'subn',
  'group',
  'groups',
  'groupdict',
  'span',
  'exists',
  'is_file',
  'is_dir',
  'joinpath',
  'with_suffix',
  'with_name',
  'with_stem',
  'resolve',
  'absolute',
  'relative_to',
  'as_posix',
  'glob',
  'rglob',
  'iterdir',
  'json',
  // display
  'show',
  'display'
]);

/**
 * scikit-learn's methods that learn from the data given, replacing what an earlier fit learnt
 * (its glossary: "fit ... overwrites"), unless the estimator has `warm_start`.
 */
const FITTING_METHODS: ReadonlySet<string> = new Set([
  'fit',
  'fit_transform',
  'fit_predict'
]);

/** Setters of one property that take it as their one argument (`ax.set_xlabel("t")`). */
const ONE_VALUE_SETTERS: ReadonlySet<string> = new Set([
  'set_title',
  'set_xlabel',
  'set_ylabel',
  'set_xscale',
  'set_yscale',
  'set_facecolor',
  'set_aspect',
  'set_figwidth',
  'set_figheight',
  'set_dpi',
  'suptitle',
  // pyplot, on the current axes or figure
  'title',
  'xlabel',
  'ylabel',
  'xscale',
  'yscale'
]);

/** Setters of one property that take it as two arguments (`ax.set_xlim(2, 8)`). */
const TWO_VALUE_SETTERS: ReadonlySet<string> = new Set([
  'set_xlim',
  'set_ylim',
  'set_size_inches',
  'xlim',
  'ylim'
]);

/**
 * The slot of its receiver that a call of `method` replaces whatever it held (matplotlib's
 * setters of one property of an axes or figure, `set_params(alpha=1.0)`), or null. Only with
 * the arguments that set all of it: `set_xlim(2)` sets the left limit only, `set_title("a",
 * loc="left")` another title than `set_title("a")`, `set_xlabel("a", fontsize=9)` keeps the
 * size when edited to `set_xlabel("a")`, `**kw` may hold anything.
 */
export function replacedSlot(
  method: string,
  positional: number,
  keywords: readonly string[],
  starred: boolean
): string | null {
  if (starred) {
    return null;
  }
  if (FITTING_METHODS.has(method)) {
    // Whatever the data; a continued fit (`warm_start`) is for `world.ts` to rule out.
    return '.fit()';
  }
  if (method === 'set_params') {
    return positional === 0 && keywords.length > 0
      ? `.set_params(${[...keywords].sort().join(',')})`
      : null;
  }
  const count = ONE_VALUE_SETTERS.has(method)
    ? 1
    : TWO_VALUE_SETTERS.has(method)
      ? 2
      : 0;
  return count > 0 && positional === count && keywords.length === 0
    ? `.${method}()`
    : null;
}

/** Methods that return their receiver, so `m2 = model.fit(X)` makes `m2` an alias of `model`. */
export const SELF_RETURNING_METHODS: ReadonlySet<string> = new Set([
  'fit',
  'partial_fit',
  'set_params'
]);

/**
 * Methods whose result shares its receiver's memory or elements, so that changes reach both:
 * dict views follow their dict, numpy views share the array's memory (`ravel` when it can),
 * `setdefault` returns the element stored in the dict.
 */
export const PART_METHODS: ReadonlySet<string> = new Set([
  'keys',
  'values',
  'items',
  'setdefault',
  'reshape',
  'ravel',
  'view',
  'transpose',
  'swapaxes',
  'squeeze',
  // matplotlib: axes made on a figure, or sharing an axis with other axes
  'twinx',
  'twiny',
  'add_subplot',
  'add_axes'
]);

/**
 * Functions whose result shares the memory of their first argument (numpy views), or holds it:
 * generators made on one bit generator draw from it, so a draw from one advances the others.
 */
export const PART_FUNCTIONS: ReadonlySet<string> = new Set([
  'numpy.random.Generator',
  'numpy.random.RandomState',
  'numpy.asarray',
  'numpy.asanyarray',
  'numpy.reshape',
  'numpy.ravel',
  'numpy.transpose',
  'numpy.swapaxes',
  'numpy.squeeze'
]);

/**
 * scikit-learn's estimators made of other estimators, which hold the objects given to them:
 * a `Pipeline` fits its steps in place, `set_params(clf__C=2)` sets a parameter of a step,
 * and the others fit clones of what they hold now.
 */
export const HOLDING_FUNCTIONS: ReadonlySet<string> = new Set(
  [
    'pipeline.Pipeline',
    'pipeline.make_pipeline',
    'pipeline.FeatureUnion',
    'pipeline.make_union',
    'compose.ColumnTransformer',
    'compose.make_column_transformer',
    'compose.TransformedTargetRegressor',
    'ensemble.VotingClassifier',
    'ensemble.VotingRegressor',
    'ensemble.StackingClassifier',
    'ensemble.StackingRegressor',
    'ensemble.BaggingClassifier',
    'ensemble.BaggingRegressor',
    'model_selection.GridSearchCV',
    'model_selection.RandomizedSearchCV',
    'multiclass.OneVsRestClassifier',
    'multiclass.OneVsOneClassifier'
  ].map(name => `sklearn.${name}`)
);

/** Decorators that keep the results of calls in the function (as written, before resolving). */
export const CACHING_DECORATORS: ReadonlySet<string> = new Set([
  'lru_cache',
  'cache',
  'functools.lru_cache',
  'functools.cache'
]);

/**
 * Functions that make a shallow copy of their first argument: a new container holding the
 * same elements (`copy.deepcopy` shares nothing and is not here; a set's elements are hashable,
 * which is almost always immutable).
 */
export const SHALLOW_COPY_FUNCTIONS: ReadonlySet<string> = new Set([
  'copy.copy',
  'list',
  'dict',
  'tuple',
  'sorted'
]);

/**
 * Functions that change their first argument in place, by qualified name
 * (`random.shuffle(x)` mutates `x`). Random draws are handled in `effects.ts`.
 */
export const MUTATING_FUNCTIONS: ReadonlySet<string> = new Set([
  'random.shuffle',
  'numpy.random.shuffle',
  'heapq.heappush',
  'heapq.heappop',
  'heapq.heapify',
  'heapq.heapreplace',
  'heapq.heappushpop',
  'bisect.insort',
  'bisect.insort_left',
  'bisect.insort_right',
  'numpy.copyto',
  'numpy.fill_diagonal',
  'numpy.put',
  'numpy.place',
  'numpy.putmask',
  'setattr',
  'delattr',
  // Draws from an iterator or generator: the next reader sees what is left.
  'next'
]);

/** Builds the set of mutating method names for one analysis. */
export function mutatorSet(extra: readonly string[]): ReadonlySet<string> {
  if (extra.length === 0) {
    return MUTATING_METHODS;
  }
  const all = new Set(MUTATING_METHODS);
  for (const name of extra) {
    all.add(name);
  }
  return all;
}

// ---- Names and calls of libraries, as the walker (`symbols.ts`) meets them ----

/** Conventional names of modules, for cells that use them without importing them. */
export const CONVENTIONAL_IMPORTS = new Map([
  ['np', 'numpy'],
  ['pd', 'pandas'],
  ['plt', 'matplotlib.pyplot'],
  ['mpl', 'matplotlib'],
  ['Path', 'pathlib.Path'],
  ['train_test_split', 'sklearn.model_selection.train_test_split']
]);

/** Names that are modules in practice: `np.append(a, 1)` is not a change of `np`. */
export const CONVENTIONAL_MODULES = new Set([
  'np',
  'numpy',
  'pd',
  'pandas',
  'plt',
  'mpl',
  'matplotlib',
  'sns',
  'seaborn',
  'os',
  'sys',
  'math',
  'random',
  'json',
  're',
  'shutil',
  'pickle',
  'joblib',
  'torch',
  'tf',
  'warnings',
  'heapq',
  'bisect',
  'itertools',
  'functools',
  'collections',
  'copy',
  'contextlib',
  'difflib',
  'html',
  'secrets',
  'unicodedata',
  // Unknown methods change their receiver, so modules imported in another cell count here.
  'time',
  'datetime',
  'glob',
  'pathlib',
  'subprocess',
  'string',
  'statistics',
  'csv',
  'logging',
  'typing',
  'operator',
  'textwrap',
  'pprint',
  'urllib',
  'requests',
  'scipy',
  'sp',
  'stats',
  'sklearn',
  'sm',
  'smf',
  'statsmodels',
  'nltk',
  'cv2',
  'PIL',
  'keras',
  'tqdm',
  'IPython',
  'ipywidgets',
  'widgets',
  'px',
  'go',
  'plotly',
  'alt',
  'altair',
  'nx',
  'networkx',
  'np_utils',
  'F',
  'nn',
  'optim',
  'dt',
  'io',
  'gc',
  'uuid',
  'hashlib',
  'base64',
  'zipfile',
  'tarfile',
  'sqlite3',
  'platform',
  'inspect',
  'importlib',
  'ast',
  'dataclasses',
  'enum',
  'decimal',
  'fractions',
  'cmath',
  'struct',
  'array',
  'queue',
  'threading',
  'multiprocessing',
  'asyncio',
  'socket',
  'tempfile',
  'fnmatch',
  'gzip',
  'bz2',
  'lzma',
  'zlib',
  'yaml',
  'toml',
  'xgb',
  'lgb',
  'cb',
  'torchvision',
  'transformers',
  'datasets',
  'skimage',
  'imageio',
  'h5py',
  'dask',
  'dd',
  'pl',
  'polars',
  'pa',
  'pyarrow',
  'gpd',
  'geopandas',
  'folium',
  'bokeh',
  'sympy',
  'numba',
  'jax',
  'jnp'
]);

/**
 * scikit-learn classes whose `fit` draws no random numbers, whatever their parameters: fit
 * again, they learn what a first fit would. Any other estimator only when made with a seed
 * (`random_state=0`): unseeded, a fit draws from numpy's global generator, which the first
 * fit advanced.
 */
export const DETERMINISTIC_ESTIMATORS = new Set([
  'LinearRegression',
  'Ridge',
  'RidgeClassifier',
  'StandardScaler',
  'MinMaxScaler',
  'MaxAbsScaler',
  'RobustScaler',
  'Normalizer',
  'Binarizer',
  'LabelEncoder',
  'LabelBinarizer',
  'OneHotEncoder',
  'OrdinalEncoder',
  'PolynomialFeatures',
  'SimpleImputer',
  'KNeighborsClassifier',
  'KNeighborsRegressor',
  'GaussianNB',
  'MultinomialNB',
  'BernoulliNB',
  'CountVectorizer',
  'TfidfVectorizer',
  'TfidfTransformer',
  'LinearDiscriminantAnalysis'
]);

/**
 * Calls on a module that change its global configuration, and so the output of later cells:
 * `np.set_printoptions(...)`, `pd.set_option(...)`, `sns.set_theme()`, `plt.style.use(...)`.
 */
export const CONFIGURATION_CALL =
  /^(set_\w+|set|use|rc|manual_seed|filterwarnings|simplefilter)$/;

/** Calls that iterate over their first argument's elements. */
export const ITERATING_CALLS = new Set([
  'enumerate',
  'zip',
  'reversed',
  'sorted',
  'iter',
  'list',
  'tuple'
]);

/** Methods that iterate over the receiver's elements. */
export const ITERATING_METHODS = new Set([
  'items',
  'values',
  'iterrows',
  'itertuples'
]);

/** Builtins that call their first argument on the elements of the others. */
export const APPLYING_BUILTINS = new Set(['map', 'filter']);
