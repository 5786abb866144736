/** The Inkstone mark: an inkstone seen from above, its well holding a drop of ink. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="3" y="3" width="26" height="26" rx="7" fill="#c8a96a" />
      <rect x="7" y="7" width="18" height="18" rx="5" fill="#1b2838" />
      <path d="M16 11c2.6 3 4 5 4 6.8a4 4 0 0 1-8 0c0-1.8 1.4-3.8 4-6.8z" fill="#f4efe3" />
    </svg>
  );
}
