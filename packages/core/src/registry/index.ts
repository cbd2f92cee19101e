export * from './licence-lifecycle.js';
export * from './licence-number.js';
