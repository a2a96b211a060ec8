-- CSV import without partial imports (issue 17). The browser uploads a file's rows in batches
-- into a staging table; one commit then upserts every staged row into contacts in a single
-- transaction (all or nothing, or only the valid rows: the operator's choice), so a failure or a
-- closed tab mid-upload imports nothing. The runtime role gets DML through default privileges.
CREATE TABLE "contact_imports" (
    "id" UUID NOT NULL DEFAULT sequencer_uuidv7(),
    "created_by_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'staging',
    "total_rows" INTEGER NOT NULL,
    "staged_rows" INTEGER NOT NULL DEFAULT 0,
    "invalid_rows" INTEGER NOT NULL DEFAULT 0,
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "updated_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "contact_imports_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "contact_import_rows" (
    "import_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "first_name" TEXT,
    "last_name" TEXT,
    "phone" TEXT,
    "time_zone" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "contact_import_rows_pkey" PRIMARY KEY ("import_id","line")
);

CREATE INDEX "contact_imports_status_created_at_idx" ON "contact_imports"("status", "created_at");

ALTER TABLE "contact_import_rows" ADD CONSTRAINT "contact_import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "contact_imports"("id") ON DELETE CASCADE ON UPDATE RESTRICT;
