import type { Metadata } from "next";
import { ApiReference } from "@/components/api-keys/api-reference";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "API reference" };

export default function ApiDocsPage() {
  return (
    <>
      <PageHeader
        title="API reference"
        description="The REST API under /api/v1, generated from the schemas that validate every request. Authenticate with an API key (Settings > API keys)."
      />
      <div
        className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
        data-testid="vendor-api-reference"
      >
        <ApiReference />
      </div>
    </>
  );
}
