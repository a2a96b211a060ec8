"use client";
import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";

/**
 * The CSV import (papaparse and the zod row schemas) loads after the page instead of with it:
 * most visits to Contacts never import. Until it arrives the button shows, disabled.
 */
export const CsvImportButton = dynamic(() => import("./csv-import-dialog").then((m) => m.CsvImportDialog), {
  ssr: false,
  loading: () => (
    <Button variant="secondary" disabled>
      Import CSV…
    </Button>
  ),
});
