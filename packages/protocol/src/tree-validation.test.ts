import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { DecisionTree } from './decision-tree.js';
import { nodeIdArbitrary, validTreeArbitrary } from './tree-arbitrary.test-support.js';
import { localize } from './localized-text.js';
import { amountBounds, baseTree, invalidTrees, option, outcome, percentBounds, question, renameLocale } from './tree-validation.test-corpus.js';
import { formatJsonPath } from './schema-faults.js';
import { validateTree, type TreeFault } from './tree-validation.js';

function faultsOf(input: unknown): TreeFault[] {
  const result = validateTree(input);
  if (result.ok) throw new Error('the tree was accepted');
  return result.faults;
}

function located(faults: readonly TreeFault[]): { code: string; path: string }[] {
  return faults.map(({ code, path }) => ({ code, path }));
}

function broken(change: (tree: DecisionTree) => void): DecisionTree {
  const tree = baseTree();
  change(tree);
  return tree;
}

/** Where each option of each question is, by node id and index. */
function optionPlaces(tree: DecisionTree): { questionId: string; index: number }[] {
  return Object.entries(tree.nodes).flatMap(([questionId, node]) =>
    node.kind === 'question' ? node.options.map((_, index) => ({ questionId, index })) : [],
  );
}

describe('validateTree', () => {
  describe('accepts a valid tree and returns it', () => {
    it('the base tree of the corpus', () => {
      const result = validateTree(baseTree());
      expect(result).to.deep.equal({ ok: true, tree: baseTree() });
    });

    it('a tree whose root is an outcome, with a single outcome', () => {
      const tree: DecisionTree = { ...baseTree(), root: 'lost', nodes: { lost: outcome(baseTree(), 'lost') } };
      expect(validateTree(tree)).to.deep.equal({ ok: true, tree });
    });

    it('a tree whose texts spell the fallback locale in another case, as localize finds them', () => {
      const tree = baseTree();
      tree.fallbackLocale = 'en-GB';
      renameLocale(tree, 'en', 'en-gb');
      expect(validateTree(tree)).to.deep.equal({ ok: true, tree });
      expect(localize(outcome(tree, 'lost').title, 'de', tree.fallbackLocale)).to.equal('The parcel is lost');
    });

    it('a tree whose nodes are named like properties every object has', () => {
      const tree: DecisionTree = {
        ...baseTree(),
        root: 'constructor',
        nodes: {
          constructor: { ...question(baseTree(), 'start'), options: [{ id: 'toString', label: { en: 'Broken' }, next: 'toString' }] },
          toString: outcome(baseTree(), 'damaged'),
        },
      };
      expect(validateTree(tree)).to.deep.equal({ ok: true, tree });
    });

    it('every generated valid tree, unchanged', () => {
      fc.assert(
        fc.property(validTreeArbitrary(), (tree) => {
          const result = validateTree(tree);
          if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.faults)}`);
          expect(result.tree).to.deep.equal(tree);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('refuses a broken tree with exactly its faults', () => {
    for (const { name, change, faults } of invalidTrees) {
      it(name, () => {
        expect(located(faultsOf(broken(change)))).to.deep.equal(faults);
      });
    }

    it('explains every fault of the corpus in words of its own', () => {
      for (const { change } of invalidTrees) {
        for (const { message } of faultsOf(broken(change))) {
          expect(message).to.match(/\w/);
          expect(message).not.to.include('Invalid input');
        }
      }
    });
  });

  describe('a dangling option', () => {
    it('gives exactly one unknown_node fault, at that option, whichever option it is', () => {
      const treeWithOptions = validTreeArbitrary().filter((tree) => optionPlaces(tree).length > 0);
      fc.assert(
        fc.property(treeWithOptions, fc.nat(), nodeIdArbitrary, (valid, pick, missing) => {
          fc.pre(!Object.hasOwn(valid.nodes, missing));
          const tree = structuredClone(valid);
          const places = optionPlaces(tree);
          const { questionId, index } = places[pick % places.length] as { questionId: string; index: number };
          const node = tree.nodes[questionId];
          const option = node?.kind === 'question' ? node.options[index] : undefined;
          if (option === undefined) throw new Error('option not found');
          option.next = missing;

          const faults = faultsOf(tree);
          const unknown = faults.filter(({ code }) => code === 'unknown_node');
          expect(located(unknown)).to.deep.equal([
            { code: 'unknown_node', path: formatJsonPath(['nodes', questionId, 'options', index, 'next']) },
          ]);
          expect(unknown[0]?.message).to.include(JSON.stringify(missing));
          // The only other possible faults: nodes that only the redirected option reached.
          expect(faults.filter(({ code }) => code !== 'unknown_node' && code !== 'unreachable_node')).to.deep.equal([]);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('input that is not a tree at all', () => {
    const notTrees: [string, unknown][] = [
      ['null', null],
      ['undefined', undefined],
      ['a string', '{"id": "tree"}'],
      ['a number', 42],
      ['an array', [baseTree()]],
    ];
    for (const [name, input] of notTrees) {
      it(`refuses ${name} with one shape fault at $`, () => {
        expect(located(faultsOf(input))).to.deep.equal([{ code: 'shape', path: '$' }]);
      });
    }

    it('never throws, whatever JSON it gets', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (input) => {
          const result = validateTree(input);
          expect(result.ok).to.equal(false);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('messages', () => {
    it('name the option, its question and the missing node', () => {
      const [fault] = faultsOf(broken((tree) => { option(tree, 'start', 2).next = 'counterfit'; }));
      expect(fault?.message).to.equal('option "fake" of question "start" leads to "counterfit", which is not a node of this tree');
    });

    it('show the loop an option closes', () => {
      const [fault] = faultsOf(broken((tree) => { option(tree, 'not-received', 1).next = 'start'; }));
      expect(fault?.message).to.include('start → not-received → start');
    });

    it('name the bound and its value', () => {
      const [fault] = faultsOf(broken((tree) => { percentBounds(tree).max = 150; }));
      expect(fault?.message).to.equal('the partial refund of outcome "damaged" has a maximum of 150 %, above 100 %');
    });

    it('show an amount bound in minor units and in the currency', () => {
      const [fault] = faultsOf(broken((tree) => { amountBounds(tree).suggested = 2000; }));
      expect(fault?.message).to.equal(
        'the partial refund of outcome "late" suggests 2000 (20.00 EUR), outside its range of 0 (0.00 EUR) to 1500 (15.00 EUR)',
      );
    });

    it('say which locale a text lacks', () => {
      const [fault] = faultsOf(broken((tree) => { outcome(tree, 'lost').title = { de: 'Verloren' }; }));
      expect(fault?.message).to.equal('the title of outcome "lost" has no "en" text, the tree\'s fallback locale (it has "de")');
    });

    it('say that a text has nothing in any locale, rather than list none', () => {
      const [fault] = faultsOf(broken((tree) => { outcome(tree, 'lost').title = {}; }));
      expect(fault?.message).to.equal(
        'the title of outcome "lost" has no "en" text, the tree\'s fallback locale (it has no text in any locale)',
      );
    });

    it('list every locale a text has when the fallback is missing', () => {
      const [fault] = faultsOf(broken((tree) => { outcome(tree, 'lost').title = { de: 'Verloren', nl: 'Kwijt' }; }));
      expect(fault?.message).to.equal('the title of outcome "lost" has no "en" text, the tree\'s fallback locale (it has "de", "nl")');
    });

    it('give the allowed and the offending value of a shape fault', () => {
      const [fault] = faultsOf(broken((tree) => { (question(tree, 'start') as { kind: string }).kind = 'questoin'; }));
      expect(fault?.message).to.equal('expected "question" or "outcome" (got "questoin")');
    });

    it('keep the schema\'s own explanation and add the offending id', () => {
      const [fault] = faultsOf(broken((tree) => { tree.root = 'the start'; }));
      expect(fault?.message).to.equal('an id is 1-64 letters, digits, "_", "-" or "." (got "the start")');
    });

    it('say that a missing field is required', () => {
      const [fault] = faultsOf(broken((tree) => { delete (outcome(tree, 'lost') as { deadline?: unknown }).deadline; }));
      expect(fault?.message).to.equal('missing: expected an object');
    });

    it('name a node id that is not valid', () => {
      const [fault] = faultsOf(broken((tree) => { tree.nodes['not received'] = outcome(tree, 'lost'); }));
      expect(fault?.message).to.include('(got "not received")');
    });
  });
});

describe('formatJsonPath', () => {
  it('is $ for the whole document', () => {
    expect(formatJsonPath([])).to.equal('$');
  });

  it('joins identifiers with dots and puts indexes in brackets', () => {
    expect(formatJsonPath(['nodes', 'damaged', 'resolutions', 0, 'bounds', 'max'])).to.equal(
      '$.nodes.damaged.resolutions[0].bounds.max',
    );
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatJsonPath(['nodes', 'not-received', 'options', 1, 'next'])).to.equal("$.nodes['not-received'].options[1].next");
    expect(formatJsonPath(['nodes', 'v1.2', 'prompt', 'nl-BE'])).to.equal("$.nodes['v1.2'].prompt['nl-BE']");
  });

  it('keeps a key made of digits apart from an index', () => {
    expect(formatJsonPath(['nodes', '0'])).to.equal("$.nodes['0']");
    expect(formatJsonPath(['options', 0])).to.equal('$.options[0]');
  });

  it('escapes quotes and backslashes inside brackets', () => {
    expect(formatJsonPath(["it's", 'a\\b', ''])).to.equal("$['it\\'s']['a\\\\b']['']");
  });
});
