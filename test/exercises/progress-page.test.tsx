// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { render, fireEvent, waitFor, cleanup } from '@testing-library/preact';
import ProgressPage from '../../components/exercises/ProgressPage';
import { STORE_KEY, exportProgress, recordAttempt, emptyProgress } from '../../src/exercises/progress';
import { bank } from '../../src/exercises/bank/index';
import { summariseBank } from '../../src/exercises/summary';
import { answerShapeProblem } from '../../src/exercises/answer-shape';

/** what the progress page is given at build time (content/reference/progress.mdx) */
const EXERCISES = summariseBank(bank);

const upload = (input: HTMLInputElement, text: string) => {
  const file = new File([text], 'p.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
};

describe('progress page', () => {
  beforeEach(() => { cleanup(); localStorage.clear(); });
  it('counts solved per chapter, refuses a foreign import, accepts an export, resets after confirmation', async () => {
    const ex = bank['03-four-equations'][0];
    localStorage.setItem(STORE_KEY, JSON.stringify(recordAttempt(emptyProgress(3), ex.id, ex.version, 'x', true)));
    const { container, getByText } = render(<ProgressPage titles={{}} exercises={EXERCISES} />);
    await waitFor(() => expect(container.querySelector('[data-chapter="03-four-equations"] .solved')?.textContent).toBe('1'));
    const before = localStorage.getItem(STORE_KEY);
    const file = container.querySelector('input[type=file]') as HTMLInputElement;
    upload(file, '{"hello":1}');
    await waitFor(() => expect(container.querySelector('.progress-msg')!.textContent).toMatch(/refused/));
    expect(localStorage.getItem(STORE_KEY)).toBe(before);
    const other = recordAttempt(emptyProgress(9), bank['09-softmax'][0].id, bank['09-softmax'][0].version, 'y', true);
    upload(file, exportProgress(other));
    // merged, not replaced: the solve earned here stays, the file's solve is shown as imported and unverified
    await waitFor(() => expect(container.querySelector('[data-chapter="09-softmax"] .imported')?.textContent).toMatch(/^1: /));
    expect(container.querySelector('[data-chapter="09-softmax"] .solved')?.textContent).toBe('0');
    expect(container.querySelector('[data-chapter="03-four-equations"] .solved')?.textContent).toBe('1');
    expect(container.querySelector('[data-chapter="09-softmax"] .imported')?.textContent).toContain(bank['09-softmax'][0].title);
    expect(container.querySelector('.progress-total')?.textContent).toMatch(new RegExp(`^1 of ${Object.values(bank).flat().length} exercises solved in this browser; 1 more solved per imported progress`));
    fireEvent.click(getByText('Reset progress…'));
    fireEvent.click(getByText('Yes, erase'));
    await waitFor(() => expect(container.querySelector('[data-chapter="09-softmax"] .imported')?.textContent).toBe('0'));
    expect(container.querySelector('[data-chapter="03-four-equations"] .solved')?.textContent).toBe('0');
  });
});

describe('progress page: live, framed, failing saves', () => {
  beforeEach(() => { cleanup(); localStorage.clear(); });
  it('follows another tab’s changes live (storage event)', async () => {
    const { container } = render(<ProgressPage titles={{}} exercises={EXERCISES} />);
    await waitFor(() => expect(container.querySelector('.progress-total')?.textContent).toMatch(/^0 of /));
    const ex = bank['09-softmax'][0];
    localStorage.setItem(STORE_KEY, JSON.stringify(recordAttempt(emptyProgress(1), ex.id, ex.version, 'y', true)));
    window.dispatchEvent(new StorageEvent('storage', { key: STORE_KEY }));
    await waitFor(() => expect(container.querySelector('[data-chapter="09-softmax"] .solved')?.textContent).toBe('1'));
    expect(container.querySelector('.progress-total')?.textContent).toMatch(/^1 of /);
  });
  it('an import that cannot be saved says so', async () => {
    const { container } = render(<ProgressPage titles={{}} exercises={EXERCISES} />);
    await waitFor(() => expect(container.querySelector('.progress-total')).not.toBeNull());
    const spy = vi.spyOn(window.localStorage, 'setItem').mockImplementation(() => { throw new DOMException('full', 'QuotaExceededError'); });
    try {
      upload(container.querySelector('input[type=file]') as HTMLInputElement, exportProgress(recordAttempt(emptyProgress(9), bank['09-softmax'][0].id, bank['09-softmax'][0].version, 'y', true)));
      await waitFor(() => expect(container.querySelector('.progress-msg')!.textContent).toMatch(/could not be saved/));
    } finally { spy.mockRestore(); }
  });
  it('an imported answer of the wrong shape is left out, and named', async () => {
    const grid = bank['09-softmax'].find((e) => e.kind === 'grid')!;
    const { container } = render(<ProgressPage titles={{}} exercises={EXERCISES} />);
    await waitFor(() => expect(container.querySelector('.progress-total')).not.toBeNull());
    upload(container.querySelector('input[type=file]') as HTMLInputElement, exportProgress(recordAttempt(emptyProgress(9), grid.id, grid.version, 'not a grid', false)));
    await waitFor(() => expect(container.querySelector('.progress-msg')!.textContent).toContain(`“${grid.title}”`));
    expect(JSON.parse(localStorage.getItem(STORE_KEY)!).exercises[grid.id].last).toBeUndefined();
  });
  it('inside another page’s frame, import and reset are refused', async () => {
    const top = Object.getOwnPropertyDescriptor(window, 'top');
    Object.defineProperty(window, 'top', { configurable: true, get: () => ({}) });
    try {
      const { container, getByText } = render(<ProgressPage titles={{}} exercises={EXERCISES} />);
      await waitFor(() => expect(container.querySelector('.progress-framed')?.textContent).toMatch(/frame/));
      expect((container.querySelector('input[type=file]') as HTMLInputElement).disabled).toBe(true);
      expect((getByText('Reset progress…') as HTMLButtonElement).disabled).toBe(true);
    } finally { if (top) Object.defineProperty(window, 'top', top); }
  });
});

describe('the progress page’s summary of the bank', () => {
  it('keeps every exercise, in order, with what the answer-shape check reads, and the check gives the same verdict on it as on the exercise', () => {
    const summary = summariseBank(bank);
    expect(Object.keys(summary)).toEqual(Object.keys(bank));
    const samples: unknown[] = ['0.5', ['a'], ['1', '2'], [], 3, null, Array(4).fill('1')];
    for (const [chapter, list] of Object.entries(bank)) {
      expect(summary[chapter].map((s) => [s.id, s.version, s.title])).toEqual(list.map((e) => [e.id, e.version, e.title]));
      list.forEach((ex, i) => {
        const opts = ex.kind === 'choice' ? [[ex.options[0].id], ex.options.map((o) => o.id), ['no-such-option']] : [];
        for (const last of [...samples, ...opts]) expect(answerShapeProblem(summary[chapter][i], last), `${ex.id} ${JSON.stringify(last)}`).toBe(answerShapeProblem(ex, last));
      });
    }
  });
  it('is much smaller than the bank it stands for (it carries no prompts, checkers or generators)', () => {
    const summary = JSON.stringify(summariseBank(bank));
    expect(summary).not.toMatch(/prompt|answer|hints/);
    expect(summary.length / Object.values(bank).flat().length).toBeLessThan(200);
  });
});
