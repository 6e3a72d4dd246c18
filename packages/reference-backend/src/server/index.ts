export {
  randomSecret,
  startReferenceServer,
  SWEEP_INTERVAL_MS,
  type ReferenceServer,
  type ReferenceServerOptions,
} from './reference-server.js';
export { referenceBackendPlugin, type ReferenceBackendTestPlugin } from './test-runner-plugin.js';
export * from './test-commands.js';
export * from '../sql/index.js';
