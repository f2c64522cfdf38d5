import assert from 'node:assert/strict';
import { createGraphClient } from '../../src/graph/client';
import { SandboxCredential } from '../../src/graph/credential';
import { GraphDirectoryWriter } from '../../src/graph/directory-writer';
import { GraphRemediationReader } from '../../src/graph/remediation-reader';
import { GraphTransport } from '../../src/graph/transport';
import type { DirectoryWriter, RemediationReader } from '../../src/remediation/ports';
import { DEMO_GROUPS, DEMO_USERS } from '../../src/sandbox/demo-ids';
import { startSandboxTenant, type SandboxTenant } from '../../src/sandbox/server';
import { seededWriter } from './support/domain-harness';

/**
 * What remediation relies on from a DirectoryWriter, run against the in-memory fake the domain
 * tests use and against the Graph writer on the sandbox tenant, so the fake cannot drift from
 * Graph's behaviour. The reader is used only to see what a write did.
 */

interface Tenant {
  writer: DirectoryWriter;
  reader: RemediationReader;
}

const MEMBER = DEMO_USERS.member.id;
const GROUP = DEMO_GROUPS.caExclusions.id;

function writerContract(name: string, open: () => Promise<Tenant>, close: () => Promise<void>) {
  describe(`the DirectoryWriter contract: ${name}`, function () {
    this.timeout(20_000);
    let tenant: Tenant;
    before(async () => {
      tenant = await open();
    });
    after(close);

    it('adds a member once and says so the second time; removes once likewise', async () => {
      const { writer, reader } = tenant;
      assert.equal((await reader.listGroupMembers(GROUP)).includes(MEMBER), false);
      assert.equal((await writer.addGroupMember(GROUP, MEMBER)).added, true);
      assert.equal((await writer.addGroupMember(GROUP, MEMBER)).added, false);
      assert.ok((await reader.listGroupMembers(GROUP)).includes(MEMBER));
      const removed = await writer.removeGroupMember(GROUP, MEMBER);
      assert.equal(removed.removed, true);
      assert.match(removed.requestId ?? '', /\S/, 'a write reports its request id');
      assert.equal((await writer.removeGroupMember(GROUP, MEMBER)).removed, false);
      assert.equal((await reader.listGroupMembers(GROUP)).includes(MEMBER), false);
    });

    it('issues a pass whose code is held as a secret, and deletes it by method id', async () => {
      const { writer, reader } = tenant;
      for (const old of await reader.listTaps(MEMBER)) await writer.deleteTap(MEMBER, old);
      const issued = await writer.createTap(MEMBER, { lifetimeInMinutes: 60, isUsableOnce: true });
      assert.match(issued.code.reveal(), /\S{6,}/);
      assert.equal(JSON.stringify(issued).includes(issued.code.reveal()), false, 'masked');
      assert.equal(issued.lifetimeInMinutes, 60);
      assert.equal(issued.isUsableOnce, true);
      assert.deepEqual(await reader.listTaps(MEMBER), [issued.methodId]);
      assert.match((await writer.deleteTap(MEMBER, issued.methodId)).requestId ?? '', /\S/);
      assert.deepEqual(await reader.listTaps(MEMBER), []);
    });

    it('reports a request id for each single write', async () => {
      const { writer } = tenant;
      for (const receipt of [
        await writer.revokeSessions(MEMBER),
        await writer.requirePasswordChange(MEMBER),
      ]) {
        assert.match(receipt.requestId ?? '', /\S/);
      }
    });

    it('adds no more than 20 members in one request, and nothing for none', async () => {
      const { writer } = tenant;
      const many = Array.from(
        { length: 21 },
        (_, i) => `0a6f3b1e-4c2d-4e8f-9a7b-${String(i).padStart(12, '0')}`,
      );
      await assert.rejects(() => writer.addGroupMembers(GROUP, many));
      assert.deepEqual(await writer.addGroupMembers(GROUP, []), {});
    });
  });
}

writerContract(
  'the in-memory fake',
  async () => {
    const fake = seededWriter();
    return { writer: fake, reader: fake };
  },
  async () => undefined,
);

let sandbox: SandboxTenant | undefined;
writerContract(
  'Graph on the sandbox tenant @slow',
  async () => {
    sandbox = await startSandboxTenant({ port: 0 });
    const transport = new GraphTransport(
      createGraphClient({
        baseUrl: sandbox.url,
        credential: new SandboxCredential(),
        maxRetries: 0,
      }),
      sandbox.url,
    );
    return {
      writer: new GraphDirectoryWriter(transport),
      reader: new GraphRemediationReader(transport),
    };
  },
  async () => {
    await sandbox?.close();
  },
);
