export * from './bpmn.js';
export * from './catalogue.js';
export * from './outcomes.js';
export * from './parse.js';
export * from './paths.js';
export * from './schema.js';
