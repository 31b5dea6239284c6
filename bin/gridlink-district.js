#!/usr/bin/env node
// Launcher of the district CLI (district/main.ts): registers tsx's TypeScript loader in this
// process and runs the CLI, so the bin works from a plain `npm ci` checkout with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../district/main.ts');
