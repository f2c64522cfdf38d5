/**
 * Code run in the Azurite child before Azurite itself (`node -e GUARD <azurite bin> ...flags`).
 * Azurite shuts down gracefully on SIGTERM/SIGINT, flushing its database files; this guard turns
 * "the parent asked us to stop" and "the parent is gone" (the IPC channel closes, even when the
 * parent was killed) into exactly one such signal, so no emulator outlives the process that
 * started it and a second signal never cuts a flush short. Plain JavaScript: it runs in a bare
 * `node`, and it reads no environment.
 */
export const AZURITE_GUARD = `
'use strict';
const bin = process.argv[1];
let signalled = false;
const azuriteListening = (signal) => process.listenerCount(signal) > 1;
const onSignal = (signal) => {
  if (!azuriteListening(signal)) process.exit(0);
  signalled = true;
  if (process.connected) process.disconnect();
};
const stop = () => {
  if (signalled) return;
  if (!azuriteListening('SIGTERM')) process.exit(0);
  process.kill(process.pid, 'SIGTERM');
};
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('disconnect', stop);
process.on('message', (message) => { if (message === 'stop') stop(); });
require(bin);
`;
