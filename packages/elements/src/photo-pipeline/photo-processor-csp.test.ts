import { expect } from '@open-wc/testing';
import { FORMAT_TYPES, type ImageFormat } from './image-format.js';
import { DEFAULT_PHOTO_OPTIONS } from './photo-options.js';
import { PhotoProcessor } from './photo-processor.js';
import { asFile, encodeCanvas } from './photo-fixtures.test-support.js';

// A file of its own: the policy, once on the page, stays for every test after it.
describe('PhotoProcessor on a page whose Content-Security-Policy forbids workers', () => {
  before(() => {
    const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "worker-src 'none'" });
    document.head.append(policy);
  });

  it('processes the photos on the page instead', async () => {
    const processor = new PhotoProcessor();
    const file = asFile(await encodeCanvas(3000, 1000, (context) => context.fillRect(0, 0, 3000, 1000)), 'wide.jpg');
    const photo = await processor.process(file, { ...DEFAULT_PHOTO_OPTIONS, formats: Object.keys(FORMAT_TYPES) as ImageFormat[] });
    expect([photo.width, photo.height]).to.deep.equal([2048, 683]);
    expect(await processor.mode()).to.equal('page');
  });
});
