import type { ReactNode } from 'react';
import { Icon } from './Icon.js';

/** A short confirmation or hint shown in place (saved, nothing to save…). */
export function Notice({ tone = 'info', children }: { tone?: 'info' | 'success'; children: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role="status">
      <Icon name={tone === 'success' ? 'check' : 'info'} />
      <div className="banner-body">{children}</div>
    </div>
  );
}
