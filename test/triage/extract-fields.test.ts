import assert from 'node:assert/strict';
import { extractFields } from '../../src/triage/extract-fields';
import { normalize } from '../../src/triage/normalize';

const fieldsOf = (text: string) => extractFields(normalize(text).text);

const REQUEST = '8f7a1b2c-0d1e-4f20-9a3b-4c5d6e7f8091';
const CORRELATION = '0b1c2d3e-4f50-4172-8394-a5b6c7d8e9f0';
const APP = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const entraPage = `Sign in
Sorry, but we're having trouble signing you in.
AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.
Troubleshooting details
If you contact your administrator, send this info to them.
Copy info to clipboard
Request Id: ${REQUEST}
Correlation Id: ${CORRELATION}
Timestamp: 2024-05-03T10:22:11.123Z
Message: AADSTS53003: Access has been blocked by Conditional Access policies.
App name: Microsoft Teams Web Client
App id: ${APP}
IP address: 203.0.113.5
Device identifier: Not available
Device platform: Windows 10
Device state: Unregistered
Signed in as: alice@contoso.com
Flag sign-in errors for review: Enable flagging`;

describe('extractFields', () => {
  it('reads the Entra troubleshooting details block', () => {
    assert.deepEqual(fieldsOf(entraPage), {
      requestId: REQUEST,
      correlationId: CORRELATION,
      timestamp: '2024-05-03T10:22:11.123Z',
      appName: 'Microsoft Teams Web Client',
      appId: APP,
      ip: '203.0.113.5',
      devicePlatform: 'Windows 10',
      deviceState: 'Unregistered',
      upn: 'alice@contoso.com',
    });
  });

  it('reads labels written in Markdown bold, as a ticket or a chat renders a form', () => {
    const ticket = [
      '**Error Code:** 53003',
      '**IP Address:** 203.0.113.7',
      '**Timestamp:** 2024-05-03T10:22:11Z',
      `**Correlation ID**: **${CORRELATION}**`,
      `- __Request Id:__ ${REQUEST}`,
      '**App name:** Microsoft Teams Web Client',
    ].join('\n');
    assert.deepEqual(fieldsOf(ticket), {
      ip: '203.0.113.7',
      timestamp: '2024-05-03T10:22:11Z',
      correlationId: CORRELATION,
      requestId: REQUEST,
      appName: 'Microsoft Teams Web Client',
    });
  });

  it('reads the details block in Italian, Portuguese, Dutch and Japanese labels', () => {
    const request = '08c11a39-bbae-4e5c-b9d0-fd981f7d9d00';
    const correlation = '4f9c9afe-b5af-4be0-9690-8633ddd2ab4b';
    const blocks: Array<[string, string, string]> = [
      ['ID richiesta', 'ID correlazione', 'Accesso eseguito come'],
      ['ID da Solicitação', 'ID de Correlação', 'Conectado como'],
      ['Aanvraag-id', 'Correlatie-id', 'Aangemeld als'],
      ['要求 ID', '相関 ID', 'サインインしているユーザー'],
    ];
    for (const [req, corr, user] of blocks) {
      const fields = extractFields(
        normalize(`${req}: ${request}\n${corr}: ${correlation}\n${user}: anna@contoso.com`).text,
      );
      assert.equal(fields.requestId, request, req);
      assert.equal(fields.correlationId, correlation, corr);
      assert.equal(fields.upn, 'anna@contoso.com', user);
    }
  });

  it('reads the trace id of a localised AADSTS message', () => {
    const trace = '08c11a39-bbae-4e5c-b9d0-fd981f7d9d00';
    for (const label of [
      'Ablaufverfolgungs-ID',
      'ID de suivi',
      'Id. de seguimiento',
      'トレース ID',
    ]) {
      assert.equal(extractFields(normalize(`${label}: ${trace}`).text).traceId, trace, label);
    }
  });

  it('reads values placed on the line after their label, and keeps ids as written', () => {
    const block = `Request ID\n${REQUEST.toUpperCase()}\nCorrelation ID\n{${CORRELATION}}\nDevice state\nCompliant`;
    assert.deepEqual(fieldsOf(block), {
      requestId: REQUEST.toUpperCase(),
      correlationId: CORRELATION,
      deviceState: 'Compliant',
    });
  });

  it('reads OAuth error JSON, escaped line breaks included', () => {
    const json = `{"error":"interaction_required","error_description":"AADSTS50076: Due to a configuration change made by your administrator.\\r\\nTrace ID: ${REQUEST}\\r\\nCorrelation ID: ${CORRELATION}\\r\\nTimestamp: 2024-05-03 10:22:11Z","error_codes":[50076],"timestamp":"2024-05-03 10:22:11Z","trace_id":"${REQUEST}","correlation_id":"${CORRELATION}","error_uri":"https://login.microsoftonline.com/error?code=50076"}`;
    assert.deepEqual(fieldsOf(json), {
      traceId: REQUEST,
      correlationId: CORRELATION,
      timestamp: '2024-05-03 10:22:11Z',
    });
  });

  it('reads ids written on one line by MSAL and azure-cli', () => {
    const line = `ERROR: AADSTS50173: The provided grant has expired. Trace ID: ${REQUEST} Correlation ID: ${CORRELATION} Timestamp: 2024-05-03 10:22:11Z`;
    assert.deepEqual(fieldsOf(line), {
      traceId: REQUEST,
      correlationId: CORRELATION,
      timestamp: '2024-05-03 10:22:11Z',
    });
  });

  it('cuts a text value where the next label starts on the same line', () => {
    assert.deepEqual(fieldsOf('Device platform: iOS 17 Device state: Registered'), {
      devicePlatform: 'iOS 17',
      deviceState: 'Registered',
    });
  });

  it('reads the user and the app from AADSTS wording', () => {
    const guest = `AADSTS50020: User account 'bob@fabrikam.com' from identity provider 'https://sts.windows.net/${CORRELATION}/' does not exist in tenant 'Contoso' and cannot access the application '${APP}'(Contoso Portal) in that tenant.`;
    assert.deepEqual(fieldsOf(guest), {
      upn: 'bob@fabrikam.com',
      appId: APP,
      appName: 'Contoso Portal',
    });
    const consent = `AADSTS65001: The user or administrator has not consented to use the application with ID '${APP}' named 'Payroll Sync'.`;
    assert.deepEqual(fieldsOf(consent), { appId: APP, appName: 'Payroll Sync' });
  });

  it('skips placeholders and values that are not ids or addresses', () => {
    const text =
      'Request Id: not-a-guid\nDevice identifier: Not available\nIP address: 999.1.1.1\nDevice state: N/A\nSigned in as: nobody';
    assert.deepEqual(fieldsOf(text), {});
  });

  it('reads IPv6 addresses and sign-in log JSON keys', () => {
    const json = `{"createdDateTime":"2024-05-03T10:22:11Z","userPrincipalName":"carol@contoso.com","appId":"${APP}","appDisplayName":"Office 365 Exchange Online","ipAddress":"2001:db8::1","correlationId":"${CORRELATION}","deviceDetail":{"deviceId":"","operatingSystem":"Windows10"}}`;
    assert.deepEqual(fieldsOf(json), {
      timestamp: '2024-05-03T10:22:11Z',
      upn: 'carol@contoso.com',
      appId: APP,
      appName: 'Office 365 Exchange Online',
      ip: '2001:db8::1',
      correlationId: CORRELATION,
      devicePlatform: 'Windows10',
    });
  });

  it('keeps the first of two log lines', () => {
    const other = '22222222-3333-4444-5555-666666666666';
    const lines = `Correlation ID: ${CORRELATION} Timestamp: 2024-05-03 10:22:11Z\nCorrelation ID: ${other} Timestamp: 2024-05-03 10:25:00Z`;
    assert.equal(fieldsOf(lines).correlationId, CORRELATION);
    assert.equal(fieldsOf(lines).timestamp, '2024-05-03 10:22:11Z');
  });

  it('accepts GUIDs written as 32 hex digits', () => {
    const compact = CORRELATION.replace(/-/g, '');
    assert.deepEqual(fieldsOf(`Error Code: 80043490\nCorrelation Id: ${compact}`), {
      correlationId: compact,
    });
  });

  it('reads the labels of a translated error page', () => {
    const page = `Id. de solicitud: ${REQUEST}\nId. de correlación: ${CORRELATION}\nNombre de la aplicación: Office 365 Exchange Online\nId. de la aplicación: ${APP}\nDirección IP: 203.0.113.9\nIdentificador del dispositivo: No disponible\nPlataforma del dispositivo: Windows 10\nEstado del dispositivo: Unregistered`;
    assert.deepEqual(fieldsOf(page), {
      requestId: REQUEST,
      correlationId: CORRELATION,
      appName: 'Office 365 Exchange Online',
      appId: APP,
      ip: '203.0.113.9',
      devicePlatform: 'Windows 10',
      deviceState: 'Unregistered',
    });
  });

  it('does not take prose after a label for its value, but takes a quoted one', () => {
    assert.deepEqual(fieldsOf('the device state is unknown and app name was empty'), {});
    assert.deepEqual(fieldsOf('I see that Device State is "Unregistered" and more'), {
      deviceState: 'Unregistered',
    });
    assert.deepEqual(fieldsOf('fails with error 530003 ("Device state: Unregistered") each time'), {
      deviceState: 'Unregistered',
    });
  });

  it('reads the user a helpdesk request or a log line names', () => {
    assert.equal(fieldsOf('53003 for alice@contoso.com').upn, 'alice@contoso.com');
    assert.equal(
      fieldsOf('[info] [https://x/.default] [bob@contoso.com] failed silently').upn,
      'bob@contoso.com',
    );
    assert.equal(
      fieldsOf("AADSTS50105: The signed in user 'carol@contoso.com' is not assigned").upn,
      'carol@contoso.com',
    );
    assert.equal(fieldsOf('write to support@vendor.example for help').upn, undefined);
  });

  it('returns nothing for text without details', () => {
    assert.deepEqual(fieldsOf('Your account is blocked'), {});
  });
});
