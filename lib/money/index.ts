export { MAX_AMOUNT_MINOR, isAmount, isPositiveAmount, type Money } from './amounts';
export {
  currencies,
  currencyCodes,
  currencyExponent,
  currencyInfo,
  isCurrencyCode,
  UnknownCurrencyError,
  type CurrencyCode,
  type CurrencyInfo,
} from './currencies';
export { formatMoney, toDecimalString } from './format';
export {
  fromMajorNumber,
  parseAmount,
  type ParseAmountErrorCode,
  type ParseAmountOptions,
  type ParseAmountResult,
} from './parse';
