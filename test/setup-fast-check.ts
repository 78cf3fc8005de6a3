// Property tests draw their random cases from a fixed seed, so `npm test` (and CI) is
// reproducible. To explore new cases: FC_SEED=random npx vitest run --project unit
// (the seed is printed with any counterexample, and FC_SEED=<n> replays it).
// A failing property stops at its first counterexample without shrinking it (endOnFailure), so a
// broken kernel fails in about the time its passing runs take, not after minutes of shrinking on
// a shared machine; FC_SHRINK=1 shrinks to a minimal counterexample when you want one.
import fc from 'fast-check';

const env = process.env.FC_SEED;
const seed = env === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(env ?? 20261123);
fc.configureGlobal({ seed, numRuns: 100, endOnFailure: process.env.FC_SHRINK !== '1' });
