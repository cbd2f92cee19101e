import { z } from 'zod';
import { SeededRandom } from './random.js';

/** The outside systems the sandbox plays, each under its own path. */
export const SandboxSystem = z.enum([
  'gbd_fl',
  'gbd_ul',
  'legal_statistics',
  'payment_gateway',
  'certification_authority',
]);
export type SandboxSystem = z.infer<typeof SandboxSystem>;

/**
 * How a system misbehaves: added latency, a share of requests answered 503, a share never
 * answered (the caller's timeout must decide), or no answer at all; for the payment gateway also
 * a share of callbacks that are lost on the way.
 */
export const Fault = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  timeoutRate: z.number().min(0).max(1).default(0),
  noAnswer: z.boolean().default(false),
  callbackLossRate: z.number().min(0).max(1).default(0),
  /** The next N requests fail with 503, then the system recovers: a deterministic flaky system. */
  failNext: z.number().int().min(0).max(1000).default(0),
});
export type Fault = z.infer<typeof Fault>;
export const FaultSettings = z.partialRecord(SandboxSystem, Fault);
export type FaultSettings = z.infer<typeof FaultSettings>;
/** Settings as given: every field of a fault may be left out. */
export type FaultSettingsInput = z.input<typeof FaultSettings>;

const NONE: Fault = Fault.parse({});

/** Decides, deterministically from its seed, what happens to each request to each system. */
export class FaultInjector {
  #settings: FaultSettings;
  readonly #random: SeededRandom;
  readonly #failuresLeft = new Map<SandboxSystem, number>();

  constructor(settings: FaultSettingsInput = {}, seed = 7) {
    this.#settings = FaultSettings.parse(settings);
    this.#random = new SeededRandom(seed);
    this.#countFailures();
  }

  /** Replaces the settings (the sandbox's admin endpoint; tests and demos change them at run time). */
  set(settings: FaultSettingsInput): void {
    this.#settings = FaultSettings.parse(settings);
    this.#countFailures();
  }

  #countFailures(): void {
    this.#failuresLeft.clear();
    for (const [system, fault] of Object.entries(this.#settings)) {
      if (fault && fault.failNext > 0) this.#failuresLeft.set(system as SandboxSystem, fault.failNext);
    }
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  of(system: SandboxSystem): Fault {
    return this.#settings[system] ?? NONE;
  }

  /** What to do with one request: answer (after a delay), fail it, or leave it unanswered. */
  decide(system: SandboxSystem): { readonly delayMs: number; readonly outcome: 'answer' | 'error' | 'hang' } {
    const fault = this.of(system);
    if (fault.noAnswer) return { delayMs: 0, outcome: 'hang' };
    const left = this.#failuresLeft.get(system) ?? 0;
    if (left > 0) {
      this.#failuresLeft.set(system, left - 1);
      return { delayMs: fault.latencyMs, outcome: 'error' };
    }
    const roll = this.#random.next();
    const outcome = roll < fault.timeoutRate ? 'hang' : roll < fault.timeoutRate + fault.errorRate ? 'error' : 'answer';
    return { delayMs: fault.latencyMs, outcome };
  }

  loseCallback(): boolean {
    return this.#random.chance(this.of('payment_gateway').callbackLossRate);
  }
}
