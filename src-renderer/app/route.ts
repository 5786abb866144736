/** Where the person is in the app. Kept as plain state: a desktop app has no address bar to sync with. */
export type Route =
  | { name: 'library' }
  | { name: 'contract'; id: string }
  | { name: 'verify' }
  | { name: 'settings' }
  | { name: 'seals' }
  // Signing devices (issue 9)
  | { name: 'devices' }
  // clause library (issue 10)
  | { name: 'clauses' }
  // Drafting (issue 10): a new contract from a template
  | { name: 'templates' };

export type NavTarget = 'library' | 'verify' | 'settings' | 'seals' | 'devices' | 'clauses';

export function navTargetOf(route: Route): NavTarget {
  return route.name === 'settings' || route.name === 'verify' || route.name === 'seals' || route.name === 'devices' || route.name === 'clauses'
    ? route.name
    : 'library';
}
