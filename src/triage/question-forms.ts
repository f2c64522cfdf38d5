/**
 * The shapes of a question in the languages triage reads, apart from English (question.ts keeps
 * the English openings and the failure patterns). These are forms, not topics: a sentence that
 * opens with a question word or a verb put first to ask, an FAQ's "Q:" heading, a question
 * particle or polite question ending. What the question is about is question-topics.ts's to tell.
 */

// A sentence opening with a question word, or with a verb put first to ask ("kan jag ...",
// "czy mogę ...", "можно ли ..."). Matched at the start of a sentence or after a comma.
// Words that also mean "as" or "like" ("como", "come", "jak", "как") need a verb beside them.
export const GREETING =
  '(?:(?:hi|hello|hey|hallo|bonjour|hola|ciao|olá|oi|hej|hei|cześć|dzień dobry|ahoj|merhaba|привет|здравствуйте)(?![\\p{L}])[^.!?\\n]{0,30}[,.!]\\s*)?';
const LOCALISED_OPENING = new RegExp(
  '(?:^|[(,;:]\\s*)' +
    GREETING +
    '(?:' +
    // German
    'wie (?:kann|können|richte|aktiviere|funktioniert|lange|oft|viele|setze|stelle|deaktiviere|bekomme|finde)|' +
    'was (?:ist|sind|passiert|bedeutet|muss|kann)|warum|wieso|weshalb|welche[rsnm]? \\p{L}+ (?:ist|sind|muss|brauche|kann)|' +
    'kann (?:ich|man|wir)|können (?:wir|benutzer|gäste|admins)|ist es möglich|gibt es|muss (?:ich|man)|brauche (?:ich|man)|' +
    // French
    "comment (?:puis|peut|faire|configurer|activer|désactiver|fonctionne)|pourquoi|qu'est-ce|que (?:faire|se passe)|" +
    'quel(?:le)?s? (?:est|sont)|est-ce (?:que|qu)|est-il possible|peut-on|puis-je|faut-il|y a-t-il|' +
    // Spanish, Portuguese, Italian. "Es posible que ..." (it may be that ...) is a statement, unlike
    // "¿es posible + infinitive ...?" (round 17).
    'c[oó]mo (?:puedo|se|configuro|activo|habilito|posso|faço|fazer|configurar|ativar|habilitar|desativar|redefinir|funciona|podemos)|' +
    'qu[eé] (?:es|pasa|significa|sucede|ocurre)|o que (?:é|acontece|significa)|por qu[eé]|por que|' +
    'cu[aá]l(?:es)? (?:es|son)|qua(?:l|is) (?:é|são)|es posible(?! que)|é possível(?! que)|hay (?:alguna|forma|manera)|existe (?:alguma|uma|algum)|' +
    'come (?:posso|si|possiamo|funziona)|perch[eé]|cosa (?:è|succede|significa)|che cos|è possibile(?! che)|si può|' +
    // Dutch
    'hoe (?:kan|stel|schakel|werkt|lang|moet)|wat (?:is|gebeurt|betekent)|waarom|welke \\p{L}+ (?:is|moet)|kan ik|kunnen (?:we|wij|gebruikers)|is het mogelijk|moet ik|' +
    // Swedish, Norwegian, Danish
    'hur (?:kan|gör|ställer|aktiverar|fungerar|länge|många|ofta)|varför|vad (?:är|händer|betyder|innebär)|' +
    'kan (?:jag|vi|man|användare|admins?)|går det att|finns det|måste (?:jag|vi|man)|' +
    'hvordan|hvorfor|hva (?:er|skjer|betyr)|hvad (?:er|sker|betyder)|kan (?:jeg|vi|man|brukere|brugere)|finnes det|findes der|er det mulig|må (?:jeg|vi|man)|' +
    // Polish, Czech
    'czy|dlaczego|jak (?:mogę|można|skonfigurować|włączyć|wyłączyć|ustawić|zresetować|zmienić|działa|długo|często)|co (?:to|oznacza|zrobić|się dzieje)|' +
    'proč|jak (?:mohu|můžu|lze|nastavit|zapnout|vypnout|funguje|dlouho)|co (?:je|znamená|dělat)|je možné|lze|' +
    // Russian
    'почему|зачем|как (?:мне|можно|настроить|включить|отключить|сбросить|изменить|работает|долго)|что (?:такое|делать|означает|значит|будет)|' +
    'можно ли|нужно ли|есть ли|какой|какая|какие|' +
    // Turkish
    'nasıl|neden|niçin|ne (?:zaman|demek|olur)|hangi' +
    ')(?![\\p{L}\\p{N}])',
  'iu',
);
// Languages that ask at the end of the sentence: a question particle or a polite question form.
// Japanese "...でしょうか？", "...ますか？"; Korean "...나요?", "...까요?", "...습니까?";
// Turkish "... mı?"; Chinese "...吗？"; and a question word anywhere in a Korean, Chinese or
// Turkish sentence that ends in a question mark.
const JAPANESE_QUESTION =
  /(?:でしょうか|ますか|ですか|ませんか|のか|か)[?？]?\s*$|(?:どうすれば|どのように|なぜ|どうやって|方法を教えて)|とは(?:何|なに)?(?:ですか)?[?？]?\s*$/m;
const CHINESE_QUESTION =
  /^[\s\p{P}\p{S}]*(?:如何|怎么|怎麼|怎样|怎樣|为什么|為什麼|是否|能否|可否|哪些|哪个|哪個|什么是|什麼是)|[吗嗎呢][?？]?\s*$/mu;
const KOREAN_QUESTION =
  /(?:나요|까요|니까|가요|는지요|은가요|을까|인가|방법)\s*[?？]?\s*$|(?:어떻게|왜|무엇|어디|언제|어느)/m;
const TURKISH_QUESTION = /\s(?:mı|mi|mu|mü)(?:dır|dir|dur|dür|yım|yim|sınız|siniz)?\s*[?？]?\s*$/im;

/**
 * A pasted page rather than a written question: two or more short label lines (a heading, a
 * button, an account name) and only short lines asking ("Forgot your password?").
 */
export function looksLikePage(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const labels = lines.filter((l) => l.length <= PAGE_LINE_CHARS && !/[.?!:;,。？！：]$/.test(l));
  const asking = lines.filter((l) => /[?？]$/.test(l));
  return (
    labels.length >= 2 && asking.length > 0 && asking.every((l) => l.length <= PAGE_QUESTION_CHARS)
  );
}
const PAGE_LINE_CHARS = 40;

// The writer speaking of themselves, in the languages triage reads: a question's own context ("I
// turned off ...", "Mine aren't") rather than a help page's answer.
const FIRST_PERSON =
  /(?<![\p{L}'])(?:i|i'm|i've|i'd|me|my|mine|we|we're|we've|our|us|je|j'|moi|mon|ma|mes|nous|eu|meu|minha|nós|io|mio|mia|noi|ich|mein\p{L}*|wir|unser\p{L}*|yo|mis?|nosotros|ik|mijn|wij|jag|min|vi)(?![\p{L}'])|[我私僕]|저는|제가/iu;
// A help page's question heading and its answer: the first line asks, two or more sentences
// follow, none asks and none speaks of the writer ("Account ... bloccato per troppi tentativi?" /
// "Quando si inserisce più volte una password errata, ..."). The heading is the page's, not a
// person's question: what the page says is read as any other text is.
export function looksLikeAnsweredHeading(text: string): boolean {
  const trimmed = text.trim();
  const end = trimmed.indexOf('\n');
  if (end < 0 || !/[?？]\s*$/.test(trimmed.slice(0, end))) return false;
  const answer = trimmed.slice(end + 1).trim();
  if (/[?？]/.test(answer) || FIRST_PERSON.test(answer)) return false;
  return answer.split(/(?<=[.!。！])\s*/).filter((s) => s.trim().length > 0).length >= 2;
}
const PAGE_QUESTION_CHARS = 50;

/**
 * Whether a sentence is a question by its form in one of the languages above. `ascii`: the caller
 * knows the sentence is all ASCII, so the Japanese, Chinese and Korean forms (each of whose
 * alternatives holds a character of those scripts) cannot match and are not tried.
 */
export function asksInOtherLanguage(sentence: string, ascii = false): boolean {
  return (
    LOCALISED_OPENING.test(sentence) ||
    (!ascii && JAPANESE_QUESTION.test(sentence)) ||
    (!ascii && CHINESE_QUESTION.test(sentence)) ||
    (!ascii && KOREAN_QUESTION.test(sentence)) ||
    TURKISH_QUESTION.test(sentence)
  );
}

// An FAQ's or a tracker's question heading: "[Question]", "Q:", "Q.", "F:" (fråga), "P:"
// (pytanie, pergunta), "Question",
// "ご質問" or "질문" alone on the first line.
export const QUESTION_HEADING =
  /^\s*(?:\[(?:question|q|faq|how-?to)\]|(?:q|f|p|v)\s*[.:：]|q\s*\d{1,3}\s*[.:：]|(?:question|frage|質問|ご質問|问题|問題|질문|pregunta|pergunta|domanda|vraag|fråga|spørsmål|pytanie|otázka|soru|вопрос)\s*(?:[:：.-]|\n))/i;

// A failure in another language: an error shown, "cannot sign in", "can't access your account?",
// "the code never arrives" (as their English forms are read in question.ts), in a statement or in
// a question.
export const LOCALISED_FAILURE = new RegExp(
  [
    'エラー[^。.\\n]{0,15}(?:表示|出ます|出る|発生)|(?:ログイン|サインイン|アクセス|接続)(?:が|も)?でき(?:ません|ない)',
    '无法(?:登录|登入|访问|登陆)|無法(?:登入|登錄|存取)|登录失败|登入失敗',
    '(?:로그인|접속|액세스)(?:이|을|가)?\\s*(?:할 수 없|안 ?됩니다|안 ?돼요|실패했|실패합니다)',
    '(?:kann|können) (?:mich |uns |sich )?nicht (?:anmelden|einloggen|zugreifen)|anmeldung (?:ist )?(?:fehlgeschlagen|nicht möglich)',
    "impossible de (?:se|vous|me|nous) connecter|impossible d'accéder|(?:ne|n') ?(?:peux|pouvez|peut|pouvons) pas (?:me |vous |se |nous )?(?:connecter|accéder)",
    'no (?:puedo|puede|puedes|podemos) (?:iniciar sesión|acceder|entrar)',
    'não (?:consigo|consegue|conseguimos|é possível) (?:entrar|acessar|aceder|fazer login|iniciar sessão)',
    'non (?:riesco|riesci|riesce|riusciamo|è possibile) (?:ad |a )?(?:accedere|entrare)',
    'kan (?:niet|geen) (?:aanmelden|inloggen|toegang)|kan inte (?:logga in|komma åt)|kan ikke (?:logge inn|logge på|få tilgang)',
    'nie (?:mogę|możesz|można|może|możemy) (?:się )?(?:zalogować|uzyskać dostępu)',
    'nemůžete se (?:dostat|přihlásit)|nemohu se (?:dostat|přihlásit)|nelze se přihlásit',
    'не (?:удается|удаётся|могу|можете|может|можем) (?:войти|получить доступ)',
    'erişemiyor|giriş yapamıyor|oturum açamıyor',
    // A code or a notification that never comes, told of as it happened.
    "(?:no|nunca) (?:me )?llega|não (?:me )?chega|n'arrive (?:pas|jamais)|kommt nicht an|kommt nie an|non (?:mi )?arriva|komt niet aan|kommer inte fram|kommer ikke frem|nie dociera|не приходит|gelmiyor|届きません|届かない|收不到|没有收到|오지 않|안 와요",
  ].join('|'),
  'iu',
);

// Something that does not work, told in a statement in another language ("... dass die App nach
// einem Wechsel des Smartphones nicht mehr richtig funktioniert", round 16), as the English "does
// not work" is read in question.ts: a report. German and Dutch put the verb last in a clause.
export const LOCALISED_NOT_WORKING = new RegExp(
  [
    '\\bfunktionier\\w*\\b[^.!?\\n]{0,60}\\bnicht\\b|\\bnicht\\b[^.!?\\n]{0,30}\\bfunktionier\\w*|\\bgeht nicht mehr\\b|\\bklappt nicht\\b',
    '\\bne (?:fonctionne|marche) (?:pas|plus)\\b',
    '\\b(?:ya )?no funciona\\b|\\bdej[óo] de funcionar\\b',
    '\\bnão funciona\\b|\\bparou de funcionar\\b',
    '\\bnon funziona\\b|\\bsmesso di funzionare\\b',
    '\\bwerkt (?:niet|niet meer|nog steeds niet)\\b|\\bniet (?:meer )?werkt\\b',
    '動作しません|動作しない|機能しません|機能しない|反応しません|反応しない|使えなくなり',
  ].join('|'),
  'iu',
);

// The word "error" in the languages whose grammar triage does not read: it cannot tell "what does
// this error mean?" from "I get this error", so a text naming an error stays an error report.
export const LOCALISED_ERROR_WORD =
  /오류|에러|(?<![\p{L}])(?:fel(?:et|meddelande)?|feil(?:en|melding)?|błąd|błędu|hata(?:sı)?|ошибк\p{L}*|erro|erreur|fehler(?:meldung|code)?|errore|fout(?:melding)?)(?![\p{L}])|エラー|错误|錯誤|失败|失敗/iu;

// Words of the sign-in world in the languages above (English and the older ones are in
// question.ts): a question with none of these is not one this bot should claim.
export const LOCALISED_SIGN_IN_TOPIC =
  /로그인|인증|계정|사용자|암호|비밀번호|관리자|테넌트|조건부|användare|lösen ?ord|inloggning|logga in|behörighet|autenti[cfksz]|bruker|brugere?|passord|adgangskode|pålogging|innlogging|logge inn|użytkownik|hasł|logowani|zaloguj|uwierzytelni|kullanıcı|şifre|parola|oturum aç|hesap|kimlik doğrulama|uživatel|hesl[oa]|přihlá|účet|ověřování|пользовател|парол|вход|войти|учетн|учётн|аутентификац|администратор|utilizador|身份验证|验证|認證|认证|风险|風險|リスク|위험/i;
