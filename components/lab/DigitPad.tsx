// A canvas to draw a digit with mouse, pen or touch (pointer events). Every stroke is turned into
// the 784 MNIST-style inputs (digit-preprocess.ts) and handed to onInput; a small preview shows
// what the network actually sees. Keyboard users pick a test digit instead (MnistLab).
import { useEffect, useRef } from 'preact/hooks';
import { SIDE, grayFromRgba, toMnistInput } from './digit-preprocess';

const PAD = 280;

/** Draw 784 grey levels (0 = paper, 1 = ink) on a 28 × 28 canvas. */
export function paintDigit(canvas: HTMLCanvasElement | null, pixels: ArrayLike<number> | null) {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const img = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const v = pixels ? Math.round(255 * (1 - Math.min(1, Math.max(0, pixels[i])))) : 255;
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

export function DigitPad({ onInput, shown }: { onInput: (x: Float64Array | null) => void; shown: Float64Array | null }) {
  const pad = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => paintDigit(preview.current, shown), [shown]);

  const pos = (e: PointerEvent) => {
    const r = pad.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * PAD) / r.width, y: ((e.clientY - r.top) * PAD) / r.height };
  };
  const line = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    const ctx = pad.current?.getContext('2d');
    if (!ctx) return;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 20;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  };
  const emit = () => {
    const ctx = pad.current?.getContext('2d');
    if (!ctx) return;
    const { data } = ctx.getImageData(0, 0, PAD, PAD);
    onInput(toMnistInput(grayFromRgba(data, PAD, PAD)));
  };
  const clear = () => {
    pad.current?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    onInput(null);
  };

  return (
    <div class="lab-pad">
      <canvas
        ref={pad}
        width={PAD}
        height={PAD}
        data-testid="mn-pad"
        aria-label="Drawing area for a digit (mouse, pen or touch)"
        role="img"
        style="width:min(100%,280px);aspect-ratio:1;touch-action:none;border:1px solid var(--sl-color-gray-4);border-radius:.25rem;background:#fff;cursor:crosshair"
        onPointerDown={(e) => {
          drawing.current = true;
          (e.currentTarget as HTMLCanvasElement).setPointerCapture?.(e.pointerId);
          const p = pos(e);
          last.current = p;
          line(p, { x: p.x + 0.1, y: p.y + 0.1 });
        }}
        onPointerMove={(e) => {
          if (!drawing.current || !last.current) return;
          const p = pos(e);
          line(last.current, p);
          last.current = p;
        }}
        onPointerUp={() => {
          if (!drawing.current) return;
          drawing.current = false;
          last.current = null;
          emit();
        }}
        onPointerCancel={() => {
          drawing.current = false;
          last.current = null;
        }}
      />
      <div class="lab-row">
        <button type="button" data-testid="mn-clear" onClick={clear}>Clear drawing</button>
        <span class="lab-field">
          <span class="widget-caption">what the network sees:</span>
          <canvas ref={preview} width={SIDE} height={SIDE} data-testid="mn-preview" role="img" aria-label="The 28 by 28 input given to the network"
            style="width:56px;height:56px;image-rendering:pixelated;border:1px solid var(--sl-color-gray-4)" />
        </span>
      </div>
    </div>
  );
}

/** Ten probability bars, the largest marked; a text list for screen readers. */
export function ProbabilityBars({ p, testid }: { p: ArrayLike<number> | null; testid: string }) {
  if (!p) return <p class="widget-caption" data-testid={testid}>No prediction yet.</p>;
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
  return (
    <div data-testid={testid} data-prediction={best}>
      <p aria-live="polite"><strong>Prediction: <span data-testid={`${testid}-digit`}>{best}</span></strong> (output {Number(p[best]).toFixed(3)})</p>
      <div class="lab-bars" aria-hidden="true">
        {Array.from(p, (v, k) => (
          <>
            <span>{k}</span>
            <span class="lab-bar-track"><span class="lab-bar" style={`display:block;width:${Math.max(0, Math.min(1, v)) * 100}%;${k === best ? '' : 'opacity:.55'}`} /></span>
            <span>{v.toFixed(3)}</span>
          </>
        ))}
      </div>
    </div>
  );
}
