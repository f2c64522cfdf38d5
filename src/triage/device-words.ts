/**
 * Words about the device rather than the account (concept-cues.ts combines them into cues): its
 * compliance and management, its join and registration with the organisation, a device the
 * organisation switched off, and its own password rules.
 */

export const COMPLIANT =
  /\bcomplian(?:t|ce)\b|non-?compliant|not compliant|\bmanaged device|device (?:is not|isn'?t|must be) managed|intune|company portal|mdm\b|konform|conforme|compatible|compatível|compatibel|準拠|verwaltet|géré|administrado|gerenciado|gestito|beheerd|管理|kompatibel|hanterad/;
export const DEVICE =
  /\bdevice|\bios\b|\bipados\b|\bmacos\b|\blaptop|\bphone|\bpc\b|computer|\bmac\b|iphone|android|ipad|windows|gerät|appareil|dispositivo|デバイス|gerät|appareil|dispositivo|apparaat|デバイス|端末|enhet/;
// Windows' own join and enrolment page ("Confirm you are using the correct sign-in information and
// that your organization uses this feature"), whatever error code it shows (round 15).
export const DOMAIN_JOINED =
  /your organi[sz]ation uses this feature|domain[ -]joined|hybrid[ -](?:azure ad |entra )?joined|joined to (?:the |our |a )?(?:company |corporate )?domain|entra[ -]joined|azure ad[ -]joined|\bnot (?:domain|hybrid)[ -]?join|domäne|domaine|dominio|domínio|domein|ドメイン/;

// A device, not an account, switched off by the organisation ("your organisation has disabled
// sync for this device"): access from that device is refused until it meets the rules.
export const DEVICE_OFF =
  /\b(?:device|phone|laptop|pc)\b[^.!?\n]{0,40}\b(?:disabled|blocked|quarantined|not allowed)\b|\b(?:disabled|blocked|quarantined)\b[^.!?\n]{0,20}\bfor (?:this|your|my) (?:device|phone|laptop|pc)\b|(?:gerät|appareil|dispositivo|apparaat|デバイス|端末|设备|裝置)[^.!?\n]{0,40}(?:deaktiviert|gesperrt|blockiert|désactivé|bloqué|deshabilitad|bloquead|desativad|disattivat|bloccat|uitgeschakeld|geblokkeerd|無効|ブロック|禁用|封鎖|封锁)|(?:deaktiviert|désactivé|deshabilitad\w|desativad\w|disattivat\w|uitgeschakeld)[^.!?\n]{0,10}(?:für dieses gerät|pour cet appareil|para este dispositivo|per questo dispositivo|voor dit apparaat)/;
export const ORGANISATION =
  /organi[sz]ation|company|\badmin|\bit\b|organisation|unternehmen|entreprise|organización|organização|organizzazione|organisatie|組織|组织|管理者|管理员/;

// The device's own password or passcode rules (a management or compliance policy): the device is
// refused until it meets them, whatever the password's words say after it.
export const DEVICE_PASSWORD_RULES =
  /\bdevice(?:'s)? (?:password|passcode|pin|lock ?screen) (?:requirements?|polic(?:y|ies)|rules?|settings?)\b/;

// Windows, or a phone, that could not be registered with the organisation ("it could not register
// my device with the organization", round 18): the device's registration in Entra ID is the fix.
export const UNREGISTERED =
  /\b(?:could ?n[o']t|can'?t|cannot|unable to|failed to|fails to|won'?t) (?:register|join) (?:my |this |the |our |a |your )?(?:device|pc|computer|laptop|machine|phone)\b[^.!?\n]{0,40}\b(?:organi[sz]ation|azure ad|azure active directory|entra|work|school|company|tenant)|\b(?:device|pc|computer|laptop|machine) (?:could ?n[o']t|can'?t|cannot|failed to) be (?:registered|joined)\b|gerät konnte nicht registriert werden|(?:konnte|kann) (?:das |dieses |mein )?gerät nicht registrier|impossible d'(?:inscrire|enregistrer) (?:cet |l'|votre |mon )appareil|no se (?:pudo|puede) registrar (?:el|este|tu|mi) dispositivo|não (?:foi possível|é possível) registrar (?:o|este|seu|meu) dispositivo|impossibile registrare (?:il|questo) dispositivo|デバイスを登録できません/;
