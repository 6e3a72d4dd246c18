#!/usr/bin/env node
/**
 * `amicable-reference-backend`: the reference backend as a command. Reads its configuration from
 * the environment, seeds the reference orders, prints the API base URL and a token for every
 * seeded order and role, and runs until SIGINT or SIGTERM.
 */
import type { Role } from '@amicable/protocol';
import { referenceSeed } from '../index.js';
import { describeDatabase, randomSecret, startReferenceServer, type ReferenceServer } from './reference-server.js';

/** How long the printed tokens are valid. */
const TOKEN_TTL_SECONDS = 24 * 60 * 60;
const ROLES: readonly Role[] = ['buyer', 'seller', 'support'];

interface Settings {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly secret: string;
  readonly secretGenerated: boolean;
  readonly publicUrl: string | undefined;
  readonly allowedOrigin: string | undefined;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const portText = env['PORT'] ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) throw new Error(`PORT must be a port number from 0 to 65535, not "${portText}".`);
  const secret = env['AMICABLE_SECRET'];
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port,
    database: env['AMICABLE_DATABASE'] ?? 'pglite:.amicable-data',
    secret: secret === undefined || secret === '' ? randomSecret() : secret,
    secretGenerated: secret === undefined || secret === '',
    publicUrl: env['AMICABLE_PUBLIC_URL'] || undefined,
    allowedOrigin: env['AMICABLE_ALLOWED_ORIGIN'] || undefined,
  };
}

/** The tokens as a table: one row per order and role. */
async function tokenTable(server: ReferenceServer): Promise<string> {
  const rows: [string, string, string][] = [['ORDER', 'ROLE', 'TOKEN']];
  for (const order of referenceSeed.orders) {
    for (const role of ROLES) {
      const token = await server.backend.mintToken(order.orderId, role, TOKEN_TTL_SECONDS);
      rows.push([role === 'buyer' ? order.orderId : '', role, token]);
    }
  }
  const orderWidth = Math.max(...rows.map(([order]) => order.length));
  const roleWidth = Math.max(...rows.map(([, role]) => role.length));
  return rows.map(([order, role, token]) => `  ${order.padEnd(orderWidth)}  ${role.padEnd(roleWidth)}  ${token}`).join('\n');
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const server = await startReferenceServer({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    secret: settings.secret,
    seed: true,
    ...(settings.publicUrl === undefined ? {} : { publicUrl: settings.publicUrl }),
    ...(settings.allowedOrigin === undefined ? {} : { allowedOrigin: settings.allowedOrigin }),
  });

  const until = new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString();
  console.log('Amicable reference backend');
  console.log(`  API base URL  ${server.url}`);
  console.log(`  database      ${describeDatabase(settings.database)}`);
  if (settings.secretGenerated) {
    console.warn(
      '\n  Warning: AMICABLE_SECRET is not set, so a random signing secret was generated. Tokens and photo\n'
        + '  URLs signed with it stop working when this process ends. Set AMICABLE_SECRET to keep them.',
    );
  }
  console.log(`\nTokens for the seeded orders (valid 24 h, until ${until}); send them as "Authorization: Bearer <token>":\n`);
  console.log(await tokenTable(server));
  console.log('\nPress Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second signal means the user does not want to wait for a clean close.
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: closing…`);
    server.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error('Closing failed:', error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`The reference backend could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.cause !== undefined && process.env['DEBUG']) console.error(error.cause);
  process.exitCode = 1;
});
