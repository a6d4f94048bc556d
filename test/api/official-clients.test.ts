// Issue 18, protocol parity: what the Java, Python and PHP clients send (test/api/official-clients.ts,
// each written from that client's source) reaches Coffer through a handler that sees requests as
// under `next start` (test/api/next-start.ts), and each client can read what comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabase } from '@/db';
import { createApiKey } from '@/lib/api/secrets';
import { getBalance } from '@/lib/ledger';
import { insertTestUser } from '@/test/helpers/users';
import { startApiServer, type TestServer } from './craftgate-server';
import {
  JavaLocalDateTime,
  PhpFloat,
  PyDecimal,
  javaQuery,
  javaRequest,
  phpQuery,
  phpRequest,
  pythonQuery,
  pythonRequest,
  send,
  clientException,
  type Credentials,
  type WireResponse,
} from './official-clients';

const db = getDatabase();
let server: TestServer;
let credentials: Credentials;

beforeAll(async () => {
  server = await startApiServer();
  const key = await createApiKey(db, { name: 'ERP', staffId: (await insertTestUser(db, 'staff')).id });
  credentials = { apiKey: key.apiKey, secretKey: key.secretKey, baseUrl: server.baseUrl };
});

afterAll(() => server.close());

type Page = { page: number; size: number; totalSize: number; items: { id: number; name?: string; amount?: number; walletTransactionType?: string }[] };

function data<T>(response: WireResponse): T {
  if (response.status !== 200) throw new Error(`Expected 200, got ${response.status}: ${response.text}`);
  return response.json.data as T;
}

let members = 0;
/** A member named `name`, created through the Java client, with `funds` sent to its wallet. */
async function member(name: string, funds = 0): Promise<number> {
  members += 1;
  const created = data<{ id: number }>(
    await send(javaRequest(credentials, { method: 'POST', path: '/onboarding/v1/members', body: { memberExternalId: `wire-${members}`, name, email: `wire-${members}@example.com`, address: 'Main St 1', phoneNumber: '+905550000000' } })),
  );
  if (funds > 0) {
    data(await send(javaRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: created.id, price: funds, currency: 'USD', description: 'Funds' } })));
  }
  return created.id;
}

describe('the Java client (x-auth-version v1, Gson bodies, URLEncoder queries with a trailing &)', () => {
  it('authenticates and reads the merchant wallet', async () => {
    const response = await send(javaRequest(credentials, { method: 'GET', path: '/wallet/v1/merchants/me/wallet' }));
    expect(response.status).toBe(200);
    expect(data(response)).toMatchObject({ currency: 'USD' });
  });

  it('searches members by a name with a space and a comma-joined id list', async () => {
    const id = await member('Haluk Demir');
    await member('Haluk Demirci');
    const query = javaQuery([
      ['page', 0],
      ['size', 10],
      ['isBuyer', null],
      ['isSubMerchant', null],
      ['name', 'Haluk Demir'],
      ['memberIds', [id, 999_999]],
      ['memberType', null],
      ['memberExternalId', null],
    ]);
    expect(query).toBe(`?page=0&size=10&name=Haluk%20Demir&memberIds=${id}%2C999999&`);
    const found = data<Page>(await send(javaRequest(credentials, { method: 'GET', path: `/onboarding/v1/members${query}` })));
    expect(found.items.map((each) => each.id)).toEqual([id]);
  });

  it('searches wallet transactions by a type list, a LocalDateTime and an empty type set', async () => {
    const id = await member('Java Wallet', 20);
    const since = new JavaLocalDateTime(new Date(Date.now() - 60_000).toISOString().slice(0, 19));
    const path = (types: string[]) =>
      `/wallet/v1/wallets/${id}/wallet-transactions${javaQuery([
        ['page', 0],
        ['size', 10],
        ['walletTransactionTypes', types],
        ['minCreatedDate', since],
        ['maxCreatedDate', null],
        ['minAmount', null],
        ['maxAmount', null],
      ])}`;
    const remittances = data<Page>(await send(javaRequest(credentials, { method: 'GET', path: path(['REMITTANCE', 'PAYMENT_REDEEM']) })));
    expect(remittances.items.map((each) => [each.walletTransactionType, each.amount])).toEqual([['REMITTANCE', 20]]);
    expect(path([])).toContain('walletTransactionTypes=&');
    expect(data<Page>(await send(javaRequest(credentials, { method: 'GET', path: path([]) }))).totalSize).toBe(1);
  });

  it('sends a bare ? when no search field is set', async () => {
    const query = javaQuery([
      ['page', null],
      ['size', null],
      ['paymentId', null],
    ]);
    expect(query).toBe('?');
    expect((await send(javaRequest(credentials, { method: 'GET', path: `/payment-reporting/v1/refunds${query}` }))).status).toBe(200);
  });

  it('sends a Gson body with its HTML-safe escapes', async () => {
    const id = await member('Java Gift');
    const sent = data<{ description: string }>(
      await send(javaRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: id, price: 12.5, currency: 'USD', description: "Ada's <gift> & more" } })),
    );
    expect(sent.description).toBe("Ada's <gift> & more");
  });
});

describe('the Python client (x-auth-version v1, sorted compact bodies, quote() queries, x-idempotency-key)', () => {
  it('searches members by a name with a space and a comma-joined id set', async () => {
    const id = await member('Ayşe Yılmaz');
    const query = pythonQuery([
      ['page', 0],
      ['size', 10],
      ['is_buyer', null],
      ['is_sub_merchant', null],
      ['name', 'Ayşe Yılmaz'],
      ['member_ids', [id]],
      ['member_type', null],
      ['member_external_id', null],
    ]);
    expect(query).toBe(`?page=0&size=10&name=Ay%C5%9Fe%20Y%C4%B1lmaz&memberIds=${id}`);
    const found = data<Page>(await send(pythonRequest(credentials, { method: 'GET', path: `/onboarding/v1/members${query}` })));
    expect(found.items.map((each) => each.id)).toEqual([id]);
  });

  it('searches wallet transactions with the request defaults and with a type set', async () => {
    const id = await member('Python Wallet', 30);
    const plain = data<Page>(await send(pythonRequest(credentials, { method: 'GET', path: `/wallet/v1/wallets/${id}/wallet-transactions${pythonQuery([['page', 0], ['size', 10]])}` })));
    expect(plain.totalSize).toBe(1);
    const typed = pythonQuery([
      ['page', 0],
      ['size', 10],
      ['wallet_transaction_types', ['PAYMENT_REDEEM', 'REMITTANCE']],
      ['min_amount', new PyDecimal('5')],
    ]);
    expect(data<Page>(await send(pythonRequest(credentials, { method: 'GET', path: `/wallet/v1/wallets/${id}/wallet-transactions${typed}` }))).totalSize).toBe(1);
  });

  it('sends Decimals as floats and gets the first reply again for a retried x-idempotency-key', async () => {
    const id = await member('Python Retry');
    const call = { method: 'POST', path: '/wallet/v1/remittances/send', body: { member_id: id, price: new PyDecimal('50'), currency: 'USD', description: 'Loyalty' }, idempotencyKey: 'py-retry-1' };
    const first = await send(pythonRequest(credentials, call));
    expect(first.status).toBe(200);
    expect(pythonRequest(credentials, call).body).toBe(`{"currency":"USD","description":"Loyalty","memberId":${id},"price":50.0}`);
    const again = await send(pythonRequest(credentials, call));
    expect(again.text).toBe(first.text);
    expect((await getBalance(db.read, { wallet: id, currency: 'USD' })).posted).toBe(5000);
  });
});

describe('the PHP client (x-auth-version v1, json_encode bodies, http_build_query queries, x-idempotency-key)', () => {
  it('searches members as its sample does: a name with letters beyond ASCII, comma-joined ids, booleans as 1', async () => {
    const id = await member('Zeytinyağı Üretim');
    const query = phpQuery({ name: 'Zeytinyağı Üretim', page: 0, size: 25, memberIds: [id].join(','), isBuyer: true });
    expect(query).toBe(`?name=Zeytinya%C4%9F%C4%B1%20%C3%9Cretim&page=0&size=25&memberIds=${id}&isBuyer=1`);
    const found = data<Page>(await send(phpRequest(credentials, { method: 'GET', path: `/onboarding/v1/members${query}` })));
    expect(found.items.map((each) => each.id)).toEqual([id]);
  });

  it('searches wallet transactions with an array (k[0]=v) and with its sample’s comma-joined string', async () => {
    const id = await member('PHP Wallet', 40);
    const asArray = phpQuery({ walletTransactionTypes: ['REMITTANCE', 'DEPOSIT_FROM_CARD'] });
    expect(asArray).toBe('?walletTransactionTypes%5B0%5D=REMITTANCE&walletTransactionTypes%5B1%5D=DEPOSIT_FROM_CARD');
    expect(data<Page>(await send(phpRequest(credentials, { method: 'GET', path: `/wallet/v1/wallets/${id}/wallet-transactions${asArray}` }))).totalSize).toBe(1);
    const joined = phpQuery({ walletTransactionTypes: ['DEPOSIT_FROM_CARD'].join(',') });
    expect(data<Page>(await send(phpRequest(credentials, { method: 'GET', path: `/wallet/v1/wallets/${id}/wallet-transactions${joined}` }))).totalSize).toBe(0);
    expect(data<Page>(await send(phpRequest(credentials, { method: 'GET', path: `/wallet/v1/wallets/${id}/wallet-transactions${phpQuery({})}` }))).totalSize).toBe(1);
  });

  it("sends json_encode's escapes and gets the first reply again for a retried headerOptions idempotencyKey", async () => {
    const id = await member('PHP Retry');
    const call = { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: id, price: new PhpFloat(15), currency: 'USD', description: 'Hediye çeki / Ağustos' }, idempotencyKey: 'php-retry-1' };
    expect(phpRequest(credentials, call).body).toContain('"Hediye \\u00e7eki \\/ A\\u011fustos"');
    const first = await send(phpRequest(credentials, call));
    expect(data<{ description: string; price: number }>(first)).toMatchObject({ description: 'Hediye çeki / Ağustos', price: 15 });
    const again = await send(phpRequest(credentials, call));
    expect(again.text).toBe(first.text);
    expect((await getBalance(db.read, { wallet: id, currency: 'USD' })).posted).toBe(1500);
  });
});

describe('card and wallet payments, refunds and reports as the Java, Python and PHP clients send them', () => {
  const card = { cardHolderName: 'Haluk Demir', cardNumber: '5258640000000001', expireYear: '2044', expireMonth: '07', cvc: '000' };
  type Payment = { id: number; paymentType: string; walletPrice: number; paymentTransactions: { id: number }[] };
  type Refund = { id: number; paymentTransactionId: number; refundBankPrice: number; refundWalletPrice: number };

  it('Java: a CreatePaymentRequest as its builder fills it (walletPrice, paymentPhase, retry, storeCardAfterSuccessPayment false), then searchPayments in field order', async () => {
    const id = await member('Java Card', 30);
    const body = {
      price: 50,
      paidPrice: 50,
      walletPrice: 20,
      installment: 1,
      currency: 'USD',
      paymentGroup: 'PRODUCT',
      paymentPhase: 'AUTH',
      buyerMemberId: id,
      card: { ...card, storeCardAfterSuccessPayment: false },
      items: [
        { name: 'Item 1', price: 30 },
        { name: 'Item 2', price: 20 },
      ],
      retry: true,
    };
    const paid = data<Payment>(await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/card-payments', body })));
    expect(paid).toMatchObject({ paymentType: 'CARD_AND_WALLET_PAYMENT', walletPrice: 20 });
    const query = javaQuery([
      ['page', 0],
      ['size', 10],
      ['paymentId', null],
      ['paymentTransactionId', null],
      ['buyerMemberId', id],
      ['subMerchantMemberId', null],
      ['conversationId', null],
      ['externalId', null],
      ['orderId', null],
      ['paymentType', 'CARD_AND_WALLET_PAYMENT'],
      ['paymentProvider', null],
      ['paymentStatus', 'SUCCESS'],
      ['paymentSource', null],
      ['paymentChannel', null],
      ['binNumber', '525864'],
      ['lastFourDigits', '0001'],
      ['currency', 'USD'],
      ['minPaidPrice', null],
      ['maxPaidPrice', null],
      ['installment', null],
      ['isThreeDS', false],
      ['minCreatedDate', new JavaLocalDateTime(new Date(Date.now() - 60_000).toISOString().slice(0, 19))],
      ['maxCreatedDate', null],
    ]);
    expect(query).toMatch(/&isThreeDS=false&minCreatedDate=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\d&$/);
    const found = data<Page>(await send(javaRequest(credentials, { method: 'GET', path: `/payment-reporting/v1/payments${query}` })));
    expect(found.items.map((each) => each.id)).toEqual([paid.id]);
    const refund = data<Refund>(
      await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/refund-transactions', body: { paymentTransactionId: paid.paymentTransactions[0]?.id, refundPrice: 10, refundDestinationType: 'PROVIDER', chargeFromMe: false } })),
    );
    const listed = data<Page>(await send(javaRequest(credentials, { method: 'GET', path: `/payment-reporting/v1/payments/${paid.id}/transactions/${refund.paymentTransactionId}/refunds` })));
    expect(listed.items.map((each) => each.id)).toEqual([refund.id]);
  });

  it('Python: a sorted, compact card payment retried with x-idempotency-key pays once; its refunds searched with snake_case fields', async () => {
    const id = await member('Python Card', 10);
    const call = {
      method: 'POST',
      path: '/payment/v1/card-payments',
      body: {
        price: new PyDecimal('40'),
        paid_price: new PyDecimal('40'),
        wallet_price: new PyDecimal('10'),
        installment: 1,
        currency: 'USD',
        payment_group: 'PRODUCT',
        payment_phase: 'AUTH',
        buyer_member_id: id,
        card: { card_holder_name: card.cardHolderName, card_number: card.cardNumber, expire_year: card.expireYear, expire_month: card.expireMonth, cvc: card.cvc, store_card_after_success_payment: false },
        items: [{ name: 'Item 1', price: new PyDecimal('40') }],
        retry: true,
      },
      idempotencyKey: 'py-card-1',
    };
    expect(pythonRequest(credentials, call).body).toMatch(/^\{"buyerMemberId":\d+,"card":\{"cardHolderName":"Haluk Demir",.*"storeCardAfterSuccessPayment":false\},"currency":"USD",.*"walletPrice":10\.0\}$/);
    const first = await send(pythonRequest(credentials, call));
    const paid = data<Payment>(first);
    expect((await send(pythonRequest(credentials, call))).text).toBe(first.text);
    expect((await getBalance(db.read, { wallet: id, currency: 'USD' })).available).toBe(0);

    const refund = data<Refund>(
      await send(
        pythonRequest(credentials, {
          method: 'POST',
          path: '/payment/v1/refunds',
          body: { payment_id: paid.id, refund_destination_type: 'PROVIDER', charge_from_me: false },
          idempotencyKey: 'py-refund-1',
        }),
      ),
    );
    const query = pythonQuery([
      ['page', 0],
      ['size', 10],
      ['id', null],
      ['payment_id', paid.id],
      ['payment_transaction_id', null],
      ['buyer_member_id', id],
      ['conversation_id', null],
      ['status', 'SUCCESS'],
      ['currency', 'USD'],
      ['min_refund_price', new PyDecimal('5')],
      ['max_refund_price', null],
      ['is_after_settlement', false],
    ]);
    expect(query).toContain('&isAfterSettlement=false');
    const found = data<Page>(await send(pythonRequest(credentials, { method: 'GET', path: `/payment-reporting/v1/refund-transactions${query}` })));
    expect(found.items.map((each) => each.id)).toEqual([refund.id]);
  });

  it('PHP: its create_payment, refund_payment_transaction and search samples (booleans as 0, TRY as the shop currency here USD)', async () => {
    const paid = data<Payment>(
      await send(
        phpRequest(credentials, {
          method: 'POST',
          path: '/payment/v1/card-payments',
          body: { price: 100, paidPrice: 100, walletPrice: 0, installment: 1, currency: 'USD', paymentGroup: 'LISTING_OR_SUBSCRIPTION', conversationId: 'php-card-1', card, items: [{ externalId: 'a', name: 'Item 1', price: 30 }, { externalId: 'b', name: 'Item 2', price: 50 }, { externalId: 'c', name: 'Item 3', price: 20 }] },
          idempotencyKey: 'php-card-1',
        }),
      ),
    );
    expect(paid.paymentType).toBe('CARD_PAYMENT');
    const [transaction] = paid.paymentTransactions;
    const refund = data<Refund>(
      await send(phpRequest(credentials, { method: 'POST', path: '/payment/v1/refund-transactions', body: { paymentTransactionId: transaction?.id, conversationId: 'php-refund-1', refundPrice: 20, refundDestinationType: 'PROVIDER' }, idempotencyKey: 'php-refund-1' })),
    );
    expect(refund).toMatchObject({ refundBankPrice: 20, refundWalletPrice: 0 });
    const since = new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 19);
    const refunds = phpQuery({ page: 0, size: 3, paymentId: paid.id, paymentTransactionId: transaction?.id ?? 0, conversationId: 'php-refund-1', status: 'SUCCESS', currency: 'USD', minRefundPrice: 5, maxRefundPrice: 20, isAfterSettlement: false, minCreatedDate: since });
    expect(refunds).toContain('&isAfterSettlement=0&');
    expect(data<Page>(await send(phpRequest(credentials, { method: 'GET', path: `/payment-reporting/v1/refund-transactions${refunds}` }))).items.map((each) => each.id)).toEqual([refund.id]);
    const payments = phpQuery({ page: 0, size: 3, paymentId: paid.id, paymentType: 'CARD_PAYMENT', paymentStatus: 'SUCCESS', binNumber: '525864', lastFourDigits: '0001', currency: 'USD', minPaidPrice: 5, maxPaidPrice: 100, installment: 1, isThreeDS: false, minCreatedDate: since });
    expect(data<Page>(await send(phpRequest(credentials, { method: 'GET', path: `/payment-reporting/v1/payments${payments}` }))).items.map((each) => each.id)).toEqual([paid.id]);
  });
});

describe('platform semantics the official tests rely on', () => {
  it('sends and receives remittances without a currency (Java WalletSample, Python test_wallet_sample): the wallet’s currency', async () => {
    const id = await member('No Currency');
    const sent = data<{ price: number; currency: string; remittanceType: string }>(
      await send(javaRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: id, price: 50, description: `Loyalty send to memberId${id}` } })),
    );
    expect(sent).toMatchObject({ price: 50, currency: 'USD', remittanceType: 'SEND' });
    const received = data<{ price: number; currency: string; remittanceType: string }>(
      await send(pythonRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/receive', body: { member_id: id, price: new PyDecimal('20'), description: 'Back' } })),
    );
    expect(received).toMatchObject({ price: 20, currency: 'USD', remittanceType: 'RECEIVE' });
    expect((await getBalance(db.read, { wallet: id, currency: 'USD' })).posted).toBe(3000);
  });

  it("sends remittances of the platform's default reason type REDEEM_ONLY_LOYALTY and reports it; SUBMERCHANT_SEND_RECEIVE needs a sub-merchant", async () => {
    const id = await member('Loyal Member');
    // The official samples and tests (Node SendRemittance.js, Java WalletSample, Python test_wallet_sample, PHP send_remittance.php) send REDEEM_ONLY_LOYALTY.
    const loyal = await send(javaRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: id, price: 50, description: 'Loyalty', remittanceReasonType: 'REDEEM_ONLY_LOYALTY' } }));
    const sent = data<{ id: number; remittanceReasonType: string }>(loyal);
    expect(sent.remittanceReasonType).toBe('REDEEM_ONLY_LOYALTY');
    const received = await send(phpRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/receive', body: { memberId: id, price: 5, currency: 'USD', description: 'Back', remittanceReasonType: 'REDEEM_ONLY_LOYALTY' } }));
    expect(data(received)).toMatchObject({ remittanceReasonType: 'REDEEM_ONLY_LOYALTY', remittanceType: 'RECEIVE' });
    // Left out, it is the platform's default.
    const plain = await send(pythonRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { member_id: id, price: new PyDecimal('1'), description: 'Plain' } }));
    expect(data(plain)).toMatchObject({ remittanceReasonType: 'REDEEM_ONLY_LOYALTY' });
    expect(data(await send(pythonRequest(credentials, { method: 'GET', path: `/wallet/v1/remittances/${sent.id}` })))).toMatchObject({ remittanceReasonType: 'REDEEM_ONLY_LOYALTY' });

    const subMerchant = await send(javaRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: id, price: 1, description: 'x', remittanceReasonType: 'SUBMERCHANT_SEND_RECEIVE' } }));
    expect(subMerchant.status).toBe(422);
    expect(clientException(subMerchant)).toMatchObject({ errorCode: 'UNSUPPORTED', errorDescription: expect.stringMatching(/^remittanceReasonType:/) });
    expect((await getBalance(db.read, { wallet: id, currency: 'USD' })).posted).toBe(4600);
  });

  it('resets the merchant wallet to 0 for the walletAmount the official tests send', async () => {
    const reset = await send(javaRequest(credentials, { method: 'POST', path: '/wallet/v1/merchants/me/wallet/reset-balance', body: { walletAmount: -100 } }));
    expect(data(reset)).toMatchObject({ amount: 0, currency: 'USD' });
    const again = await send(pythonRequest(credentials, { method: 'POST', path: '/wallet/v1/merchants/me/wallet/reset-balance', body: { wallet_amount: new PyDecimal('-5') } }));
    expect(data(again)).toMatchObject({ amount: 0 });
  });
});

describe("each client's exception type", () => {
  it('gets the platform code and payment error group for a balance that does not cover a payment, and no group for other errors', async () => {
    const id = await member('Short Balance', 5);
    const payment = { price: 10, paidPrice: 10, walletPrice: 10, installment: 1, buyerMemberId: id, currency: 'USD', paymentGroup: 'PRODUCT', items: [{ name: 'Mug', price: 10 }] };
    const refused = await send(javaRequest(credentials, { method: 'POST', path: '/payment/v1/card-payments', body: payment }));
    expect(refused.status).toBe(422);
    // Java's HttpClient.requireSuccess and Python's BaseHttpClient._ensure_http_success read exactly these fields.
    expect(clientException(refused)).toEqual({ errorCode: '10051', errorDescription: expect.stringMatching(/available/), errorGroup: 'NOT_SUFFICIENT_FUNDS' });
    const back = await send(pythonRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/receive', body: { member_id: id, price: new PyDecimal('6'), currency: 'USD', description: 'Too much' } }));
    expect(clientException(back)).toMatchObject({ errorCode: '10051', errorGroup: 'NOT_SUFFICIENT_FUNDS' });

    const invalid = await send(phpRequest(credentials, { method: 'POST', path: '/wallet/v1/remittances/send', body: { memberId: id, price: 1.005, currency: 'USD', description: 'x' } }));
    expect(invalid.status).toBe(400);
    expect(clientException(invalid)).toEqual({ errorCode: 'VALIDATION_ERROR', errorDescription: expect.stringMatching(/^price:/), errorGroup: null });
  });
});

describe('what no client sends', () => {
  it('refuses another auth version, and a Java request signed over another query', async () => {
    const request = javaRequest(credentials, { method: 'GET', path: '/wallet/v1/merchants/me/wallet' });
    const v2 = await send({ ...request, headers: { ...request.headers, 'x-auth-version': 'v2' } });
    expect(v2.status).toBe(401);
    expect(v2.json.errors).toMatchObject({ errorCode: 'UNAUTHORIZED', errorDescription: expect.stringMatching(/^x-auth-version/) });

    const signed = javaRequest(credentials, { method: 'GET', path: `/onboarding/v1/members${javaQuery([['name', 'Haluk Demir']])}` });
    const tampered = await send({ ...signed, url: signed.url.replace('Haluk', 'Halil') });
    expect(tampered.status).toBe(401);
  });
});
