import { useEffect, useRef, type PointerEvent } from 'react';

/** One stroke: [x, y, pressure] in the pad's CSS pixels. */
export type PadStroke = Array<[number, number, number]>;

/**
 * A signature pad: pointer events, so a mouse, a pen and a finger all draw; the pen's pressure is
 * kept where the device reports it (a mouse reports 0.5 while pressed). Coalesced events are read
 * so a fast pen stroke keeps its shape. The ink on screen is only a guide: the core turns the
 * strokes into the vector signature.
 */
export function SignaturePad({
  label,
  strokes,
  onChange,
  width = 480,
  height = 160,
}: {
  label: string;
  strokes: PadStroke[];
  onChange: (s: PadStroke[]) => void;
  width?: number;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const current = useRef<PadStroke | null>(null);

  // Redraw whenever the strokes change (cleared, or a stroke finished).
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const scale = window.devicePixelRatio || 1;
    c.width = width * scale;
    c.height = height * scale;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, width, height);
    for (const stroke of strokes) drawStroke(ctx, stroke);
  }, [strokes, width, height]);

  const point = (e: PointerEvent<HTMLCanvasElement> | globalThis.PointerEvent): [number, number, number] => {
    const rect = canvas.current!.getBoundingClientRect();
    const x = ((e.clientX - rect.left) * width) / rect.width;
    const y = ((e.clientY - rect.top) * height) / rect.height;
    const pressure = e.pointerType === 'mouse' || !e.pressure ? 0.5 : e.pressure;
    return [Math.max(0, Math.min(width, x)), Math.max(0, Math.min(height, y)), pressure];
  };

  return (
    <canvas
      ref={canvas}
      className="signature-pad"
      role="img"
      aria-label={label}
      style={{ width, height, touchAction: 'none' }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        current.current = [point(e)];
      }}
      onPointerMove={(e) => {
        const stroke = current.current;
        if (!stroke) return;
        const events = e.nativeEvent.getCoalescedEvents?.() ?? [e.nativeEvent];
        const ctx = canvas.current?.getContext('2d');
        for (const ev of events.length ? events : [e.nativeEvent]) stroke.push(point(ev));
        if (ctx) drawStroke(ctx, stroke.slice(-events.length - 1));
      }}
      onPointerUp={() => {
        const stroke = current.current;
        current.current = null;
        if (stroke) onChange([...strokes, stroke]);
      }}
      onPointerCancel={() => {
        current.current = null;
      }}
    />
  );
}

function drawStroke(ctx: CanvasRenderingContext2D, stroke: PadStroke): void {
  ctx.strokeStyle = '#121c52';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  if (stroke.length === 1) {
    const [x, y, p] = stroke[0];
    ctx.beginPath();
    ctx.arc(x, y, 1 + 2 * p, 0, 2 * Math.PI);
    ctx.fillStyle = '#121c52';
    ctx.fill();
    return;
  }
  for (let i = 1; i < stroke.length; i++) {
    const [x0, y0, p0] = stroke[i - 1];
    const [x1, y1, p1] = stroke[i];
    ctx.lineWidth = 1 + 3 * ((p0 + p1) / 2);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }
}
