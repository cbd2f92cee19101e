export * from './mci.js';
