export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one trial through. */
  readonly cooldownMs: number;
  readonly now?: () => number;
}

/** Handed to a call that may go out; its outcome is reported with it. */
export interface Pass {
  /** The one call let through a half-open circuit: only its outcome decides what happens next. */
  readonly trial: boolean;
  /** The circuit's generation when the call went out; outcomes of an older one are stale. */
  readonly generation: number;
}

/**
 * Stops calling a system that keeps failing, so that requests fail fast instead of each waiting
 * out its timeout, and tries it again after a cool-down: closed → (N failed calls in a row) → open
 * → (cool-down) → half-open, where exactly one trial call goes out — its success closes the
 * circuit, its failure opens it again. Outcomes of calls that went out before the circuit last
 * opened are stale and change nothing.
 */
export class CircuitBreaker {
  #state: 'closed' | 'open' = 'closed';
  #failures = 0;
  #openedAt = 0;
  #generation = 0;
  #trialOut = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    if (this.#state === 'closed') return 'closed';
    return this.#now() - this.#openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** A pass for a call that may go out now, or null when the circuit refuses it. */
  tryPass(): Pass | null {
    const state = this.state;
    if (state === 'closed') return { trial: false, generation: this.#generation };
    if (state === 'open' || this.#trialOut) return null;
    this.#trialOut = true;
    return { trial: true, generation: this.#generation };
  }

  succeeded(pass: Pass): void {
    if (pass.generation !== this.#generation) return;
    if (this.#state === 'open' && !pass.trial) return;
    this.#state = 'closed';
    this.#failures = 0;
    this.#trialOut = false;
  }

  failed(pass: Pass): void {
    if (pass.generation !== this.#generation) return;
    if (this.#state === 'open') {
      if (!pass.trial) return;
      this.#open();
      return;
    }
    this.#failures++;
    if (this.#failures >= this.options.failureThreshold) this.#open();
  }

  #open(): void {
    this.#state = 'open';
    this.#openedAt = this.#now();
    this.#generation++;
    this.#trialOut = false;
    this.#failures = 0;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
