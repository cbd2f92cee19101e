export * from './audit/audit-log.js';
export { runCli } from './cli/main.js';
export * from './config.js';
export { buildApp } from './http/app.js';
export * from './store/migrations.js';
export * from './store/sql-driver.js';
export * from './store/store.js';
