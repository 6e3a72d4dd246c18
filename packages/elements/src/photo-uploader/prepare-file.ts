import type { ImageFormat } from '../photo-pipeline/image-format.js';
import type { PhotoOptions, PhotoOutputType } from '../photo-pipeline/photo-options.js';
import { sharedPhotoProcessor } from '../photo-pipeline/photo-processor.js';
import { PhotoRefusal, type RefusalReason } from '../photo-pipeline/photo-refusal.js';

/** The kinds of picture a person may choose by default: what phones and cameras save. */
export const DEFAULT_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif';

/** What a chosen file must be, and what it becomes. */
export interface FileRules {
  /** MIME types (`image/jpeg`), wildcards (`image/*`) or extensions (`.jpg`), as in `<input accept>`. */
  readonly accept: readonly string[];
  /** The largest processed file, in bytes. */
  readonly maxBytes: number;
  /** The types the backend takes (the upload policy's); the photo is encoded as one of them. */
  readonly uploadTypes: readonly string[];
  /** Size, quality and limits of the processing. */
  readonly options: PhotoOptions;
}

/** Why a file was refused, with the figures its message needs: its size in bytes, its pixels. */
export interface FileRefusal {
  readonly refusal: RefusalReason | 'size';
  readonly size?: number | undefined;
  readonly pixels?: number | undefined;
}

/** A file ready to upload, or why it was refused. */
export type PreparedFile = { readonly file: File } | FileRefusal;

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

// Each format's MIME types and file extensions, by which `accept` may name it.
const FORMAT_NAMES: Readonly<Record<ImageFormat, readonly string[]>> = {
  jpeg: ['image/jpeg', '.jpg', '.jpeg'],
  png: ['image/png', '.png'],
  webp: ['image/webp', '.webp'],
  gif: ['image/gif', '.gif'],
  heic: ['image/heic', 'image/heif', '.heic', '.heif'],
};

/** The formats `accept` admits. */
export function acceptedFormats(accept: readonly string[]): ImageFormat[] {
  return (Object.keys(FORMAT_NAMES) as ImageFormat[]).filter((format) =>
    FORMAT_NAMES[format].some((name) => accepts(name.startsWith('.') ? { type: '', name } : { type: name, name: '' }, accept)));
}

/** The format's name as people know it: JPEG, PNG, WebP, GIF, HEIC. */
export function formatName(format: ImageFormat): string {
  return format === 'webp' ? 'WebP' : format.toUpperCase();
}

/**
 * The types to encode as, in turn: the preferred one, then JPEG, WebP and PNG, each only if the
 * backend takes it. The first the browser can encode is used.
 */
export function outputTypes(preferred: PhotoOutputType, uploadTypes: readonly string[]): PhotoOutputType[] {
  const candidates = new Set<PhotoOutputType>([preferred, 'image/jpeg', 'image/webp', 'image/png']);
  const taken = [...candidates].filter((type) => uploadTypes.includes(type));
  return taken.length > 0 ? taken : ['image/jpeg'];
}

/**
 * The prepared file's name: `photo` and its type's extension. A camera's or phone's file name
 * tells when the photo was taken (`PXL_20240301_181502123.jpg`); the person sees the name they
 * chose, the backend does not.
 */
function neutralName(type: PhotoOutputType): string {
  return `photo${{ 'image/jpeg': '.jpg', 'image/webp': '.webp', 'image/png': '.png' }[type]}`;
}

/**
 * Makes a chosen file ready to upload, or refuses it. Every file the uploader takes goes through
 * here, and nothing else looks at its bytes: the page's photo processor identifies it, checks its
 * size, and downscales and re-encodes it without its metadata; the limit in bytes applies to the
 * result. Rejects with an `AbortError` when `signal` aborts, or another error when processing
 * failed (which trying again may mend).
 */
export async function prepareFile(file: File, rules: FileRules, signal?: AbortSignal): Promise<PreparedFile> {
  const formats = acceptedFormats(rules.accept);
  const [outputType = 'image/jpeg', ...fallbackTypes] = outputTypes(rules.options.outputType, rules.uploadTypes);
  try {
    const photo = await sharedPhotoProcessor().process(file, { ...rules.options, outputType, fallbackTypes, formats }, signal);
    if (photo.blob.size > rules.maxBytes) return { refusal: 'size', size: photo.blob.size };
    return { file: new File([photo.blob], neutralName(photo.type), { type: photo.type }) };
  } catch (error) {
    if (error instanceof PhotoRefusal) return { refusal: error.reason, size: file.size, pixels: error.pixels };
    throw error;
  }
}
