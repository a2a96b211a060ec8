import type { Contact, Enrollment, EnrollmentEvent, Message, Task } from "@/lib/generated/prisma/client";

// Row types of the store's raw statements are derived from the Prisma models (generated from
// prisma/schema.prisma), never written by hand: a renamed or retyped column breaks tsc here and
// in every statement that lists it. Our @map names are the snake_case of the field names.

type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;

/** A model's columns as PostgreSQL names them (`sequenceVersionId` -> `sequence_version_id`). */
export type Row<Model> = { [K in keyof Model & string as Snake<K>]: Model[K] };

export type EnrollmentRow = Row<Enrollment>;
export type ContactRow = Row<Contact>;
export type EventRow = Row<EnrollmentEvent>;
export type MessageRow = Row<Message>;
export type TaskRow = Row<Task>;

/**
 * A column list checked against a row type. Statements build their SELECT list from these
 * constants (at module load, never from input), so the list and the row type cannot disagree.
 */
export function columns<R>() {
  return <const C extends readonly (keyof R & string)[]>(...names: C) => names;
}

/** `e.id, e.status, ...` for a constant column list. */
export function selectList(alias: string, names: readonly string[]): string {
  return names.map((name) => `${alias}.${name === "to" ? '"to"' : name}`).join(", ");
}
