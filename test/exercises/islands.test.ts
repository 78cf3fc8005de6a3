// Each chapter's exercise island (components/exercises/chapters/<slug>.tsx) carries exactly the
// list the bank gives that chapter, and Exercises.astro hydrates it for that chapter (so a page
// ships its own chapter's exercises, not the whole bank).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bank } from '../../src/exercises/bank/index';

const dir = join(import.meta.dirname, '../../components/exercises/chapters');
const wrappers = readdirSync(dir).filter((f) => /^\d\d-.*\.tsx$/.test(f)).map((f) => f.replace(/\.tsx$/, ''));
const astro = readFileSync(join(import.meta.dirname, '../../components/exercises/Exercises.astro'), 'utf8');

describe('per-chapter exercise islands', () => {
  it('there is one per chapter of the bank today, and no wrapper for a chapter the bank lacks', () => {
    expect(wrappers.length).toBeGreaterThanOrEqual(12);
    for (const slug of wrappers) expect(Object.keys(bank)).toContain(slug);
  });
  for (const slug of wrappers) {
    it(`${slug}: the island's list is the bank's list for the chapter, in order, and Exercises.astro uses it there`, async () => {
      const mod = (await import(join(dir, `${slug}.tsx`))) as { list: { id: string }[] };
      expect(mod.list.map((e) => e.id)).toEqual(bank[slug].map((e) => e.id));
      expect(astro).toContain(`from './chapters/${slug}'`);
      const name = new RegExp(`import (\\w+) from './chapters/${slug}'`).exec(astro)![1];
      expect(astro).toContain(`chapter === '${slug}' ? <${name} client:visible`);
    });
  }
});
