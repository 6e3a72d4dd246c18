import type { commonStrings } from '../../localization/common.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const common: TranslationOf<typeof commonStrings> = {
  'common.loading': 'Laden…',
  'common.retry': 'Opnieuw proberen',
  'common.back': 'Terug',
  'common.continue': 'Verder',
  'common.cancel': 'Annuleren',
  'common.close': 'Sluiten',
  'common.required': 'Verplicht',
  'common.charactersLeft': { one: 'Nog {count} teken', other: 'Nog {count} tekens' },
  'common.tooLong': 'Gebruik hoogstens {max} tekens.',
  'error.network': 'We konden de server niet bereiken. Controleer je verbinding en probeer het opnieuw.',
  'error.timeout': 'De server deed er te lang over. Probeer het opnieuw.',
  'error.aborted': 'Het verzoek is geannuleerd.',
  'error.unauthorized': 'Je sessie is verlopen. Laad de pagina opnieuw om weer in te loggen.',
  'error.forbidden': 'Je mag dit niet doen voor deze bestelling.',
  'error.not-found': 'We konden deze bestelling niet vinden.',
  'error.conflict': 'Iemand anders heeft deze zaak intussen gewijzigd. Je ziet nu de laatste stand.',
  'error.validation': 'Sommige antwoorden zijn niet geaccepteerd. Controleer de gemarkeerde velden.',
  'error.server': 'Er ging bij ons iets mis. Probeer het zo opnieuw.',
  'error.malformed': 'De server stuurde een antwoord dat we niet konden lezen. Probeer het later opnieuw.',
  'error.generic': 'Er ging iets mis. Probeer het opnieuw.',
  'error.configuration': 'Deze widget is niet ingesteld: er ontbreekt een bestelnummer en een API-adres of client.',
  'error.invalid-tree': 'Dit formulier is niet goed ingesteld en kan niet worden gebruikt. Neem contact op met de winkel.',
  'error.dispute-mismatch': 'Deze pagina gaat over een andere zaak dan die op deze bestelling openstaat. Open de pagina opnieuw vanuit je bestelling.',
  'live.updated': 'Deze zaak is bijgewerkt.',
};
