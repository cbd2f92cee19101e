export * from './catalogue.js';
export * from './locale.js';
export * from './ruqsat-error.js';
