// Each chapter's exercise island (components/exercises/islands/) carries exactly its chapter's
// exercises from the bank, in the bank's order, and Exercises.astro knows every island.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bank } from '../../src/exercises/bank/index';

const DIR = join(import.meta.dirname, '../../components/exercises/islands');
const islands = readdirSync(DIR).filter((f) => f.endsWith('.tsx')).map((f) => f.replace(/\.tsx$/, ''));
const astro = readFileSync(join(import.meta.dirname, '../../components/exercises/Exercises.astro'), 'utf8');

describe('exercise islands', () => {
  it('every chapter with exercises has an island, and every island a chapter', () => {
    expect(islands.sort()).toEqual(Object.keys(bank).filter((c) => bank[c].length > 0).sort());
  });
  it.each(islands)('%s: the island lists the bank\'s exercises for its chapter, and Exercises.astro renders it', async (slug) => {
    const { list } = (await import(`../../components/exercises/islands/${slug}.tsx`)) as { list: { id: string }[] };
    expect(list.map((e) => e.id)).toEqual(bank[slug].map((e) => e.id));
    expect(astro).toContain(`import Ex${slug.slice(0, 2)} from './islands/${slug}';`);
    expect(astro).toContain(`{chapter === '${slug}' && <Ex${slug.slice(0, 2)} client:visible {...props} />}`);
  });
});
