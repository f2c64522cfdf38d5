/**
 * Code run in the Agents Playground's process before the Playground itself
 * (`node -e GUARD <playground cli> ...flags`). Plain JavaScript: it runs in a bare `node`.
 *
 * - The Playground has no option for its listening address and binds every interface; this is a
 *   local tool for one person, so a listen call that names no address is given loopback.
 * - It must never outlive the process that started it: when the IPC channel to the parent closes
 *   (the parent stopped, crashed or was killed), it exits.
 */
export const PLAYGROUND_GUARD = `
'use strict';
const net = require('node:net');
// argv is [node, cli, ...flags], as if the CLI had been started directly.
const cli = process.argv[1];
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\\d+$/.test(first));
  if (isPort && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  else if (first && typeof first === 'object' && 'port' in first && !first.host && !first.path) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
process.on('disconnect', () => process.exit(0));
require(cli);
`;
