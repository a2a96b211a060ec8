import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/**
 * Keyset pagination: "Next" carries the last row's cursor; "First page" drops it. There is no
 * "previous" or page count on purpose: both would need an offset scan over large tables.
 */
export function KeysetPager({
  basePath,
  params,
  cursorParam,
  next,
  onFirstPage,
}: {
  basePath: string;
  params: Record<string, string | null | undefined>;
  cursorParam: string;
  next: string | null;
  onFirstPage: boolean;
}) {
  const href = (cursor: string | null) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value && key !== cursorParam) search.set(key, value);
    if (cursor) search.set(cursorParam, cursor);
    const query = search.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  if (!next && onFirstPage) return null;
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-end gap-2">
      {onFirstPage ? null : (
        <Link href={href(null)} className={buttonClass("secondary", "sm")}>
          First page
        </Link>
      )}
      {next ? (
        <Link href={href(next)} className={buttonClass("secondary", "sm")} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
