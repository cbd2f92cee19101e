import { SeededRandom } from '../packages/sandbox/src/random.js';

/**
 * The simulation's draws, all from one seeded generator: the same seed gives the same year on
 * every machine. Durations are log-normal (a median and a spread), the usual shape of human work
 * and waiting times: most close to the median, a long tail of slow ones.
 */
export class Draws {
  readonly #random: SeededRandom;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  next(): number {
    return this.#random.next();
  }

  chance(probability: number): boolean {
    return this.#random.next() < probability;
  }

  /** A log-normal value with the given median; `sigma` is the spread of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.#normal());
  }

  /** An index drawn from cumulative weights (ascending, the last one the total). */
  weighted(cumulative: Float64Array | readonly number[]): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    if (!(total > 0)) throw new RangeError('weighted draw from no weight');
    const target = this.#random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? 0) > target) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** One of `items` by their weights. */
  pick<T>(items: readonly (readonly [T, number])[]): T {
    const item = items[this.weighted(cumulate(items.map(([, w]) => w)))];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item[0];
  }

  /** A standard normal value (Box–Muller). */
  #normal(): number {
    const u = 1 - this.#random.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.#random.next());
  }
}

/** Running sums of weights, for `Draws.weighted`. */
export function cumulate(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    sums[i] = total;
  });
  return sums;
}
