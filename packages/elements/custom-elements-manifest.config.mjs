// Generates custom-elements.json from the elements' JSDoc (`cem analyze --litelement`).
// `node scripts/custom-elements-manifest.mjs --check` (run by `npm test`) fails when the committed
// file is older than the sources.

/**
 * Our define files register through `defineElement(tag, Class)` (guarded, prefix-aware) rather
 * than `customElements.define`, which the analyzer looks for: this reads those calls, so each class
 * gets its tag and each define module its custom-element definition.
 */
function defineElementCalls() {
  const tags = new Map();
  return {
    name: 'amicable-define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, element] = node.arguments;
      if (tag === undefined || element === undefined || !ts.isStringLiteral(tag) || !ts.isIdentifier(element)) return;
      tags.set(element.text, tag.text);
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag.text, declaration: { name: element.text } });
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer lists modules in the order its file search found them, which varies from run to run.
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const homes = new Map();
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          homes.set(declaration.name, module.path);
          // Private members are no one's API.
          declaration.members = declaration.members?.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          // An event seen only in a `dispatchEvent(new X())` call has no name; the JSDoc `@event` tags name them.
          declaration.events = declaration.events?.filter((event) => event.name !== undefined);
          const tag = tags.get(declaration.name);
          if (tag !== undefined) {
            declaration.tagName = tag;
            declaration.customElement = true;
          }
        }
      }
      // A definition points at the module that declares its class, not at the define file.
      for (const module of customElementsManifest.modules) {
        for (const entry of module.exports ?? []) {
          if (entry.kind === 'custom-element-definition' && homes.has(entry.declaration.name)) {
            entry.declaration.module = homes.get(entry.declaration.name);
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/base/*.ts', 'src/*/*.component.ts', 'src/*/*.define.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.test-*.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest already ("customElements").
  packagejson: false,
  plugins: [defineElementCalls()],
};
