/**
 * The words of requests or codes the person did not start (MFA fatigue, push bombing), read by
 * the concept cue of that name (concept-cues.ts): someone else very likely has the password.
 */

export const PROMPTS_NOT_STARTED_CUE = 'prompts-not-started';

// What arrives on the phone, beyond the second step's own words (MFA in concept-cues.ts): a
// request to approve, a notification, a code, a sign-in attempt.
export const PROMPT_WORDS =
  /\b(?:sign[ -]?in|log[ -]?in|login|log ?on|logon) (?:requests?|prompts?|notifications?|attempts?|alerts?|approvals?)\b|\b(?:requests?|prompts?|notifications?|pushes|codes?|texts?)\b|anmeldeanfrage\w*|anfrage\w*|demandes?\b|notifications?\b|solicitud\w*|notificaci\w*|c[oó]digos?\b|solicita[cç]\w*|notifica[cç]\w*|richiest[ae]\b|notifich[ae]\b|codice|codici|verzoek\w*|aanvra\w*|melding\w*|要求|リクエスト|通知|コード|承認/;
// The person says they did not start it: they were not signing in, it was not them, they did not
// ask for it. In the languages the second step's own pages use. Authenticator's own button ("No,
// it's not me") is what was pressed, not what happened, and is left to the denied sign-in.
export const NOT_STARTED =
  /\bnever (?:tried|try|attempted|wanted|meant) to (?:log|sign)(?: ?in(?:to)?| ?on(?:to)?)\b|\b(?:i'?m|i am|i was|we were|we'?re|i|we) (?:not|never|didn'?t|did not|wasn'?t|was not)(?: even)?(?: (?:try|trying|tried|attempting|attempted) to)? (?:sign|log)(?:g?ing|g?ed)?(?: ?in(?:to)?| ?on(?:to)?)\b|(?<!\bno,? (?:it'?s |it is )?)\b(?:wasn'?t|was not|it'?s not|is not|isn'?t|not) me\b|\bnot (?:the one|me who) (?:signing|logging|trying)\b|\b(?:i|we) (?:didn'?t|did not|never|haven'?t|have not) (?:request(?:ed)?|ask(?:ed)? for|initiat\w*|start(?:ed)?|trigger(?:ed)?)\b|\bnot (?:requested|initiated|started|triggered) by (?:me|us)\b|\b(?:unrequested|unsolicited|uninitiated)\b|(?:habe|hab) mich (?:gar )?nicht angemeldet|ich melde mich (?:gar )?nicht an|obwohl ich mich (?:gar )?nicht (?:anmelde|angemeldet)|nicht versucht,? mich an(?:zu)?melden|nicht von mir|war (?:nicht ich|ich nicht)|(?:die|das) ich nicht angefordert|nicht angefordert|unaufgefordert|n'ai (?:pas|jamais) (?:essayé|tenté|demandé) de me connecter|je ne me suis pas connecté|ne suis pas en train de me connecter|(?<!\bnon,? (?:ce )?)(?:ce )?n'(?:est|était) pas moi|que je n'ai (?:pas|jamais) (?:demandée?s?|sollicitée?s?|initiée?s?|lancée?s?)|no (?:he |había )?(?:intentado|intenté|trataba|traté|estaba intentando) (?:de )?(?:iniciar sesión|entrar|acceder|conectarme)|(?<!\bno,? )no (?:fui|era|soy) yo|no he sido yo|que (?:yo )?no (?:he )?(?:solicitado|solicité|pedido|pedí)|não (?:tentei|estava tentando|estou tentando|tentava) (?:fazer login|entrar|acessar|aceder|iniciar sessão)|(?<!\bnão,? )não (?:fui|era|sou) eu|que (?:eu )?não (?:solicitei|pedi|requisitei)|quando (?:eu )?não (?:estiver|estou|estava) (?:fazendo login|entrando)|non (?:ho|stavo) (?:provato|tentato|cercando|provando) (?:a |ad |di )?(?:accedere|entrare|fare (?:il )?login)|non sono stat[oa] io|non ero io|che non ho (?:richiesto|chiesto|avviato)|niet (?:geprobeerd|proberen) (?:om )?in te loggen|ik (?:was|ben) niet aan het inloggen|(?:heb|had) (?:zelf )?niet (?:ingelogd|aangemeld)|niet door mij|(?:die|dat) ik niet (?:heb |had )?(?:aangevraagd|gevraagd)|was ik niet|zonder (?:deze |die |dat )?(?:aangevraagd|gevraagd) te hebben|zonder dat ik (?:inlog|me aanmeld)|(?:サインイン|ログイン)(?:しようと)?して(?:い)?ないのに|身に覚えのない|心当たりのない|覚えのない|(?:要求|リクエスト)していない/;
// Words that name the attack itself, or someone else signing in: no second word needed.
export const SOMEONE_ELSE_SIGNING_IN =
  /\b(?:someone|somebody)(?: else)?(?: is| was|'s| keeps| has been)? (?:trying|tried|attempting|attempted|try) to (?:log|sign|get|break)(?: ?in(?:to)?| ?on(?:to)?)\b|\b(?:mfa|authenticator|push|approval|sign[ -]?in|login|2fa|verification|notification|prompt|request)s? (?:spam\w*|bomb\w*|flood\w*|fatigue|storm)\b|\b(?:spamm?ed|bombarded|flooded|bombed) (?:with )?(?:\w+ )?(?:mfa|authenticator|push|approval|sign[ -]?in|login|verification|2fa)\b|\b(?:random(?:ly)?|unexpected|unknown|strange|constant|endless) (?:mfa |authenticator |sign[ -]?in |login |log[ -]?in |verification |approval |2fa |push |microsoft )?(?:requests|prompts|notifications|approvals|pushes|codes)\b|jemand(?: anderes)? versucht,? sich [^.!?\n]{0,30}(?:an(?:zu)?melden|einzuloggen)|quelqu'un (?:essaie|essaye|tente|a essayé|a tenté) de (?:se connecter|me pirater|accéder)|alguien (?:está |esta )?(?:intent\w*|trat\w*) (?:de )?(?:entrar|iniciar sesión|acceder)|alguém (?:está |esta )?(?:tentando|a tentar|tentou) (?:entrar|acessar|aceder|fazer login|iniciar sessão)|qualcuno (?:sta )?(?:cercando|provando|tentando|tenta|prova|cerca|ha provato|ha tentato) (?:di |a |ad )?(?:accedere|entrare)|iemand (?:anders )?probeert (?:om )?in te loggen|誰か(?:が)?[^。\n]{0,20}(?:ログイン|サインイン)しようと/;

/**
 * Whether the words beside a pasted second-step code say the person did not start the sign-in
 * ("AADSTS50074 ... but I never tried to log in"): the code is the request that arrived, so no
 * word for it is needed; the person's own words, or the attack named, are. Reads the paste's
 * lower-case flat text.
 */
export function saysNotStarted(flat: string): boolean {
  const text = flat.replace(/[’‘`]/g, "'");
  return NOT_STARTED.test(text) || SOMEONE_ELSE_SIGNING_IN.test(text);
}
