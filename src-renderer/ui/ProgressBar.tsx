/** A determinate progress bar; indeterminate (animated) while `total` is unknown. */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const percent = total ? Math.round((done / total) * 100) : null;
  return (
    <div
      className={percent === null ? 'progress progress-indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
    >
      <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
