/**
 * The virtual clock's agenda: what happens next, in time order. A binary min-heap on the instant
 * (epoch milliseconds), ties broken by the order things were scheduled, so a run is deterministic.
 */
export class Agenda<T> {
  readonly #at: number[] = [];
  readonly #order: number[] = [];
  readonly #items: T[] = [];
  #scheduled = 0;

  get size(): number {
    return this.#items.length;
  }

  schedule(at: number, item: T): void {
    this.#at.push(at);
    this.#order.push(this.#scheduled++);
    this.#items.push(item);
    this.#up(this.#items.length - 1);
  }

  /** The instant of the next item, or +∞ when there is none. */
  peekAt(): number {
    return this.#at[0] ?? Number.POSITIVE_INFINITY;
  }

  /** Removes and returns the next item with its instant. */
  take(): { at: number; item: T } | undefined {
    const at = this.#at[0];
    const item = this.#items[0];
    if (at === undefined || item === undefined) return undefined;
    const last = this.#items.length - 1;
    this.#move(last, 0);
    this.#at.pop();
    this.#order.pop();
    this.#items.pop();
    if (this.#items.length > 0) this.#down(0);
    return { at, item };
  }

  #before(a: number, b: number): boolean {
    const ta = this.#at[a] as number;
    const tb = this.#at[b] as number;
    return ta < tb || (ta === tb && (this.#order[a] as number) < (this.#order[b] as number));
  }

  #up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!this.#before(i, parent)) return;
      this.#swap(i, parent);
      i = parent;
    }
  }

  #down(i: number): void {
    const n = this.#items.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < n && this.#before(left, first)) first = left;
      if (right < n && this.#before(right, first)) first = right;
      if (first === i) return;
      this.#swap(i, first);
      i = first;
    }
  }

  #swap(a: number, b: number): void {
    const at = this.#at[a] as number;
    this.#at[a] = this.#at[b] as number;
    this.#at[b] = at;
    const order = this.#order[a] as number;
    this.#order[a] = this.#order[b] as number;
    this.#order[b] = order;
    const item = this.#items[a] as T;
    this.#items[a] = this.#items[b] as T;
    this.#items[b] = item;
  }

  #move(from: number, to: number): void {
    this.#at[to] = this.#at[from] as number;
    this.#order[to] = this.#order[from] as number;
    this.#items[to] = this.#items[from] as T;
  }
}
