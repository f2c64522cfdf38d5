import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import path from 'node:path';
import { azuriteArgs, startAzurite } from '../../src/storage/azurite';
import { DEV_ACCOUNT_NAME } from '../../src/storage/dev-account';

describe('azuriteArgs', () => {
  it('turns telemetry off, binds loopback and asks for free ports by default', () => {
    const args = azuriteArgs({});
    assert.ok(args.includes('--disableTelemetry'));
    for (const service of ['blob', 'queue', 'table']) {
      assert.equal(args[args.indexOf(`--${service}Host`) + 1], '127.0.0.1');
      assert.equal(args[args.indexOf(`--${service}Port`) + 1], '0');
    }
    assert.ok(args.includes('--inMemoryPersistence'));
    assert.ok(!args.includes('--location'));
  });

  it('persists to an absolute location instead of memory when given one', () => {
    const args = azuriteArgs({ location: path.join('.data', 'azurite-args-test'), silent: false });
    assert.equal(args[args.indexOf('--location') + 1], path.resolve('.data', 'azurite-args-test'));
    assert.ok(!args.includes('--inMemoryPersistence'));
    assert.ok(!args.includes('--silent'));
  });

  it('refuses inMemory together with a location', () => {
    assert.throws(
      () => azuriteArgs({ inMemory: true, location: 'x' }),
      /either inMemory or location/,
    );
  });
});

describe('startAzurite @slow', () => {
  it('serves all three services on loopback and stops on request', async () => {
    const azurite = await startAzurite({ inMemory: true });
    const endpoints = [azurite.blobEndpoint, azurite.queueEndpoint, azurite.tableEndpoint];
    for (const endpoint of endpoints) {
      const url = new URL(endpoint);
      assert.equal(url.hostname, '127.0.0.1');
      assert.equal(url.pathname, `/${DEV_ACCOUNT_NAME}`);
      assert.ok(azurite.connectionString.includes(endpoint));
      assert.equal(await accepts(Number(url.port)), true);
    }
    await azurite.stop();
    await azurite.stop();
    assert.equal(await accepts(Number(new URL(azurite.tableEndpoint).port)), false);
  });

  it('fails with a clear error when a port is taken', async () => {
    const { server, port } = await listen();
    try {
      await assert.rejects(startAzurite({ ports: { table: port } }), (error: Error) => {
        assert.match(error.message, /Azurite exited .* before all services were listening/);
        assert.match(error.message, /EADDRINUSE/);
        return true;
      });
    } finally {
      server.close();
    }
  });

  it('stops when the process that started it is killed', async function () {
    this.timeout(20_000);
    const parentCode = [
      `const { startAzurite } = require(${JSON.stringify(path.resolve('src/storage/azurite.ts'))});`,
      'startAzurite({ inMemory: true }).then((a) => console.log(a.tableEndpoint));',
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', parentCode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      parent.stdout.setEncoding('utf8');
      parent.stdout.once('data', (line: string) => resolve(line.trim()));
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    const port = Number(new URL(endpoint).port);
    assert.equal(await accepts(port), true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while ((await accepts(port)) && Date.now() < deadline) await sleep(100);
    assert.equal(await accepts(port), false, 'Azurite still listening after its parent died');
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function listen(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}
