import type { ReferenceBackend } from '../backend.js';

/**
 * Sweeps `backend` at once, then every `intervalMs`, never two sweeps at a time. A sweep that
 * fails (a broken dispute, the database gone for a moment) is handed to `onError` and the next one
 * runs as planned: one bad dispute must neither stop the server from starting nor stop the sweeps.
 * Resolves after the first sweep with a function that stops the later ones.
 */
export async function startSweeps(backend: Pick<ReferenceBackend, 'sweep'>, intervalMs: number, onError: (error: unknown) => void): Promise<() => void> {
  let sweeping = false;
  const sweep = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      await backend.sweep();
    } catch (error) {
      onError(error);
    } finally {
      sweeping = false;
    }
  };
  await sweep();
  const timer: unknown = setInterval(() => void sweep(), intervalMs);
  // In Node, the sweeps alone must not keep the process running.
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer as Parameters<typeof clearInterval>[0]);
}
