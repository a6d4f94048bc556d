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
export { formatMoney, toDecimalString, toInputString } from './format';
export {
  fromMajorNumber,
  parseAmount,
  type AmountLocale,
  type ParseAmountErrorCode,
  type ParseAmountOptions,
  type ParseAmountResult,
} from './parse';
