/** Where the person is in the app. Kept as plain state: a desktop app has no address bar to sync with. */
export type Route = { name: 'library' } | { name: 'contract'; id: string } | { name: 'settings' };

export type NavTarget = 'library' | 'settings';

export function navTargetOf(route: Route): NavTarget {
  return route.name === 'settings' ? 'settings' : 'library';
}
