/**
 * The second step's next steps that follow the person's own words (mfa-methods.ts): a phone
 * replaced or lost, requests that never arrive, a set-up the sign-in asks for. Each in the
 * person's words and in the helpdesk's.
 */

/** What to do about a new or lost phone, said where the methods are in order. */
export const NEW_PHONE =
  'On a new phone, add it at https://aka.ms/mysecurityinfo before removing the old one; with the old phone gone, the helpdesk can issue a Temporary Access Pass to register the new one.';

/**
 * The next steps for a new or lost phone in the person's own words ("I got a new phone", "lost my
 * phone"), with methods registered: getting in without the old phone, then moving the second step
 * to the new one. Typing the number into Authenticator is for a phone still at hand.
 */
export const NEW_PHONE_STEPS = {
  user: [
    'Sign in at https://aka.ms/mysecurityinfo: approve on the old phone if you still have it; without it, use the Temporary Access Pass the helpdesk gives you instead.',
    "Add Microsoft Authenticator on the new phone there (Add sign-in method), scan the code it shows with the new phone's app, and approve the test request.",
    "Delete the old phone's Authenticator (and its number, if that changed) from the same page, so no sign-in waits for a phone you no longer have.",
  ],
  helpdesk: [
    'Ask them to sign in at https://aka.ms/mysecurityinfo, approving on the old phone if they still have it; without it, issue a Temporary Access Pass for them to sign in with.',
    "There they add Microsoft Authenticator on the new phone (Add sign-in method), scan the code it shows with the new phone's app, and approve the test request.",
    "Then they delete the old phone's Authenticator (and its number, if that changed) from the same page, so no sign-in waits for a phone they no longer have.",
  ],
} as const;

/**
 * The next steps for second-step requests that never reach the phone ("Authenticator shows no
 * requests"): finding the request, letting it through, and another way in meanwhile.
 */
export const PROMPTS_MISSING_STEPS = {
  user: [
    'Open Microsoft Authenticator on the phone while the sign-in screen waits: a request that came without a notification shows once the app is open.',
    'Check that the phone is online and that Authenticator may send notifications (not silenced by a battery saver, focus or do-not-disturb mode).',
    'On the sign-in screen choose "Sign in another way" and use the six-digit code shown in Authenticator for this account, or a text or call to your phone if one is registered.',
    'If the phone was replaced or restored from a backup, its Authenticator account may no longer work: ask the helpdesk for a Temporary Access Pass and add the app again at https://aka.ms/mysecurityinfo.',
  ],
  helpdesk: [
    'Ask them to open Microsoft Authenticator on the phone while the sign-in screen waits: a request that came without a notification shows once the app is open.',
    'Have them check that the phone is online and that Authenticator may send notifications (not silenced by a battery saver, focus or do-not-disturb mode).',
    'On the sign-in screen they can choose "Sign in another way" and use the six-digit code shown in Authenticator for this account, or a text or call to their phone if one is registered.',
    'If the phone was replaced or restored from a backup, its Authenticator account may no longer work: issue a Temporary Access Pass so they can add the app again at https://aka.ms/mysecurityinfo.',
  ],
} as const;

/**
 * The next steps when the sign-in stops to have the person set up a second step ("More
 * information required"): finishing that set-up, and what to do without a smartphone.
 */
export const SET_UP_STEPS = {
  user: [
    'Choose Next on that screen and follow it: install Microsoft Authenticator on your phone when it asks, add your work account in the app by scanning the code shown, and approve the test request.',
    'No smartphone, or the app will not install? Choose "I want to set up a different method" on the same screen and pick your phone number (a text or a call) if it is offered, or ask the helpdesk.',
    'Once it is set up, sign-ins ask for that method; add a second one at https://aka.ms/mysecurityinfo so a lost phone does not lock you out.',
  ],
  helpdesk: [
    'Ask them to choose Next on that screen and follow it: install Microsoft Authenticator, add the work account in the app by scanning the code shown, and approve the test request.',
    'Without a smartphone they can choose "I want to set up a different method" and pick a phone number (a text or a call) if the policy allows it; otherwise issue a Temporary Access Pass and register another method with them.',
    'Once it is set up, suggest a second method at https://aka.ms/mysecurityinfo so a lost phone does not lock them out.',
  ],
} as const;
