import type { photoUploaderStrings } from '../../photo-uploader/photo-uploader.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const photoUploader: TranslationOf<typeof photoUploaderStrings> = {
  'uploader.add': 'Choisir des photos',
  'uploader.camera': 'Prendre une photo',
  'uploader.drop': 'Faites glisser des photos ici ou collez-les.',
  'uploader.limits': { one: 'Une photo de {size} au maximum.', other: 'Jusqu’à {count} photos, de {size} au maximum chacune.' },
  'uploader.list': 'Photos choisies',
  'uploader.remove': 'Retirer la photo {name}',
  'uploader.uploading': 'Envoi de {name}',
  'uploader.failed': 'L’envoi a échoué. {reason}',
  'uploader.refused.type': 'Le fichier {name} n’a pas été ajouté : choisissez une image {types}.',
  'uploader.refused.size': 'Le fichier {name} n’a pas été ajouté : il fait {size}, et une photo ne peut pas dépasser {max}.',
  'uploader.refused.count': {
    one: 'Le fichier {name} n’a pas été ajouté : vous ne pouvez ajouter qu’une seule photo.',
    other: 'Le fichier {name} n’a pas été ajouté : vous pouvez ajouter {count} photos au maximum.',
  },
  'uploader.announce.uploaded': 'La photo {name} a été envoyée.',
  'uploader.announce.failed': 'La photo {name} n’a pas pu être envoyée.',
  'uploader.announce.removed': 'La photo {name} a été retirée.',
  'uploader.announce.full': { one: 'Vous avez atteint le maximum d’une photo.', other: 'Vous avez atteint le maximum de {count} photos.' },
  'uploader.invalid.missing': { one: 'Ajoutez au moins une photo.', other: 'Ajoutez au moins {count} photos.' },
  'uploader.invalid.over': { one: 'Ne gardez qu’une seule photo.', other: 'Gardez {count} photos au maximum.' },
  'uploader.invalid.busy': 'Attendez la fin de l’envoi des photos.',
  'uploader.invalid.failed': 'Certaines photos n’ont pas pu être envoyées. Réessayez ou retirez-les.',
};
