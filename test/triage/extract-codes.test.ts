import assert from 'node:assert/strict';
import { extractCodes } from '../../src/triage/extract-codes';
import { normalize } from '../../src/triage/normalize';
import { testCatalog } from './support/test-catalog';

const catalog = testCatalog();
const codesOf = (text: string): number[] => extractCodes(normalize(text).text, catalog);

describe('extractCodes', () => {
  it('finds prefixed codes in their usual spellings', () => {
    assert.deepEqual(
      codesOf('AADSTS53003: Access has been blocked by Conditional Access policies.'),
      [53003],
    );
    assert.deepEqual(codesOf('error AADSTS 50126 again'), [50126]);
    assert.deepEqual(codesOf('aadsts-700016'), [700016]);
    assert.deepEqual(codesOf('Message: AADSTS7000215: Invalid client secret provided.'), [7000215]);
  });

  it('finds prefixed codes inside URLs', () => {
    const url =
      'https://app.example/callback?error=invalid_client&error_description=AADSTS7000215%3a+Invalid+client+secret%0d%0aTrace+ID%3a';
    assert.deepEqual(codesOf(url), [7000215]);
    assert.deepEqual(codesOf('error_description=Something%20AADSTS50126%3a'), [50126]);
  });

  it('finds codes whose first letters were cut off', () => {
    assert.deepEqual(codesOf('DSTS53003: Access has been blocked'), [53003]);
    assert.deepEqual(codesOf('STS53003: Access has been blocked'), [53003]);
    assert.deepEqual(codesOf('TS50076: Due to a configuration change'), [50076]);
  });

  it('reads JSON error_codes lists', () => {
    const json =
      '{"error":"invalid_grant","error_codes":[70002, 50126],"timestamp":"2024-05-03 10:22:11Z"}';
    assert.deepEqual(codesOf(json), [70002, 50126]);
  });

  it('reads "Error Code" lines for known codes', () => {
    assert.deepEqual(codesOf('Error Code: 53003\nRequest Id: x'), [53003]);
    assert.deepEqual(codesOf('Error code 50126'), [50126]);
    assert.deepEqual(codesOf('{"errorCode": 50053, "failureReason": "locked"}'), [50053]);
  });

  it('reads the error-code label of localised pages, round codes too', () => {
    assert.deepEqual(codesOf('Fehlercode: 53000\nAnforderungs-ID: x'), [53000]);
    assert.deepEqual(codesOf('Foutcode: 53000'), [53000]);
    assert.deepEqual(codesOf('Código de erro: 53000'), [53000]);
    assert.deepEqual(codesOf('エラー コード: 53000'), [53000]);
    // An unknown code under the label of the Japanese sign-in log (learn.microsoft.com ja-jp).
    assert.deepEqual(codesOf('サインイン エラー コード: 5000611\nエラーの理由: x'), [5000611]);
  });

  it('reads an unknown labelled code only when the paste looks like an Entra error', () => {
    assert.deepEqual(codesOf('Error code: 12345'), []);
    assert.deepEqual(
      codesOf('Troubleshooting details\nError code: 12345\nCorrelation Id: x'),
      [12345],
    );
  });

  it('takes a bare known code and a known code called an error', () => {
    assert.deepEqual(codesOf('53003'), [53003]);
    assert.deepEqual(codesOf('  #50126. '), [50126]);
    assert.deepEqual(codesOf('50000'), [50000]);
    assert.deepEqual(codesOf('getting 53003 when I open Teams from home, any idea?'), [53003]);
    const long = `${'Opening Outlook from the laptop this morning. '.repeat(4)}It shows error 50126.`;
    assert.deepEqual(codesOf(long), [50126]);
  });

  it('ignores bare numbers that are not known codes', () => {
    assert.deepEqual(codesOf('12345'), []);
    assert.deepEqual(codesOf('error 99999'), []);
  });

  it('does not take dates, ports, addresses, HRESULTs or versions for codes', () => {
    const noise = [
      'Connection refused at localhost:50000 (error)',
      'Error at 10.50.126.1 and version 16.0.50126.20000',
      'Error 0x50126 (HRESULT 0x80070005)',
      'Error on 2024-05-03 at 10:22:11, build 50126-beta',
      'Error log at C:\\logs\\50126\\app.txt and /var/53003/x',
      'Error in 8f7a1b2c-5312-4abc-8def-500340000126',
      'Error ref 1234567890 and phone +1 425 555 0100',
    ];
    for (const text of noise) {
      const padded = `${text} ${'and more words to make this a longer paragraph '.repeat(3)}`;
      assert.deepEqual(codesOf(padded), [], padded);
    }
  });

  it('takes known codes cited in talk about signing in, but not counts or other numbers', () => {
    assert.deepEqual(
      codesOf('Users get 53003 after the new sign-in policy, and some see 50126 as well.'),
      [53003, 50126],
    );
    const others = [
      'After the sign-in change we have 50126 users and 53003 devices enrolled.',
      'Login is slow: 50126 ms on average. See ticket 53003 and case #50126.',
      'Sign-in page listens on port 50126 since version 53003.',
      'Password resets this year: 50000.',
      'After login the updater stopped with exit code 50126, reference 53003.',
    ];
    for (const text of others) assert.deepEqual(codesOf(text), [], text);
  });

  it('takes a code asked about for a person, round or not (the helpdesk form)', () => {
    assert.deepEqual(codesOf('53000 for sales@contoso.com'), [53000]);
    assert.deepEqual(codesOf('diagnose 50000 of user@contoso.com please'), [50000]);
    assert.deepEqual(codesOf('Password resets this year: 50000 for the team.'), []);
  });

  it('takes the other known numbers of a paste that already cites a code', () => {
    const text =
      'Please explain error code 50056. What is the difference between 50056 and 50126, and which one do I get?';
    assert.deepEqual(
      codesOf(text),
      [50056, 50126].filter((c) => catalog.byCode(c)),
    );
  });

  it('lists codes in order of appearance without repeats', () => {
    const log = [
      '2024-05-03T10:22:11Z ERROR AADSTS50058: A silent sign-in request was sent but no user is signed in.',
      '2024-05-03T10:22:14Z ERROR AADSTS53003: Access has been blocked by Conditional Access policies.',
      '2024-05-03T10:22:15Z ERROR AADSTS50058: again',
    ].join('\n');
    assert.deepEqual(codesOf(log), [50058, 53003]);
  });

  it('finds codes in an MSAL exception and in azure-cli output', () => {
    const msal =
      "Microsoft.Identity.Client.MsalUiRequiredException: AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'. Trace ID: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0 Correlation ID: 11111111-2222-3333-4444-555555555555 Timestamp: 2024-05-03 10:22:11Z\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync()";
    assert.deepEqual(codesOf(msal), [50076]);
    const cli =
      "ERROR: AADSTS700016: Application with identifier 'abc' was not found in the directory 'Contoso'.\nInteractive authentication is needed. Please run:\naz login --scope https://management.core.windows.net//.default";
    assert.deepEqual(codesOf(cli), [700016]);
  });

  it('joins a code split by a line-number link copied from a GitHub Actions log', () => {
    const log =
      "Error: : AADSTS700[21](https://github.com/org/repo/actions/runs/1/job/2#step:2:21)1: No matching federated identity record found for presented assertion issuer 'https://token.actions.githubusercontent.com/'.";
    assert.deepEqual(codesOf(log), [700211]);
    // Line-number links on their own lines are not codes, and the code after them still counts.
    const numbered =
      '[24](https://github.com/org/repo/actions/runs/1/job/2#step:2:25)\nDone setting cloud\n[25](https://github.com/org/repo/actions/runs/1/job/2#step:2:26)\nError: : AADSTS70021: No matching federated identity record found.';
    assert.deepEqual(codesOf(numbered), [70021]);
    // A link after a complete code, set apart by a space, is left alone.
    assert.deepEqual(codesOf('AADSTS50126 [12](https://example.com/a) wrong password'), [50126]);
  });
});
