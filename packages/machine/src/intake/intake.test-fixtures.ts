import type { DecisionTree, Money, OutcomeNode, QuestionNode, ResolutionType } from '@amicable/protocol';
import type { EditableStep } from './intake.context.js';
import type { IntakeEvent } from './intake.machine.js';

function question(prompt: string, options: Record<string, string>): QuestionNode {
  return {
    kind: 'question',
    prompt: { en: prompt },
    options: Object.entries(options).map(([id, next]) => ({ id, label: { en: id }, next })),
  };
}

function outcome(title: string, terms: Pick<OutcomeNode, 'description' | 'photos' | 'resolutions'> & Partial<OutcomeNode>): OutcomeNode {
  return {
    kind: 'outcome',
    title: { en: title },
    counterOffer: true,
    deadline: { sellerHours: 72, buyerHours: 48, onLapse: 'escalate' },
    ...terms,
  };
}

/**
 * A small tree with one outcome of each kind:
 * - `scratched`: optional description of 5-20 characters, 1-3 photos, a partial refund of 10-50 %
 *   (suggested 20 %), a replacement or a return at the seller's cost within 14 days;
 * - `unusable`: required description, at most 1 photo, a return at the buyer's cost within 30 days,
 *   a full refund or a partial refund of 50.00-80.00 EUR (suggested 60.00);
 * - `not-arrived`: required description of 10-50 characters, no photos, a full refund;
 * - `counterfeit`: straight to support, up to 5 photos;
 * - `talk-to-support`: straight to support, no photos.
 */
export const testTree: DecisionTree = {
  id: 'test-tree',
  version: 1,
  fallbackLocale: 'en',
  root: 'what',
  nodes: {
    what: question('What went wrong?', {
      damaged: 'damage',
      missing: 'not-arrived',
      fake: 'counterfeit',
      other: 'talk-to-support',
    }),
    damage: question('How bad is it?', { cosmetic: 'scratched', broken: 'unusable' }),
    scratched: outcome('Scratched', {
      description: { required: false, minLength: 5, maxLength: 20 },
      photos: { min: 1, max: 3 },
      resolutions: [
        { type: 'partial_refund', bounds: { unit: 'percent', min: 10, max: 50, suggested: 20 } },
        { type: 'replacement' },
        { type: 'return_and_refund', returnShippingPaidBy: 'seller', shipWithinDays: 14 },
      ],
    }),
    unusable: outcome('Unusable', {
      description: { required: true, minLength: 0, maxLength: 2000 },
      photos: { min: 0, max: 1 },
      resolutions: [
        { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 30 },
        { type: 'full_refund' },
        { type: 'partial_refund', bounds: { unit: 'amount', currency: 'EUR', min: 5000, max: 8000, suggested: 6000 } },
      ],
    }),
    'not-arrived': outcome('Not arrived', {
      description: { required: true, minLength: 10, maxLength: 50 },
      photos: { min: 0, max: 0 },
      resolutions: [{ type: 'full_refund' }],
    }),
    counterfeit: outcome('Counterfeit', {
      description: { required: true, minLength: 0, maxLength: 2000 },
      photos: { min: 0, max: 5 },
      resolutions: [],
      toSupport: true,
    }),
    'talk-to-support': outcome('Something else', {
      description: { required: false, minLength: 0, maxLength: 2000 },
      photos: { min: 0, max: 0 },
      resolutions: [],
      toSupport: true,
    }),
  },
};

export const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

export const answer = (optionId: string): IntakeEvent => ({ type: 'ANSWER', optionId });
export const describe_ = (text: string): IntakeEvent => ({ type: 'SET_DESCRIPTION', text });
export const attach = (n: number): IntakeEvent => ({ type: 'ATTACH_PHOTO', photo: { id: `photo-${n}`, name: `IMG_${n}.jpg` } });
export const detach = (n: number): IntakeEvent => ({ type: 'DETACH_PHOTO', id: `photo-${n}` });
export const toggle = (resolutionType: ResolutionType): IntakeEvent => ({ type: 'TOGGLE_PROPOSAL', resolutionType });
export const setRefund = (amount: Money): IntakeEvent => ({ type: 'SET_REFUND', amount });
export const edit = (step: EditableStep): IntakeEvent => ({ type: 'EDIT', step });
export const BACK: IntakeEvent = { type: 'BACK' };
export const NEXT: IntakeEvent = { type: 'NEXT' };
export const SUBMIT: IntakeEvent = { type: 'SUBMIT', key: 'key-1' };
/** `SUBMIT` with its own idempotency key, as the element sends it (`crypto.randomUUID()`). */
export const submitWith = (key: string): IntakeEvent => ({ type: 'SUBMIT', key });
export const RETRY: IntakeEvent = { type: 'RETRY' };
export const CANCEL: IntakeEvent = { type: 'CANCEL' };

/** Events that walk `testTree` to each step, with valid entries. */
export const route = {
  toScratched: [answer('damaged'), answer('cosmetic')],
  scratchedEvidence: [answer('damaged'), answer('cosmetic'), describe_('Scratched lid'), NEXT],
  scratchedPropose: [answer('damaged'), answer('cosmetic'), describe_('Scratched lid'), NEXT, attach(1), NEXT],
  scratchedReview: [
    answer('damaged'), answer('cosmetic'), describe_('Scratched lid'), NEXT, attach(1), NEXT, toggle('partial_refund'), NEXT,
  ],
  notArrivedReview: [answer('missing'), describe_('Never arrived here'), NEXT, toggle('full_refund'), NEXT],
  counterfeitReview: [answer('fake'), describe_('The logo is wrong'), NEXT, attach(1), NEXT],
  talkToSupportReview: [answer('other'), NEXT],
} satisfies Record<string, IntakeEvent[]>;
