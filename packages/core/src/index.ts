export * from './errors/index.js';
export * from './identifiers/index.js';
export * from './json/canonical.js';
export * from './regulations/index.js';
