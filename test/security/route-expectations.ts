// Who may reach what: one row per page, route handler and server-action module under app/.
// test/security/authorization-matrix.test.ts fails when a file on disk has no row here, and
// e2e/security/authorization-matrix.spec.ts requests every page and handler as each role.

/** The four people the matrix asks as: nobody, the owner of the resources, another shopper, staff. */
export const roles = ['visitor', 'shopperA', 'shopperB', 'staff'] as const;
export type Role = (typeof roles)[number];

/**
 * What a request gets: `allowed` 200; `sign-in` a redirect to /sign-in; `forbidden` 403;
 * `not-found` 404; `not-found-page` the "Page not found" page with status 200 (notFound() under a
 * loading.tsx boundary runs after the status was streamed; the body is the same as for an id that
 * does not exist); `unauthorized` 401; `{ redirect }` a redirect to that path.
 */
export type Outcome = 'allowed' | 'sign-in' | 'forbidden' | 'not-found' | 'not-found-page' | 'unauthorized' | { redirect: string };

/**
 * Concrete ids the e2e spec creates before asking: shopper A's order, invoice and pending Demo
 * card payment, shopper A's user id and a product slug. `{orderA}` is the order number, `{orderIdA}` its id.
 */
export type Placeholder = 'orderA' | 'orderIdA' | 'invoiceA' | 'paymentA' | 'shopperA' | 'productSlug';

export type RouteExpectation = {
  /** The page.tsx or route.ts, relative to app/. */
  file: string;
  method: 'GET' | 'POST';
  /** A concrete URL with {placeholders}. */
  url: string;
  expect: Record<Role, Outcome>;
  why?: string;
};

const publicRoute = { visitor: 'allowed', shopperA: 'allowed', shopperB: 'allowed', staff: 'allowed' } as const;
const signedIn = { visitor: 'sign-in', shopperA: 'allowed', shopperB: 'allowed', staff: 'allowed' } as const;
const ownedByA = { visitor: 'sign-in', shopperA: 'allowed', shopperB: 'not-found', staff: 'not-found' } as const;
const staffOnly = { visitor: 'sign-in', shopperA: 'forbidden', shopperB: 'forbidden', staff: 'allowed' } as const;
const signedOutOnly = { visitor: 'allowed', shopperA: { redirect: '/' }, shopperB: { redirect: '/' }, staff: { redirect: '/' } } as const;

export const routeExpectations: RouteExpectation[] = [
  { file: '(shop)/page.tsx', method: 'GET', url: '/', expect: publicRoute },
  { file: '(shop)/products/[slug]/page.tsx', method: 'GET', url: '/products/{productSlug}', expect: publicRoute },
  { file: '(shop)/category/[slug]/page.tsx', method: 'GET', url: '/category/kitchen', expect: publicRoute },
  { file: '(shop)/search/page.tsx', method: 'GET', url: '/search?q=mug&sort=price_asc', expect: publicRoute },
  {
    file: 'media/products/[file]/route.ts',
    method: 'GET',
    url: '/media/products/00000000000000000000000000000000-640.webp',
    expect: { visitor: 'not-found', shopperA: 'not-found', shopperB: 'not-found', staff: 'not-found' },
    why: 'only images the shop stored exist; their names are random',
  },
  { file: '(auth)/sign-in/page.tsx', method: 'GET', url: '/sign-in', expect: signedOutOnly },
  { file: '(auth)/register/page.tsx', method: 'GET', url: '/register', expect: signedOutOnly },
  { file: '(auth)/forgot-password/page.tsx', method: 'GET', url: '/forgot-password', expect: signedOutOnly },
  {
    file: '(auth)/reset-password/page.tsx',
    method: 'GET',
    url: '/reset-password?token=unknown',
    expect: publicRoute,
    why: 'the e-mailed token is the credential; opening the page changes nothing',
  },
  {
    file: '(auth)/confirm-email/page.tsx',
    method: 'GET',
    url: '/confirm-email?token=unknown',
    expect: publicRoute,
    why: 'the link is opened from the new mailbox, signed in or not; opening the page changes nothing',
  },
  {
    file: '(auth)/staff-invitation/page.tsx',
    method: 'GET',
    url: '/staff-invitation?token=unknown',
    expect: publicRoute,
    why: 'the invited person may have no account yet; an existing account accepts with its password',
  },
  { file: 'cart/page.tsx', method: 'GET', url: '/cart', expect: publicRoute, why: 'a visitor cart lives in a cookie' },
  { file: 'checkout/page.tsx', method: 'GET', url: '/checkout', expect: signedIn },

  { file: 'my/page.tsx', method: 'GET', url: '/my', expect: signedIn },
  { file: 'my/account/page.tsx', method: 'GET', url: '/my/account', expect: signedIn, why: 'each viewer sees and changes only their own profile' },
  { file: 'my/wallet/page.tsx', method: 'GET', url: '/my/wallet', expect: signedIn },
  { file: 'my/wallet/add/page.tsx', method: 'GET', url: '/my/wallet/add?amount=5&return=/checkout', expect: signedIn },
  { file: 'my/wallet/withdraw/page.tsx', method: 'GET', url: '/my/wallet/withdraw', expect: signedIn, why: 'each viewer sees and withdraws from only their own wallet' },
  { file: 'my/wallet/transactions/page.tsx', method: 'GET', url: '/my/wallet/transactions?page=1', expect: signedIn },
  {
    file: 'my/wallet/transactions/export/route.ts',
    method: 'GET',
    url: '/my/wallet/transactions/export',
    expect: signedIn,
    why: 'each viewer downloads only their own history; the proxy sends visitors to sign in',
  },
  { file: 'my/orders/(list)/page.tsx', method: 'GET', url: '/my/orders', expect: signedIn },
  { file: 'my/orders/[number]/page.tsx', method: 'GET', url: '/my/orders/{orderA}', expect: ownedByA },
  { file: 'my/invoices/(list)/page.tsx', method: 'GET', url: '/my/invoices', expect: signedIn },
  { file: 'my/invoices/[id]/page.tsx', method: 'GET', url: '/my/invoices/{invoiceA}', expect: ownedByA },
  { file: 'my/invoices/[id]/pdf/route.ts', method: 'GET', url: '/my/invoices/{invoiceA}/pdf', expect: ownedByA },
  { file: 'pay/demo/[reference]/page.tsx', method: 'GET', url: '/pay/demo/{paymentA}', expect: ownedByA },
  { file: 'payments/[reference]/page.tsx', method: 'GET', url: '/payments/{paymentA}', expect: ownedByA },
  // The hosted payment page of the merchant API: public by its unguessable token, as the platform's
  // page is; an unknown token is notFound() for everyone; reading it moves nothing.
  {
    file: 'payment-page/[token]/page.tsx',
    method: 'GET',
    url: '/payment-page/no-such-token',
    expect: { visitor: 'not-found', shopperA: 'not-found', shopperB: 'not-found', staff: 'not-found' },
  },
  {
    file: 'payments/stripe/return/route.ts',
    method: 'GET',
    url: '/payments/stripe/return?payment={paymentA}',
    expect: {
      visitor: 'sign-in',
      shopperA: { redirect: '/payments/{paymentA}' },
      shopperB: { redirect: '/my/wallet' },
      staff: { redirect: '/my/wallet' },
    },
    why: "someone else's reference is treated as unknown: back to the wallet, nothing touched",
  },

  { file: 'admin/page.tsx', method: 'GET', url: '/admin', expect: staffOnly },
  { file: 'admin/top-ups/page.tsx', method: 'GET', url: '/admin/top-ups', expect: staffOnly },
  { file: 'admin/payouts/page.tsx', method: 'GET', url: '/admin/payouts?page=1', expect: staffOnly },
  { file: 'admin/customers/page.tsx', method: 'GET', url: '/admin/customers', expect: staffOnly },
  { file: 'admin/customers/[id]/page.tsx', method: 'GET', url: '/admin/customers/{shopperA}', expect: staffOnly },
  { file: 'admin/orders/page.tsx', method: 'GET', url: '/admin/orders', expect: staffOnly },
  { file: 'admin/orders/[id]/page.tsx', method: 'GET', url: '/admin/orders/{orderIdA}', expect: staffOnly },
  { file: 'admin/refunds/page.tsx', method: 'GET', url: '/admin/refunds', expect: staffOnly },
  { file: 'admin/invoices/page.tsx', method: 'GET', url: '/admin/invoices', expect: staffOnly },
  { file: 'admin/invoices/new/page.tsx', method: 'GET', url: '/admin/invoices/new', expect: staffOnly },
  { file: 'admin/settings/page.tsx', method: 'GET', url: '/admin/settings', expect: staffOnly },
  { file: 'admin/audit/page.tsx', method: 'GET', url: '/admin/audit', expect: staffOnly },
  { file: 'admin/staff/page.tsx', method: 'GET', url: '/admin/staff', expect: staffOnly },
  { file: 'admin/outbox/page.tsx', method: 'GET', url: '/admin/outbox', expect: staffOnly },
  { file: 'admin/outbox/[id]/page.tsx', method: 'GET', url: '/admin/outbox/1', expect: staffOnly, why: 'registering shopper A wrote the welcome e-mail' },
  { file: 'admin/products/page.tsx', method: 'GET', url: '/admin/products', expect: staffOnly },
  { file: 'admin/products/new/page.tsx', method: 'GET', url: '/admin/products/new', expect: staffOnly },
  { file: 'admin/products/[id]/page.tsx', method: 'GET', url: '/admin/products/1', expect: staffOnly },
  { file: 'admin/categories/page.tsx', method: 'GET', url: '/admin/categories', expect: staffOnly },
  { file: 'admin/invoices/[id]/page.tsx', method: 'GET', url: '/admin/invoices/{invoiceA}', expect: staffOnly },
  { file: 'admin/invoices/[id]/pdf/route.ts', method: 'GET', url: '/admin/invoices/{invoiceA}/pdf', expect: staffOnly },
  { file: 'admin/reports/page.tsx', method: 'GET', url: '/admin/reports', expect: staffOnly },
  { file: 'admin/reports/orders/route.ts', method: 'GET', url: '/admin/reports/orders?from=2026-01-01&to=2026-01-31', expect: staffOnly },
  { file: 'admin/reports/invoices/route.ts', method: 'GET', url: '/admin/reports/invoices?from=2026-01-01&to=2026-01-31', expect: staffOnly },

  { file: 'api/auth/[...nextauth]/route.ts', method: 'GET', url: '/api/auth/session', expect: publicRoute, why: 'Auth.js itself' },
  { file: 'api/openapi.json/route.ts', method: 'GET', url: '/api/openapi.json', expect: publicRoute, why: 'describes the API only' },
  { file: 'api/health/route.ts', method: 'GET', url: '/api/health', expect: publicRoute, why: 'readiness for a load balancer; says only the engine and whether it is migrated' },
  {
    file: 'api/craftgate/[...path]/route.ts',
    method: 'GET',
    url: '/api/craftgate/onboarding/v1/members/{shopperA}',
    expect: { visitor: 'unauthorized', shopperA: 'unauthorized', shopperB: 'unauthorized', staff: 'unauthorized' },
    why: 'only a signed API request counts; a session cookie (even staff) does not',
  },
  {
    file: 'api/stripe/webhook/route.ts',
    method: 'POST',
    url: '/api/stripe/webhook',
    expect: { visitor: 'not-found', shopperA: 'not-found', shopperB: 'not-found', staff: 'not-found' },
    why: 'Stripe is off in e2e (404); with Stripe on, an unsigned event is refused with 400',
  },
];

/**
 * What a server action does for each role: `allowed` runs it; `sign-in-again` returns the
 * "session has ended" error state; `forbidden` 403; `not-found` answers "does not exist" for
 * shopper A's resources and changes nothing.
 */
export type ActionOutcome = 'allowed' | 'sign-in-again' | 'forbidden' | 'not-found' | { redirect: string };

export type ActionExpectation = {
  /** The module with 'use server' (or an inline 'use server' function), relative to app/. */
  file: string;
  /** Every server action it exports (or declares inline), with its outcome per role. */
  actions: Record<string, Record<Role, ActionOutcome>>;
  /** The test file(s), relative to the project, that call each of these actions as those roles. */
  testedIn: string | string[];
};

const anyoneAction = { visitor: 'allowed', shopperA: 'allowed', shopperB: 'allowed', staff: 'allowed' } as const;
const signedInAction = { visitor: 'sign-in-again', shopperA: 'allowed', shopperB: 'allowed', staff: 'allowed' } as const;
const ownedAction = { visitor: 'sign-in-again', shopperA: 'allowed', shopperB: 'not-found', staff: 'not-found' } as const;
const staffAction = { visitor: 'sign-in-again', shopperA: 'forbidden', shopperB: 'forbidden', staff: 'allowed' } as const;
const matrixTest = 'test/security/authorization-matrix.test.ts';
const roleChecksTest = 'app/admin/role-checks.test.ts';
const accountLinksTest = 'app/(auth)/account-actions.test.ts';

export const actionExpectations: ActionExpectation[] = [
  {
    file: '(auth)/actions.ts',
    actions: { signInWithPassword: anyoneAction, registerAccount: anyoneAction },
    testedIn: 'e2e/auth/accounts.spec.ts',
  },
  { file: 'layout.tsx', actions: { signOutAction: anyoneAction }, testedIn: 'e2e/auth/accounts.spec.ts' },
  // The e-mailed links: whoever holds the token may use it (once); nothing else is reachable through them.
  { file: '(auth)/forgot-password/actions.ts', actions: { requestPasswordResetAction: anyoneAction }, testedIn: accountLinksTest },
  { file: '(auth)/reset-password/actions.ts', actions: { resetPasswordAction: anyoneAction }, testedIn: accountLinksTest },
  { file: '(auth)/confirm-email/actions.ts', actions: { confirmEmailChangeAction: anyoneAction }, testedIn: accountLinksTest },
  {
    file: '(auth)/staff-invitation/actions.ts',
    actions: { joinStaffAction: anyoneAction, createStaffAccountAction: anyoneAction },
    testedIn: accountLinksTest,
  },
  { file: '_i18n/actions.ts', actions: { chooseLanguageAction: anyoneAction }, testedIn: 'app/_i18n/actions.test.ts' },
  {
    file: 'cart/actions.ts',
    actions: {
      addToCartAction: anyoneAction,
      updateCartQuantityAction: anyoneAction,
      removeCartLineAction: anyoneAction,
      mergeVisitorCartAction: anyoneAction,
    },
    testedIn: matrixTest,
  },
  { file: 'checkout/actions.ts', actions: { payNow: signedInAction }, testedIn: matrixTest },
  { file: 'my/wallet/add/actions.ts', actions: { addMoney: signedInAction }, testedIn: matrixTest },
  {
    // The wallet is the session's; a withdrawal id of someone else's reads as not found, and nothing moves.
    file: 'my/wallet/withdraw/actions.ts',
    actions: { requestWithdrawalAction: signedInAction, cancelWithdrawalAction: ownedAction },
    testedIn: 'app/my/wallet/withdraw/actions.test.ts',
  },
  {
    // The account is the session's: no form field names whose profile changes (another shopper's address id is "already deleted").
    file: 'my/account/actions.ts',
    actions: {
      updateNameAction: signedInAction,
      requestEmailChangeAction: signedInAction,
      changePasswordAction: signedInAction,
      deleteAddressAction: signedInAction,
      saveLanguageAction: signedInAction,
    },
    testedIn: 'app/my/account/actions.test.ts',
  },
  { file: 'my/account/low-balance-action.ts', actions: { saveLowBalanceAction: signedInAction }, testedIn: 'app/my/account/low-balance-action.test.ts' },
  { file: 'my/invoices/[id]/actions.ts', actions: { payInvoice: ownedAction }, testedIn: matrixTest },
  {
    file: 'my/orders/[number]/actions.ts',
    actions: { payOrderCardAgain: ownedAction, cancelOwnOrderAction: ownedAction, switchPaymentAction: ownedAction },
    testedIn: matrixTest,
  },
  {
    file: 'pay/demo/[reference]/actions.ts',
    actions: {
      // Someone else's reference is unknown to them: back to their wallet, nothing touched.
      payDemo: { ...ownedAction, shopperB: { redirect: '/my/wallet' }, staff: { redirect: '/my/wallet' } },
      cancelDemo: { visitor: { redirect: '/sign-in' }, shopperA: 'allowed', shopperB: { redirect: '/my/wallet' }, staff: { redirect: '/my/wallet' } },
    },
    testedIn: matrixTest,
  },
  {
    file: 'payments/[reference]/actions.ts',
    actions: {
      // "Check now" and "Cancel payment" on a Stripe payment's page: someone else's reference is unknown to them.
      confirmCardPayment: { visitor: { redirect: '/sign-in' }, shopperA: 'allowed', shopperB: { redirect: '/my/wallet' }, staff: { redirect: '/my/wallet' } },
      cancelCardPayment: { visitor: { redirect: '/sign-in' }, shopperA: 'allowed', shopperB: { redirect: '/my/wallet' }, staff: { redirect: '/my/wallet' } },
    },
    testedIn: 'app/payments/stripe/return/route.test.ts',
  },
  {
    file: 'admin/customers/[id]/actions.ts',
    actions: { sendMoneyAction: staffAction, withdrawMoneyAction: staffAction, resetBalanceAction: staffAction },
    testedIn: roleChecksTest,
  },
  { file: 'admin/top-ups/actions.ts', actions: { decideTopUps: staffAction }, testedIn: roleChecksTest },
  { file: 'admin/payouts/actions.ts', actions: { decideWithdrawalAction: staffAction }, testedIn: roleChecksTest },
  { file: 'admin/orders/api-payment-actions.ts', actions: { decideApiPaymentAction: staffAction }, testedIn: 'app/admin/orders/api-payment-actions.test.ts' },
  {
    file: 'payment-page/[token]/actions.ts',
    actions: {
      // Anyone holding the page's link may pay by card, as on the platform's page: the token is the credential.
      payByCardAction: anyoneAction,
      // "Check now" / "Cancel the card payment" of a Stripe payment on the page only apply what Stripe says.
      checkCardPaymentAction: anyoneAction,
      cancelCardPaymentAction: anyoneAction,
      // Only the page's buyer pays from their wallet: anyone else is answered "not your payment", nothing moves.
      payFromWalletAction: ownedAction,
    },
    // Stripe's configuration is read once per process: its actions are tested in a file of their own.
    testedIn: ['app/payment-page/[token]/actions.test.ts', 'app/payment-page/[token]/stripe-actions.test.ts'],
  },
  {
    file: 'admin/orders/[id]/actions.ts',
    actions: {
      refundOrderAction: staffAction,
      refundOrderToSourcesAction: staffAction,
      markOrderPaidAction: staffAction,
      moveOrderAction: staffAction,
      cancelOrderAction: staffAction,
    },
    testedIn: roleChecksTest,
    // moveOrderAction and cancelOrderAction are called per role in app/admin/orders/[id]/lifecycle-actions.test.ts too.
  },
  { file: 'admin/orders/actions.ts', actions: { shipOrdersAction: staffAction }, testedIn: 'app/admin/orders/[id]/lifecycle-actions.test.ts' },
  {
    file: 'admin/settings/actions.ts',
    actions: { saveSettingsAction: staffAction, createApiKeyAction: staffAction, revokeApiKeyAction: staffAction, saveShippingMethodAction: staffAction },
    testedIn: roleChecksTest,
  },
  { file: 'admin/invoices/new/actions.ts', actions: { createInvoiceAction: staffAction }, testedIn: roleChecksTest },
  { file: 'admin/invoices/[id]/actions.ts', actions: { issueCreditNoteAction: staffAction }, testedIn: 'app/admin/invoices/[id]/actions.test.ts' },
  {
    file: 'admin/products/actions.ts',
    actions: { createProductAction: staffAction, updateProductAction: staffAction, archiveProductAction: staffAction, restoreProductAction: staffAction },
    testedIn: 'app/admin/products/actions.test.ts',
  },
  {
    file: 'admin/categories/actions.ts',
    actions: { createCategoryAction: staffAction, renameCategoryAction: staffAction, deleteCategoryAction: staffAction },
    testedIn: 'app/admin/categories/actions.test.ts',
  },
  {
    file: 'admin/staff/actions.ts',
    actions: { inviteStaffAction: staffAction, revokeStaffAction: staffAction, cancelInvitationAction: staffAction },
    testedIn: roleChecksTest,
  },
];
