export { Fault, FaultInjector, FaultSettings, type FaultSettingsInput, SandboxSystem } from './faults.js';
export { makeBin, makeIin } from './identifiers.js';
export { callbackSignature, type Invoice } from './payment-gateway.js';
export {
  cleanRecord,
  Fixtures,
  generatePopulation,
  type Population,
  type SandboxEntity,
  type SandboxPerson,
  type SandboxRecord,
} from './population.js';
export { SeededRandom } from './random.js';
export { buildSandbox, type SandboxOptions } from './sandbox-app.js';
