import http from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * The attacker of tests/evidence/exhaustion.test.ts, in a process of its own so that its work does
 * not slow the legitimate client the test times: `node --import tsx flood.ts <port> <uploads>
 * <slow-loris connections>` prints one JSON line with what happened.
 */
const UPLOAD_BYTES = 250 * 1024 * 1024;

/** Stream zeros as a PDF upload without a token until the service answers; what it answered and what was sent. */
export function tokenlessUpload(port: number): Promise<{ status: number | null; sent: number }> {
  return new Promise((resolve) => {
    const zeros = Buffer.alloc(1024 * 1024);
    let sent = 0;
    let status: number | null = null;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sent });
    };
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/documents?event=signed',
      headers: { 'content-type': 'application/pdf', 'content-length': String(UPLOAD_BYTES) },
    });
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      res.resume();
      finish();
    });
    req.on('error', finish);
    const pump = () => {
      while (!done && sent < UPLOAD_BYTES) {
        sent += zeros.length;
        if (!req.write(zeros)) return void req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}

/** A connection that sends its request line and then one header line a second, never finishing. */
export function slowLoris(port: number): { socket: Socket; closed: Promise<number> } {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write('POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/pdf\r\n');
  let n = 0;
  const timer = setInterval(() => socket.write(`X-Slow-${n++}: ${'a'.repeat(10)}\r\n`), 1000);
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    }),
  );
  return { socket, closed };
}

const [port, uploads, loris] = process.argv.slice(2).map(Number);
process.stdout.write(`${JSON.stringify({ phase: 'start' })}\n`);
const connections = Array.from({ length: loris }, () => slowLoris(port));
const refused = await Promise.all(Array.from({ length: uploads }, () => tokenlessUpload(port)));
process.stdout.write(`${JSON.stringify({ phase: 'uploads', refused })}\n`);
const held = await Promise.all(connections.map((l) => Promise.race([l.closed, new Promise<number>((r) => setTimeout(() => r(-1), 20_000))])));
for (const l of connections) l.socket.destroy();
process.stdout.write(`${JSON.stringify({ phase: 'slow-loris', held })}\n`);
