// @vitest-environment happy-dom
// The kit's address hook: a widget's figure says `pending` until the address has been applied and
// `applied` after, so anyone acting on the widget can wait for its real state; a malformed address
// leaves the defaults and gives a notice naming the parameter.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, waitFor } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { useAddress } from '../../components/kit/address';

function Probe() {
  const [n, setN] = useState(1);
  const { notice, address } = useAddress('p', (raw) => (/^\d+$/.test(raw) ? Number(raw) : null), setN, 'the defaults');
  return (
    <figure data-testid="fig" {...address}>
      <span data-testid="n">{n}</span>
      {notice && <p data-testid="notice">{notice}</p>}
    </figure>
  );
}

const at = (search: string) => window.history.replaceState(null, '', `/page${search}`);
afterEach(() => {
  cleanup();
  at('');
});

describe('kit useAddress', () => {
  it('applies a valid address after the first render, then marks the figure applied', async () => {
    at('?p=42');
    const view = render(<Probe />);
    await waitFor(() => expect(view.getByTestId('fig').getAttribute('data-address')).toBe('applied'));
    expect(view.getByTestId('n').textContent).toBe('42');
    expect(view.queryByTestId('notice')).toBeNull();
  });
  it('a malformed value keeps the defaults and names the parameter in a notice; the figure is still marked applied', async () => {
    at('?p=4x2');
    const view = render(<Probe />);
    await waitFor(() => expect(view.getByTestId('fig').getAttribute('data-address')).toBe('applied'));
    expect(view.getByTestId('n').textContent).toBe('1');
    expect(view.getByTestId('notice').textContent).toBe('The address held an invalid setting (p=4x2); showing the defaults.');
  });
  it('no parameter: the defaults, no notice, applied', async () => {
    const view = render(<Probe />);
    await waitFor(() => expect(view.getByTestId('fig').getAttribute('data-address')).toBe('applied'));
    expect(view.getByTestId('n').textContent).toBe('1');
    expect(view.queryByTestId('notice')).toBeNull();
  });
});
