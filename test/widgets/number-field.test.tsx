// @vitest-environment happy-dom
/** @jsxImportSource preact */
// The kit's number field shows a value it was handed rounded to 4 significant digits (the way
// the chapters print numbers), leaves the exact value to the computation until the reader types a
// new one, and keeps the reader's own text as typed.
import { describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import fc from 'fast-check';
import { NumberField } from '../../components/kit/NumberField';
import { fieldText } from '../../components/kit/format';

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
});

