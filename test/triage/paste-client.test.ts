import assert from 'node:assert/strict';
import { readClient } from '../../src/triage/paste-client';
import { triage } from '../../src/triage/triage';

/**
 * The tool a paste comes from, by its own messages' words, so that "sign in again" can name that
 * tool's command. The messages follow what each tool prints.
 */
describe('triage: the tool a paste comes from', () => {
  const cases: Array<[string, string | undefined]> = [
    // Azure CLI after a refresh token ran out (the paste that found the problem).
    [
      'ERROR: AADSTS700082: The refresh token has expired due to inactivity.\nTo re-authenticate, please run:\naz login',
      'azure-cli',
    ],
    [
      "AADSTS50173: The provided grant has expired due to it being revoked. Please run 'az login' to setup account.",
      'azure-cli',
    ],
    // Azure PowerShell: "Run Connect-AzAccount to login."
    [
      'Get-AzResourceGroup: AADSTS700082: The refresh token has expired due to inactivity. Run Connect-AzAccount to login.',
      'azure-powershell',
    ],
    [
      'Connect-MgGraph : AADSTS70043: The refresh token has expired or is invalid',
      'graph-powershell',
    ],
    [
      'Microsoft.Identity.Client.MsalUiRequiredException: AADSTS700082: The refresh token has expired due to inactivity.',
      'msal',
    ],
    ['AADSTS700082: The refresh token has expired due to inactivity.', undefined],
    ['I could not sign in to Outlook this morning', undefined],
  ];
  for (const [text, client] of cases) {
    it(`${client ?? 'none'}: ${text.slice(0, 60)}`, () => {
      assert.equal(readClient(text), client);
      assert.equal(triage(text).client, client);
    });
  }
});
