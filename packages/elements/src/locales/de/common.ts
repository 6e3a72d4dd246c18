import type { commonStrings } from '../../localization/common.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const common: TranslationOf<typeof commonStrings> = {
  'common.loading': 'Wird geladen…',
  'common.retry': 'Erneut versuchen',
  'common.back': 'Zurück',
  'common.continue': 'Weiter',
  'common.cancel': 'Abbrechen',
  'common.close': 'Schließen',
  'common.required': 'Pflichtfeld',
  'common.charactersLeft': { one: 'Noch {count} Zeichen', other: 'Noch {count} Zeichen' },
  'common.tooLong': 'Verwenden Sie höchstens {max} Zeichen.',
  'error.network': 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'error.timeout': 'Der Server hat zu lange gebraucht. Versuchen Sie es erneut.',
  'error.aborted': 'Die Anfrage wurde abgebrochen.',
  'error.unauthorized': 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich wieder anzumelden.',
  'error.forbidden': 'Sie dürfen das für diese Bestellung nicht tun.',
  'error.not-found': 'Diese Bestellung wurde nicht gefunden.',
  'error.conflict': 'Jemand anderes hat diesen Fall inzwischen geändert. Er zeigt jetzt den neuesten Stand.',
  'error.validation': 'Einige Angaben wurden nicht akzeptiert. Prüfen Sie die markierten Felder.',
  'error.server': 'Bei uns ist etwas schiefgelaufen. Versuchen Sie es gleich noch einmal.',
  'error.malformed': 'Der Server hat eine unlesbare Antwort geschickt. Versuchen Sie es später erneut.',
  'error.generic': 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
  'error.configuration': 'Dieses Widget ist nicht eingerichtet: Es braucht eine Bestellnummer und eine API-Adresse oder einen Client.',
  'error.invalid-tree': 'Dieses Formular ist nicht richtig eingerichtet und kann nicht verwendet werden. Bitte wenden Sie sich an den Shop.',
  'error.dispute-mismatch': 'Diese Seite betrifft einen anderen Fall als den, der zu dieser Bestellung offen ist. Öffnen Sie die Seite erneut über Ihre Bestellung.',
  'live.updated': 'Dieser Fall wurde aktualisiert.',
};
