'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/validations/action-state';

/** A country of the select, named in the reader's language. */
export type CountryOption = { code: string; name: string };

/**
 * The fields of a new delivery address: "Full name", "Address", "City", "Postal code", "Country"
 * (a select, the shop's country first chosen) and "Phone", each with its error beside it.
 * `values` refills them after a refused submit.
 */
export function AddressFields({
  countries,
  defaultCountry,
  values,
  errors,
}: {
  countries: CountryOption[];
  defaultCountry: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const t = useTranslations('delivery.address');
  const text = (name: string) => values?.[name] ?? '';
  const countryErrors = errors?.country;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label={t('fullName')} name="fullName" autoComplete="shipping name" required defaultValue={text('fullName')} errors={errors?.fullName} className="sm:col-span-2" />
      <Field label={t('address')} name="address" autoComplete="shipping street-address" required defaultValue={text('address')} errors={errors?.address} className="sm:col-span-2" />
      <Field label={t('city')} name="city" autoComplete="shipping address-level2" required defaultValue={text('city')} errors={errors?.city} />
      <Field label={t('postalCode')} name="postalCode" autoComplete="shipping postal-code" required defaultValue={text('postalCode')} errors={errors?.postalCode} />
      <div className="flex flex-col gap-1">
        <label htmlFor="field-country" className="text-sm font-medium text-stone-700">
          {t('country')}
        </label>
        <select
          id="field-country"
          name="country"
          autoComplete="shipping country"
          required
          defaultValue={values?.country ?? defaultCountry}
          aria-invalid={countryErrors?.length ? true : undefined}
          aria-describedby={countryErrors?.length ? 'field-country-error' : undefined}
          className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500"
        >
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
        {countryErrors?.length ? (
          <p id="field-country-error" className="text-sm text-red-700">
            {countryErrors.join(' ')}
          </p>
        ) : null}
      </div>
      <Field
        label={t('phone')}
        name="phone"
        type="tel"
        autoComplete="shipping tel"
        required
        hint={t('phoneHint')}
        defaultValue={text('phone')}
        errors={errors?.phone}
      />
    </div>
  );
}
