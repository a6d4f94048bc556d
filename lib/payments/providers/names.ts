import type { PaymentProvider } from '@/db/schema';
import { stripeEnabled } from '../stripe-client';

/** The providers that take a card: Stripe (real) and Demo (a test form, no money moves). */
export const cardProviderNames = ['stripe', 'demo'] as const satisfies readonly PaymentProvider[];
export type CardProviderName = (typeof cardProviderNames)[number];

/**
 * THE one place that decides which card provider runs: Stripe when its keys are configured,
 * Demo otherwise. Every "pay by card" (top-up, order, invoice, split, API deposit) asks this.
 */
export function cardProvider(): CardProviderName {
  return stripeEnabled() ? 'stripe' : 'demo';
}

/** True when cards go through the Demo provider (pages label the card option accordingly). */
export function cardProviderIsDemo(): boolean {
  return cardProvider() === 'demo';
}

export function isCardProvider(provider: string): provider is CardProviderName {
  return (cardProviderNames as readonly string[]).includes(provider);
}
