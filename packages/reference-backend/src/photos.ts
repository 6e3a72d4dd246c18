import {
  DEFAULT_UPLOAD_POLICY,
  type Photo,
  type PhotoContentType,
  type PhotoUploadRequest,
  type PhotoUploadTicket,
  type UploadPolicy,
} from '@amicable/protocol';
import { sha256Hex, utf8 } from './base64url.js';
import { nowIso, type BackendContext } from './backend-context.js';
import { concatBytes } from './concat-bytes.js';
import { readImageSize, sniffImageType } from './image-header.js';
import { stripMetadata } from './photo-metadata.js';
import { problem, ProblemError } from './problems.js';
import { jsonReply, type Reply } from './reply.js';
import { mediaTypeOf, readBody } from './request-body.js';
import { PHOTO_PATH, UPLOAD_PATH } from './router.js';
import type { OrderRecord, PhotoRecord } from './store.js';

/** Room for the multipart boundaries and part headers around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** The most pixels a photo may have: 100 megapixels. */
export const MAX_PIXELS = 100_000_000;
/** How long a pre-signed upload URL stays valid. */
export const UPLOAD_TICKET_SECONDS = 15 * 60;

/** The order's upload policy, or the contract's default. */
export function policyOf(order: OrderRecord): UploadPolicy {
  return order.uploads ?? DEFAULT_UPLOAD_POLICY;
}

function pathOf(template: string, photoId: string): string {
  return template.replace('{photoId}', encodeURIComponent(photoId));
}

/** The token-free capability URL of a stored photo: `<base>/photos/<id>?sig=<HMAC>`. */
export async function photoUrl(context: BackendContext, photoId: string): Promise<string> {
  return `${context.baseUrl}${pathOf(PHOTO_PATH, photoId)}?sig=${await context.signer.sign(`photo\n${photoId}`)}`;
}

/** A stored photo as the contract describes it. */
export async function photoOf(context: BackendContext, record: PhotoRecord): Promise<Photo> {
  return {
    id: record.id,
    url: await photoUrl(context, record.id),
    contentType: record.contentType,
    width: record.width,
    height: record.height,
    // The stored bytes, without metadata; `size` of a pre-signed upload stays the ticket's.
    bytes: record.bytes.length,
  };
}

const tooLarge = (policy: UploadPolicy) => `a photo may have at most ${policy.maxBytes} bytes`;

/**
 * Judges a photo by its bytes: at most `maxBytes`; sniffed as a type of the policy (and the one
 * declared, when one is); a header that states a size; neither side zero, and at most 100 megapixels.
 */
function checkedImage(bytes: Uint8Array, policy: UploadPolicy, declared: string): { contentType: PhotoContentType; width: number; height: number } {
  if (bytes.length > policy.maxBytes) throw new ProblemError(problem('payloadTooLarge', { detail: tooLarge(policy) }));
  const contentType = sniffImageType(bytes);
  const accepted = policy.contentTypes.join(', ');
  if (contentType === null || !policy.contentTypes.includes(contentType)) {
    const what = bytes.length === 0 ? 'the file is empty' : contentType === null ? 'the file is not a JPEG, PNG or WebP image' : `${contentType} is not accepted here`;
    throw new ProblemError(problem('unsupportedMediaType', { detail: `${what}; accepted: ${accepted}` }));
  }
  if (declared !== '' && declared !== 'application/octet-stream' && declared !== contentType) {
    throw new ProblemError(problem('unsupportedMediaType', { detail: `the file is declared as ${declared} but its bytes are ${contentType}` }));
  }
  const size = readImageSize(bytes, contentType);
  if (size === null) throw new ProblemError(problem('unsupportedMediaType', { detail: `the ${contentType} header cannot be read` }));
  if (size.width === 0 || size.height === 0) {
    const errors = [{ path: '$.file', code: 'empty_image', message: `the image is ${size.width}x${size.height} pixels` }];
    throw new ProblemError(problem('validation', { detail: 'the image has no pixels', errors }));
  }
  if (size.width * size.height > MAX_PIXELS) {
    const errors = [{ path: '$.file', code: 'too_many_pixels', message: `the image is ${size.width}x${size.height} pixels; at most 100 megapixels are accepted` }];
    throw new ProblemError(problem('validation', { detail: 'the image is too large', errors }));
  }
  return { contentType, ...size };
}

/** The photo's bytes without location and device metadata; a structure that cannot be walked is refused (415). */
function withoutMetadata(bytes: Uint8Array<ArrayBuffer>, contentType: PhotoContentType): Uint8Array<ArrayBuffer> {
  const stripped = stripMetadata(bytes, contentType);
  if (!stripped.ok) throw new ProblemError(problem('unsupportedMediaType', { detail: stripped.detail }));
  return stripped.bytes;
}

async function storedPhoto(context: BackendContext, id: string, orderId: string, bytes: Uint8Array<ArrayBuffer>, image: ReturnType<typeof checkedImage>, size = bytes.length): Promise<PhotoRecord> {
  const record: PhotoRecord = { id, orderId, status: 'stored', size, bytes, createdAt: nowIso(context), ...image };
  await context.store.putPhoto(record);
  return record;
}

/** A multipart body read and parsed, before idempotency: its form and fingerprint. */
export interface MultipartUpload {
  readonly form: FormData;
  readonly fingerprint: string;
}

/**
 * Reads a multipart photo upload: `multipart/form-data` (else 415), no larger than `policy`'s
 * `maxBytes` plus the multipart overhead (else 413, before reading when `Content-Length` says so),
 * parseable (else 400). The fingerprint covers the parts, not the raw bytes: a retry of the same
 * form comes with a new boundary.
 */
export async function readMultipart(request: Request, policy: UploadPolicy): Promise<MultipartUpload> {
  const contentType = request.headers.get('Content-Type');
  if (mediaTypeOf(contentType) !== 'multipart/form-data') {
    throw new ProblemError(problem('unsupportedMediaType', { detail: 'a photo is uploaded as multipart/form-data with one part named "file"' }));
  }
  const raw = await readBody(request, policy.maxBytes + MULTIPART_OVERHEAD_BYTES, tooLarge(policy));
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'Content-Type': contentType ?? '' } }).formData();
  } catch {
    throw new ProblemError(problem('badRequest', { detail: 'the body is not valid multipart/form-data' }));
  }
  return { form, fingerprint: await formFingerprint(form) };
}

async function formFingerprint(form: FormData): Promise<string> {
  const pieces: Uint8Array[] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      pieces.push(utf8(JSON.stringify([name, 'text', value])));
    } else {
      pieces.push(utf8(JSON.stringify([name, 'file', value.type, value.size])), new Uint8Array(await value.arrayBuffer()));
    }
  }
  return sha256Hex(concatBytes(pieces));
}

/** Stores the photo of a multipart upload, without its metadata: 201 with the `Photo`. */
export async function storeMultipart(context: BackendContext, order: OrderRecord, upload: MultipartUpload): Promise<Reply> {
  const files = upload.form.getAll('file');
  const [file] = files;
  if (files.length !== 1 || file === undefined || typeof file === 'string') {
    const errors = [{ path: '$.file', code: 'required', message: 'send exactly one file, in a part named "file"' }];
    throw new ProblemError(problem('validation', { detail: 'no photo in the upload', errors }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const image = checkedImage(bytes, policyOf(order), mediaTypeOf(file.type));
  const record = await storedPhoto(context, context.newId('photo'), order.orderId, withoutMetadata(bytes, image.contentType), image);
  return jsonReply(201, await photoOf(context, record));
}

function uploadMessage(photoId: string, exp: string, contentType: string, bytes: number): string {
  return `upload\n${photoId}\n${exp}\n${contentType}\n${bytes}`;
}

/**
 * Hands out a pre-signed URL to PUT one photo to, bound to its type and exact size and valid for
 * 15 minutes; the photo is recorded as pending until the bytes arrive.
 */
export async function issueUploadTicket(context: BackendContext, order: OrderRecord, request: PhotoUploadRequest): Promise<Reply> {
  const policy = policyOf(order);
  if (request.bytes > policy.maxBytes) throw new ProblemError(problem('payloadTooLarge', { detail: tooLarge(policy) }));
  if (!policy.contentTypes.includes(request.contentType)) {
    throw new ProblemError(problem('unsupportedMediaType', { detail: `${request.contentType} is not accepted here; accepted: ${policy.contentTypes.join(', ')}` }));
  }
  const now = context.clock();
  const exp = String(Math.floor(now.getTime() / 1000) + UPLOAD_TICKET_SECONDS);
  const id = context.newId('photo');
  await context.store.putPhoto({
    id,
    orderId: order.orderId,
    contentType: request.contentType,
    status: 'pending',
    size: request.bytes,
    width: 0,
    height: 0,
    bytes: new Uint8Array(0),
    createdAt: now.toISOString(),
  });
  const sig = await context.signer.sign(uploadMessage(id, exp, request.contentType, request.bytes));
  const ticket: PhotoUploadTicket = {
    photoId: id,
    method: 'PUT',
    url: `${context.baseUrl}${pathOf(UPLOAD_PATH, id)}?exp=${exp}&sig=${sig}`,
    headers: { 'Content-Type': request.contentType },
    expiresAt: new Date(Number(exp) * 1000).toISOString(),
  };
  return jsonReply(201, ticket);
}

/**
 * Deletes the pending photos of upload URLs that expired unused (the buyer gave up, or the PUT
 * never arrived), so that their rows do not pile up; returns how many.
 */
export function deleteExpiredUploads(context: BackendContext): Promise<number> {
  // A URL expires at most UPLOAD_TICKET_SECONDS after its photo was created (`exp` is rounded down).
  return context.store.deletePendingPhotos(new Date(context.clock().getTime() - UPLOAD_TICKET_SECONDS * 1000).toISOString());
}

/**
 * Takes the bytes PUT to a pre-signed URL: the signature must hold and not have expired (403), the
 * size exactly the ticket's (422) and the sniffed type the ticket's (415). The photo is stored without
 * its metadata. Answers 200 with the `Photo`. A PUT is idempotent: the same bytes again (a retry whose first answer was lost) get the
 * same `Photo`; other bytes get 409, since the URL was used.
 */
export async function receiveUpload(context: BackendContext, photoId: string, url: URL, request: Request): Promise<Reply> {
  const exp = url.searchParams.get('exp') ?? '';
  const sig = url.searchParams.get('sig') ?? '';
  const record = await context.store.getPhoto(photoId);
  const signed = record !== null && /^\d{1,12}$/.test(exp)
    && (await context.signer.verify(uploadMessage(photoId, exp, record.contentType, record.size), sig));
  if (record === null || !signed) return problem('forbiddenRole', { detail: 'this upload URL is not valid' });
  if (context.clock().getTime() > Number(exp) * 1000) return problem('forbiddenRole', { detail: 'this upload URL has expired; ask for a new one' });
  return context.queue.run(record.orderId, async () => {
    const current = await context.store.getPhoto(photoId);
    if (current === null) return problem('forbiddenRole', { detail: 'this upload URL is not valid' });
    if (current.status === 'stored') return repeatedUpload(context, current, request);
    const declared = mediaTypeOf(request.headers.get('Content-Type'));
    if (declared !== '' && declared !== current.contentType) {
      return problem('unsupportedMediaType', { detail: `this URL takes ${current.contentType}, not ${declared}` });
    }
    const sizeMismatch = (got: string) =>
      problem('validation', {
        detail: 'the upload is not the size the URL was issued for',
        errors: [{ path: '$', code: 'size_mismatch', message: `expected ${current.size} bytes, got ${got}` }],
      });
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readBody(request, current.size, '');
    } catch (error) {
      if (error instanceof ProblemError && error.reply.status === 413) return sizeMismatch('more');
      throw error;
    }
    if (bytes.length !== current.size) return sizeMismatch(String(bytes.length));
    const image = checkedImage(bytes, { via: 'presigned', maxBytes: current.size, contentTypes: [current.contentType] }, current.contentType);
    // `size` stays the ticket's: the URL's signature covers it, and a retry is read against it.
    const stored = await storedPhoto(context, photoId, current.orderId, withoutMetadata(bytes, image.contentType), image, current.size);
    return jsonReply(200, await photoOf(context, stored));
  });
}

async function repeatedUpload(context: BackendContext, stored: PhotoRecord, request: Request): Promise<Reply> {
  const used = problem('invalidState', { detail: 'another photo has already been uploaded to this URL' });
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBody(request, stored.size, '');
  } catch (error) {
    if (error instanceof ProblemError && error.reply.status === 413) return used;
    throw error;
  }
  // What was stored is the first upload stripped, and stripping is deterministic: strip the retry too.
  const stripped = stripMetadata(bytes, stored.contentType);
  if (!stripped.ok) return used;
  const same = stripped.bytes.length === stored.bytes.length && stripped.bytes.every((byte, index) => byte === stored.bytes[index]);
  return same ? jsonReply(200, await photoOf(context, stored)) : used;
}

/** Serves a stored photo to whoever holds its signed URL, with the sniffed type and no sniffing by the browser. */
export async function servePhoto(context: BackendContext, photoId: string, url: URL): Promise<Reply> {
  const sig = url.searchParams.get('sig') ?? '';
  if (!(await context.signer.verify(`photo\n${photoId}`, sig))) return problem('forbiddenRole', { detail: 'this photo URL is not valid' });
  const record = await context.store.getPhoto(photoId);
  if (record === null || record.status !== 'stored') return problem('notFound', { detail: 'no such photo' });
  return {
    status: 200,
    headers: {
      'Content-Type': record.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=31536000, immutable',
    },
    body: new Uint8Array(record.bytes),
  };
}
