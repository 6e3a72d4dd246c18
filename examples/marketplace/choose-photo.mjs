// For the tests: a person choosing a camera-sized photo in a page's <photo-uploader>.

/** Waits for the page's uploader, paints a `width` x `height` JPEG named `name` in the page and chooses it. */
export async function choosePhoto(page, { name = 'shelf.jpg', width = 3000, height = 2000 } = {}) {
  await page.waitForFunction(() => document.querySelector('photo-uploader')?.shadowRoot?.querySelector('#add-input'), { timeout: 15_000 });
  await page.evaluate(async (photo) => {
    const canvas = new OffscreenCanvas(photo.width, photo.height);
    canvas.getContext('2d').fillRect(0, 0, photo.width, photo.height);
    const data = new DataTransfer();
    data.items.add(new File([await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], photo.name, { type: 'image/jpeg' }));
    const input = document.querySelector('photo-uploader').shadowRoot.querySelector('#add-input');
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, { name, width, height });
}
