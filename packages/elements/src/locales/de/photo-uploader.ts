import type { photoUploaderStrings } from '../../photo-uploader/photo-uploader.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const photoUploader: TranslationOf<typeof photoUploaderStrings> = {
  'uploader.add': 'Fotos auswählen',
  'uploader.camera': 'Foto aufnehmen',
  'uploader.drop': 'Ziehen Sie Fotos hierher oder fügen Sie sie ein.',
  'uploader.limits': { one: 'Ein Foto mit höchstens {size}.', other: 'Bis zu {count} Fotos mit je höchstens {size}.' },
  'uploader.list': 'Ausgewählte Fotos',
  'uploader.remove': 'Foto {name} entfernen',
  'uploader.uploading': '{name} wird hochgeladen',
  'uploader.failed': 'Das Hochladen ist fehlgeschlagen. {reason}',
  'uploader.refused.type': '{name} wurde nicht hinzugefügt: Wählen Sie ein Bild im Format {types}.',
  'uploader.refused.size': '{name} wurde nicht hinzugefügt: Die Datei ist {size} groß, ein Foto darf höchstens {max} groß sein.',
  'uploader.refused.count': {
    one: '{name} wurde nicht hinzugefügt: Sie können nur ein Foto hinzufügen.',
    other: '{name} wurde nicht hinzugefügt: Sie können höchstens {count} Fotos hinzufügen.',
  },
  'uploader.announce.uploaded': '{name} wurde hochgeladen.',
  'uploader.announce.failed': '{name} konnte nicht hochgeladen werden.',
  'uploader.announce.removed': '{name} wurde entfernt.',
  'uploader.announce.full': { one: 'Sie haben das Maximum von einem Foto erreicht.', other: 'Sie haben das Maximum von {count} Fotos erreicht.' },
  'uploader.invalid.missing': { one: 'Fügen Sie mindestens ein Foto hinzu.', other: 'Fügen Sie mindestens {count} Fotos hinzu.' },
  'uploader.invalid.over': { one: 'Behalten Sie nur ein Foto.', other: 'Behalten Sie höchstens {count} Fotos.' },
  'uploader.invalid.busy': 'Warten Sie, bis alle Fotos hochgeladen sind.',
  'uploader.invalid.failed': 'Einige Fotos konnten nicht hochgeladen werden. Versuchen Sie es erneut, oder entfernen Sie sie.',
};
