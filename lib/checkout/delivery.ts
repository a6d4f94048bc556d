import type { Query, Tx } from '@/db/database';
import type { Address, ShippingMethod } from '@/db/schema';
import { checkAddress, findOwnAddress, rememberAddress, touchAddress, type AddressInput } from '@/lib/delivery/addresses';
import { CheckoutError } from './errors';

/**
 * How the shopper receives the order: the shipping method chosen and, for a delivery method, the
 * address (one of their saved addresses, or a new one, remembered when the order is placed).
 *
 * A checkout without a DeliveryChoice (callers that place orders for a shopper without asking,
 * such as the demo seed) is picked up in store: the shop's first active pick-up method, or no
 * shipping at all when the shop defines no shipping method yet (a fresh shop still sells). When the
 * shop only delivers, such a checkout is refused: an address is never invented.
 */
export type DeliveryChoice = {
  /** The method chosen on the form; null when the shopper chose none. */
  shippingMethodId: number | null;
  address?: { savedAddressId: number } | { newAddress: AddressInput };
};

/** The delivery an order is placed with. */
export type ResolvedDelivery = {
  /** null: the shop offers no shipping method (picked up, no shipping line). */
  method: ShippingMethod | null;
  /** Where it goes; null when picked up. */
  address: AddressInput | null;
  /** The saved address used, or null (a new address is saved with the order). */
  saved: Address | null;
};

function chooseMethod(choice: DeliveryChoice | undefined, offered: readonly ShippingMethod[]): ShippingMethod | null {
  if (choice === undefined) {
    if (offered.length === 0) return null;
    const pickup = offered.find((method) => method.kind === 'pickup');
    if (!pickup) throw new CheckoutError('SHIPPING_REQUIRED', 'Choose how you would like to receive your order.');
    return pickup;
  }
  if (choice.shippingMethodId === null) {
    if (offered.length === 0) return null;
    throw new CheckoutError('SHIPPING_REQUIRED', 'Choose how you would like to receive your order.');
  }
  const method = offered.find((candidate) => candidate.id === choice.shippingMethodId);
  if (!method) throw new CheckoutError('SHIPPING_UNAVAILABLE', 'This shipping method is no longer offered. Please choose another.');
  return method;
}

/**
 * Checks the shopper's delivery choice against the methods offered now (`offered`: the active
 * ones) and their own saved addresses. Throws CheckoutError SHIPPING_REQUIRED, SHIPPING_UNAVAILABLE,
 * ADDRESS_REQUIRED, ADDRESS_INVALID or ADDRESS_NOT_FOUND.
 */
export async function resolveDelivery(q: Query, userId: number, choice: DeliveryChoice | undefined, offered: readonly ShippingMethod[]): Promise<ResolvedDelivery> {
  const method = chooseMethod(choice, offered);
  if (!method || method.kind === 'pickup') return { method, address: null, saved: null };
  const given = choice?.address;
  if (!given) throw new CheckoutError('ADDRESS_REQUIRED', 'Enter the address to deliver to.');
  if ('savedAddressId' in given) {
    const saved = await findOwnAddress(q, userId, given.savedAddressId);
    if (!saved) throw new CheckoutError('ADDRESS_NOT_FOUND', 'This address is not in your address book.');
    return { method, address: saved, saved };
  }
  const address = checkAddress(given.newAddress);
  if (!address) throw new CheckoutError('ADDRESS_INVALID', 'Check the delivery address.');
  return { method, address, saved: null };
}

/** Remembers the address an order went to (a new one saved, a saved one moved to the top). A step of the order's transaction. */
export async function rememberDeliveryAddress(tx: Tx, userId: number, delivery: ResolvedDelivery): Promise<void> {
  if (delivery.saved) await touchAddress(tx, delivery.saved);
  else if (delivery.address) await rememberAddress(tx, userId, delivery.address);
}
