import type { MediationClient } from '@amicable/client';
import type { IntakeActor } from '@amicable/machine';
import { createContext } from '@lit/context';
import type { Localizer } from '../localization/localizer.js';

/**
 * The client every element talks through. An element's own `client` property wins; without one it
 * takes the nearest provided client, so that a host with several widgets on a page can share one:
 *
 * ```ts
 * new ContextProvider(document.body, { context: clientContext, initialValue: createClient({ ... }) });
 * ```
 */
export const clientContext = createContext<MediationClient | undefined>(Symbol.for('amicable.client'));

/** The language an element and the elements nested in it speak. */
export const localizerContext = createContext<Localizer | undefined>(Symbol.for('amicable.localizer'));

/**
 * The buyer's intake, shared by `<dispute-opener>` with the `<photo-uploader>` it nests: the
 * uploader takes its limits from the outcome and attaches what it uploads.
 */
export const intakeActorContext = createContext<IntakeActor | undefined>(Symbol.for('amicable.intake-actor'));
