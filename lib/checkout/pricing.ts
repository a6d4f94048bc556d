import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Query } from '@/db/database';
import { products, type LineKind, type Order, type OrderLine, type ShippingMethod } from '@/db/schema';
import { listShippingMethods, shippingPrice } from '@/lib/delivery/shipping-methods';
import { sumTaxed, taxLine } from '@/lib/orders/tax';
import { getSettings } from '@/lib/settings';
import type { CartLine, PricedCart } from '@/lib/shop/cart';

/**
 * What an order costs, computed on the server only: the cart as priced by the catalog now, each
 * product line taxed at its product's rate (or the shop's default), a shipping line at the
 * shop's default rate, and the totals as sums of the lines (lib/orders/tax).
 */

/** What pricing needs besides the cart, read in the transaction that places the order (or by the page). */
export type PricingTerms = {
  currency: string;
  pricesIncludeTax: boolean;
  defaultTaxRateBp: number;
  /** The products' own rates (null: the default), by product id. */
  productRates: Map<number, number | null>;
  /** The active shipping methods in checkout order. */
  shippingMethods: ShippingMethod[];
};

/** An order line before it is stored: amount is the gross, amountNet + amountTax = amount. */
export type PricedOrderLine = {
  kind: LineKind;
  productId: number | null;
  name: string;
  /** The unit price as the shop writes prices (tax included or not, as Settings say). */
  unitPriceMinor: number;
  quantity: number;
  taxRateBp: number;
  amountNet: number;
  amountTax: number;
  amount: number;
};

export type OrderPricing = {
  currency: string;
  pricesIncludeTax: boolean;
  lines: PricedOrderLine[];
  /** The goods as the shop writes prices: gross when prices include tax, else net. */
  subtotal: number;
  /** The shipping as the shop writes prices (0 when free or picked up). */
  shipping: number;
  /** The shipping line's gross (orders.amountShipping). */
  shippingGross: number;
  /** True when the method has a price but the goods reached its free-above amount. */
  freeShipping: boolean;
  /** The chosen method, or null when the shop offers none (picked up). */
  shippingMethod: ShippingMethod | null;
  net: number;
  tax: number;
  /** What the shopper pays: the sum of the lines' gross. */
  total: number;
};

/** The terms to price `cart` with now. */
export async function loadPricingTerms(q: Query, cart: Pick<PricedCart, 'lines' | 'currency'>): Promise<PricingTerms> {
  const settings = await getSettings(q);
  const ids = cart.lines.map((line) => line.productId);
  const rates =
    ids.length === 0 ? [] : await q.select({ id: products.id, taxRateBp: products.taxRateBp }).from(products).where(inArray(products.id, ids));
  return {
    currency: cart.currency,
    pricesIncludeTax: settings.pricesIncludeTax,
    defaultTaxRateBp: settings.defaultTaxRateBp,
    productRates: new Map(rates.map((row) => [row.id, row.taxRateBp])),
    shippingMethods: await listShippingMethods(q, { activeOnly: true, currency: cart.currency }),
  };
}

/** Prices the cart's lines and the chosen shipping method (null: no shipping line) under `terms`. */
export function priceOrder(lines: readonly CartLine[], method: ShippingMethod | null, terms: PricingTerms): OrderPricing {
  const include = terms.pricesIncludeTax;
  const goods: PricedOrderLine[] = lines.map((line) => {
    const taxRateBp = terms.productRates.get(line.productId) ?? terms.defaultTaxRateBp;
    const taxed = taxLine(line.amount, taxRateBp, include);
    return {
      kind: 'product',
      productId: line.productId,
      name: line.name,
      unitPriceMinor: line.unitPriceMinor,
      quantity: line.quantity,
      taxRateBp,
      amountNet: taxed.net,
      amountTax: taxed.tax,
      amount: taxed.gross,
    };
  });
  const goodsGross = goods.reduce((sum, line) => sum + line.amount, 0);
  const subtotal = goods.reduce((sum, line) => sum + (include ? line.amount : line.amountNet), 0);
  const priced = [...goods];
  let shipping = 0;
  if (method) {
    shipping = shippingPrice(method, goodsGross);
    const taxed = taxLine(shipping, terms.defaultTaxRateBp, include);
    priced.push({
      kind: 'shipping',
      productId: null,
      name: method.name,
      unitPriceMinor: shipping,
      quantity: 1,
      taxRateBp: terms.defaultTaxRateBp,
      amountNet: taxed.net,
      amountTax: taxed.tax,
      amount: taxed.gross,
    });
  }
  const totals = sumTaxed(priced.map((line) => ({ net: line.amountNet, tax: line.amountTax, gross: line.amount })));
  return {
    currency: terms.currency,
    pricesIncludeTax: include,
    lines: priced,
    subtotal,
    shipping,
    shippingGross: priced.find((line) => line.kind === 'shipping')?.amount ?? 0,
    freeShipping: method !== null && shipping === 0 && method.priceMinor > 0,
    shippingMethod: method,
    net: totals.net,
    tax: totals.tax,
    total: totals.gross,
  };
}

/**
 * The fingerprint of everything the checkout page priced: the cart (lines, quantities, prices),
 * the tax terms and every active shipping method's terms. The page sends it back with the chosen
 * method; when it differs now, something the shopper saw changed and the order is refused
 * (CART_CHANGED) rather than charged differently.
 */
export function checkoutVersion(cart: Pick<PricedCart, 'version' | 'lines'>, terms: PricingTerms): string {
  const fingerprint = JSON.stringify([
    cart.version,
    terms.pricesIncludeTax,
    terms.defaultTaxRateBp,
    cart.lines.map((line) => terms.productRates.get(line.productId) ?? null),
    terms.shippingMethods.map((method) => [method.id, method.kind, method.name, method.priceMinor, method.freeAboveMinor]),
  ]);
  return createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22);
}

/** An order's summary under its lines, from what was stored (the order page's OrderSummary `totals`). */
export type OrderTotals = {
  /** The goods as the shop wrote prices when the order was placed (gross or net). */
  subtotal: number;
  /** The shipping line the same way; null when the order has none. */
  shipping: number | null;
  tax: number;
  pricesIncludeTax: boolean;
};

/** The subtotal, shipping and tax of a placed order, read from its lines (no rounding: they are the lines' own amounts). */
export function orderTotals(
  order: Pick<Order, 'pricesIncludeTax' | 'amountTax'>,
  lines: readonly Pick<OrderLine, 'kind' | 'amount' | 'amountNet'>[],
): OrderTotals {
  const written = (line: Pick<OrderLine, 'amount' | 'amountNet'>) => (order.pricesIncludeTax ? line.amount : line.amountNet);
  const shippingLine = lines.find((line) => line.kind === 'shipping');
  return {
    subtotal: lines.filter((line) => line.kind === 'product').reduce((sum, line) => sum + written(line), 0),
    shipping: shippingLine ? written(shippingLine) : null,
    tax: order.amountTax,
    pricesIncludeTax: order.pricesIncludeTax,
  };
}
