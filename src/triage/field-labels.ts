import type { TriageFields } from './types';

export type ValueKind = 'guid' | 'timestamp' | 'ip' | 'upn' | 'text';

export interface LabelRule {
  field: keyof TriageFields;
  kind: ValueKind;
  /** Label spellings (lower case; space, `_` and `-` between words are interchangeable). */
  labels: readonly string[];
}

// Labels of the Entra "Troubleshooting details" block (English and the translations of the page
// in German, French, Spanish, Portuguese, Italian, Dutch and Japanese), OAuth error JSON, MSAL and CLI output, and sign-in log exports. Labels that share a start
// are told apart because the longest one is tried first.
export const FIELD_LABELS: readonly LabelRule[] = [
  {
    field: 'requestId',
    kind: 'guid',
    labels: [
      'request id',
      'x-ms-request-id',
      'id. de solicitud',
      'id de solicitud',
      'id de la demande',
      'id de demande',
      'anforderungs-id',
      'id da solicitação',
      'id della richiesta',
      'aanvraag-id',
      '要求 id',
      'リクエスト id',
    ],
  },
  {
    field: 'correlationId',
    kind: 'guid',
    labels: [
      'correlation id',
      'client-request-id',
      'x-ms-correlation-id',
      'msal correlation id key',
      'id. de correlación',
      'id de correlación',
      'id de corrélation',
      'korrelations-id',
      'id de correlação',
      'id di correlazione',
      'correlatie-id',
      '相関 id',
    ],
  },
  { field: 'traceId', kind: 'guid', labels: ['trace id'] },
  {
    field: 'timestamp',
    kind: 'timestamp',
    labels: [
      'timestamp',
      'time stamp',
      'created date time',
      'marca de tiempo',
      'horodatage',
      'zeitstempel',
      'carimbo de data/hora',
      'tijdstempel',
      'タイムスタンプ',
    ],
  },
  {
    field: 'appId',
    kind: 'guid',
    labels: [
      'application id',
      'app id',
      'client id',
      'id. de la aplicación',
      'id de la aplicación',
      "id de l'application",
      'id do aplicativo',
      "id dell'applicazione",
      'app-id',
      'アプリ id',
      'アプリケーション id',
    ],
  },
  {
    field: 'appName',
    kind: 'text',
    labels: [
      'application display name',
      'app display name',
      'application name',
      'app name',
      'nombre de la aplicación',
      "nom de l'application",
      'nome do aplicativo',
      "nome dell'applicazione",
      'app-naam',
      'naam van de app',
      'アプリ名',
    ],
  },
  {
    field: 'ip',
    kind: 'ip',
    labels: [
      'ip address',
      'client ip',
      'ip',
      'dirección ip',
      'adresse ip',
      'ip-adresse',
      'endereço ip',
      'indirizzo ip',
      'ip-adres',
      'ip アドレス',
    ],
  },
  {
    field: 'deviceId',
    kind: 'guid',
    labels: [
      'device identifier',
      'device id',
      'identificador del dispositivo',
      "identificateur de l'appareil",
      'gerätebezeichner',
      'geräte-id',
      'identificador do dispositivo',
      'identificatore del dispositivo',
      'apparaat-id',
      'デバイス id',
      'デバイス識別子',
    ],
  },
  {
    field: 'devicePlatform',
    kind: 'text',
    labels: [
      'device platform',
      'operating system',
      'plataforma del dispositivo',
      "plateforme de l'appareil",
      'geräteplattform',
      'plataforma do dispositivo',
      'piattaforma del dispositivo',
      'apparaatplatform',
      'デバイス プラットフォーム',
    ],
  },
  {
    field: 'deviceState',
    kind: 'text',
    labels: [
      'device state',
      'estado del dispositivo',
      "état de l'appareil",
      'gerätestatus',
      'estado do dispositivo',
      'stato del dispositivo',
      'apparaatstatus',
      'デバイスの状態',
    ],
  },
  {
    field: 'upn',
    kind: 'upn',
    labels: [
      'signed in as',
      'user principal name',
      'upn',
      'username',
      'user name',
      'login hint',
      'angemeldet als',
      'connecté en tant que',
      'sesión iniciada como',
    ],
  },
];
