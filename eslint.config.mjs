import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
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
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "next",
            "next/*",
            "react",
            "react-*",
            "@prisma/*",
            "pg",
            "node:fs",
            "node:fs/*",
            "fs",
            "@/lib/server/*",
            "@/lib/actions/*",
            "@/lib/engine/*",
            "@/lib/generated/*",
            "@/lib/views/*",
          ],
        },
      ],
    },
  },
  {
    // Components run in the browser or render from what a page hands them: they call server
    // actions and name types from lib/domain or lib/views, never server code. `import type` is
    // caught too, so a view type cannot drift back into lib/server.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server", "@/lib/server/*", "**/lib/server/*"],
              message:
                "Components never import lib/server (type imports included): put shared types in lib/views or lib/domain.",
            },
            {
              group: ["@/lib/engine", "@/lib/engine/*", "**/lib/engine/*"],
              message: "Components never import the step runner.",
            },
            {
              group: ["@/lib/generated/*", "**/lib/generated/*"],
              message: "Components never import Prisma's generated client or types: use lib/domain or lib/views types.",
            },
          ],
        },
      ],
    },
  },
  {
    // View types are plain type modules over the domain: nothing server-side leaks through them.
    files: ["lib/views/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "next",
            "next/*",
            "react",
            "react-*",
            "@prisma/*",
            "@/lib/server/*",
            "@/lib/actions/*",
            "@/lib/engine/*",
            "@/lib/generated/*",
          ],
        },
      ],
    },
  },
  {
    // The step runner is a plain Node worker: it must not depend on Next.js (it runs outside it).
    files: ["lib/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*"], message: "lib/engine runs outside Next.js: no next imports." }] },
      ],
    },
  },
  {
    // Every date on screen is in the user's display zone, through lib/domain/format-date.ts
    // (<DateTime>, useTimeZone): a Date's own toLocale* formats in the runtime's zone, which differs
    // between the server and the browser.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(toLocaleDateString|toLocaleTimeString|toDateString|toTimeString|toUTCString)$/]",
          message: "Show dates with <DateTime> or lib/domain/format-date.ts, in the user's display zone.",
        },
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: "Show dates with <DateTime> or lib/domain/format-date.ts, in the user's display zone.",
        },
      ],
    },
  },
];

export default config;
