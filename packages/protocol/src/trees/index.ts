import type { DecisionTree } from '../decision-tree.js';
import { physicalGoodsTree } from './physical-goods.js';
import { servicesTree } from './services.js';

export { physicalGoodsTree, servicesTree };

/** The locales every text of the default trees is written in; `en` is their fallback. */
export const DEFAULT_TREE_LOCALES = ['en', 'nl', 'fr', 'de'] as const;
export type DefaultTreeLocale = (typeof DEFAULT_TREE_LOCALES)[number];

/** Freezes `value` and everything reachable from it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The trees Amicable offers when the host configures none, by id. They are shared by every
 * dispute on the page, so they are deeply frozen: to adapt one, copy it (`structuredClone`),
 * change the copy, raise its `version` and check it with `validateTree`.
 */
export const defaultTrees: Readonly<Record<'physical-goods' | 'services', DecisionTree>> = deepFreeze({
  'physical-goods': physicalGoodsTree,
  services: servicesTree,
});
