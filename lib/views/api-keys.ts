// What the API keys page hands to its components (type-only).
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
};

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: string[]; secret: string };
