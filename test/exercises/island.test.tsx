// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { render, fireEvent, waitFor, cleanup } from '@testing-library/preact';
import ExerciseList from '../../components/exercises/ExerciseList';
import { bank } from '../../src/exercises/bank/index';
import { paramsFor } from '../../src/exercises/grade';
import { STORE_KEY } from '../../src/exercises/progress';

describe('ExerciseList island', () => {
  beforeEach(() => { cleanup(); localStorage.clear(); });
  it('checks a number answer right and wrong, records progress, announces feedback', async () => {
    const { container } = render(<ExerciseList chapter="07-learning-slowdown" list={bank["07-learning-slowdown"]} initial={[]} defaultSeed={1} />);
    await waitFor(() => expect(localStorage.getItem(STORE_KEY)).not.toBeNull());
    const seed = JSON.parse(localStorage.getItem(STORE_KEY)!).seed;
    const ex = bank['07-learning-slowdown'].find((e) => e.id === 'neuron-update-w')! as any;
    const sec = container.querySelector('[data-exercise="neuron-update-w"]')!;
    const input = sec.querySelector('input.ex-input') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'banana' } });
    fireEvent.submit(sec.querySelector('form')!);
    await waitFor(() => expect(sec.querySelector('.ex-feedback')!.textContent).toMatch(/not a number/));
    fireEvent.input(input, { target: { value: String(ex.answer(paramsFor(ex, seed))) } });
    fireEvent.submit(sec.querySelector('form')!);
    await waitFor(() => expect(sec.querySelector('.ex-feedback')!.getAttribute('data-ok')).toBe('true'));
    const stored = JSON.parse(localStorage.getItem(STORE_KEY)!);
    expect(stored.exercises['neuron-update-w']).toMatchObject({ attempts: 2, solved: true });
    expect(sec.querySelector('.ex-feedback')!.getAttribute('aria-live')).toBe('polite');
  });
  it('tells the reader when a corrupted store was reset', async () => {
    localStorage.setItem(STORE_KEY, '{broken');
    const { container } = render(<ExerciseList chapter="09-softmax" list={bank["09-softmax"]} initial={[]} defaultSeed={1} />);
    await waitFor(() => expect(container.querySelector('.ex-notice')?.textContent).toMatch(/reset/));
  });
  it('highlights wrong grid entries', async () => {
    localStorage.setItem(STORE_KEY, JSON.stringify({ schema: 1, seed: 1, exercises: {} }));
    const { container } = render(<ExerciseList chapter="09-softmax" list={bank["09-softmax"]} initial={[]} defaultSeed={1} />);
    await waitFor(() => expect(localStorage.getItem(STORE_KEY)).not.toBeNull());
    const ex = bank['09-softmax'].find((e) => e.id === 'softmax-values')! as any;
    const ans: number[] = ex.answer(paramsFor(ex, 1));
    const sec = container.querySelector('[data-exercise="softmax-values"]')!;
    const cells = [...sec.querySelectorAll('input.ex-cell')] as HTMLInputElement[];
    cells.forEach((c, i) => fireEvent.input(c, { target: { value: String(i === 2 ? ans[i] + 0.2 : ans[i]) } }));
    fireEvent.submit(sec.querySelector('form')!);
    await waitFor(() => expect(cells[2].getAttribute('aria-invalid')).toBe('true'));
    expect(cells[0].getAttribute('aria-invalid')).toBeNull();
  });
});

import katexLib from 'katex';
import { grade } from '../../src/exercises/grade';
import { feedbackHtml } from '../../src/exercises/render';
import { hasVariants } from '../../src/exercises/params';
import type { Exercise } from '../../src/exercises/types';

/** text of rendered HTML outside KaTeX's output (whose MathML annotation legitimately holds the TeX source) */
function textOutsideMath(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html;
  div.querySelectorAll('.katex').forEach((n) => n.remove());
  return div.textContent ?? '';
}

describe('feedback is rendered with KaTeX, like prompts and solutions', () => {
  it('every wrong option and every listed slip, rendered, shows no raw $ or ^{', () => {
    let withMath = 0;
    const raw: string[] = [];
    for (const ex of Object.values(bank).flat() as Exercise[]) {
      for (const seed of [1, 2, 3]) {
        const p = paramsFor(ex, seed);
        const results = ex.kind === 'choice' ? ex.options.filter((o) => !o.correct).map((o) => grade(ex, p, [o.id]))
          : ex.kind === 'number' ? (ex.slips?.(p) ?? []).map((s) => grade(ex, p, String(s.value)))
            : ex.kind === 'grid' ? (ex.slips?.(p) ?? []).map((s) => grade(ex, p, s.values.map(String))) : [];
        for (const r of results) {
          if (/\$/.test(r.message)) withMath++;
          const html = feedbackHtml(r, katexLib);
          const text = textOutsideMath(html);
          if (/\$|\^\{|\\[a-z]+/.test(text)) raw.push(`${ex.id}: ${r.message}`);
        }
      }
    }
    expect([...new Set(raw)]).toEqual([]);
    expect(withMath).toBeGreaterThan(0); // the scan met feedback that carries maths
  });
  it('the island shows a wrong option\'s explanation with its maths rendered', async () => {
    localStorage.setItem(STORE_KEY, JSON.stringify({ schema: 1, seed: 1, exercises: {} }));
    const ex = bank['01-forward-pass'].find((e) => e.kind === 'choice' && e.options.some((o) => !o.correct && o.why?.includes('$')))! as Extract<Exercise, { kind: 'choice' }>;
    const wrong = ex.options.find((o) => !o.correct && o.why?.includes('$'))!;
    const { container } = render(<ExerciseList chapter="01-forward-pass" list={bank["01-forward-pass"]} initial={[]} defaultSeed={1} />);
    const sec = container.querySelector(`[data-exercise="${ex.id}"]`)!;
    fireEvent.click(sec.querySelector(`input[value="${wrong.id}"]`)!);
    fireEvent.submit(sec.querySelector('form')!);
    await waitFor(() => expect(sec.querySelector('.ex-feedback .katex')).not.toBeNull());
    expect(textOutsideMath(sec.querySelector('.ex-feedback')!.innerHTML)).not.toContain('$');
  });
});

describe('exercise cards', () => {
  beforeEach(() => { cleanup(); localStorage.clear(); });
  const numberCard = async () => {
    const { container } = render(<ExerciseList chapter="07-learning-slowdown" list={bank["07-learning-slowdown"]} initial={[]} defaultSeed={1} />);
    await waitFor(() => expect(localStorage.getItem(STORE_KEY)).not.toBeNull());
    return { container, sec: container.querySelector('[data-exercise="neuron-update-w"]')! };
  };
  it('editing the answer clears the feedback about the previous one', async () => {
    const { sec } = await numberCard();
    const input = sec.querySelector('input.ex-input') as HTMLInputElement;
    fireEvent.input(input, { target: { value: '0.1' } });
    fireEvent.submit(sec.querySelector('form')!);
    await waitFor(() => expect(sec.querySelector('.ex-feedback p')).not.toBeNull());
    fireEvent.input(input, { target: { value: '0.12' } });
    await waitFor(() => expect(sec.querySelector('.ex-feedback p')).toBeNull());
    expect(sec.querySelector('.ex-feedback')!.getAttribute('data-ok')).toBeNull();
  });
  it('says how many significant figures the answer needs', async () => {
    const { sec } = await numberCard();
    const note = sec.querySelector('.ex-precision')!;
    expect(note.textContent).toMatch(/significant figure|exact/);
    expect(sec.querySelector('input.ex-input')!.getAttribute('aria-describedby')).toBe(note.id);
  });
  it('"New numbers" only where the numbers can change', async () => {
    const { container } = render(<ExerciseList chapter="01-forward-pass" list={bank["01-forward-pass"]} initial={[]} defaultSeed={1} />);
    await waitFor(() => expect(localStorage.getItem(STORE_KEY)).not.toBeNull());
    let withButton = 0, without = 0;
    for (const ex of bank['01-forward-pass']) {
      const has = [...container.querySelectorAll(`[data-exercise="${ex.id}"] button`)].some((b) => b.textContent === 'New numbers');
      expect(has, ex.id).toBe(hasVariants(ex));
      if (has) withButton++; else without++;
    }
    expect(withButton).toBeGreaterThan(0);
    expect(without).toBeGreaterThan(0);
  });
  it('a stored answer of the wrong shape is set aside with a notice, not thrown', async () => {
    const ex = bank['09-softmax'].find((e) => e.id === 'softmax-values')!;
    localStorage.setItem(STORE_KEY, JSON.stringify({ schema: 1, seed: 1, exercises: { [ex.id]: { version: ex.version, attempts: 1, solved: false, last: 'a string, not a grid' } } }));
    const { container } = render(<ExerciseList chapter="09-softmax" list={bank["09-softmax"]} initial={[]} defaultSeed={1} />);
    const sec = container.querySelector(`[data-exercise="${ex.id}"]`)!;
    await waitFor(() => expect(sec.querySelector('.ex-shape-notice')?.textContent).toMatch(/set aside/));
    expect([...sec.querySelectorAll('input.ex-cell')].every((c) => (c as HTMLInputElement).value === '')).toBe(true);
  });
  it('a failing save (storage full) is said, and the answer is still checked', async () => {
    const { sec, container } = await numberCard();
    const spy = vi.spyOn(window.localStorage, 'setItem').mockImplementation(() => { throw new DOMException('full', 'QuotaExceededError'); });
    try {
      fireEvent.input(sec.querySelector('input.ex-input')!, { target: { value: '0.1' } });
      fireEvent.submit(sec.querySelector('form')!);
      await waitFor(() => expect(container.querySelector('.ex-save-failed')?.textContent).toMatch(/could not be saved/));
      expect(sec.querySelector('.ex-feedback p')).not.toBeNull();
    } finally { spy.mockRestore(); }
  });
  it('shows what another tab saved (storage event)', async () => {
    const { sec } = await numberCard();
    const ex = bank['07-learning-slowdown'].find((e) => e.id === 'neuron-update-w')!;
    const p = JSON.parse(localStorage.getItem(STORE_KEY)!);
    p.exercises[ex.id] = { version: ex.version, attempts: 1, solved: true, last: '1' };
    localStorage.setItem(STORE_KEY, JSON.stringify(p));
    window.dispatchEvent(new StorageEvent('storage', { key: STORE_KEY }));
    await waitFor(() => expect(sec.getAttribute('data-status')).toBe('solved'));
  });
  it('the one-hot grid labels every box', async () => {
    const { container } = render(<ExerciseList chapter="12-mnist" list={bank["12-mnist"]} initial={[]} defaultSeed={1} />);
    const cells = [...container.querySelectorAll('[data-exercise="mnist-onehot"] input.ex-cell')];
    expect(cells.length).toBe(10);
    cells.forEach((c, i) => expect(c.closest('label')?.textContent).toBe(`digit ${i}`));
  });
});
