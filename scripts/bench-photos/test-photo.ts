// Photo-like test pictures, painted in the browser from a seed. A flat fill or a plain gradient
// would flatter every encoder; a camera's photo has smooth skies next to hard edges, fine texture,
// small print and sensor grain, and so do these.
import { encodeCanvas, withExif } from '../../packages/elements/src/photo-pipeline/photo-fixtures.test-support.js';

type Context = OffscreenCanvasRenderingContext2D;
type Random = () => number;

/** A small seeded generator (mulberry32): the same seed paints the same picture. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hsl = (h: number, s: number, l: number, a = 1): string => `hsla(${h.toFixed(1)}, ${s.toFixed(1)}%, ${l.toFixed(1)}%, ${a})`;

/** A ridge line by midpoint displacement: rough at every scale, as hills and roofs against the sky are. */
function ridge(random: Random, points: number, roughness: number): number[] {
  const heights = new Array<number>(points + 1).fill(0);
  const fill = (from: number, to: number, spread: number): void => {
    if (to - from < 2) return;
    const middle = (from + to) >> 1;
    heights[middle] = (heights[from]! + heights[to]!) / 2 + (random() - 0.5) * spread;
    fill(from, middle, spread * roughness);
    fill(middle, to, spread * roughness);
  };
  heights[0] = random() - 0.5;
  heights[points] = random() - 0.5;
  fill(0, points, 1);
  return heights;
}

function sky(c: Context, w: number, h: number, horizon: number, random: Random): void {
  const hue = 190 + random() * 40;
  const gradient = c.createLinearGradient(0, 0, 0, horizon);
  gradient.addColorStop(0, hsl(hue, 60, 35));
  gradient.addColorStop(0.6, hsl(hue - 10, 55, 62));
  gradient.addColorStop(1, hsl(hue - 150, 45, 82));
  c.fillStyle = gradient;
  c.fillRect(0, 0, w, horizon);
  // The sun's glow: a wide, soft radial gradient.
  const x = w * (0.2 + random() * 0.6);
  const y = horizon * (0.2 + random() * 0.4);
  const glow = c.createRadialGradient(x, y, 0, x, y, w * 0.3);
  glow.addColorStop(0, 'rgba(255, 250, 220, 0.95)');
  glow.addColorStop(0.08, 'rgba(255, 240, 200, 0.6)');
  glow.addColorStop(1, 'rgba(255, 230, 200, 0)');
  c.fillStyle = glow;
  c.fillRect(0, 0, w, horizon);
  // Clouds: soft ellipses in clusters, painted and blurred at an eighth of the size and drawn
  // scaled up (a blur filter at full size takes seconds per cloud without a GPU).
  const small = new OffscreenCanvas(Math.ceil(w / 8), Math.ceil(horizon / 8));
  const s = small.getContext('2d')!;
  for (let cloud = 0; cloud < 14; cloud++) {
    const cx = random() * small.width;
    const cy = random() * small.height * 0.7;
    s.filter = `blur(${(1 + random() * 2).toFixed(1)}px)`;
    for (let puff = 0; puff < 7; puff++) {
      s.fillStyle = `rgba(255, 255, 255, ${0.25 + random() * 0.4})`;
      s.beginPath();
      s.ellipse(cx + (random() - 0.5) * small.width * 0.12, cy + (random() - 0.5) * h * 0.03 / 8, (w / 8) * (0.02 + random() * 0.05), (h / 8) * (0.01 + random() * 0.02), 0, 0, Math.PI * 2);
      s.fill();
    }
  }
  c.imageSmoothingQuality = 'high';
  c.drawImage(small, 0, 0, w, horizon);
}

function hills(c: Context, w: number, h: number, horizon: number, random: Random): void {
  // Far to near: each layer darker and more saturated, as haze thins.
  for (let layer = 0; layer < 3; layer++) {
    const heights = ridge(random, 512, 0.58);
    const base = horizon - h * (0.16 - layer * 0.05);
    const amplitude = h * (0.12 - layer * 0.03);
    const gradient = c.createLinearGradient(0, base - amplitude, 0, horizon + h * 0.05);
    gradient.addColorStop(0, hsl(120 + layer * 15 + random() * 20, 15 + layer * 15, 60 - layer * 15));
    gradient.addColorStop(1, hsl(100 + layer * 10, 20 + layer * 12, 40 - layer * 10));
    c.fillStyle = gradient;
    c.beginPath();
    c.moveTo(0, h);
    heights.forEach((value, i) => c.lineTo((i / 512) * w, base - value * amplitude * 2));
    c.lineTo(w, h);
    c.closePath();
    c.fill();
  }
}

function ground(c: Context, w: number, h: number, horizon: number, random: Random, scale: number): void {
  const gradient = c.createLinearGradient(0, horizon, 0, h);
  gradient.addColorStop(0, hsl(95, 30, 38));
  gradient.addColorStop(1, hsl(80, 35, 22));
  c.fillStyle = gradient;
  c.fillRect(0, horizon, w, h - horizon);
  // Grass: many short strokes, longer and wider nearer the camera: texture an encoder must spend
  // bits on. One path per depth band and colour, far bands first: a stroke() per blade takes
  // seconds on a canvas without a GPU.
  const blades = Math.round(80_000 * scale * scale);
  const bands = 8;
  const colours = 12;
  c.lineCap = 'round';
  for (let band = 0; band < bands; band++) {
    for (let colour = 0; colour < colours; colour++) {
      c.strokeStyle = hsl(70 + random() * 50, 25 + random() * 40, 15 + random() * 40, 0.8);
      c.lineWidth = Math.max(1, (0.6 + ((band + 0.5) / bands) * 2.5) * scale);
      c.beginPath();
      for (let i = 0; i < blades / (bands * colours); i++) {
        const depth = (band + random()) / bands;
        const y = horizon + depth * depth * (h - horizon);
        const x = random() * w;
        const length = (4 + depth * 40) * scale * (0.5 + random());
        c.moveTo(x, y);
        c.lineTo(x + (random() - 0.5) * length * 0.6, y - length);
      }
      c.stroke();
    }
  }
}

function building(c: Context, w: number, h: number, horizon: number, random: Random, scale: number): void {
  const bw = w * (0.18 + random() * 0.1);
  const bh = h * (0.3 + random() * 0.1);
  const x = w * (0.05 + random() * 0.2);
  const y = horizon + h * 0.08 - bh;
  const wall = c.createLinearGradient(x, 0, x + bw, 0);
  wall.addColorStop(0, hsl(20 + random() * 20, 35, 55));
  wall.addColorStop(1, hsl(15, 30, 35));
  c.fillStyle = wall;
  c.fillRect(x, y, bw, bh);
  // Bricks: a fine regular pattern, which coarse resampling turns into moiré.
  const brickH = 7 * scale;
  const brickW = 22 * scale;
  c.strokeStyle = 'rgba(70, 50, 40, 0.45)';
  c.lineWidth = Math.max(1, 1.2 * scale);
  for (let row = 0; y + row * brickH < y + bh; row++) {
    const top = y + row * brickH;
    c.beginPath();
    c.moveTo(x, top);
    c.lineTo(x + bw, top);
    for (let bx = x + (row % 2) * brickW * 0.5; bx < x + bw; bx += brickW) {
      c.moveTo(bx, top);
      c.lineTo(bx, top + brickH);
    }
    c.stroke();
  }
  // Windows with hard edges and a reflection each.
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 4; col++) {
      const wx = x + bw * (0.08 + col * 0.23);
      const wy = y + bh * (0.06 + row * 0.18);
      const reflection = c.createLinearGradient(wx, wy, wx + bw * 0.15, wy + bh * 0.12);
      reflection.addColorStop(0, hsl(205, 40, 70));
      reflection.addColorStop(0.5, hsl(210, 45, 30));
      reflection.addColorStop(1, hsl(200, 30, 55));
      c.fillStyle = reflection;
      c.fillRect(wx, wy, bw * 0.15, bh * 0.12);
      c.strokeStyle = '#eee';
      c.lineWidth = 3 * scale;
      c.strokeRect(wx, wy, bw * 0.15, bh * 0.12);
    }
  }
  // A striped awning over the door.
  c.save();
  c.translate(x + bw * 0.3, y + bh * 0.9);
  for (let stripe = 0; stripe < 16; stripe++) {
    c.fillStyle = stripe % 2 === 0 ? '#c8302a' : '#f4efe6';
    c.fillRect(stripe * bw * 0.025, 0, bw * 0.025, bh * 0.05);
  }
  c.restore();
}

function parcel(c: Context, w: number, h: number, random: Random, scale: number): void {
  // The foreground subject: a dented cardboard box, turned, with a shadow, tape and a printed label.
  const size = h * (0.35 + random() * 0.1);
  c.save();
  c.translate(w * (0.55 + random() * 0.15), h * 0.7);
  c.rotate((random() - 0.5) * 0.3);
  c.shadowColor = 'rgba(0, 0, 0, 0.5)';
  c.shadowBlur = 40 * scale;
  c.shadowOffsetX = 25 * scale;
  c.shadowOffsetY = 20 * scale;
  const board = c.createLinearGradient(-size, -size * 0.6, size, size * 0.6);
  board.addColorStop(0, hsl(32, 45, 62));
  board.addColorStop(0.55, hsl(30, 42, 50));
  board.addColorStop(1, hsl(28, 40, 38));
  c.fillStyle = board;
  c.beginPath();
  c.moveTo(-size, -size * 0.55);
  c.lineTo(size * 0.9, -size * 0.62);
  c.lineTo(size, size * 0.55);
  c.quadraticCurveTo(0, size * 0.45, -size * 0.95, size * 0.6);
  c.closePath();
  c.fill();
  c.shadowColor = 'transparent';
  // Corrugation: faint parallel lines across the board.
  c.strokeStyle = 'rgba(90, 60, 30, 0.12)';
  c.lineWidth = 2 * scale;
  for (let line = -size; line < size; line += 9 * scale) {
    c.beginPath();
    c.moveTo(line, -size * 0.58);
    c.lineTo(line + size * 0.05, size * 0.55);
    c.stroke();
  }
  // Tape, shiny.
  const tape = c.createLinearGradient(0, -size * 0.1, 0, size * 0.1);
  tape.addColorStop(0, 'rgba(200, 170, 110, 0.9)');
  tape.addColorStop(0.5, 'rgba(245, 225, 170, 0.9)');
  tape.addColorStop(1, 'rgba(190, 160, 100, 0.9)');
  c.fillStyle = tape;
  c.fillRect(-size, -size * 0.08, size * 2, size * 0.16);
  // The label: large and small print, a barcode.
  c.fillStyle = '#f7f7f2';
  c.fillRect(-size * 0.8, -size * 0.5, size * 0.8, size * 0.35);
  c.fillStyle = '#161616';
  c.font = `bold ${Math.round(size * 0.06)}px "DejaVu Sans", sans-serif`;
  c.fillText('PARCEL 4411-2087-NL', -size * 0.77, -size * 0.42);
  c.font = `${Math.round(size * 0.025)}px "DejaVu Serif", serif`;
  const lines = [
    'Ship to: J. de Vries, Keizersgracht 123, 1015 CJ Amsterdam',
    'Contents: glass carafe with dripper, 2 packs of filters',
    'Weight 1.84 kg  ·  Handle with care  ·  This side up',
    'Sender: Coffee & Co., Rue des Martyrs 41, 75009 Paris',
  ];
  lines.forEach((text, i) => c.fillText(text, -size * 0.77, -size * 0.34 + i * size * 0.032));
  for (let bar = 0; bar < 60; bar++) {
    const width = (1 + Math.floor(random() * 3)) * scale * 1.6;
    c.fillRect(-size * 0.77 + bar * size * 0.0115, -size * 0.21, width, size * 0.05);
  }
  // The dent: a dark crease with a highlight beside it.
  c.strokeStyle = 'rgba(60, 35, 15, 0.7)';
  c.lineWidth = 6 * scale;
  c.beginPath();
  c.moveTo(size * 0.3, size * 0.1);
  c.bezierCurveTo(size * 0.45, size * 0.2, size * 0.5, size * 0.3, size * 0.7, size * 0.35);
  c.stroke();
  c.strokeStyle = 'rgba(255, 235, 200, 0.5)';
  c.lineWidth = 3 * scale;
  c.translate(4 * scale, -6 * scale);
  c.stroke();
  c.restore();
}

function signage(c: Context, w: number, h: number, random: Random, scale: number): void {
  // Text of several sizes at an angle: thin strokes and sharp edges in every direction.
  c.save();
  c.translate(w * 0.08, h * 0.12);
  c.rotate(-0.05 + random() * 0.1);
  c.fillStyle = 'rgba(20, 40, 80, 0.85)';
  c.fillRect(-20 * scale, -130 * scale, 1450 * scale, 260 * scale);
  c.fillStyle = '#ffffff';
  c.font = `bold ${Math.round(120 * scale)}px "DejaVu Sans", sans-serif`;
  c.fillText('AMICABLE MARKET', 0, 20 * scale);
  c.font = `${Math.round(38 * scale)}px "DejaVu Sans Mono", monospace`;
  c.fillText(`Open 08:00–20:00 · Returns desk 2F · #${Math.floor(random() * 1e6)}`, 0, 90 * scale);
  c.restore();
}

function grainAndVignette(c: Context, w: number, h: number, random: Random): void {
  const vignette = c.createRadialGradient(w / 2, h / 2, Math.min(w, h) * 0.3, w / 2, h / 2, Math.hypot(w, h) * 0.55);
  vignette.addColorStop(0, 'rgba(0, 0, 0, 0)');
  vignette.addColorStop(1, 'rgba(0, 0, 0, 0.45)');
  c.fillStyle = vignette;
  c.fillRect(0, 0, w, h);
  // Sensor grain: luminance noise with a little colour noise, in strips so that a 24 MP picture
  // never needs a second full copy of its pixels.
  const strip = 256;
  for (let top = 0; top < h; top += strip) {
    const rows = Math.min(strip, h - top);
    const image = c.getImageData(0, top, w, rows);
    const data = image.data;
    for (let i = 0; i < data.length; i += 4) {
      const luma = (random() + random() - 1) * 14;
      data[i] = data[i]! + luma + (random() - 0.5) * 5;
      data[i + 1] = data[i + 1]! + luma + (random() - 0.5) * 5;
      data[i + 2] = data[i + 2]! + luma + (random() - 0.5) * 5;
    }
    c.putImageData(image, 0, top);
  }
}

/** Paints a landscape scene of `width` x `height` with the seed's sky, hills, grass, building, parcel and signs. */
export function paintScene(c: Context, width: number, height: number, seed: number): void {
  const random = seeded(seed);
  // Sizes are drawn for 4000 px wide and scaled, so that a 24 MP photo holds the same scene in finer detail.
  const scale = width / 4000;
  const horizon = height * (0.45 + random() * 0.1);
  sky(c, width, height, horizon, random);
  hills(c, width, height, horizon, random);
  ground(c, width, height, horizon, random, scale);
  building(c, width, height, horizon, random, scale);
  parcel(c, width, height, random, scale);
  signage(c, width, height, random, scale);
  grainAndVignette(c, width, height, random);
}

/**
 * A camera-like JPEG (quality 0.92) of `width` x `height` stored pixels, with an EXIF block that
 * says it is to be turned a quarter clockwise (orientation 6, as a phone held upright writes) and
 * carries a GPS position.
 */
export async function testPhoto(width: number, height: number, seed: number): Promise<Uint8Array> {
  const jpeg = await encodeCanvas(width, height, (context) => paintScene(context, width, height, seed), 'image/jpeg', 0.92);
  return withExif(jpeg, 6);
}
