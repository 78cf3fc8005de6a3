// The equation registry: every labelled equation of the course, once.
// Chapters render entries with <Eq id="…" />; the page links each equation to the engine
// function that implements it and to the test that proves it (in the Source section).
// test/equations/registry.test.ts fails when an entry's test does not exist or does not name it.

export interface EquationEntry {
  /** Stable id used in MDX (<Eq id="BP1" />) and in the title of the test that proves it. */
  id: string;
  /** KaTeX source, display mode. */
  latex: string;
  /** One line: what the equation says. */
  meaning: string;
  /** Where it is implemented: a file under src/ and the exported symbol. */
  impl: { file: string; symbol: string };
  /** Where it is proved: a test file; the test's title contains `${id}:`. */
  test: { file: string };
  /** Chapter slug where it is introduced. */
  chapter: string;
}

export const equations: EquationEntry[] = [];

export function getEquation(id: string): EquationEntry {
  const entry = equations.find((e) => e.id === id);
  if (!entry) {
    throw new Error(`Unknown equation id "${id}". Known ids: ${equations.map((e) => e.id).join(', ') || '(none yet)'}`);
  }
  return entry;
}
