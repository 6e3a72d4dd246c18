import { expect } from '@open-wc/testing';
import { DecisionTree, type OutcomeNode, type TreeNode } from '../decision-tree.js';
import type { LocalizedText } from '../localized-text.js';
import { validateTree } from '../tree-validation.js';
import { DEFAULT_TREE_LOCALES, defaultTrees, physicalGoodsTree, servicesTree } from './index.js';

/** Longest text, in characters, that still reads well on a narrow phone screen. */
const LIMITS = {
  prompt: 80,
  help: 120,
  label: 60,
  title: 60,
  guidance: 200,
} as const;

type TextKind = keyof typeof LIMITS;

interface TextAt {
  readonly path: string;
  readonly kind: TextKind;
  readonly text: LocalizedText;
}

/** Every localized text of `tree`, with where it sits. */
function textsOf(tree: DecisionTree): TextAt[] {
  const found: TextAt[] = [];
  for (const [id, node] of Object.entries(tree.nodes)) {
    const at = `nodes.${id}`;
    if (node.kind === 'question') {
      found.push({ path: `${at}.prompt`, kind: 'prompt', text: node.prompt });
      if (node.help) found.push({ path: `${at}.help`, kind: 'help', text: node.help });
      for (const option of node.options) {
        found.push({ path: `${at}.options.${option.id}.label`, kind: 'label', text: option.label });
      }
    } else {
      found.push({ path: `${at}.title`, kind: 'title', text: node.title });
      if (node.guidance) found.push({ path: `${at}.guidance`, kind: 'guidance', text: node.guidance });
    }
  }
  return found;
}

/** The node reached from the root by choosing the options `optionIds` in turn. */
function walk(tree: DecisionTree, ...optionIds: string[]): TreeNode {
  let id = tree.root;
  for (const optionId of optionIds) {
    const node = tree.nodes[id];
    if (node?.kind !== 'question') throw new Error(`${id} is not a question, cannot choose ${optionId}`);
    const option = node.options.find((o) => o.id === optionId);
    if (!option) throw new Error(`${id} has no option ${optionId}`);
    id = option.next;
  }
  const reached = tree.nodes[id];
  if (!reached) throw new Error(`no node ${id}`);
  return reached;
}

/** The outcome reached by `optionIds`; fails the test when it is a question. */
function outcomeAt(tree: DecisionTree, ...optionIds: string[]): OutcomeNode {
  const node = walk(tree, ...optionIds);
  if (node.kind !== 'outcome') throw new Error(`${optionIds.join(' > ')} ends at a question`);
  return node;
}

function resolutionTypes(outcome: OutcomeNode): string[] {
  return outcome.resolutions.map((r) => r.type);
}

function option<T extends OutcomeNode['resolutions'][number]['type']>(outcome: OutcomeNode, type: T) {
  const found = outcome.resolutions.find((r) => r.type === type);
  if (!found) throw new Error(`no ${type} offered`);
  return found as Extract<OutcomeNode['resolutions'][number], { type: T }>;
}

const trees = [
  ['physical goods', physicalGoodsTree],
  ['services', servicesTree],
] as const;

describe('default decision trees', () => {
  for (const [name, tree] of trees) {
    describe(`the ${name} tree`, () => {
      it('passes decision-tree validation', () => {
        const result = validateTree(tree);
        expect(result.ok, JSON.stringify(result)).to.equal(true);
      });

      it('parses with the DecisionTree schema', () => {
        const parsed = DecisionTree.safeParse(tree);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);
      });

      it('falls back to English', () => {
        expect(tree.fallbackLocale).to.equal('en');
      });

      it('has every text in exactly en, nl, fr and de, none of them blank', () => {
        for (const { path, text } of textsOf(tree)) {
          expect(Object.keys(text).sort(), path).to.deep.equal([...DEFAULT_TREE_LOCALES].sort());
          for (const [locale, value] of Object.entries(text)) {
            expect(value.trim(), `${path}.${locale}`).not.to.equal('');
          }
        }
      });

      it('translates every text: no locale repeats the English one', () => {
        // The trees name no brands or places, so an identical text is an untranslated copy.
        for (const { path, text } of textsOf(tree)) {
          for (const locale of DEFAULT_TREE_LOCALES.filter((l) => l !== 'en')) {
            expect(text[locale], `${path}.${locale}`).not.to.equal(text.en);
          }
        }
      });

      it('keeps French ? ! : ; on the line of the word before them (no-break space)', () => {
        for (const { path, text } of textsOf(tree)) {
          expect(text.fr, `${path}.fr`).not.to.match(/ [?!:;]/);
        }
      });

      it('keeps texts short enough for a phone screen', () => {
        for (const { path, kind, text } of textsOf(tree)) {
          for (const [locale, value] of Object.entries(text)) {
            expect([...value].length, `${path}.${locale} (at most ${LIMITS[kind]})`).to.be.at.most(LIMITS[kind]);
          }
        }
      });

      it('bounds every partial refund in percent, so that it fits any currency', () => {
        for (const node of Object.values(tree.nodes)) {
          if (node.kind !== 'outcome') continue;
          for (const resolution of node.resolutions) {
            if (resolution.type === 'partial_refund') expect(resolution.bounds.unit).to.equal('percent');
          }
        }
      });

      it('lets the seller counter exactly where a partial refund can be negotiated', () => {
        for (const [id, node] of Object.entries(tree.nodes)) {
          if (node.kind !== 'outcome') continue;
          expect(node.counterOffer, id).to.equal(resolutionTypes(node).includes('partial_refund'));
        }
      });
    });
  }

  describe('the physical goods tree', () => {
    it('starts by asking what went wrong with the order', () => {
      const root = walk(physicalGoodsTree);
      expect(root.kind).to.equal('question');
      expect(root.kind === 'question' && root.prompt.en).to.equal('What went wrong with your order?');
    });

    it('asks what the tracking says when the order has not arrived', () => {
      const node = walk(physicalGoodsTree, 'not-received');
      expect(node.kind).to.equal('question');
    });

    it('offers a refund or a replacement for a lost parcel, granted if the seller does not respond', () => {
      for (const tracking of ['tracking-not-delivered', 'no-tracking']) {
        const lost = outcomeAt(physicalGoodsTree, 'not-received', tracking);
        expect(resolutionTypes(lost)).to.have.members(['full_refund', 'replacement']);
        expect(lost.deadline.onLapse).to.equal('accept_first_proposal');
      }
    });

    it('needs the buyer’s account and the seller’s answer when tracking says delivered', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'not-received', 'tracking-delivered');
      expect(resolutionTypes(outcome)).to.have.members(['full_refund', 'replacement']);
      expect(outcome.description.required).to.equal(true);
      expect(outcome.description.minLength).to.be.at.least(20);
      expect(outcome.deadline.onLapse).to.equal('escalate');
    });

    it('needs photos of transit damage and offers 10-50 % back, a free return or a replacement', () => {
      const damaged = outcomeAt(physicalGoodsTree, 'damaged');
      expect(damaged.photos.min).to.be.at.least(1);
      expect(option(damaged, 'partial_refund').bounds).to.deep.equal({ unit: 'percent', min: 10, max: 50, suggested: 25 });
      expect(option(damaged, 'return_and_refund').returnShippingPaidBy).to.equal('seller');
      expect(resolutionTypes(damaged)).to.include('replacement');
    });

    it('needs photos when the item is not as described and returns it at the seller’s cost', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'not-as-described');
      expect(outcome.photos.min).to.be.at.least(1);
      expect(resolutionTypes(outcome)).to.include('partial_refund');
      expect(option(outcome, 'return_and_refund').returnShippingPaidBy).to.equal('seller');
    });

    it('offers a partial refund or the missing part when parts are missing', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'missing-parts');
      expect(resolutionTypes(outcome)).to.have.members(['partial_refund', 'replacement']);
    });

    it('takes a wrong item back at the seller’s cost or replaces it', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'wrong-item');
      expect(resolutionTypes(outcome)).to.have.members(['return_and_refund', 'replacement']);
      expect(option(outcome, 'return_and_refund').returnShippingPaidBy).to.equal('seller');
    });

    it('asks when a faulty item stopped working, and offers a free return, a replacement or money back', () => {
      expect(walk(physicalGoodsTree, 'does-not-work').kind).to.equal('question');
      const onArrival = outcomeAt(physicalGoodsTree, 'does-not-work', 'broken-on-arrival');
      const later = outcomeAt(physicalGoodsTree, 'does-not-work', 'stopped-working');
      expect(onArrival).not.to.equal(later);
      for (const outcome of [onArrival, later]) {
        expect(resolutionTypes(outcome)).to.have.members(['return_and_refund', 'replacement', 'partial_refund']);
        expect(option(outcome, 'return_and_refund').returnShippingPaidBy).to.equal('seller');
      }
    });

    it('sends a suspected counterfeit straight to support, with a description and photos', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'counterfeit');
      expect(outcome.toSupport).to.equal(true);
      expect(outcome.resolutions).to.deep.equal([]);
      expect(outcome.description.required).to.equal(true);
      expect(outcome.description.minLength).to.be.greaterThan(0);
      expect(outcome.photos.min).to.be.at.least(1);
    });

    it('returns an unwanted item at the buyer’s cost within 14 days, granted if the seller does not respond', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'changed-mind');
      expect(outcome.resolutions).to.deep.equal([
        { type: 'return_and_refund', returnShippingPaidBy: 'buyer', shipWithinDays: 14 },
      ]);
      expect(outcome.description.required).to.equal(false);
      expect(outcome.deadline.onLapse).to.equal('accept_first_proposal');
    });

    it('sends nobody but a counterfeit case straight to support', () => {
      const toSupport = Object.entries(physicalGoodsTree.nodes)
        .filter(([, node]) => node.kind === 'outcome' && node.toSupport === true)
        .map(([id]) => id);
      expect(toSupport).to.deep.equal(['counterfeit']);
    });
  });

  describe('the services tree', () => {
    it('offers a full or partial refund when the service was not provided', () => {
      const outcome = outcomeAt(servicesTree, 'not-delivered');
      expect(resolutionTypes(outcome)).to.have.members(['full_refund', 'partial_refund']);
    });

    it('offers a partial or full refund when it was not done as agreed, photos optional up to 5', () => {
      const outcome = outcomeAt(servicesTree, 'not-as-agreed');
      expect(resolutionTypes(outcome)).to.have.members(['partial_refund', 'full_refund']);
      expect(outcome.photos).to.deep.equal({ min: 0, max: 5 });
    });

    it('offers only a modest partial refund when it was late', () => {
      const outcome = outcomeAt(servicesTree, 'late');
      expect(resolutionTypes(outcome)).to.deep.equal(['partial_refund']);
      const { bounds } = option(outcome, 'partial_refund');
      expect(bounds.min).to.equal(5);
      expect(bounds.max).to.be.at.most(30);
    });
  });

  describe('defaultTrees', () => {
    it('holds each default tree under its own id', () => {
      expect(Object.keys(defaultTrees).sort()).to.deep.equal(['physical-goods', 'services']);
      for (const [id, tree] of Object.entries(defaultTrees)) expect(tree.id).to.equal(id);
      expect(defaultTrees['physical-goods']).to.equal(physicalGoodsTree);
      expect(defaultTrees.services).to.equal(servicesTree);
    });

    it('cannot be changed by accident, down to the last option', () => {
      const outcome = outcomeAt(physicalGoodsTree, 'damaged');
      expect(() => {
        outcome.photos.min = 0;
      }).to.throw(TypeError);
      expect(() => {
        (physicalGoodsTree.nodes as Record<string, unknown>)['extra'] = {};
      }).to.throw(TypeError);
      expect(outcome.photos.min).to.equal(1);
    });

    it('can be copied and changed', () => {
      const copy = structuredClone(physicalGoodsTree);
      copy.version = 2;
      expect(copy.version).to.equal(2);
      expect(physicalGoodsTree.version).to.equal(1);
    });
  });
});
