// Property tests draw their random cases from a fixed seed, so `npm test` (and CI) is
// reproducible. To explore new cases: FC_SEED=random npx vitest run --project unit
// (the seed is printed with any counterexample, and FC_SEED=<n> replays it).
import fc from 'fast-check';

const env = process.env.FC_SEED;
const seed = env === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(env ?? 20261123);
fc.configureGlobal({ seed, numRuns: 100 });
