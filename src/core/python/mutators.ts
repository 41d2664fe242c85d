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
  'fit_predict'
]);

/** Methods that return their receiver, so `m2 = model.fit(X)` makes `m2` an alias of `model`. */
export const SELF_RETURNING_METHODS: ReadonlySet<string> = new Set([
  'fit',
  'partial_fit',
  'set_params'
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
  'delattr'
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
