/** Real image files for tests, drawn with sharp: a gradient photo of any size and format, and an animated GIF. */
import sharp from 'sharp';

/** A `width` × `height` picture (two gradients and a wave, so encoders have something to keep) as `format`. */
export async function drawnImage(
  width: number,
  height: number,
  format: 'png' | 'jpeg' | 'webp' | 'gif' = 'png',
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.floor((x * 255) / width);
      raw[i + 1] = Math.floor((y * 255) / height);
      raw[i + 2] = Math.floor((Math.sin(x / 9) * Math.cos(y / 7) + 1) * 127);
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toBuffer();
}

/** A two-frame animated GIF, `width` × `height`. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frames = await Promise.all([40, 200].map((value) => drawnFrame(width, height, value)));
  return sharp(frames, { join: { animated: true } })
    .gif({ loop: 0 })
    .toBuffer();
}

function drawnFrame(width: number, height: number, value: number): Promise<Buffer> {
  return sharp(Buffer.alloc(width * height * 3, value), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
