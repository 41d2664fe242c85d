/**
 * Run All's namespace kept as a history by cell position: what each name, object and the
 * opaque state held after every cell. A cell in the middle can then run again on the state
 * just above it without re-running the cells below, so an edit costs what it changes.
 */
import {
  Effect,
  IBinding,
  INamespace,
  IOpaqueState,
  IValue,
  VersionContext
} from './world';

/** Stamps per position: deletions and opaque runs of one cell stay in the order they ran. */
const STAMPS_PER_CELL = 1024;

export class Ledger {
  /**
   * The namespace as cell `position` sees it while it runs: what the cells up to it left (its
   * own writes included); writes go to `position`. Stamps are positions, so they keep notebook
   * order whichever cells ran again.
   */
  at(position: number): INamespace {
    return new LedgerView(this, position);
  }

  /** Forgets what the cell at `position` wrote, as its recorded effects say. */
  erase(position: number, effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'opaque') {
        this.opaque.remove(position);
        continue;
      }
      if (effect.kind !== 'change') {
        removeAt(this.names, effect.name, position);
      }
      if (effect.kind === 'define' || effect.kind === 'change') {
        const id = effect.value.id;
        if (removeAt(this.values, id, position)) {
          this._holders.delete(id);
        }
      }
    }
  }

  /** Every name bound to an object at some position: the names a change of it reaches. */
  holders(objectId: number): Iterable<string> {
    const names = this._holders.get(objectId);
    return names === undefined
      ? []
      : typeof names === 'string'
        ? [names]
        : names;
  }

  noteHolder(objectId: number, name: string): void {
    const names = this._holders.get(objectId);
    if (names === undefined) {
      // Most objects only ever have the name that made them: no set for those.
      this._holders.set(objectId, name);
    } else if (typeof names === 'string') {
      if (names !== name) {
        this._holders.set(objectId, new Set([names, name]));
      }
    } else {
      names.add(name);
    }
  }

  readonly names = new Map<string, Track<IBinding>>();
  readonly values = new Map<number, Track<IValue>>();
  readonly opaque = new Track<IOpaqueState>();
  private _holders = new Map<number, string | Set<string>>();
}

/** The states one key had, by the position of the cell that set each, in order. */
export class Track<T> {
  /** The state after the cells up to `position` ran. */
  at(position: number): T | undefined {
    const positions = this._positions;
    const last = positions.length - 1;
    // Cells mostly run in order, so the newest state is the usual answer.
    if (last < 0 || positions[last] <= position) {
      return this._states[last];
    }
    const i = firstAbove(positions, position);
    return i === 0 ? undefined : this._states[i - 1];
  }

  /** Sets the state the cell at `position` leaves. */
  put(position: number, state: T): void {
    const positions = this._positions;
    const last = positions.length - 1;
    if (last < 0 || positions[last] < position) {
      positions.push(position);
      this._states.push(state);
      return;
    }
    const i = firstAbove(positions, position - 1);
    if (positions[i] === position) {
      this._states[i] = state;
    } else {
      positions.splice(i, 0, position);
      this._states.splice(i, 0, state);
    }
  }

  /** Forgets the state set at `position`; returns whether no state is left. */
  remove(position: number): boolean {
    const positions = this._positions;
    const i = firstAbove(positions, position - 1);
    if (positions[i] === position) {
      positions.splice(i, 1);
      this._states.splice(i, 1);
    }
    return positions.length === 0;
  }

  private _positions: number[] = [];
  private _states: T[] = [];
}

class LedgerView implements INamespace {
  constructor(
    private _ledger: Ledger,
    private _position: number
  ) {}

  binding(name: string): IBinding | undefined {
    return this._ledger.names.get(name)?.at(this._position);
  }

  value(id: number): IValue | undefined {
    return this._ledger.values.get(id)?.at(this._position);
  }

  get opaque(): IOpaqueState | null {
    return this._ledger.opaque.at(this._position) ?? null;
  }

  bind(name: string, binding: IBinding): void {
    trackOf(this._ledger.names, name).put(this._position, binding);
    if (binding.objectId > 0) {
      this._ledger.noteHolder(binding.objectId, name);
    }
  }

  setValue(value: IValue): void {
    trackOf(this._ledger.values, value.id).put(this._position, value);
  }

  setOpaque(state: IOpaqueState): void {
    this._ledger.opaque.put(this._position, state);
  }

  stamp(_context: VersionContext): number {
    return (
      this._position * STAMPS_PER_CELL +
      Math.min(this._stamps++, STAMPS_PER_CELL - 1)
    );
  }

  private _stamps = 0;
}

function trackOf<K, T>(map: Map<K, Track<T>>, key: K): Track<T> {
  let track = map.get(key);
  if (!track) {
    track = new Track();
    map.set(key, track);
  }
  return track;
}

/** Removes a key's state at `position`; returns whether the key is gone. */
function removeAt<K, T>(
  map: Map<K, Track<T>>,
  key: K,
  position: number
): boolean {
  const track = map.get(key);
  if (track && track.remove(position)) {
    map.delete(key);
    return true;
  }
  return false;
}

/** The index of the first value above `value` in a sorted list. */
export function firstAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] > value) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}
