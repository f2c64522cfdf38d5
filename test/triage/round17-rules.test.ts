import assert from 'node:assert/strict';
import { triageByRules } from '../../src/triage/triage';
import { testCatalog } from './support/test-catalog';

// Round 17 (dev-round17.md): kinds of miss read on that round, each shown with the real text it
// was read from (its source beside it) and a text on its other side.
const catalog = testCatalog();

describe('a security key, FIDO2 or a passkey as the second step', () => {
  it('reads a FIDO2 key the sign-in window loops on as the second step failing', () => {
    // https://github.com/Azure/azure-powershell/issues/22738
    const text =
      "FIDO 2 security key entry doesn't work when sign in\n\nThe problem I'm facing is that when I reach the sign-in window, the FIDO 2 Security Key doesn't seem to detect properly. Instead of progressing to a successful sign-in, the sign-in window keeps looping without completing the authentication process.";
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('reads a tool that cannot answer the FIDO challenge of an Entra account as the second step', () => {
    // https://github.com/himmelblau-idm/himmelblau/issues/393
    const text =
      'aad-tool fails if the user has FIDO2 enabled\n\nubuntu@ip-10-146-17-241:~$ sudo aad-tool auth-test --name user@entra-domain.com\nPassword:\n2025-02-18T16:41:31.541614Z ERROR aad_tool: Error: unexpected response -> PamAuthenticateStepResponse(Fido { fido_challenge: "XXX, fido_allow_list: ["XXX"] })';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('reads a passkey that Security info will not register for an Entra account as the second step', () => {
    // https://github.com/bitwarden/clients/issues/7696
    const text =
      "unable to register passkey for Azure/EntraID/M365\n\n1. Go to 'M365 Account Security Info'\n2. Click on 'Add Sign-In Method'\n\nActual Result\n\nA generic error message is shown saying a problem has encountered.";
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('keeps a personal Microsoft account stuck on a passkey page out of the work sign-in', () => {
    // https://github.com/SkyBlue997/MicrosoftRewardsPilot/issues/13 (round 13, labelled unrelated)
    const text =
      'I\'m experiencing an issue where the authentication process gets permanently stuck in a passkey setup loop. After successful password entry, Microsoft redirects to the passkey setup page. When I click "Skip for now", the page reloads but immediately returns to the same passkey setup screen.';
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it('keeps a security key mentioned as working out of the second step failing', () => {
    const text =
      'We handed out FIDO2 security keys to the finance team last week and everyone signed in with them this morning.';
    assert.notEqual(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });
});

describe('a dead phone and a code sent by text message', () => {
  it('reads "unless through the dead cell phone" about a work mailbox as the second step gone', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/26143
    const text =
      "No access to work email box unless through the dead cell phone.\n\nI am trying to do my job from home but the mail box doesn't work with no way to access it.";
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('reads a code by text message that arrives hours late as the second step failing', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/24387
    const text =
      'Message from Microsoft Authenticator\n\nPlease i have a problem with Microsoft Authentication. I choose to enter the application by sending a message to my phone but I receive the message after two hours !!!\nFirst i receive a message immediately with "Microsoft" and after 2 or 3 hours i receive the proper message with the entrance code. Please help me.';
    assert.equal(triageByRules(text, catalog).intent, 'mfa-required-or-failed');
  });

  it('keeps a dead battery that is not a phone, or a message sent to a colleague, out of it', () => {
    assert.equal(
      triageByRules('My laptop battery is dead, can I borrow a charger for the meeting?', catalog)
        .intent,
      'unrelated',
    );
    assert.equal(
      triageByRules(
        'I am sending a message to my manager about the holiday rota, she will reply later.',
        catalog,
      ).intent,
      'unrelated',
    );
  });
});

describe('"There is no such Microsoft account" for a school account', () => {
  it('reads it as a user the directory does not have', () => {
    // https://github.com/agam778/MS-365-Electron/issues/46
    const text =
      'Can\'t login with my school account\n\nI want to log in with my school account (e.g. [  ].edu) but it says "There is no such Microsoft account".\nBut I can still log in with that school account in my web browsers.';
    assert.equal(triageByRules(text, catalog).intent, 'user-not-found');
  });

  it('keeps "no such file" in a tool log out of it', () => {
    const text = 'ERROR: no such file or directory, open /home/me/.config/app/settings.json';
    assert.notEqual(triageByRules(text, catalog).intent, 'user-not-found');
  });
});

describe('a French lock-out told with "verrouille" and "trop nombreuses tentatives"', () => {
  it('reads the Microsoft 365 lock-out page as an account locked', () => {
    // https://fr.ittrip.xyz/ms-office/outlook/compte-outlook-bloque
    const text =
      'Vous saisissez votre mot de passe Outlook sans erreur et, malgré tout, le service verrouille immédiatement le compte pour « trop nombreuses tentatives de connexion ».\n\nMicrosoft 365 déclenche un verrouillage automatique lorsqu’il détecte une succession rapide d’échecs d’authentification.';
    assert.equal(triageByRules(text, catalog).intent, 'account-locked');
  });

  it('keeps a French BitLocker screen out of it', () => {
    const text =
      "L'écran BitLocker verrouille le PC au démarrage et demande la clé de récupération.";
    assert.notEqual(triageByRules(text, catalog).intent, 'account-locked');
  });
});

describe('a product that names itself in the line pointing to its administrator', () => {
  it('reads Autotask\'s "The user account has been locked" as another product\'s lock-out', () => {
    // https://github.com/AutotaskDevelopment/Sample-Code/issues/2
    const text =
      'Could you please help me on this? whenever i try to get the contact information it gets lock my user account.\n\n**Exception: The user account has been locked.  Please see your Autotask Administrator for details.**';
    assert.equal(triageByRules(text, catalog).intent, 'unrelated');
  });

  it('still reads "contact your IT admin" after the same sentence as the work account locked', () => {
    const text =
      'The user account has been locked. Please contact your IT admin to unlock it, I need Outlook today.';
    assert.equal(triageByRules(text, catalog).intent, 'account-locked');
  });
});

describe("questions put in a statement's order or as what a page is missing", () => {
  it('reads "it is possible to ... ?" as a question', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/36774
    const text =
      'it is possible to retrieve information via PowerShell for cloud user being locked out,  such as on premises has ? \n\nIf so please provide  the PowerShell command';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('reads "The step that is missing is HOW to get ..." as a question', () => {
    // https://github.com/MicrosoftDocs/azure-docs/issues/66335
    const text =
      'Running dsregcmd /status as recommended in the Troubleshooting sign-in issues section shows AzureAdJoined : YES and the SSO State as AzureAdPrt : NO.  AzureAdPrt needs to be YES.\n\nThe step that is missing is HOW to get the AzureAdPrt state to YES.';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });

  it('keeps "it is possible that ..." without a question mark a report', () => {
    const text =
      'It is possible that my account is locked, I cannot sign in to Outlook since this morning.';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });
});

describe('"es posible que" (it may be that) in a Spanish page', () => {
  it('reads the work-profile passkey page as a report, not a question', () => {
    // https://support.microsoft.com/es-es/account-billing/soluci%C3%B3n-de-problemas-de-inicio-de-sesi%C3%B3n-con-una-clave-de-paso-5f6b8965-342e-4aeb-b3fe-fc5179e06f2f
    const text =
      '"No pudimos iniciar sesión" al usar un perfil de Trabajo de Android\n\nSi ves el mensaje "No pudimos iniciar sesión" al intentar iniciar sesión en tu dispositivo Android, es posible que la clave de paso esté guardada en un perfil diferente.\n\nSi tu clave de paso para una cuenta de trabajo se creó con una aplicación de autenticación o cámara en tu perfil personal, tendrás que volver a crear una clave de paso en tu perfil de Trabajo.';
    assert.notEqual(triageByRules(text, catalog).intent, 'question');
  });

  it('keeps "¿Es posible usar ...?" a question', () => {
    const text =
      '¿Es posible usar una clave de seguridad FIDO2 con la cuenta de trabajo en Microsoft 365?';
    assert.equal(triageByRules(text, catalog).intent, 'question');
  });
});

describe('Exchange ActiveSync written apart and a client that cannot authenticate against the server', () => {
  it('reads TbSync refusing every password over "Exchange Active Sync" as the old sign-in refused', () => {
    // https://github.com/jobisoft/TbSync/issues/212
    const text =
      "Sync with Microsoft Office 365 - usual password does not work\n\nThe instructions to set up an Exchange Active Sync are correct so far, but when it comes to the point where TbSync tries to connect to the server, it won't accept any password you provide.\n\nIn case, nothing seems to work, the administrator of your Office 365 tenant maybe enabled Multi-Factor Authentication for all users.";
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('reads an ActiveSync add-on that "cannot authenticate against" Microsoft as the old sign-in refused', () => {
    // https://github.com/jobisoft/EAS-4-TbSync/issues/199
    const text =
      "suddenly stopped working - credentials invalid (?)\n\nTbSync cannot authenticate against M$.\n\nSadly, I don't know. My company has 2FA enabled but that wasn't an issue until now. I've heard that M$ changed something regarding \"old login methods\" but I haven't found anything regarding this yet.\n\n[Sending] : OPTIONS https://outlook.office365.com/Microsoft-Server-ActiveSync";
    assert.equal(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });

  it('keeps a VPN client that cannot authenticate against its gateway out of the mail sign-in', () => {
    const text =
      'The VPN client cannot authenticate against the gateway since the certificate was renewed.';
    assert.notEqual(triageByRules(text, catalog).intent, 'legacy-auth-blocked');
  });
});
