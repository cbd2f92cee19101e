export * from './decide.js';
export * from './evolve.js';
export * from './types.js';
