export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one trial through. */
  readonly cooldownMs: number;
  readonly now?: () => number;
}

/**
 * Stops calling a system that keeps failing, so that requests fail fast instead of each waiting
 * out its timeout, and tries it again after a cool-down: closed → (N failures) → open →
 * (cool-down) → half-open, where one trial call closes it on success or opens it again on failure.
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.options.cooldownMs) return 'half_open';
    return this.#state;
  }

  /** Whether a call may go out now; in half-open, only one at a time. */
  tryPass(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;
    this.#state = 'half_open';
    this.#trialInFlight = true;
    return true;
  }

  succeeded(): void {
    this.#state = 'closed';
    this.#failures = 0;
    this.#trialInFlight = false;
  }

  failed(): void {
    this.#trialInFlight = false;
    this.#failures++;
    if (this.#state === 'half_open' || this.#failures >= this.options.failureThreshold) {
      this.#state = 'open';
      this.#openedAt = this.#now();
    }
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
