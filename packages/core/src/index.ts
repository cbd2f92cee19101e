export * from './calendar/index.js';
export * from './data/parse-yaml.js';
export * from './engine/index.js';
export * from './errors/index.js';
export * from './fees/index.js';
export * from './identifiers/index.js';
export * from './json/canonical.js';
export * from './regulations/index.js';
