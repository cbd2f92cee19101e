#!/usr/bin/env node
// The `ruqsat` command. The TypeScript is compiled by `npm install` (the root `prepare` script) or
// `npm run build`; this file only loads the build and exits with the command's exit code.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write('ruqsat: the server is not built yet; run `npm run build` in the repository first.\n');
  process.exit(1);
}
const code = await cli.runCli(process.argv.slice(2));
// Output into a pipe is written asynchronously: exit only once all of it is out, or
// `ruqsat … --json | jq` would get the first 64 KiB of a longer answer.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
);
process.exit(code);
