// @vitest-environment happy-dom
/** @jsxImportSource preact */
import { describe, it, expect, beforeEach } from 'vitest';
import { render, fireEvent, waitFor, cleanup } from '@testing-library/preact';
import ExerciseList from '../../components/exercises/ExerciseList';
import { bank } from '../../src/exercises/bank/index';
import { paramsFor } from '../../src/exercises/grade';
import { STORE_KEY } from '../../src/exercises/progress';

describe('ExerciseList island', () => {
  beforeEach(() => { cleanup(); localStorage.clear(); });
  it('checks a number answer right and wrong, records progress, announces feedback', async () => {
    const { container } = render(<ExerciseList chapter="07-learning-slowdown" initial={[]} defaultSeed={1} />);
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
    const { container } = render(<ExerciseList chapter="09-softmax" initial={[]} defaultSeed={1} />);
    await waitFor(() => expect(container.querySelector('.ex-notice')?.textContent).toMatch(/reset/));
  });
  it('highlights wrong grid entries', async () => {
    localStorage.setItem(STORE_KEY, JSON.stringify({ schema: 1, seed: 1, exercises: {} }));
    const { container } = render(<ExerciseList chapter="09-softmax" initial={[]} defaultSeed={1} />);
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
