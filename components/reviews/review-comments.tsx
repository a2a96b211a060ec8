"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { LimitedTextArea } from "@/components/ui/limited-text";
import { commentOnReviewAction } from "@/lib/actions/reviews";
import { REVIEW_LIMITS } from "@/lib/domain/review-policy";
import type { ReviewComment } from "@/lib/views/reviews";

/** The review's discussion, oldest first; editors and admins add to it (comments are never edited). */
export function ReviewComments({
  reviewId,
  comments,
  canComment,
}: {
  reviewId: string;
  comments: ReviewComment[];
  canComment: boolean;
}) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setError("Write a comment");
      return;
    }
    setPending(true);
    setError(null);
    const result = await commentOnReviewAction({ reviewId, body });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setBody("");
    router.refresh();
  }

  return (
    <section aria-labelledby="review-comments" className="space-y-3" data-testid="review-comments">
      <h2 id="review-comments" className="text-base font-semibold text-slate-900">
        Comments ({comments.length})
      </h2>
      {comments.length === 0 ? <p className="text-sm text-slate-600">No comments yet.</p> : null}
      <ol className="space-y-3">
        {comments.map((c) => (
          <li key={c.id} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <p className="text-xs text-slate-600">
              <span className="font-medium text-slate-900">{c.author}</span> · <DateTime value={c.createdAt} />
            </p>
            <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment ? (
        <form onSubmit={(e) => void submit(e)} className="space-y-2">
          <label htmlFor="review-comment" className="block text-sm font-medium text-slate-700">
            Add a comment
          </label>
          <LimitedTextArea
            id="review-comment"
            rows={3}
            max={REVIEW_LIMITS.comment}
            label="Comment"
            value={body}
            onValueChange={setBody}
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Posting…" : "Post comment"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
