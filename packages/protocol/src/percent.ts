import * as z from 'zod/mini';
import { hasAtMostTwoDecimals } from './money.js';

// Its own module: nothing a widget loads validates a bare percentage, so a browser bundle can
// leave this schema out while it keeps the money arithmetic.

/** A percentage from 0 to 100 with at most two decimals (12.5 means 12.5 %). */
export const Percent = z.number().check(
  z.minimum(0, 'a percentage is at least 0'),
  z.maximum(100, 'a percentage is at most 100'),
  z.refine(hasAtMostTwoDecimals, 'a percentage has at most two decimals'),
);
export type Percent = z.infer<typeof Percent>;
