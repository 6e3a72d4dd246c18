import { startTestServer } from '../server/reference-server.test-support.js';
import { describeContract } from './contract.test-support.js';

// A real server on a loopback port: PGlite in memory, its own fake clock, a fresh one per test.
describeContract('Node HTTP server on PGlite', async () => {
  const server = await startTestServer();
  return {
    baseUrl: server.baseUrl,
    token: (orderId, role, ttlSeconds) => server.token(orderId, role, ttlSeconds),
    advanceClock: async (ms) => {
      await server.advanceClock(ms);
    },
    close: () => server.stop(),
  };
});
