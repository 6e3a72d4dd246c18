/** What a chosen file must be to be taken. */
export interface FileRules {
  /** MIME types (`image/jpeg`), wildcards (`image/*`) or extensions (`.jpg`), as in `<input accept>`. */
  readonly accept: readonly string[];
  /** The largest file, in bytes. */
  readonly maxBytes: number;
}

/** A file ready to upload, or why it was refused. */
export type PreparedFile = { readonly file: File } | { readonly refusal: 'type' | 'size' };

/** The rules of an `accept` attribute: `image/jpeg, .png` gives `['image/jpeg', '.png']`. */
export function parseAccept(accept: string): string[] {
  return accept.split(',').map((rule) => rule.trim().toLowerCase()).filter((rule) => rule !== '');
}

/** Whether a file of `type` named `name` matches one of `accept`'s rules. */
export function accepts({ type, name }: { readonly type: string; readonly name: string }, accept: readonly string[]): boolean {
  const lower = type.toLowerCase();
  return accept.some((rule) =>
    rule.startsWith('.') ? name.toLowerCase().endsWith(rule) : rule.endsWith('/*') ? lower.startsWith(rule.slice(0, -1)) : lower === rule);
}

/**
 * Makes a chosen file ready to upload, or refuses it. Every file the uploader takes goes through
 * here first, and nothing else looks at its bytes: today it checks the declared type and the size;
 * downscaling, re-encoding and checking the bytes' real type belong here too, which is why it is
 * asynchronous.
 */
export async function prepareFile(file: File, rules: FileRules): Promise<PreparedFile> {
  if (!accepts(file, rules.accept)) return { refusal: 'type' };
  if (file.size > rules.maxBytes) return { refusal: 'size' };
  return { file };
}
