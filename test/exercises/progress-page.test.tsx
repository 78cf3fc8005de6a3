// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { describe, it, expect, beforeEach } from 'vitest';
import { render, fireEvent, waitFor, cleanup } from '@testing-library/preact';
import ProgressPage from '../../components/exercises/ProgressPage';
import { STORE_KEY, exportProgress, recordAttempt, emptyProgress } from '../../src/exercises/progress';
import { bank } from '../../src/exercises/bank/index';

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
    const { container, getByText } = render(<ProgressPage titles={{}} />);
    await waitFor(() => expect(container.querySelector('[data-chapter="03-four-equations"] .solved')?.textContent).toBe('1'));
    const before = localStorage.getItem(STORE_KEY);
    const file = container.querySelector('input[type=file]') as HTMLInputElement;
    upload(file, '{"hello":1}');
    await waitFor(() => expect(container.querySelector('.progress-msg')!.textContent).toMatch(/refused/));
    expect(localStorage.getItem(STORE_KEY)).toBe(before);
    const other = recordAttempt(emptyProgress(9), bank['09-softmax'][0].id, bank['09-softmax'][0].version, 'y', true);
    upload(file, exportProgress(other));
    await waitFor(() => expect(container.querySelector('[data-chapter="09-softmax"] .solved')?.textContent).toBe('1'));
    fireEvent.click(getByText('Reset progress…'));
    fireEvent.click(getByText('Yes, erase'));
    await waitFor(() => expect(container.querySelector('[data-chapter="09-softmax"] .solved')?.textContent).toBe('0'));
  });
});
