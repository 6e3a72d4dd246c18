/** The default tag of each element; a prefix makes `acme-dispute-opener` and so on. */
export const DEFAULT_TAGS = {
  disputeOpener: 'dispute-opener',
  photoUploader: 'photo-uploader',
  proposalPicker: 'proposal-picker',
} as const;

/** The name of one of the elements, as `DEFAULT_TAGS` keys it. */
export type ElementName = keyof typeof DEFAULT_TAGS;

/**
 * Registers `element` as `tag`, unless that tag is already taken. Our own class already there is
 * fine (the script loaded twice). Another class there is the host's own element: ours is not
 * registered, with a warning that says how to register under a prefix instead. Returns the class
 * registered under `tag`: `element`, or the subclass made so the same class can also live under a
 * prefix (a constructor can be registered only once).
 */
export function defineElement(tag: string, element: CustomElementConstructor): CustomElementConstructor | undefined {
  const registry = globalThis.customElements;
  const existing = registry.get(tag);
  if (existing !== undefined) {
    if (existing === element || Object.getPrototypeOf(existing) === element) return existing;
    console.warn(
      `<${tag}> is already defined by the page, so Amicable's element was not registered under that name. `
        + 'Register Amicable under a prefix instead: defineElements({ prefix: "acme" }) gives <acme-' + tag + '>.',
    );
    return undefined;
  }
  // A class can be registered under one name only; under a second name it needs a subclass.
  const registered = registry.getName?.(element) == null ? element : class extends (element as typeof HTMLElement) {};
  registry.define(tag, registered);
  return registered;
}

/** The tag to render a nested element with: the one registered under the same prefix as `host`. */
export function nestedTag(host: HTMLElement, name: ElementName): string {
  const own = host.localName;
  for (const base of Object.values(DEFAULT_TAGS)) {
    if (own.endsWith(base)) return `${own.slice(0, own.length - base.length)}${DEFAULT_TAGS[name]}`;
  }
  return DEFAULT_TAGS[name];
}

/** The tag `name` gets under `prefix` (`acme` or `acme-` give `acme-photo-uploader`). */
export function prefixedTag(name: ElementName, prefix = ''): string {
  const clean = prefix.trim().replace(/-+$/, '');
  return clean === '' ? DEFAULT_TAGS[name] : `${clean}-${DEFAULT_TAGS[name]}`;
}
