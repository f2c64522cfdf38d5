import assert from 'node:assert/strict';
import { triage } from '../../src/triage/triage';
import type { DirectoryUser } from '../../src/diagnosis/ports';
import {
  ALEX,
  aFailure,
  aRiskyUser,
  aUser,
  anExpiredTap,
  passwordAndAuthenticator,
} from './fakes/builders';
import { FakeDirectory } from './fakes/fake-directory';
import { run } from './fakes/run';

/**
 * The helpdesk's card says what the agent does, or tells the person: "Tell them to wait a few
 * minutes", never the person's own "Wait a few minutes, then sign in" or "ask the helpdesk" (the
 * agent is the helpdesk). The person's card keeps their own words. One paste per kind whose steps
 * the bot writes itself (catalog steps are the helpdesk's already).
 */
const TO_THE_PERSON =
  /\byour\b|\bask the helpdesk\b|\btell the helpdesk\b|the helpdesk (?:can|gives|confirms)|^(?:Wait(?!.*Check again)|Sign in|Try|Use|Open|Type|Enrol|Deny|Update|Make sure|Set up|Change|Check Caps)\b/i;

interface Case {
  name: string;
  paste: string;
  user?: Partial<DirectoryUser>;
  tenant?: (reader: FakeDirectory) => void;
}

const CASES: Case[] = [
  {
    name: 'a lock-out',
    paste: 'AADSTS50053: Your account is locked.',
    tenant: (r) => r.tenant.signIns.push(aFailure(50053, 5)),
  },
  {
    name: 'a turned-off account',
    paste: 'AADSTS50057: The user account is disabled.',
    user: { accountEnabled: false },
  },
  {
    name: 'an expired password',
    paste: 'AADSTS50055: The password is expired.',
    tenant: (r) => r.tenant.signIns.push(aFailure(50055, 5)),
  },
  {
    name: 'a wrong password',
    paste: 'AADSTS50126: Error validating credentials due to invalid username or password.',
    tenant: (r) => r.tenant.signIns.push(aFailure(50126, 5)),
  },
  {
    name: 'an active user risk',
    paste: "Your account is blocked. We've detected suspicious activity on your account.",
    tenant: (r) => {
      r.tenant.riskyUsers.push(aRiskyUser());
      r.tenant.signIns.push(aFailure(530034, 5));
    },
  },
  {
    name: 'a user risk already cleared',
    paste: "Your account is blocked. We've detected suspicious activity on your account.",
    tenant: (r) => {
      r.tenant.riskyUsers.push(aRiskyUser({ riskState: 'remediated' }));
      r.tenant.signIns.push(aFailure(530034, 5));
    },
  },
  {
    name: 'an expired pass',
    paste: 'AADSTS130507: The Temporary Access Pass has expired.',
    tenant: (r) => (r.tenant.taps[ALEX] = [anExpiredTap()]),
  },
  {
    name: 'the second step',
    paste: 'AADSTS500121: Authentication failed during strong authentication request.',
    tenant: (r) => Object.assign(r.tenant.methods, passwordAndAuthenticator()),
  },
  {
    name: 'requests the person did not start',
    paste: 'I keep getting Authenticator approve requests I did not start',
    tenant: (r) => Object.assign(r.tenant.methods, passwordAndAuthenticator()),
  },
  {
    name: 'a device without Intune',
    paste: 'AADSTS53000: Device is not in required device state: compliant.',
  },
];

describe("diagnosis: the helpdesk's steps say what the agent does", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const reader = (): FakeDirectory => {
        const r = new FakeDirectory({ users: [aUser(c.user ?? {})] });
        c.tenant?.(r);
        return r;
      };
      const helpdesk = await run(reader(), triage(c.paste), { audience: 'helpdesk' });
      assert.ok(helpdesk.nextSteps.length > 0);
      for (const step of helpdesk.stepsFromCatalog ? [] : helpdesk.nextSteps) {
        assert.doesNotMatch(step, TO_THE_PERSON, `${helpdesk.headline}: ${step}`);
      }
      const own = await run(reader(), triage(c.paste), { audience: 'user' });
      assert.notDeepEqual(own.nextSteps, helpdesk.nextSteps, "the person's card keeps its words");
    });
  }
});
