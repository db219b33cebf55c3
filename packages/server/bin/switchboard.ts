#!/usr/bin/env node
// The `switchboard` command: `switchboard simulate …` (planning tool) and `switchboard start`.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
