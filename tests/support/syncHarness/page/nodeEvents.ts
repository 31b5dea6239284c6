/**
 * Node's `events` for pouchdb-browser in the bench page only: PouchDB imports Node's
 * EventEmitter and relies on its exact semantics (listener `this`, `once` unwrapping on
 * removeListener), which eventemitter3 does not match. The app never bundles PouchDB.
 */
type Listener = (...args: unknown[]) => void;
type Wrapped = Listener & { listener?: Listener };
type Registry = Map<string | symbol, Wrapped[]>;

// PouchDB copies `Object.keys(EE.prototype)` onto its constructor: the methods must be
// enumerable, so they are assigned to the prototype rather than declared in a class body.
const registries = new WeakMap<object, Registry>();
function registry(emitter: object): Registry {
  let events = registries.get(emitter);
  if (!events) registries.set(emitter, (events = new Map()));
  return events;
}

interface Emitter {
  on(type: string | symbol, listener: Listener): this;
  emit(type: string | symbol, ...args: unknown[]): boolean;
  removeListener(type: string | symbol, listener: Listener): this;
  listenerCount(type: string | symbol): number;
}

class EventEmitter {
  static listenerCount(emitter: Emitter, type: string | symbol): number {
    return emitter.listenerCount(type);
  }
}

const methods: Record<string, (this: Emitter, ...args: never[]) => unknown> = {
  setMaxListeners() {
    return this;
  },
  on(type: string | symbol, listener: Listener) {
    if (registry(this).has('newListener')) this.emit('newListener', type, listener);
    registry(this).set(type, [...(registry(this).get(type) ?? []), listener]);
    return this;
  },
  addListener(type: string | symbol, listener: Listener) {
    return this.on(type, listener);
  },
  prependListener(type: string | symbol, listener: Listener) {
    registry(this).set(type, [listener, ...(registry(this).get(type) ?? [])]);
    return this;
  },
  once(type: string | symbol, listener: Listener) {
    const wrapped: Wrapped = (...args: unknown[]) => {
      this.removeListener(type, wrapped);
      listener.apply(this, args);
    };
    wrapped.listener = listener;
    return this.on(type, wrapped);
  },
  removeListener(type: string | symbol, listener: Listener) {
    const list = registry(this).get(type);
    if (!list) return this;
    const index = list.findIndex((l) => l === listener || l.listener === listener);
    if (index >= 0) {
      const next = [...list.slice(0, index), ...list.slice(index + 1)];
      if (next.length > 0) registry(this).set(type, next);
      else registry(this).delete(type);
      if (registry(this).has('removeListener')) this.emit('removeListener', type, listener);
    }
    return this;
  },
  off(type: string | symbol, listener: Listener) {
    return this.removeListener(type, listener);
  },
  removeAllListeners(type?: string | symbol) {
    if (type === undefined) registry(this).clear();
    else registry(this).delete(type);
    return this;
  },
  emit(type: string | symbol, ...args: unknown[]) {
    const list = registry(this).get(type);
    if (!list || list.length === 0) {
      if (type === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  },
  listeners(type: string | symbol) {
    return (registry(this).get(type) ?? []).map((l) => l.listener ?? l);
  },
  listenerCount(type: string | symbol) {
    return registry(this).get(type)?.length ?? 0;
  },
};
Object.assign(EventEmitter.prototype, methods);

export default EventEmitter;
export { EventEmitter };
