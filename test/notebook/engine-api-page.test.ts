// The engine reference page lists every public export of the engine, what "data" gives a cell
// and every name a cell is kept from, so cells' documentation cannot silently fall behind the code.
import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as engine from '../../src/engine/index';
import { DATA_EXPORTS, createDataModule } from '../../src/notebook/data-module';
import { BLOCKED_GLOBALS } from '../../src/notebook/evaluate';
import { WORKER_ESCAPES } from '../../src/notebook/isolate';
import { CELL_MODULES } from '../../src/notebook/transpile';
import { formatNumber } from '../../src/notebook/format';

const page = readFileSync(join(import.meta.dirname, '../../content/reference/engine-api.mdx'), 'utf8');
const missing = (names: readonly string[]) => names.filter((name) => !page.includes(`\`${name}\``));

it('content/reference/engine-api.mdx names every runtime export of src/engine/index.ts', () => {
  expect(missing(Object.keys(engine))).toEqual([]);
});

it('it documents the "data" module\'s exports and the modules a cell may import', () => {
  expect(Object.keys(createDataModule(async () => new Response(''))).sort()).toEqual([...DATA_EXPORTS].sort());
  expect(missing(DATA_EXPORTS)).toEqual([]);
  expect(missing(CELL_MODULES.map((m) => `"${m}"`))).toEqual([]);
});

it('it names every global a cell is kept from (in the cell and on the worker)', () => {
  expect(missing([...new Set([...BLOCKED_GLOBALS, ...WORKER_ESCAPES])])).toEqual([]);
});

it('its examples of how numbers are shown are what the runtime shows', () => {
  const section = page.slice(page.indexOf('**A single number**'), page.indexOf('### Your own activation'));
  expect(section).toContain(`\`0.1 + 0.2\` shows \`${formatNumber(0.1 + 0.2)}\``);
  expect(section).toContain(`\`Math.PI\` shows \`${formatNumber(Math.PI)}\``);
  expect(section).toContain(`\`${formatNumber(1.5e-7)}\``);
  expect(section).toContain(`\`${formatNumber(Math.E * 1e9)}\``);
  expect(section).toContain(`(\`${formatNumber(42)}\`)`);
});
