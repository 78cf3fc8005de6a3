// Property tests draw their random cases from a fixed seed, so `npm test` (and CI) is
// reproducible. To explore new cases: FC_SEED=random npx vitest run --project unit
// (the seed is printed with any counterexample, and FC_SEED=<n> replays it).
//
// A failing property fails in seconds: once a case fails, fast-check shrinks it (re-runs the
// property on smaller and smaller variants), which on a kernel that is wrong everywhere can mean
// thousands of runs of a training loop. The shrinking stops after FC_MAX_SHRINKS runs (a count,
// not a time, so a busy machine proves exactly what a quiet one does); the failure is reported
// with the smallest counterexample found by then and the seed/path that replays it. A property
// that passes is never cut short: every one of its numRuns cases is tried.
// FC_MAX_SHRINKS=Infinity shrinks to the end when you want the minimal counterexample.
import fc from 'fast-check';
import { capShrinking } from './fast-check-cap';

const env = process.env.FC_SEED;
const seed = env === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(env ?? 20261123);
fc.configureGlobal({ seed, numRuns: 100 });
fc.installGlobalPlugin(capShrinking(Number(process.env.FC_MAX_SHRINKS ?? 200)));
