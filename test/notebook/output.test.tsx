// @vitest-environment happy-dom
/** @jsxImportSource preact */
// The page side of a cell's output (components/notebook/Output.tsx): text stays text, and even if
// an oversized item reached the page (the worker cuts first), the page renders no more than the
// limit and says what it left out; a chart goes into a shadow root of its own.
import { describe, it, expect, afterEach } from 'vitest';
import { render, cleanup, waitFor } from '@testing-library/preact';
import { Output } from '../../components/notebook/Output';
import { count, MAX_TEXT_CHARS, MAX_CHART_CHARS } from '../../src/notebook/format';

afterEach(() => cleanup());

describe('Output', () => {
  it('renders text as text, and no more than the limit of an oversized item', () => {
    const n = 3 * MAX_TEXT_CHARS;
    const { container } = render(<Output items={[{ kind: 'text', text: '<b>bold</b>' }, { kind: 'text', text: 'x'.repeat(n) }, { kind: 'error', text: 'e'.repeat(n) }]} />);
    const pres = [...container.querySelectorAll('pre')];
    expect(pres[0].textContent).toBe('<b>bold</b>');
    expect(container.querySelector('b')).toBeNull();
    for (const p of pres.slice(1)) {
      expect(p.textContent!.length).toBeLessThan(MAX_TEXT_CHARS + 100);
      expect(p.textContent).toContain(`output cut at ${count(MAX_TEXT_CHARS)} characters; ${count(n - MAX_TEXT_CHARS)} more not shown`);
    }
  });
  it('puts a chart in its own shadow root, and refuses oversized chart markup with a message', async () => {
    const { container } = render(<Output items={[
      { kind: 'svg', markup: '<svg viewBox="0 0 1 1"><rect id="r" width="1" height="1"/></svg>', caption: 'a chart' },
      { kind: 'svg', markup: `<svg>${' '.repeat(MAX_CHART_CHARS)}</svg>`, caption: 'too big' },
    ]} />);
    const [ok, big] = [...container.querySelectorAll('.nb-chart-box')] as HTMLElement[];
    await waitFor(() => expect(ok.shadowRoot?.querySelector('rect')).toBeTruthy());
    expect(container.querySelector('rect')).toBeNull(); // not in the page's tree
    expect(ok.shadowRoot!.querySelector('rect')!.id).toMatch(/^nb-chart-\d+-r$/);
    expect(ok.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')).toBe('a chart');
    await waitFor(() => expect(big.textContent).toContain(`more than ${count(MAX_CHART_CHARS)}`));
    expect(big.shadowRoot?.querySelector('svg') ?? null).toBeNull();
  });
});
