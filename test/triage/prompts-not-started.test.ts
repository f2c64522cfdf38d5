import assert from 'node:assert/strict';
import { triage } from '../../src/triage/triage';
import { PROMPTS_NOT_STARTED_CUE } from '../../src/triage/concept-cues';

/**
 * Second-step requests or codes the person did not start (MFA fatigue, push bombing): the intent
 * stays the second step's, and the cue says the requests were not theirs, so the answer does not
 * tell them how to approve or offer a new pass. Phrasings follow real reports and help pages;
 * where no page had the person's own words, the wording is ours and says so.
 */
describe('triage: requests the person did not start', () => {
  const cases: Array<[string, string]> = [
    // The report that found the problem (walking the bot as an end user).
    [
      'I keep getting "Approve sign in request" on my phone but I never tried to log in, what do I do',
      'end-user walk of the bot',
    ],
    // https://www.wisconsin.edu/information-security/?p=643 ("login approval requests you did not ask for")
    ['My phone keeps buzzing with login approval requests I did not ask for', 'wisconsin.edu'],
    // https://bluechiptt.com/blog/unexpected-mfa-prompts-stop-and-report-them ("sign-in approval prompts you did not request")
    ["approval requests I didn't request keep coming to Authenticator", 'bluechiptt.com'],
    // https://faq.owens.edu/faq/when-to-approve-mfa-prompts ("unexpected push notifications from the Microsoft Authenticator")
    ['Getting random MFA requests all evening', 'faq.owens.edu'],
    ['MFA spam on my phone since this morning', 'faq.owens.edu (prompt bombing)'],
    // https://learn.microsoft.com/en-us/answers/questions/5895940/single-use-code-request ("codes that were not requested")
    ["I got a verification code I didn't ask for", 'learn.microsoft.com Q&A 5895940'],
    // https://learn.microsoft.com/en-us/answers/questions/5847545/authenticator-issue
    [
      "Authenticator asks me to approve a sign-in but I didn't sign in, it's not me",
      'learn.microsoft.com Q&A 5847545',
    ],
    // https://blog.silverpc.hu/2025/08/28/fremde-anmeldeversuche-und-einmalcodes-die-nicht-von-ihnen-kommen-so-sichern-sie-ihr-konto-sofort ("Jemand versucht, sich in Ihr Konto einzuloggen")
    [
      'Someone is trying to log into my account, I keep getting requests',
      'learn.microsoft.com Q&A 5895940',
    ],
    // https://blog.silverpc.hu/2025/09/09/standig-codes-vom-authenticator-obwohl-nichts-eingerichtet-ist-das-mussen-sie-jetzt-tun ("Sie haben sich nicht angemeldet")
    [
      'Ich bekomme ständig Anfragen im Authenticator, obwohl ich mich nicht anmelde.',
      'silverpc.hu (de)',
    ],
    [
      'Jemand versucht, sich in mein Konto einzuloggen, ich bekomme Bestätigungscodes',
      'silverpc.hu (de)',
    ],
    // https://login.gov/fr/help/fraud-concerns/i-am-receiving-security-codes-that-i-did-not-request ("des codes ... que je n'ai pas demandés")
    [
      "Je reçois des demandes d'approbation Microsoft Authenticator que je n'ai pas demandées",
      'login.gov (fr)',
    ],
    // https://www.clubic.com/actualite-578627-savez-vous-reperer-une-arnaque-a2f-voici-6-indices-a-connaitre-absolument.html
    ["Je n'ai pas essayé de me connecter mais j'ai reçu un code de vérification", 'clubic.com'],
    // https://blog.silverpc.hu/2025/09/12/problema-con-la-verificacion-mediante-microsoft-authenticator-que-nunca-configuraste-que-hacer-ahora
    [
      'Me llegan notificaciones de Authenticator para aprobar un inicio de sesión, pero no fui yo',
      'silverpc.hu (es)',
    ],
    // https://infoestafas.com/foro/consultas-generales-off-topic/casi-pierdo-mi-gmail-y-mis-whatsapp-instagram-por-no-revisar-los-accesos ("código de verificación que yo no había pedido")
    ['Recibo un código de verificación que no solicité', 'infoestafas.com'],
    // https://www.kaspersky.com.br/blog/unexpected-login-codes-otp-2fa/22235/ ("quando não estiver fazendo login")
    ['Recebo códigos de verificação que eu não pedi', 'kaspersky.com.br'],
    [
      'Alguém está tentando entrar na minha conta, chegam pedidos no Authenticator',
      'kaspersky.com.br',
    ],
    // https://cloudo3.com/it/windows/perche-continuo-a-ricevere-i-codici-di-verifica-microsoft/33300354 ("qualcuno sta tentando di accedere")
    [
      'Ricevo richieste di approvazione su Authenticator ma non ho provato ad accedere',
      'cloudo3.com (it)',
    ],
    [
      'Qualcuno sta tentando di accedere al mio account, arrivano codici di verifica',
      'cloudo3.com (it)',
    ],
    // https://faq.whatsapp.com/619670298808780/?locale=nl_NL ("verificatiecode zonder deze aangevraagd te hebben")
    ['Ik krijg een verificatiecode zonder deze aangevraagd te hebben', 'faq.whatsapp.com (nl)'],
    // No Dutch or Japanese report in the search corpus said it in the person's own words: ours.
    ['Ik krijg meldingen in Authenticator, maar ik heb niet geprobeerd in te loggen', 'ours (nl)'],
    ['サインインしていないのにAuthenticatorに承認要求が届きます', 'ours (ja)'],
    ['身に覚えのない認証コードがSMSで届きました', 'ours (ja)'],
  ];
  for (const [text, source] of cases) {
    it(`${text} (${source})`, () => {
      const t = triage(text);
      assert.equal(t.intent, 'mfa-required-or-failed');
      assert.equal(t.cue, PROMPTS_NOT_STARTED_CUE);
    });
  }

  describe('a pasted second-step code with the words: the cue still says so, the code stays', () => {
    const pasted: Array<[string, number]> = [
      // Both from walking the bot as an end user.
      ['AADSTS50074: Strong Authentication is required. But I never tried to log in', 50074],
      ["I keep getting approve sign-in requests with error 50158 and I didn't start this", 50158],
      ['Error 500121 on my phone again, someone is trying to sign in to my account', 500121],
    ];
    for (const [text, code] of pasted) {
      it(text, () => {
        const t = triage(text);
        assert.equal(t.intent, 'mfa-required-or-failed');
        assert.equal(t.code, code);
        assert.equal(t.cue, PROMPTS_NOT_STARTED_CUE);
      });
    }

    const without: string[] = [
      'AADSTS50074: Strong Authentication is required.',
      "AADSTS50158 after I pressed 'No, it's not me' by mistake",
      'AADSTS50076 I did not get the prompt on my phone',
    ];
    for (const text of without) {
      it(`no cue without the words: ${text}`, () => {
        assert.equal(triage(text).cue, undefined);
      });
    }
  });

  describe("the second step's other troubles keep their own cue", () => {
    const others: string[] = [
      // Authenticator's own button, pressed: the denied sign-in, not requests someone else made.
      "Pressed 'No, it's not me' on the Authenticator prompt and now I'm blocked",
      "I hit 'No, it's not me' on the Authenticator prompt by mistake",
      "I didn't get the MFA code",
      'Authenticator never shows the number prompt on my new phone.',
      'My Authenticator app randomly stopped working',
    ];
    for (const text of others) {
      it(text, () => {
        assert.notEqual(triage(text).cue, PROMPTS_NOT_STARTED_CUE);
      });
    }
  });
});
