import type { photoUploaderStrings } from '../../photo-uploader/photo-uploader.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const photoUploader: TranslationOf<typeof photoUploaderStrings> = {
  'uploader.add': 'Foto’s kiezen',
  'uploader.camera': 'Foto maken',
  'uploader.drop': 'Sleep foto’s hierheen of plak ze.',
  'uploader.limits': { one: 'Eén foto van maximaal {size}.', other: 'Maximaal {count} foto’s, elk hoogstens {size}.' },
  'uploader.list': 'Gekozen foto’s',
  'uploader.remove': 'Foto {name} verwijderen',
  'uploader.uploading': '{name} wordt geüpload',
  'uploader.failed': 'Uploaden is mislukt. {reason}',
  'uploader.refused.type': '{name} is niet toegevoegd: kies een afbeelding in {types}.',
  'uploader.refused.size': '{name} is niet toegevoegd: het bestand is {size} en een foto mag hoogstens {max} zijn.',
  'uploader.refused.count': {
    one: '{name} is niet toegevoegd: je kunt maar één foto toevoegen.',
    other: '{name} is niet toegevoegd: je kunt hoogstens {count} foto’s toevoegen.',
  },
  'uploader.announce.uploaded': '{name} is geüpload.',
  'uploader.announce.failed': '{name} kon niet worden geüpload.',
  'uploader.announce.removed': '{name} is verwijderd.',
  'uploader.announce.full': { one: 'Je hebt het maximum van één foto bereikt.', other: 'Je hebt het maximum van {count} foto’s bereikt.' },
  'uploader.invalid.missing': { one: 'Voeg minstens één foto toe.', other: 'Voeg minstens {count} foto’s toe.' },
  'uploader.invalid.over': { one: 'Houd maar één foto over.', other: 'Houd hoogstens {count} foto’s over.' },
  'uploader.invalid.busy': 'Wacht tot alle foto’s zijn geüpload.',
  'uploader.invalid.failed': 'Sommige foto’s konden niet worden geüpload. Probeer het opnieuw of verwijder ze.',
};
