// @vitest-environment happy-dom
/** @jsxImportSource preact */
// The kit's number field shows a value it was handed rounded to 4 significant digits (the way
// the chapters print numbers), leaves the exact value to the computation until the reader types a
// new one, and keeps the reader's own text as typed.
import { describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { render as preactRender } from 'preact';
import fc from 'fast-check';
import { NumberField } from '../../components/kit/NumberField';
import { fieldText } from '../../components/kit/format';
import { NumberField as GridField } from '../../components/widgets/shared/NumberGrid';

const RULE = { label: 'w', min: -10, max: 10 };

describe('fieldText', () => {
  it('shows short values exactly and rounds long ones to 4 significant digits (relative error ≤ 5e-4)', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
      const shown = fieldText(x);
      const y = Number(shown);
      if (String(x).replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').length <= 6) expect(shown).toBe(String(x));
      else expect(Math.abs(y - x)).toBeLessThanOrEqual(5e-4 * Math.abs(x));
    }), { numRuns: 500 });
    expect(fieldText(-0.27349871034)).toBe('-0.2735');
    expect(fieldText(0.1 + 0.2)).toBe('0.3');
    expect(fieldText(0.05)).toBe('0.05');
    expect(fieldText(1e-7)).toBe('1e-7');
  });
});

describe('NumberField', () => {
  it('shows a handed value rounded without changing it, and the reader’s text as typed', () => {
    cleanup();
    const onChange = vi.fn();
    const { getByTestId, rerender } = render(<NumberField id="f" rule={RULE} value={-0.27349871034} onChange={onChange} />);
    const field = getByTestId('f') as HTMLInputElement;
    expect(field.value).toBe('-0.2735');
    fireEvent.focus(field);
    fireEvent.blur(field);
    expect(onChange).not.toHaveBeenCalled(); // entering and leaving the field commits nothing: the exact value stays
    field.value = '0.123456789';
    fireEvent.change(field);
    expect(onChange).toHaveBeenLastCalledWith(0.123456789);
    rerender(<NumberField id="f" rule={RULE} value={0.123456789} onChange={onChange} />);
    expect(field.value).toBe('0.123456789'); // the reader's own digits stay
    rerender(<NumberField id="f" rule={RULE} value={1 / 3} onChange={onChange} />); // a reset, a slider, the address
    expect(field.value).toBe('0.3333');
  });

  it('a value handed over and typed over at once: the field shows the new value at once, and what the reader types then is what counts', async () => {
    // As on a loaded machine: a widget hands the field another value (another neuron selected) and
    // the reader types before the browser gets round to anything scheduled after that render.
    cleanup();
    const host = document.createElement('div');
    document.body.append(host);
    const onChange = vi.fn();
    preactRender(<NumberField id="g" rule={RULE} value={0.4} onChange={onChange} />, host);
    preactRender(<NumberField id="g" rule={RULE} value={-0.27349871034} onChange={onChange} />, host);
    const field = host.querySelector('input') as HTMLInputElement;
    expect(field.value).toBe('-0.2735'); // shown by the render itself, not by a later effect
    field.value = '-1.5';
    fireEvent.input(field);
    fireEvent.change(field);
    expect(onChange).toHaveBeenLastCalledWith(-1.5);
    preactRender(<NumberField id="g" rule={RULE} value={-1.5} onChange={onChange} />, host);
    await new Promise((r) => setTimeout(r, 50)); // whatever was scheduled after those renders has run
    expect(field.value).toBe('-1.5');
    expect(onChange).toHaveBeenCalledTimes(1);
    preactRender(null, host);
    host.remove();
  });

  it('the matrix widgets’ entry fields follow the same rule: a new value shows at once, and typing over it counts', async () => {
    cleanup();
    const host = document.createElement('div');
    document.body.append(host);
    const onChange = vi.fn();
    const onError = vi.fn();
    const grid = (v: number) => <GridField value={v} rule={RULE} label="w" testid="gw" onChange={onChange} onError={onError} />;
    preactRender(grid(0.4), host);
    preactRender(grid(0.125), host);
    const field = host.querySelector('input') as HTMLInputElement;
    expect(field.value).toBe('0.125');
    field.value = '2';
    fireEvent.input(field);
    fireEvent.change(field);
    expect(onChange).toHaveBeenLastCalledWith(2);
    preactRender(grid(2), host);
    await new Promise((r) => setTimeout(r, 50));
    expect(field.value).toBe('2');
    field.value = '2,5'; // refused: the text stays for the reader to correct, the value in force stays
    fireEvent.input(field);
    fireEvent.change(field);
    expect(onError).toHaveBeenLastCalledWith(expect.stringMatching(/comma/i));
    await new Promise((r) => setTimeout(r, 50));
    expect(field.value).toBe('2,5');
    expect(onChange).toHaveBeenCalledTimes(1);
    preactRender(null, host);
    host.remove();
  });
});
