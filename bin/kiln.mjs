#!/usr/bin/env node
// The `kiln` command. The CLI is TypeScript sharing src/ml with the studio; tsx runs it as is.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
