import { defaultTrees, type DecisionTree } from '@amicable/protocol';
import type { OrderRecord } from './store.js';

/** Trees and orders to load into a backend with `backend.seed(...)`. */
export interface ReferenceSeed {
  readonly trees: readonly DecisionTree[];
  readonly orders: readonly OrderRecord[];
}

/** A physical-goods order in euros (cents), two lines, photos uploaded as multipart. */
const coffeeSetInEuros: OrderRecord = {
  orderId: 'ord-1001',
  summary: {
    title: 'Stoneware pour-over coffee set',
    reference: 'KL-2026-1001',
    lines: [
      { title: 'Stoneware pour-over dripper with carafe, 600 ml', quantity: 1, unitPrice: { amount: 4_800, currency: 'EUR' } },
      { title: 'Unbleached paper filters, size 02 (100 pcs)', quantity: 2, unitPrice: { amount: 650, currency: 'EUR' } },
    ],
    placedAt: '2026-11-10T14:22:00Z',
    deliveredAt: '2026-11-13T10:05:00Z',
  },
  price: { amount: 6_100, currency: 'EUR' },
  buyer: { id: 'buyer-anna', displayName: 'Anna de Vries' },
  seller: { id: 'seller-kiln', displayName: 'Kiln & Kettle Ceramics' },
  treeId: 'physical-goods',
  locale: 'nl',
};

/** A physical-goods order in yen (exponent 0), photos uploaded to a pre-signed URL. */
const kettleInYen: OrderRecord = {
  orderId: 'ord-1002',
  summary: {
    title: 'Cast-iron tetsubin kettle, 1.2 l',
    reference: 'MI-88412',
    lines: [{ title: 'Cast-iron tetsubin kettle, 1.2 l, arare pattern', quantity: 1, unitPrice: { amount: 12_800, currency: 'JPY' } }],
    placedAt: '2026-11-08T01:40:00Z',
    deliveredAt: '2026-11-12T06:15:00Z',
  },
  price: { amount: 12_800, currency: 'JPY' },
  buyer: { id: 'buyer-kenji', displayName: 'Kenji Watanabe' },
  seller: { id: 'seller-morioka', displayName: 'Morioka Ironworks' },
  treeId: 'physical-goods',
  locale: 'en',
  uploads: { via: 'presigned', maxBytes: 5 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/webp'] },
};

/** A services order in Kuwaiti dinars (fils, exponent 3). */
const airConditioningInDinars: OrderRecord = {
  orderId: 'ord-1003',
  summary: {
    title: 'Air-conditioning service, two split units',
    reference: 'CB-5523',
    lines: [
      { title: 'Deep clean of a split air-conditioning unit', quantity: 2, unitPrice: { amount: 12_500, currency: 'KWD' } },
      { title: 'Refrigerant top-up (R-410A)', quantity: 1, unitPrice: { amount: 7_750, currency: 'KWD' } },
    ],
    placedAt: '2026-11-15T07:30:00Z',
    deliveredAt: '2026-11-18T11:00:00Z',
  },
  price: { amount: 32_750, currency: 'KWD' },
  buyer: { id: 'buyer-fatima', displayName: 'Fatima Al-Sabah' },
  seller: { id: 'seller-coolbreeze', displayName: 'CoolBreeze Technical Services' },
  treeId: 'services',
  locale: 'en',
};

/**
 * The reference backend's demo data: the protocol's default trees and three orders, one in EUR
 * (two lines), one in JPY (no minor unit, pre-signed uploads) and a service in KWD (three decimals).
 * Each price is the sum of its lines.
 */
export const referenceSeed: ReferenceSeed = {
  trees: [defaultTrees['physical-goods'], defaultTrees.services],
  orders: [coffeeSetInEuros, kettleInYen, airConditioningInDinars],
};
