import createNextIntlPlugin from 'next-intl/plugin';

/** Headers every response carries. Stripe Checkout is a redirect (not embedded), so no Stripe host is needed here. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  {
    key: 'Content-Security-Policy',
    value: [
      "default-src 'self'",
      // The baseline for what the proxy does not see (route handlers, static files); pages get a
      // stricter nonce-based policy from proxy.ts.
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      // A form may end in a redirect to Stripe Checkout.
      "form-action 'self' https://checkout.stripe.com",
      "object-src 'none'",
    ].join('; '),
  },
  ...(process.env.NODE_ENV === 'production' && process.env.APP_URL?.startsWith('https://')
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets the benchmark build without clobbering the e2e build in .next.
  distDir: process.env.COFFER_DIST_DIR || '.next',
  // The benchmark builds while others edit the tree; it measures speed, `npm run typecheck` types.
  typescript: { ignoreBuildErrors: process.env.COFFER_SKIP_TYPECHECK === '1' },
  serverExternalPackages: ['better-sqlite3', 'argon2'],
  // The invoice PDF reads DejaVu Sans at run time (lib/invoices/pdf.ts): trace it into that route.
  outputFileTracingIncludes: {
    '/my/invoices/[id]/pdf': ['./node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', './node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'],
  },
  poweredByHeader: false,
  // Product images: uploads are stored as WebP in these widths (lib/catalog/image-widths.ts) and
  // served by app/media; the loader picks the stored width for each srcset entry.
  images: {
    loader: 'custom',
    loaderFile: './components/catalog/image-loader.ts',
    deviceSizes: [320, 640, 1200],
    imageSizes: [],
  },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status.
    authInterrupts: true,
    // A product image may be up to 5 MB (lib/catalog/images.ts); Next's default body limit is 1 MB.
    serverActions: { bodySizeLimit: '6mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

// Words come from messages/ by the visitor's language (app/_i18n/request.ts).
const withNextIntl = createNextIntlPlugin('./app/_i18n/request.ts');

export default withNextIntl(nextConfig);
