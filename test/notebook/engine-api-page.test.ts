// The engine reference page lists every public export of the engine, so cells' documentation
// cannot silently fall behind the code.
import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as engine from '../../src/engine/index';

it('content/reference/engine-api.mdx names every runtime export of src/engine/index.ts', () => {
  const page = readFileSync(join(import.meta.dirname, '../../content/reference/engine-api.mdx'), 'utf8');
  const missing = Object.keys(engine).filter((name) => !page.includes(`\`${name}\``));
  expect(missing).toEqual([]);
});
