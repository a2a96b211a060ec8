import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
    },
  },
  {
    // The domain stays pure: no framework, database or I/O imports (DESIGN.md, "Layout").
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["next", "next/*", "react", "react-*", "@prisma/*", "pg", "node:fs", "node:fs/*", "fs", "@/lib/server/*", "@/lib/actions/*", "@/lib/engine/*", "@/lib/generated/*"] }],
    },
  },
];

export default config;
