export { controlDigit } from './check-digit.js';
export * from './identifier.js';
