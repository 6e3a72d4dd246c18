import type { Message } from '../localization/message.js';

/** English strings of <photo-uploader>. */
export const photoUploaderStrings = {
  'uploader.add': 'Choose photos',
  'uploader.camera': 'Take a photo',
  'uploader.drop': 'Drag photos here or paste them.',
  'uploader.limits': { one: 'One photo of at most {size}.', other: 'Up to {count} photos, each at most {size}.' },
  'uploader.list': 'Chosen photos',
  'uploader.remove': 'Remove photo {name}',
  'uploader.uploading': 'Uploading {name}',
  'uploader.failed': 'Could not upload. {reason}',
  'uploader.refused.type': '{name} was not added: choose a {types} image.',
  'uploader.refused.size': '{name} was not added: it is {size}, and a photo may be at most {max}.',
  'uploader.refused.count': {
    one: '{name} was not added: you can add only one photo.',
    other: '{name} was not added: you can add at most {count} photos.',
  },
  'uploader.announce.uploaded': '{name} uploaded.',
  'uploader.announce.failed': '{name} could not be uploaded.',
  'uploader.announce.removed': '{name} removed.',
  'uploader.announce.full': { one: 'You have reached the maximum of one photo.', other: 'You have reached the maximum of {count} photos.' },
  'uploader.invalid.missing': { one: 'Add at least one photo.', other: 'Add at least {count} photos.' },
  'uploader.invalid.over': { one: 'Keep only one photo.', other: 'Keep at most {count} photos.' },
  'uploader.invalid.busy': 'Wait until the photos have finished uploading.',
  'uploader.invalid.failed': 'Some photos could not be uploaded. Try again or remove them.',
} as const satisfies Record<string, Message>;
