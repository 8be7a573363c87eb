/** The widths made of an image: never wider than the image, the widest keeping every pixel. */
import { describe, expect, it } from 'vitest';
import { variantWidths } from '../../src/images/settings.js';

describe('variantWidths', () => {
  it('makes every configured width of an image wider than all of them', () => {
    expect(variantWidths(2400, [480, 960, 1440])).toEqual([480, 960, 1440]);
  });
  it('caps the widest at the image, and drops widths above it', () => {
    expect(variantWidths(1000, [480, 960, 1440])).toEqual([480, 960, 1000]);
    expect(variantWidths(1000, [1440, 480, 2000])).toEqual([480, 1000]);
  });
  it('gives an image narrower than every width its own width only', () => {
    expect(variantWidths(300, [480, 960])).toEqual([300]);
  });
  it('does not repeat a width equal to the image', () => {
    expect(variantWidths(960, [480, 960, 1440])).toEqual([480, 960]);
  });
  it('gives nothing without widths or pixels', () => {
    expect(variantWidths(800, [])).toEqual([]);
    expect(variantWidths(0, [480])).toEqual([]);
  });
});
