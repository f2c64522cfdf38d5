import assert from 'node:assert/strict';
import { triage } from '../../src/triage/triage';
import { aDevice, aUser } from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run, said } from './fakes/run';

const TPM =
  "Something went wrong. Your computer's Trusted Platform Module has malfunctioned. If this error persists, contact your system administrator with the error code 80090030.";
const BROKER = 'Something went wrong [1001]';

describe("diagnosis: Windows could not use the computer's key for the work account", () => {
  it('says what it means, the steps on the computer, and the Windows devices as Entra ID knows them', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      devices: [
        aDevice({ displayName: 'ALEX-LT-7', trustType: 'AzureAd', isCompliant: true }),
        aDevice({ displayName: 'ALEX-MAC', operatingSystem: 'MacMDM' }),
      ],
    });
    const d = await run(reader, triage(TPM));
    const text = said(d);
    assert.equal(d.headline, "Windows could not use this computer's key for your work account");
    assert.match(text, /security chip \(TPM\)/);
    assert.match(text, /80090030: The security chip \(TPM\) was not ready/);
    assert.doesNotMatch(text, /80090016|80090034/, 'only the code pasted');
    assert.match(text, /ALEX-LT-7: Entra joined; compliant; enabled/);
    assert.doesNotMatch(text, /ALEX-MAC/, 'only Windows computers hold this key');
    assert.match(d.nextSteps.join(' '), /Restart the computer/);
    assert.match(d.nextSteps.join(' '), /Settings > Accounts > Access work or school/);
    assert.match(d.nextSteps.join(' '), /tpm\.msc/);
    assert.match(d.nextSteps.join(' '), /Do not clear the TPM/);
    // Not the domain-join answer, and no sign-in row: the failure never reached Entra ID.
    assert.doesNotMatch(text, /hybrid joined device|Use a company computer/);
    assert.equal(reader.callsTo('findSignIns').length, 0);
    assert.deepEqual(d.offers, []);
    // The card's heading over what it found is its own, not the join answer's.
    assert.equal(d.causesHeading, 'What the message means');
  });

  it('a disabled Windows computer is the cause the tenant can see', async () => {
    const reader = new FakeDirectory({
      users: [aUser()],
      devices: [aDevice({ displayName: 'ALEX-LT-7', accountEnabled: false })],
    });
    const d = await run(reader, triage(TPM));
    assert.equal(d.status, 'found');
    assert.match(said(d), /ALEX-LT-7 is disabled in Entra ID/);
  });

  it('no Windows computer registered: says the registration is gone', async () => {
    const reader = new FakeDirectory({ users: [aUser()] });
    const d = await run(reader, triage(TPM));
    assert.equal(d.status, 'explained');
    assert.match(said(d), /No Windows computer of yours is registered in Entra ID/);
  });

  it('the helpdesk gets its own steps, and is told not to turn off ADAL or WAM', async () => {
    const reader = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
    const d = await run(reader, triage(TPM), { audience: 'helpdesk' });
    assert.match(d.nextSteps.join(' '), /dsregcmd \/status/);
    assert.match(d.nextSteps.join(' '), /Do not disable ADAL or WAM/);
    assert.match(said(d), /Windows computers of this account in Entra ID/);
    assert.doesNotMatch(said(d), /Your Windows computers|of yours/, "not 'your' computers");
    const none = await run(new FakeDirectory({ users: [aUser()] }), triage(TPM), {
      audience: 'helpdesk',
    });
    assert.match(said(none), /No Windows computer of this account is registered in Entra ID/);
  });

  it('shows the code pasted (80090016), not the others; the message alone shows no code', async () => {
    const reader = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
    const keyset = said(
      await run(
        reader,
        triage("Your computer's Trusted Platform Module has malfunctioned. Error code 80090016."),
      ),
    );
    assert.match(keyset, /80090016: The key is no longer there/);
    assert.doesNotMatch(keyset, /80090030|80090034/);
    const bare = said(
      await run(reader, triage("Your computer's Trusted Platform Module has malfunctioned.")),
    );
    assert.doesNotMatch(bare, /8009003[04]|80090016/);
    for (const audience of ['user', 'helpdesk'] as const) {
      const d = await run(reader, triage('Trusted Platform Module has malfunctioned. 0x80090030'), {
        audience,
      });
      assert.doesNotMatch(said(d), /80090016|80090034/, audience);
    }
  });

  it("the helpdesk's headline and meaning are about the person's computer, not 'your' account", async () => {
    const reader = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
    const d = await run(reader, triage(TPM), { audience: 'helpdesk' });
    assert.equal(d.headline, "Windows could not use the computer's key for this work account");
    assert.match(said(d), /TPM-bound key/);
    assert.doesNotMatch(`${d.headline} ${said(d)}`, /\byour\b/i);
  });

  describe('a Windows Hello PIN that is no longer available or cannot be set up', () => {
    const PIN =
      "Something went wrong and your PIN isn't available (status: 0xc000006d, substatus: 0xc0070016). Click to set up your PIN again.";

    it('the person: sign in with the password, set the PIN up again; the codes pasted', async () => {
      const reader = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
      const d = await run(reader, triage(PIN));
      assert.equal(d.headline, 'Your Windows PIN cannot be used on this computer now');
      assert.match(said(d), /0xc000006d: Windows refused the sign-in/);
      assert.match(said(d), /0xc0070016: A Windows code from the message/);
      const steps = d.nextSteps.join(' ');
      assert.match(steps, /Sign in to Windows with your password/);
      assert.match(steps, /I forgot my PIN/);
      assert.match(steps, /Do not clear the TPM yourself/);
      assert.equal(reader.callsTo('findSignIns').length, 0);
    });

    it('the helpdesk: what to ask the person and what to check on the computer', async () => {
      const reader = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
      const d = await run(reader, triage("We couldn't set up your PIN"), { audience: 'helpdesk' });
      assert.match(d.headline, /The person's Windows Hello PIN/);
      const steps = d.nextSteps.join(' ');
      assert.match(steps, /^Ask the person to sign in to Windows with their password/);
      assert.match(steps, /NgcSet/);
      assert.match(steps, /Temporary Access Pass/);
      assert.doesNotMatch(said(d), /Windows could not use this computer's key for your/);
    });
  });

  it('"Something went wrong [1001]": the account broker, with its own headline and steps', async () => {
    const reader = new FakeDirectory({ users: [aUser()], devices: [aDevice()] });
    const d = await run(reader, triage(BROKER));
    assert.equal(d.headline, 'Windows could not sign the app in to your work account');
    assert.match(said(d), /account broker/);
    assert.match(d.nextSteps.join(' '), /security software/);
    assert.doesNotMatch(said(d), /80090030/);
  });
});
