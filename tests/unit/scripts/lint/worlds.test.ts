/**
 * The worlds lint (scripts/lint/worlds.js with the table in eslint.config.js), proven on probe
 * snippets linted with the project's real configuration: every refusal fires where it should,
 * and what a world may do passes.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The worlds rules' messages for `code` as if it were the file `path`. */
async function worldProblems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${path}` });
  return result.messages.filter((m) => m.ruleId?.startsWith('worlds/')).map((m) => m.message);
}

const REFUSED: [string, string, string, RegExp][] = [
  // [what, file, code, message]
  ['core importing the engine', 'core/probe.ts', "import { startStationSync } from '../sync';", /core\/ may not import from sync\//],
  ['core importing the renderer', 'core/probe.ts', "import '../renderer/data/session';", /core\/ may not import from renderer\//],
  ['core importing React', 'core/probe.ts', "import { useState } from 'react';", /may not import the package 'react'/],
  ['core importing Node by a dynamic import', 'core/probe.ts', "export const fs = () => import('node:fs');", /may not import Node's 'node:fs'/],
  ['core requiring a Node module', 'core/probe.ts', "export const path = require('path');", /may not import Node's 'path'/],
  ['core reading window', 'core/probe.ts', 'export const width = window.innerWidth;', /may not use the global 'window'/],
  ['core reading process', 'core/probe.ts', 'export const env = process.env.X;', /may not use the global 'process'/],
  ['core reading localStorage (Node 20 has none)', 'core/probe.ts', "export const x = localStorage.getItem('x');", /may not use the global 'localStorage'/],
  ['core holding JSX', 'core/probe.tsx', 'export const x = 1;', /holds no JSX/],
  ['sync importing the work-order rules', 'sync/probe.ts', "import { performAction } from '../core/workorders/commands';", /is not for it/],
  ['sync importing mediation', 'sync/probe.ts', "import { recordSession } from '../core/mediation';", /is not for it/],
  ['sync importing a Node-only package', 'sync/probe.ts', "import nano from 'nano';", /may not import the package 'nano'/],
  ['sync importing electron-log', 'sync/probe.ts', "import log from 'electron-log';", /may not import the package 'electron-log'/],
  ['sync importing the preload', 'sync/probe.ts', "import '../preload/index';", /sync\/ may not import from preload\//],
  ['sync importing the IPC contract', 'sync/probe.ts', "import { CHANNELS } from '../ipc/contract';", /sync\/ may not import from ipc\//],
  ['sync with a computed dynamic import', 'sync/probe.ts', 'export const load = (name: string) => import(name);', /computed specifier/],
  ['sync reading document', 'sync/probe.ts', 'export const title = document.title;', /may not use the global 'document'/],
  ['sync holding JSX', 'sync/probe.tsx', 'export const x = 1;', /holds no JSX/],
  ['the renderer importing electron', 'renderer/probe.ts', "import { ipcRenderer } from 'electron';", /may not import the package 'electron'/],
  ['the renderer importing Node', 'renderer/probe.ts', "import { readFileSync } from 'node:fs';", /may not import Node's 'node:fs'/],
  ['the renderer importing main', 'renderer/probe.ts', "import '../main/index';", /renderer\/ may not import from main\//],
  ['the renderer importing the district CLI', 'renderer/probe.ts', "import { generateDemoDistrict } from '../district/demo';", /renderer\/ may not import from district\//],
  ['the renderer importing a devDependency', 'renderer/probe.ts', "import { faker } from '@faker-js/faker';", /may not import the package '@faker-js\/faker'/],
  ['the renderer reading process', 'renderer/probe.ts', 'export const env = process.env;', /may not use the global 'process'/],
  ['main importing the renderer', 'main/probe.ts', "import '../renderer/app/Root';", /main\/ may not import from renderer\//],
  ['main importing the district CLI', 'main/probe.ts', "import '../district/provision';", /main\/ may not import from district\//],
  ['main reading window', 'main/probe.ts', 'export const w = window;', /may not use the global 'window'/],
  ['the preload importing React', 'preload/probe.ts', "import React from 'react';", /may not import the package 'react'/],
  ['the preload importing core', 'preload/probe.ts', "import '../core/org';", /preload\/ may not import from core\//],
  ['the district CLI importing electron', 'district/probe.ts', "import { app } from 'electron';", /may not import the package 'electron'/],
  ['the district CLI importing the renderer', 'district/probe.ts', "import '../renderer/data/session';", /district\/ may not import from renderer\//],
  ['a benchmark importing a test suite', 'bench/probe.ts', "import '../tests/e2e/support/browser';", /bench\/ may not import from tests\//],
  ['a test importing a benchmark', 'tests/unit/probe.test.ts', "import '../../bench/sync/benchStation';", /tests\/ may not import from bench\//],
];

const ALLOWED: [string, string, string][] = [
  ['core importing core and its packages', 'core/probe.ts', "import { scopeOfUnit } from './org';\nimport dayjs from 'dayjs';\nexport const x = [scopeOfUnit, dayjs, crypto.randomUUID(), new URL('http://x'), setTimeout];"],
  ['sync importing the domain core and RxDB', 'sync/probe.ts', "import { typeOfId } from '../core/schema';\nimport { replicateRxCollection } from 'rxdb/plugins/replication';\nexport const x = [typeOfId, replicateRxCollection, fetch];"],
  ['sync naming a browser type in a type position', 'sync/probe.ts', 'export type Range = typeof IDBKeyRange;'],
  ['the renderer importing React, the engine and the window', 'renderer/probe.tsx', "import { useState } from 'react';\nimport { startStationSync } from '../sync';\nexport const x = [useState, startStationSync, window.location];"],
  ['main importing electron and Node', 'main/probe.ts', "import { app } from 'electron';\nimport { join } from 'node:path';\nexport const x = [app, join, process.platform];"],
  ['a benchmark importing the shared test infrastructure', 'bench/probe.ts', "import { launchChromium } from '../tests/support/chromium';\nexport const x = launchChromium;"],
];

describe('the worlds lint', () => {
  it.each(REFUSED)('refuses %s', async (_what, path, code, message) => {
    const problems = await worldProblems(path, code);
    expect(problems.some((p) => message.test(p)), `${path}: ${problems.join(' | ') || 'no problem reported'}`).toBe(true);
  });

  it.each(ALLOWED)('allows %s', async (_what, path, code) => {
    expect(await worldProblems(path, code)).toEqual([]);
  });
});
