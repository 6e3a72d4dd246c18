import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  animatedGif, asFile, CMYK_JPEG, encodeCanvas, metadataOf, pixelAt, pixelsOf, pngHeader, withExif,
} from '../photo-pipeline/photo-fixtures.test-support.js';
import { waitUntil } from '../test-support/wait.test-support.js';
import { EUR_ORDER, serveReferenceBackend, startWorker, type TestBackend } from '../test-support/reference-backend.test-support.js';
import { sharedPhotoProcessor } from '../photo-pipeline/photo-processor.js';
import { choose } from './choose-files.test-support.js';
import type { PhotoUploader } from './photo-uploader.component.js';
import './photo-uploader.define.js';

const good = async () => asFile(await encodeCanvas(640, 480, (context) => context.fillRect(0, 0, 640, 480)), 'good.jpg', 'image/jpeg');

const preparing = (el: PhotoUploader) => el.shadowRoot!.querySelectorAll('[part~="item"].preparing').length > 0;
const messages = (el: PhotoUploader) => [...el.shadowRoot!.querySelectorAll('[part~="message"] span')].map((line) => line.textContent);

const listed = (el: PhotoUploader) => [...el.shadowRoot!.querySelectorAll('[part~="item"] .name')].map((name) => name.textContent);

/**
 * Offers `file` with a good photo after it, in a form without a backend, and waits until both are
 * dealt with: what the person was told, the photos listed, and the files the form would send.
 */
async function offer(file: File, lang: 'en' | 'nl' = 'en'): Promise<{ el: PhotoUploader; messages: (string | null)[]; files: File[] }> {
  const form = await fixture<HTMLFormElement>(html`<form lang=${lang}><photo-uploader name="evidence" max-files="5"></photo-uploader></form>`);
  const el = form.querySelector('photo-uploader')!;
  // Another language's strings load first.
  const add = { en: 'Choose photos', nl: 'Foto’s kiezen' }[lang];
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="add-button"]')?.textContent?.trim() === add, 'the language is loaded');
  choose(el, [file, await good()]);
  await waitUntil(() => !preparing(el) && new FormData(form).getAll('evidence').length > 0, 'the good photo is ready', { timeout: 30_000 });
  await expect(el).to.be.accessible();
  return { el, messages: messages(el), files: new FormData(form).getAll('evidence') as File[] };
}

const bytesOf = async (file: Blob) => new Uint8Array(await file.arrayBuffer());

describe('<photo-uploader> with hostile and awkward files', () => {
  it('refuses a renamed program, and still takes the next photo', async () => {
    const program = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0, 0, 0]);
    const { el, messages: told, files } = await offer(asFile(program, 'holiday.jpg', 'image/jpeg'));
    expect(told).to.deep.equal(['holiday.jpg was not added: it is not a photo. Choose a JPEG, PNG, WebP, GIF, or HEIC image.']);
    expect(files).to.have.length(1);
    expect(listed(el)).to.deep.equal(['good.jpg']);
  });

  it('refuses an SVG carrying a script, and shows nothing of it', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="window.hacked = 1"><script>window.hacked = 2</script></svg>');
    const { el, messages: told } = await offer(asFile(svg, 'drawing.svg', 'image/svg+xml'));
    expect(told).to.deep.equal(['drawing.svg was not added: it is not a photo. Choose a JPEG, PNG, WebP, GIF, or HEIC image.']);
    // The only thumbnail is the prepared JPEG of the good photo: no chosen file is ever shown as it came.
    const shown = [...el.shadowRoot!.querySelectorAll('img')].filter((img) => img.getAttribute('src') !== null);
    const types = await Promise.all(shown.map(async (img) => (await (await fetch(img.src)).blob()).type));
    expect(types).to.deep.equal(['image/jpeg']);
  });

  it('refuses an empty file', async () => {
    const { messages: told } = await offer(asFile(new Uint8Array(0), 'empty.jpg', 'image/jpeg'));
    expect(told).to.deep.equal(['empty.jpg was not added: the file is empty.']);
  });

  it('refuses a truncated JPEG as damaged', async () => {
    const jpeg = await encodeCanvas(400, 300, (context) => context.fillRect(0, 0, 200, 300));
    const { messages: told } = await offer(asFile(jpeg.subarray(0, jpeg.length >> 1), 'cut.jpg', 'image/jpeg'));
    expect(told).to.deep.equal(['cut.jpg was not added: the file is damaged or incomplete.']);
  });

  it('refuses a 30000 x 30000 PNG by its header, before decoding a pixel', async () => {
    const { messages: told } = await offer(asFile(pngHeader(30000, 30000), 'bomb.png', 'image/png'));
    expect(told).to.deep.equal(['bomb.png was not added: it has 900 megapixels, and a photo may have at most 100.']);
  });

  it('tells the megapixels to one decimal, so that a picture just over the limit is not told it is at it', async () => {
    const { messages: told } = await offer(asFile(pngHeader(10020, 10020), 'scan.png', 'image/png'));
    expect(told).to.deep.equal(['scan.png was not added: it has 100.4 megapixels, and a photo may have at most 100.']);
  });

  it('refuses a 200 MB file before reading it', async () => {
    const megabyte = new Uint8Array(1024 * 1024);
    const huge = asFile([new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), ...Array.from({ length: 200 }, () => megabyte)], 'video-still.jpg', 'image/jpeg');
    const { messages: told } = await offer(huge);
    expect(told).to.deep.equal(['video-still.jpg was not added: at 209.7 MB it is too large to open; a photo may be at most 100 MB.']);
  });

  it('refuses a HEIC photo this browser cannot open, and says what to do', async () => {
    const box = (type: string, body: number[]) => [0, 0, 0, 8 + body.length, ...new TextEncoder().encode(type), ...body];
    const heic = new Uint8Array([...box('ftyp', [...new TextEncoder().encode('heic'), 0, 0, 0, 0]), ...box('ispe', [0, 0, 0, 0, 0, 0, 15, 192, 0, 0, 11, 208])]);
    const { messages: told } = await offer(asFile(heic, 'IMG_0001.HEIC', 'image/heic'));
    expect(told).to.deep.equal(['IMG_0001.HEIC was not added: this browser cannot open HEIC photos. Send it as JPEG, or set the camera to “Most Compatible”.']);
  });

  it('takes an animated GIF as its first frame, in JPEG', async () => {
    const { messages: told, files } = await offer(asFile(animatedGif(), 'wave.gif', 'image/gif'));
    expect(told).to.deep.equal([]);
    expect(files.map((file) => file.type)).to.deep.equal(['image/jpeg', 'image/jpeg']);
    const pixel = pixelAt(await pixelsOf(files[0]!), 0, 0);
    expect(pixel[0]).to.be.above(200);
    expect(pixel[2]).to.be.below(60);
  });

  it('takes a CMYK JPEG, converted to an ordinary one', async () => {
    const { files } = await offer(asFile(CMYK_JPEG, 'print.jpg', 'image/jpeg'));
    const pixels = await pixelsOf(files[0]!);
    expect([pixels.width, pixels.height]).to.deep.equal([32, 16]);
    expect(pixelAt(pixels, 16, 8)[0]).to.be.above(pixelAt(pixels, 16, 8)[1]! + 100);
  });

  it('lays a PNG with transparency on white', async () => {
    const png = await encodeCanvas(40, 40, (context) => {
      context.fillStyle = '#000';
      context.fillRect(0, 0, 20, 40);
    }, 'image/png');
    const { files } = await offer(asFile(png, 'cutout.png', 'image/png'));
    expect(files[0]!.type).to.equal('image/jpeg');
    const pixels = await pixelsOf(files[0]!);
    expect(pixelAt(pixels, 30, 20).slice(0, 3).every((channel) => channel > 245)).to.equal(true);
    expect(pixelAt(pixels, 10, 20).slice(0, 3).every((channel) => channel < 10)).to.equal(true);
  });

  it('takes a 1 x 1 picture as it is', async () => {
    const dot = await encodeCanvas(1, 1, (context) => context.fillRect(0, 0, 1, 1), 'image/png');
    const { files } = await offer(asFile(dot, 'dot.png', 'image/png'));
    const pixels = await pixelsOf(files[0]!);
    expect([pixels.width, pixels.height]).to.deep.equal([1, 1]);
  });

  it('sends a phone photo upright, at 2048 px, without its EXIF and GPS, nor the time its name tells', async () => {
    const photo = withExif(await encodeCanvas(4000, 3000, (context) => context.fillRect(0, 0, 2000, 3000)), 6);
    const { el, files } = await offer(asFile(photo, 'PXL_20261126_104512123.jpg', 'image/jpeg'));
    expect(files.map((file) => file.name)).to.deep.equal(['photo.jpg', 'photo.jpg']);
    expect(listed(el)).to.deep.equal(['PXL_20261126_104512123.jpg', 'good.jpg']);
    const pixels = await pixelsOf(files[0]!);
    expect([pixels.width, pixels.height]).to.deep.equal([1536, 2048]);
    expect(metadataOf(await bytesOf(files[0]!))).to.include({ exif: false, gps: false });
  });

  it('tells why in the page’s language', async () => {
    const { messages: told } = await offer(asFile(pngHeader(30000, 30000), 'bom.png', 'image/png'), 'nl');
    expect(told).to.deep.equal(['bom.png is niet toegevoegd: het heeft 900 megapixel, en een foto mag er hoogstens 100 hebben.']);
  });
});

describe('<photo-uploader> preparing photos', () => {
  let backend: TestBackend;
  before(startWorker);
  beforeEach(async () => { backend = await serveReferenceBackend(); });

  it('shows each photo as being prepared, then uploads the small, clean file', async () => {
    const el = await fixture<PhotoUploader>(html`<photo-uploader order-id=${EUR_ORDER} .client=${backend.client('buyer')}></photo-uploader>`);
    const busy: boolean[] = [];
    el.addEventListener('amicable-photos-busy', (event) => busy.push(event.detail.busy));
    const photo = withExif(await encodeCanvas(4000, 3000, (context) => context.fillRect(0, 0, 4000, 3000)), 6);
    choose(el, [asFile(photo, 'IMG_0003.JPG', 'image/jpeg')]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="progress"]')!.getAttribute('aria-label')).to.equal('Preparing IMG_0003.JPG');
    expect(el.validationMessage).to.equal('Wait until the photos are ready.');
    await expect(el).to.be.accessible();
    await waitUntil(() => el.photos.length === 1, 'the photo uploads', { timeout: 30_000 });
    const [uploaded] = el.photos;
    expect([uploaded!.contentType, uploaded!.width, uploaded!.height]).to.deep.equal(['image/jpeg', 1536, 2048]);
    expect(uploaded!.bytes).to.be.below(photo.length);
    expect(busy, 'busy while preparing and uploading, then not').to.deep.equal([true, false]);
    expect(el.busy).to.equal(false);
  });

  it('cancels a photo being prepared when it is removed, and prepares the next', async () => {
    // The page's worker is running first: cancelling the photo it works on stops it, and the next photo starts another.
    await sharedPhotoProcessor().mode();
    // Counted from an empty list: the page's list of fetches stops growing once full.
    performance.clearResourceTimings();
    const el = await fixture<PhotoUploader>(html`<photo-uploader order-id=${EUR_ORDER} .client=${backend.client('buyer')}></photo-uploader>`);
    const big = asFile(await encodeCanvas(6000, 4000, (context) => context.fillRect(0, 0, 6000, 4000)), 'big.jpg', 'image/jpeg');
    choose(el, [big, await good()]);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="remove-button"]')!.click();
    await waitUntil(() => el.photos.length === 1, 'the next photo uploads', { timeout: 30_000 });
    expect(listed(el)).to.deep.equal(['good.jpg']);
    expect(el.photos).to.have.length(1);
    expect(performance.getEntriesByType('resource').filter(({ name }) => name.includes('/photo-worker.'))).to.have.length(1);
  });
});

describe('<photo-uploader> with a file gone from the disk', () => {
  it('refuses a file that can no longer be read, and says what to do', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><photo-uploader name="evidence"></photo-uploader></form>`);
    const el = form.querySelector('photo-uploader')!;
    await el.updateComplete;
    // Chosen from the disk as the browser's file picker gives it, but gone before it is read.
    const jpeg = await encodeCanvas(64, 48, (context) => context.fillRect(0, 0, 64, 48));
    await executeServerCommand('amicable:choose-disk-file', {
      host: 'photo-uploader', name: 'from-the-cloud.jpg', base64: btoa(String.fromCharCode(...jpeg)), deleteAfter: true,
    });
    await waitUntil(() => !preparing(el) && messages(el).length > 0, 'the file is dealt with');
    expect(messages(el)).to.deep.equal([
      'from-the-cloud.jpg was not added: it could not be read. If it is in a cloud drive, download it first, then choose it again.',
    ]);
    expect(listed(el)).to.deep.equal([]);
    choose(el, [await good()]);
    await waitUntil(() => new FormData(form).getAll('evidence').length === 1, 'the next photo is taken');
    await expect(el).to.be.accessible();
  });
});
