const STORAGE_KEY = 'inkstone.hostToken';

/**
 * The browser host prints a URL like `http://127.0.0.1:PORT/#token=…`. Read the token from the
 * fragment (which browsers never send to servers), keep it for this tab only so a reload still
 * works, and take it out of the address bar so it is not copied, bookmarked or shown on screen.
 */
export function takeHostToken(): string | null {
  const match = /(?:^#|&)token=([0-9a-fA-F]{16,128})(?:&|$)/.exec(window.location.hash);
  if (match) {
    const token = match[1];
    try {
      window.sessionStorage.setItem(STORAGE_KEY, token);
    } catch {
      // Storage disabled: the token still works until the tab is reloaded.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
