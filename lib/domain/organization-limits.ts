// The organization profile's limits, zod-free and client-importable: the form shows them, the
// action enforces them (lib/domain/organization-settings-input.ts builds the schema from them).
export const ORGANIZATION_LIMITS = {
  name: 120,
  postalAddress: 500,
  postalAddressLines: 8,
  dailyCapMax: 10_000_000,
} as const;
