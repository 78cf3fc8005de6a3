// Property tests draw their random cases from a fixed seed, so `npm test` (and CI) is
// reproducible. To explore new cases: FC_SEED=random npx vitest run --project unit
// (the seed is printed with any counterexample, and FC_SEED=<n> replays it).
//
// A failing property fails in seconds. By default it stops at its first counterexample without
// shrinking it (endOnFailure), so a broken kernel fails in about the time its passing runs take.
// FC_SHRINK=1 shrinks towards a minimal counterexample; even then shrinking stops after
// FC_MAX_SHRINKS runs (a count, not a time, so a busy machine proves exactly what a quiet one
// does; FC_MAX_SHRINKS=Infinity shrinks to the end). A property that passes is never cut short:
// every one of its numRuns cases is tried.
import fc from 'fast-check';
import { capShrinking } from './fast-check-cap';

const env = process.env.FC_SEED;
const seed = env === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(env ?? 20261123);
fc.configureGlobal({ seed, numRuns: 100, endOnFailure: process.env.FC_SHRINK !== '1' });
fc.installGlobalPlugin(capShrinking(Number(process.env.FC_MAX_SHRINKS ?? 200)));
