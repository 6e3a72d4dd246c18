export { ActorController } from './controllers/actor-controller.js';
export { clientContext, intakeActorContext, localizerContext } from './context/contexts.js';
export { AmicableErrorEvent } from './events/amicable-error.js';
export { DisputeCreatedEvent } from './events/dispute-created.js';
export { DisputeEscalatedEvent } from './events/dispute-escalated.js';
export { DisputeWithdrawnEvent } from './events/dispute-withdrawn.js';
export { PhotosBusyEvent } from './events/photos-busy.js';
export { PhotosChangedEvent } from './events/photos-changed.js';
export { ProposalAcceptedEvent } from './events/proposal-accepted.js';
export { ProposalCounteredEvent } from './events/proposal-countered.js';
export { ProposalRejectedEvent } from './events/proposal-rejected.js';
export { en, type Catalog, type StringKey, type Translations } from './localization/catalog.js';
export { SUPPORTED_LOCALES, type SupportedLocale } from './localization/locale-resolution.js';
export { Localizer } from './localization/localizer.js';
export type { Message, PluralMessage } from './localization/message.js';
export { DEFAULT_TAGS, prefixedTag, type ElementName } from './registration.js';
export { defineElements, type DefineOptions } from './define.js';
export { DisputeOpener } from './dispute-opener/dispute-opener.component.js';
export { PhotoUploader } from './photo-uploader/photo-uploader.component.js';
export { ProposalPicker } from './proposal-picker/proposal-picker.component.js';
// The script-tag bundle carries the client anyway; exported so that a page with only the script
// can give several elements one client.
export { createClient } from '@amicable/client';
