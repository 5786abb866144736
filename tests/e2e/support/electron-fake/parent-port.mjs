// In a core process forked by the stand-in utilityProcess: Electron's process.parentPort over Node IPC.
process.parentPort = {
  postMessage: (message) => process.send(message),
  on: (event, listener) => {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
};
