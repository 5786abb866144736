/* global window, fetch */
// Injected into the page before the app loads, standing in for the Electron preload: it exposes
// `window.inkstone` shaped like the preload's bridge (functions per operation, rejections as plain
// { code, details, message } objects, events, shell.chooseDataFolder), backed by the browser host.
// Configuration comes from window.__inkstoneTest = { token, operations, failOperations, chosenFolder }.
(() => {
  const cfg = window.__inkstoneTest;
  const call = async (operation, input, jobId) => {
    const failure = cfg.failOperations[operation];
    if (failure) return Promise.reject({ ...failure });
    const response = await fetch(`/rpc/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-inkstone-token': cfg.token },
      body: JSON.stringify({ input, jobId }),
    });
    const result = await response.json();
    if (result.ok) return result.value;
    return Promise.reject({ code: result.error.code, details: result.error.details, message: result.error.message });
  };
  const api = {};
  for (const name of cfg.operations) {
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    api[ns] = api[ns] || {};
    api[ns][name.slice(dot + 1)] = (input, options) => call(name, input, options && options.jobId);
  }
  api.events = { subscribe: () => () => undefined };
  // The real main process stores the folder through the core's shell-only setDataDir, which no page
  // can reach (settings.update refuses dataDir); here the answer it returns is stood in for.
  api.shell = { chooseDataFolder: () => call('settings.get', {}).then((settings) => ({ ...settings, dataDir: cfg.chosenFolder })) };
  window.inkstone = Object.freeze(api);
})();
