import type { IntakeContext } from '@amicable/machine';
import { Id, PathStep, Photo, Resolution, type DecisionTree } from '@amicable/protocol';
import type { Snapshot } from 'xstate';
import * as z from 'zod/mini';

// What the buyer entered, checked before a draft is restored: storage is anyone's to write, and a
// draft that does not parse would break the flow instead of starting it over.
const DraftSnapshot = z.object({
  value: z.enum(['question', 'describe', 'evidence', 'propose', 'review', 'submitting', 'failed']),
  context: z.object({
    orderId: z.string(),
    path: z.array(PathStep),
    description: z.string(),
    photos: z.array(z.object({ id: Id, name: z.string() })),
    proposals: z.array(Resolution),
    submissionKey: z.nullable(z.string()),
  }),
});

/**
 * A buyer's unfinished intake: the machine's persisted snapshot, and the uploaded photos as the
 * backend described them, so that their thumbnails come back with the draft.
 */
export interface Draft {
  readonly snapshot: Snapshot<unknown> & { readonly context: IntakeContext };
  readonly photos: readonly Photo[];
}

/** Where the draft of `orderId` on this version of `tree` is kept. */
export function draftKey(orderId: string, tree: DecisionTree): string {
  return `amicable.draft:${orderId}:${tree.id}@${tree.version}`;
}

/**
 * The draft saved under `key`, or `undefined` when there is none or it is not one (another
 * script's value, a half-written entry, a value edited by hand). Whether it fits the order is the machine's to say
 * (`draftFits`). Storage that cannot be read (a sandboxed frame, privacy settings) has no draft.
 */
export function loadDraft(key: string): Draft | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (!isRecord(value) || !DraftSnapshot.safeParse(value['snapshot']).success) return undefined;
    const photos = Array.isArray(value['photos']) ? value['photos'].filter((photo) => Photo.safeParse(photo).success) : [];
    return { snapshot: value['snapshot'] as Draft['snapshot'], photos };
  } catch {
    return undefined;
  }
}

/** Saves `draft`; a full or unavailable storage loses it silently, as the flow goes on without one. */
export function saveDraft(key: string, draft: Draft): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Nothing to do: the draft is a convenience.
  }
}

/** Forgets the draft under `key`. */
export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage that cannot be written holds no draft either.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
