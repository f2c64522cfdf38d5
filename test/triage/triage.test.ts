import assert from 'node:assert/strict';
import { MAX_PASTE_CHARS } from '../../src/triage/normalize';
import { tokens } from '../../src/triage/tokens';
import { triage } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

const catalog = testCatalog();
const run = (text: string) => triage(text, catalog);

const REQUEST = '8f7a1b2c-0d1e-4f20-9a3b-4c5d6e7f8091';
const CORRELATION = '0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0';

describe('triage', () => {
  it('reads a whole Entra error page', () => {
    const page = `Sign in
Sorry, but we're having trouble signing you in.
AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.
Troubleshooting details
Request Id: ${REQUEST}
Correlation Id: ${CORRELATION}
Timestamp: 2024-05-03T10:22:11.123Z
App name: Microsoft Teams
Signed in as: alice@contoso.com`;
    const result = run(page);
    assert.equal(result.intent, 'ca-blocked');
    assert.equal(result.code, 53003);
    assert.equal(result.entry?.code, 53003);
    assert.deepEqual(result.codes, [53003]);
    assert.equal(result.fields.requestId, REQUEST);
    assert.equal(result.fields.upn, 'alice@contoso.com');
    assert.equal(result.truncated, false);
    assert.ok(result.confidence >= 0.9, String(result.confidence));
  });

  it('reads an OAuth error body with escaped line breaks', () => {
    const body = `{"error":"invalid_grant","error_description":"AADSTS50126: Error validating credentials due to invalid username or password.\\r\\nTrace ID: ${REQUEST}\\r\\nCorrelation ID: ${CORRELATION}\\r\\nTimestamp: 2024-05-03 10:22:11Z","error_codes":[50126],"timestamp":"2024-05-03 10:22:11Z","trace_id":"${REQUEST}","correlation_id":"${CORRELATION}"}`;
    const result = run(body);
    assert.equal(result.intent, 'invalid-password');
    assert.deepEqual(result.codes, [50126]);
    assert.deepEqual(result.fields, {
      traceId: REQUEST,
      correlationId: CORRELATION,
      timestamp: '2024-05-03 10:22:11Z',
    });
  });

  it('reads an MSAL exception, azure-cli output and a PowerShell error', () => {
    const msal = `Microsoft.Identity.Client.MsalUiRequiredException: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync(CancellationToken cancellationToken)`;
    assert.equal(run(msal).intent, 'mfa-required-or-failed');
    const cli = `ERROR: AADSTS700016: Application with identifier '${REQUEST}' was not found in the directory 'Contoso'.`;
    const fromCli = run(cli);
    assert.equal(fromCli.intent, 'app-misconfigured');
    assert.equal(fromCli.fields.appId, REQUEST);
    const ps = `Connect-MgGraph : AADSTS50057: The user account is disabled.\nAt line:1 char:1\n+ Connect-MgGraph -Scopes User.Read\n    + CategoryInfo          : NotSpecified: (:) [Connect-MgGraph], AuthenticationFailedException`;
    assert.equal(run(ps).intent, 'account-disabled');
  });

  it('takes bare, prefixed and partially copied codes', () => {
    for (const text of [
      '53003',
      'AADSTS53003',
      'aadsts 53003',
      'DSTS53003: Access has been',
      'STS53003',
    ]) {
      const result = run(text);
      assert.equal(result.code, 53003, text);
      assert.equal(result.intent, 'ca-blocked', text);
    }
  });

  it('is not fooled by typographic quotes, invisible characters and odd spaces', () => {
    const result = run('AAD\u200bSTS50053:\u00a0You\u2019ve tried to sign in too many times');
    assert.equal(result.code, 50053);
    assert.equal(
      run('We\u2019ve\u00a0detected suspicious\u200b activity on your account').intent,
      'risky-user-blocked',
    );
  });

  it('finds the cause behind a wrapper code', () => {
    const result = run(
      'AADSTS70002: Error validating credentials. AADSTS50126: Invalid username or password',
    );
    assert.equal(result.code, 50126);
    assert.equal(result.intent, 'invalid-password');
    assert.deepEqual(result.codes, [70002, 50126]);
  });

  it('reads two log lines and keeps both codes', () => {
    const log = `2024-05-03T10:22:11Z WARN AADSTS50058: A silent sign-in request was sent but no user is signed in.\n2024-05-03T10:22:19Z ERROR AADSTS53000: Device is not in required device state: compliant.`;
    const result = run(log);
    assert.deepEqual(result.codes, [50058, 53000]);
    assert.equal(result.intent, 'device-noncompliant');
  });

  it('knows code-less messages', () => {
    const cases: Array<[string, string]> = [
      ['Your account has been locked. Try again later.', 'account-locked'],
      ['Temporary Access Pass sign in was blocked due to User Credential Policy', 'tap-blocked'],
      [
        'Unfortunately, your password contains a word, phrase or pattern that makes it easily guessable.',
        'password-banned',
      ],
      [
        'Your sign-in was successful, but does not meet the criteria to access this resource',
        'ca-blocked',
      ],
      ['Need admin approval', 'consent-required'],
      ["We couldn't find an account with that username.", 'user-not-found'],
    ];
    for (const [text, intent] of cases) {
      const result = run(text);
      assert.equal(result.intent, intent, text);
      assert.equal(result.message?.intent, intent, text);
      assert.equal(result.code, undefined, text);
    }
  });

  it('lets a known message explain a generic code', () => {
    const result = run('AADSTS70002: Error validating credentials.\nYour account is blocked.');
    assert.equal(result.intent, 'risky-user-blocked');
    assert.equal(result.code, 70002);
    assert.equal(result.message?.id, 'risky-user-blocked');
  });

  it('calls an unknown AADSTS code other-known, with low confidence', () => {
    const result = run('AADSTS9999999: Something new happened.');
    assert.equal(result.intent, 'other-known');
    assert.deepEqual(result.codes, [9999999]);
    assert.equal(result.code, 9999999);
    assert.equal(result.entry, undefined);
    assert.ok(result.confidence < 0.5);
  });

  it('calls a sign-in error page with a non-AADSTS code other-known', () => {
    const result = run(`Error Code: 80043490\nCorrelation Id: ${CORRELATION}`);
    assert.equal(result.intent, 'other-known');
    assert.deepEqual(result.codes, []);
  });

  it('never guesses on unrelated text or unknown numbers', () => {
    for (const text of [
      '',
      'hello, can you reset my printer?',
      '12345',
      'Meeting moved to 2024-05-03 10:00, room 4.12',
    ]) {
      const result = run(text);
      assert.equal(result.intent, 'unrelated', text);
      assert.deepEqual(result.codes, [], text);
      assert.equal(result.entry, undefined);
      assert.equal(result.message, undefined);
    }
  });

  it('reads only the start of a huge paste and says so', () => {
    const huge = `AADSTS50126: Invalid username or password\n${'x'.repeat(MAX_PASTE_CHARS)}AADSTS53003`;
    const result = run(huge);
    assert.equal(result.truncated, true);
    assert.deepEqual(result.codes, [50126]);
  });

  it('uses the shipped catalog when none is given', () => {
    const result = triage(
      'AADSTS50126: Error validating credentials due to invalid username or password.',
    );
    assert.equal(result.code, 50126);
    assert.equal(result.entry?.code, 50126);
  });

  it('reads a paste whose words are also names on a JavaScript object ("constructor")', () => {
    // A word list kept as an object's properties once found Object's constructor for this word.
    assert.ok(tokens('the constructor failed').every((t) => typeof t === 'string'));
    const text = 'the constructor of my account failed to sign in today please help';
    const result = triage(text);
    assert.equal(result.intent, triage(text.replace('constructor', 'builder')).intent);
  });
});
