// A second `kin serve` on the flow's database for one test. Sign-ins and joins are rate-limited per address
// (10 at once, then 6 a minute) and every browser test comes from 127.0.0.1, so flows that sign in many people
// run each test against a server of its own: its limiter starts fresh, the data is the same database.
import { freePort, startServer } from './harness.mjs';

export async function withOwnServer(db, fn) {
  const server = await startServer(db, await freePort());
  try {
    return await fn(server.base);
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
  }
}
