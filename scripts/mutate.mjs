#!/usr/bin/env node
// Mutation testing of the engine, without a new dependency: `npm run mutate [-- options]`.
// Each mutant is one small change to one file of src/engine (an operator swapped, a term dropped,
// a constant or a loop bound moved by one, two arguments or an index swapped), found by walking the
// file's TypeScript syntax tree (the `typescript` devDependency), so every mutant parses. For each
// sampled mutant the file is rewritten, all of test/engine and test/equations run (vitest, unit
// project, stopping at the first failure), and the file is restored (also on Ctrl+C). A mutant is
// killed when a test fails or the run passes the per-mutant limit (a mutant that loops forever
// counts as killed, as in Stryker); it survives when every test passes.
// To be affordable on a shared machine, one vitest instance (in a child process, through the
// vitest/node API) runs every mutant, the changed file invalidated each time; when a mutant runs
// past the limit the child is killed and a fresh one started; a mutant that survives is run again in
// a fresh child, and counts as surviving only if it passes there too.
// Not part of `npm test`. Options:
//   --max N        mutants to sample (default 150), spread round-robin over the files
//   --seed N       sampling seed (default 1)
//   --file NAME    only this file of src/engine (e.g. fast/trainer.ts); repeatable
//   --ids a,b      only these mutant ids (as printed: file#index)
//   --timeout S    per-mutant limit in seconds (default: 3 × the unmutated run, at least 60)
//   --list         print the sampled mutants, run nothing
//   --json FILE    also write the results as JSON
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE = join(ROOT, 'src/engine');
const FULL_SUITE = ['test/engine', 'test/equations'];

function parseArgs(argv) {
  const o = { max: 150, seed: 1, files: [], ids: null, timeout: null, list: false, json: null, child: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--max') o.max = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--file') o.files.push(next());
    else if (a === '--ids') o.ids = next().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--list') o.list = true;
    else if (a === '--json') o.json = next();
    else if (a === '--child') o.child = true;
    else throw new Error(`unknown option ${a} (see the header of scripts/mutate.mjs)`);
  }
  if (!(o.max >= 1) || !Number.isInteger(o.max)) throw new Error(`--max must be a whole number ≥ 1 (got ${o.max})`);
  if (o.timeout !== null && !(o.timeout > 0)) throw new Error(`--timeout must be a positive number of seconds (got ${o.timeout})`);
  return o;
}

const SWAPS = new Map([
  [ts.SyntaxKind.PlusToken, '-'],
  [ts.SyntaxKind.MinusToken, '+'],
  [ts.SyntaxKind.AsteriskToken, '/'],
  [ts.SyntaxKind.SlashToken, '*'],
  [ts.SyntaxKind.PercentToken, '*'],
  [ts.SyntaxKind.LessThanToken, '<='],
  [ts.SyntaxKind.LessThanEqualsToken, '<'],
  [ts.SyntaxKind.GreaterThanToken, '>='],
  [ts.SyntaxKind.GreaterThanEqualsToken, '>'],
  [ts.SyntaxKind.EqualsEqualsEqualsToken, '!=='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, '==='],
  [ts.SyntaxKind.AmpersandAmpersandToken, '||'],
  [ts.SyntaxKind.BarBarToken, '&&'],
  [ts.SyntaxKind.PlusEqualsToken, '-='],
  [ts.SyntaxKind.MinusEqualsToken, '+='],
  [ts.SyntaxKind.AsteriskEqualsToken, '/='],
  [ts.SyntaxKind.SlashEqualsToken, '*='],
]);

const isStringy = (n) => ts.isStringLiteral(n) || ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n);

/** Inside a thrown error or a template string: messages, checked by their own tests, not maths. */
function inMessage(node) {
  for (let p = node.parent; p; p = p.parent) {
    if (ts.isThrowStatement(p) || ts.isTemplateExpression(p)) return true;
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** Every mutant of one file: { start, end, replacement, what }. */
export function mutantsOf(source, fileName) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const add = (node, replacement, what, start = node.getStart(sf), end = node.getEnd()) => out.push({ start, end, replacement, what });
  const text = (n) => n.getText(sf);
  const visit = (node) => {
    if (ts.isTypeNode(node) || ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (!inMessage(node)) {
      if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken;
        const swap = SWAPS.get(op.kind);
        const concat = op.kind === ts.SyntaxKind.PlusToken && (isStringy(node.left) || isStringy(node.right));
        if (swap && !concat) add(op, swap, `${op.getText(sf)} → ${swap}`, op.getStart(sf), op.getEnd());
        if (!concat && (op.kind === ts.SyntaxKind.PlusToken || op.kind === ts.SyntaxKind.MinusToken)) {
          add(node, text(node.left), `drop the term ${op.getText(sf)} ${text(node.right)}`);
        }
        if (op.kind === ts.SyntaxKind.AsteriskToken) add(node, text(node.left), `drop the factor * ${text(node.right)}`);
      } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
        add(node, text(node.operand), `drop the minus of ${text(node)}`);
      } else if (ts.isNumericLiteral(node)) {
        const v = Number(node.text);
        const r = v === 1 ? '0' : v === 0 ? '1' : Number.isInteger(v) ? String(v + 1) : String(v * 2);
        add(node, r, `${node.getText(sf)} → ${r}`);
      } else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
        const r = node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true';
        add(node, r, `${text(node)} → ${r}`);
      } else if (ts.isCallExpression(node)) {
        const callee = text(node.expression);
        if (callee === 'Math.max' || callee === 'Math.min') {
          const r = callee === 'Math.max' ? 'Math.min' : 'Math.max';
          add(node.expression, r, `${callee} → ${r}`);
        }
        const [a, b] = node.arguments;
        if (node.arguments.length >= 2 && text(a) !== text(b) && !ts.isSpreadElement(a) && !ts.isSpreadElement(b) && !isStringy(a) && !isStringy(b)) {
          add(node, `${text(node.expression)}(${[text(b), text(a), ...node.arguments.slice(2).map(text)].join(', ')})`, `swap the arguments ${text(a)}, ${text(b)} of ${callee}`);
        }
      } else if (ts.isElementAccessExpression(node) && !ts.isStringLiteral(node.argumentExpression)) {
        const arg = node.argumentExpression;
        add(arg, `${text(arg)} + 1`, `index [${text(arg)}] → [${text(arg)} + 1]`, arg.getStart(sf), arg.getEnd());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  return out.map((m, i) => ({ ...m, index: i, line: lineOf(m.start) }));
}

function apply(source, m) {
  return source.slice(0, m.start) + m.replacement + source.slice(m.end);
}

/** mulberry32, as the engine's rng (not imported: this tool must not depend on what it mutates). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(list, rand) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** The child: one vitest instance that runs the suite whenever the parent asks. */
async function child() {
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest('test', { watch: false, project: ['unit'], bail: 1, reporters: [{}], silent: true });
  const specs = await vitest.globTestSpecifications(FULL_SUITE);
  const engineFiles = readdirSync(ENGINE, { recursive: true }).map((f) => join(ENGINE, f));
  process.on('message', async (msg) => {
    if (msg.type !== 'run') return;
    for (const f of engineFiles) vitest.invalidateFile(f);
    const r = await vitest.runTestSpecifications(specs);
    const failed = r.testModules.filter((m) => !m.ok()).map((m) => relative(ROOT, m.moduleId));
    process.send({ type: 'result', pass: failed.length === 0 && r.unhandledErrors.length === 0, failed });
  });
  process.send({ type: 'ready', specs: specs.length });
}

/** The parent's handle on a child: run() resolves to 'pass' | 'fail' | 'timeout'. */
function startChild() {
  const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], detached: true, env: { ...process.env, FORCE_COLOR: '0' } });
  let waiting = null;
  const ready = new Promise((res, rej) => {
    proc.once('message', (m) => (m.type === 'ready' ? res(m) : rej(new Error('child did not start'))));
    proc.once('exit', (code) => rej(new Error(`child exited with ${code} before it was ready`)));
  });
  proc.on('message', (m) => {
    if (m.type === 'result' && waiting) waiting(m);
  });
  const kill = () => {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const run = (timeoutS) =>
    new Promise((res) => {
      const timer = setTimeout(() => {
        waiting = null;
        kill();
        res({ outcome: 'timeout', failed: [] });
      }, timeoutS * 1000);
      waiting = (m) => {
        clearTimeout(timer);
        waiting = null;
        res({ outcome: m.pass ? 'pass' : 'fail', failed: m.failed });
      };
      proc.send({ type: 'run' });
    });
  return { ready, run, kill, proc };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // src/engine and its folders (fast/), not the AssemblyScript sources (wasm/), as paths like fast/trainer.ts
  const files = readdirSync(ENGINE, { recursive: true })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('index.ts') && !f.startsWith('wasm/'))
    .filter((f) => opts.files.length === 0 || opts.files.includes(f))
    .sort();
  if (files.length === 0) throw new Error(`no such file in src/engine: ${opts.files.join(', ')}`);
  const originals = new Map(files.map((f) => [f, readFileSync(join(ENGINE, f), 'utf8')]));
  const perFile = files.map((f) => ({ file: f, mutants: shuffle(mutantsOf(originals.get(f), f).map((m) => ({ ...m, file: f, id: `${f}#${m.index}` })), rng(opts.seed)) }));
  const total = perFile.reduce((s, p) => s + p.mutants.length, 0);
  let sample = [];
  if (opts.ids) {
    const all = new Map(perFile.flatMap((p) => p.mutants.map((m) => [m.id, m])));
    for (const id of opts.ids) {
      if (!all.has(id)) throw new Error(`no mutant ${id}`);
      sample.push(all.get(id));
    }
  } else {
    // Round-robin over the files so that a large file does not take the whole sample.
    for (let k = 0; sample.length < Math.min(opts.max, total); k++) for (const p of perFile) if (k < p.mutants.length && sample.length < opts.max) sample.push(p.mutants[k]);
  }
  console.log(`${total} mutants in ${files.length} files of src/engine; running ${sample.length}.`);
  const lineText = (m) => originals.get(m.file).split('\n')[m.line - 1].trim();
  if (opts.list) {
    for (const m of sample) console.log(`${m.id}  src/engine/${m.file}:${m.line}  ${m.what}\n    ${lineText(m)}`);
    return;
  }

  // Restore every file whatever happens.
  let worker = null;
  const restore = () => {
    for (const [f, src] of originals) if (readFileSync(join(ENGINE, f), 'utf8') !== src) writeFileSync(join(ENGINE, f), src);
  };
  const bail = (sig) => {
    worker?.kill();
    restore();
    console.error(`\n${sig}: src/engine restored.`);
    process.exit(130);
  };
  process.on('SIGINT', () => bail('SIGINT'));
  process.on('SIGTERM', () => bail('SIGTERM'));

  worker = startChild();
  await worker.ready;
  console.log('baseline: the unmutated engine must pass test/engine and test/equations …');
  const t0 = Date.now();
  const base = await worker.run(3600);
  if (base.outcome !== 'pass') throw new Error(`the unit tests fail on the unmutated engine (${base.failed.join(', ')}): fix that first`);
  const baseS = (Date.now() - t0) / 1000;
  const limit = opts.timeout ?? Math.max(60, Math.ceil(3 * baseS));
  console.log(`baseline passed in ${baseS.toFixed(0)} s; per-mutant limit ${limit} s`);
  const results = [];
  try {
    for (const [i, m] of sample.entries()) {
      writeFileSync(join(ENGINE, m.file), apply(originals.get(m.file), m));
      let { outcome, failed } = await worker.run(limit);
      // A survivor is confirmed in a fresh vitest instance: the long-lived one has let a mutant
      // through that a fresh run kills (train.ts#73 on 2026-12-07: survived in the 150-mutant run,
      // killed alone), so only a mutant that passes there too is counted as surviving.
      let fresh = false;
      if (outcome === 'pass') {
        worker.kill();
        worker = startChild();
        await worker.ready;
        ({ outcome, failed } = await worker.run(limit));
        fresh = outcome !== 'pass';
      }
      writeFileSync(join(ENGINE, m.file), originals.get(m.file));
      if (outcome === 'timeout') {
        worker = startChild();
        await worker.ready;
      }
      const status = outcome === 'pass' ? 'survived' : outcome === 'timeout' ? 'killed (timeout)' : 'killed';
      results.push({ id: m.id, file: `src/engine/${m.file}`, line: m.line, what: m.what, code: lineText(m), status, by: failed, fresh });
      console.log(`[${i + 1}/${sample.length}] ${status.padEnd(16)} ${m.id}  ${m.file}:${m.line}  ${m.what}${failed.length ? `  (${failed.join(', ')})` : ''}${fresh ? '  [in a fresh instance only]' : ''}`);
    }
  } finally {
    restore();
    worker?.kill();
  }
  const killed = results.filter((r) => r.status !== 'survived').length;
  const survivors = results.filter((r) => r.status === 'survived');
  console.log(`\nscore: ${killed}/${results.length} killed = ${((100 * killed) / results.length).toFixed(1)} %`);
  if (survivors.length > 0) {
    console.log(`survivors (${survivors.length}):`);
    for (const s of survivors) console.log(`  ${s.id}  ${s.file}:${s.line}  ${s.what}\n      ${s.code}`);
  }
  if (opts.json) writeFileSync(resolve(opts.json), JSON.stringify({ total, run: results.length, killed, results }, null, 2));
  if (opts.json) console.log(`results written to ${relative(process.cwd(), resolve(opts.json))}`);
}

if (basename(process.argv[1] ?? '') === 'mutate.mjs') {
  (process.argv.includes('--child') ? child() : main()).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
