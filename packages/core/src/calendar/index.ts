export * from './calendar-data.js';
export * from './instant.js';
export * from './office-clock.js';
export * from './parse.js';
export * from './working-calendar.js';
