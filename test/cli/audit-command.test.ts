import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TableAuditLog } from '../../src/audit/audit-log';
import { DEMO_USERS } from '../../src/sandbox/demo-ids';
import { createStorage, startAzurite } from '../../src/storage';
import { publishLocalEndpoints, withdrawLocalEndpoints } from '../../src/storage/local-endpoints';
import { freshShellEnv } from '../support/fresh-env';

const TSX = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = path.join(process.cwd(), 'src', 'cli', 'helpdesk.ts');

function helpdesk(
  args: string[],
  dataDir: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [CLI, ...args], {
    env: freshShellEnv({ LOCAL_DATA_DIR: dataDir }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function seedEntry(connectionString: string, summary: string): Promise<void> {
  const audit = new TableAuditLog(createStorage({ connectionString }).records);
  await audit.append({
    event: 'succeeded',
    actorId: DEMO_USERS.helpdesk.id,
    subjectId: DEMO_USERS.member.id,
    kind: 'revoke-sessions',
    summary,
  });
}

describe('helpdesk audit on the command line @slow', function () {
  this.timeout(120_000);

  it('reads the local store when the bot is not running, starting Azurite on its folder', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-audit-'));
    const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
    await seedEntry(azurite.connectionString, 'Sessions revoked while the bot was stopped');
    await azurite.stop();

    const csv = helpdesk(['audit', '--since', '1d', '--csv'], dataDir);
    assert.equal(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    assert.ok(lines.length >= 2, csv.stdout);
    assert.match(lines[0], /event/i, 'a CSV header');
    assert.match(csv.stdout, /Sessions revoked while the bot was stopped/);
  });

  it("uses the running bot's Azurite instead of starting a second one on the same files", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-audit-'));
    const azuriteDir = path.join(dataDir, 'azurite');
    // The entry exists only in the published (in-memory) instance, not in the folder's files:
    // the command can show it only by using the instance the running bot published.
    const azurite = await startAzurite({ inMemory: true });
    publishLocalEndpoints(azuriteDir, azurite.connectionString);
    try {
      await seedEntry(azurite.connectionString, 'Sessions revoked while the bot runs');
      const text = helpdesk(['audit'], dataDir);
      assert.equal(text.status, 0, text.stderr);
      assert.match(text.stdout, /Sessions revoked while the bot runs/);
    } finally {
      withdrawLocalEndpoints(azuriteDir);
      await azurite.stop();
    }
  });

  it('says what is wrong with its arguments', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-audit-'));
    const result = helpdesk(['audit', '--since', 'yesterday-ish'], dataDir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--since: expected a period like 7d/);
  });
});
