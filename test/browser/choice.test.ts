// Which Chromium the browser tests use (test/e2e/browser.ts): Debian's when present, else the npm
// package's; explicit requests that cannot be met are errors, never a silent fallback.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseBrowser, npmChromium, SYSTEM_CHROMIUM } from '../e2e/browser';

const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe('chooseBrowser', () => {
  it("uses Debian's Chromium when it exists and nothing is asked", () => {
    expect(chooseBrowser({}, only(SYSTEM_CHROMIUM))).toEqual({ kind: 'system', path: SYSTEM_CHROMIUM });
  });
  it('falls back to the npm Chromium when there is no system Chromium', () => {
    expect(chooseBrowser({}, only())).toEqual({ kind: 'npm' });
    expect(chooseBrowser({ CHROMIUM_PATH: '', BPN_BROWSER: '' }, only())).toEqual({ kind: 'npm' });
  });
  it('BPN_BROWSER=npm forces the npm Chromium even where Debian\'s and CHROMIUM_PATH exist', () => {
    expect(chooseBrowser({ BPN_BROWSER: 'npm', CHROMIUM_PATH: '/opt/c' }, only(SYSTEM_CHROMIUM, '/opt/c'))).toEqual({ kind: 'npm' });
  });
  it('CHROMIUM_PATH names the binary, and a missing one is an error naming it', () => {
    expect(chooseBrowser({ CHROMIUM_PATH: '/opt/c' }, only('/opt/c', SYSTEM_CHROMIUM))).toEqual({ kind: 'system', path: '/opt/c' });
    expect(() => chooseBrowser({ CHROMIUM_PATH: '/nonexistent' }, only(SYSTEM_CHROMIUM))).toThrow(/CHROMIUM_PATH=\/nonexistent: no such file/);
  });
  it('BPN_BROWSER=system without a system Chromium is an error; an unknown value too', () => {
    expect(chooseBrowser({ BPN_BROWSER: 'system' }, only(SYSTEM_CHROMIUM))).toEqual({ kind: 'system', path: SYSTEM_CHROMIUM });
    expect(() => chooseBrowser({ BPN_BROWSER: 'system' }, only())).toThrow(/BPN_BROWSER=system but there is no/);
    expect(() => chooseBrowser({ BPN_BROWSER: 'firefox' }, only(SYSTEM_CHROMIUM))).toThrow(/BPN_BROWSER=firefox is not understood/);
  });
});

describe('npmChromium', () => {
  it('reuses an unpacked copy of the installed version and ignores half-finished ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bpn-cache-test-'));
    const version = (JSON.parse(readFileSync('node_modules/@sparticuz/chromium/package.json', 'utf8')) as { version: string }).version;
    mkdirSync(join(root, `${version}.partial-abc`));
    mkdirSync(join(root, version));
    writeFileSync(join(root, version, 'chromium'), 'stand-in');
    await expect(npmChromium(root)).resolves.toBe(join(root, version, 'chromium'));
  });
});
