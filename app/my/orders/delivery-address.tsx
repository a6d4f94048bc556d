import { useLocale } from 'next-intl';
import type { Order } from '@/db/schema';
import { intlLocale, isLocale } from '@/lib/i18n/locales';

type Delivery = Pick<Order, 'deliveryName' | 'deliveryAddress' | 'deliveryCity' | 'deliveryPostalCode' | 'deliveryCountry' | 'deliveryPhone'>;

/** Where an order goes, as the shopper gave it at checkout (the country named in the reader's language), or "picked up". */
export function DeliveryAddress({ order, heading, pickup }: { order: Delivery; heading: string; pickup: string }) {
  const locale = useLocale();
  const country = order.deliveryCountry
    ? (new Intl.DisplayNames([intlLocale(isLocale(locale) ? locale : 'en')], { type: 'region' }).of(order.deliveryCountry) ?? order.deliveryCountry)
    : null;
  return (
    <section aria-labelledby="delivery-heading" className="rounded-xl border border-stone-200 bg-white p-5 text-sm shadow-sm">
      <h2 id="delivery-heading" className="mb-2 text-lg font-medium">
        {heading}
      </h2>
      {order.deliveryName === null ? (
        <p>{pickup}</p>
      ) : (
        <address className="not-italic" data-testid="delivery-address">
          {order.deliveryName}
          <br />
          {order.deliveryAddress}
          <br />
          {[order.deliveryPostalCode, order.deliveryCity].filter(Boolean).join(' ')}
          {country ? (
            <>
              <br />
              {country}
            </>
          ) : null}
          {order.deliveryPhone ? (
            <>
              <br />
              {order.deliveryPhone}
            </>
          ) : null}
        </address>
      )}
    </section>
  );
}
