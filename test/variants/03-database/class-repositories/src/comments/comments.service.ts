import type { CurrentUser } from '../auth/current-user.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import type { CommentRepository, CommentRow } from '../repositories/comment-repository.js';

export type CommentRecord = CommentRow;

/** The longest comment, in characters (code points). */
export const MAX_COMMENT_LENGTH = 5000;

export interface CommentsService {
  list(slug: string): Promise<CommentRecord[]>;
  add(slug: string, author: CurrentUser, input: unknown): Promise<CommentRecord>;
  remove(slug: string, id: string): Promise<void>;
}

/** Text no database keeps as sent: NUL, and a UTF-16 surrogate without its other half. */
function unstorable(text: string): boolean {
  if (text.includes('\u0000')) return true;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** One validation step per rule, the first broken one named. */
function readBody(input: unknown): string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ValidationError({ comment: ['is required: send {"comment": {"body": "…"}}'] });
  const body = (input as { body?: unknown }).body;
  if (body === undefined || body === null) throw new ValidationError({ body: ["can't be blank"] });
  if (typeof body !== 'string') throw new ValidationError({ body: ['must be a string'] });
  if (body.trim() === '') throw new ValidationError({ body: ["can't be blank"] });
  if (unstorable(body)) throw new ValidationError({ body: ['must not contain a NUL character or broken Unicode'] });
  if (Array.from(body).length > MAX_COMMENT_LENGTH) throw new ValidationError({ body: [`is too long (at most ${MAX_COMMENT_LENGTH} characters)`] });
  return body;
}

export function createCommentsService(comments: CommentRepository, clock: () => Date): CommentsService {
  const articleOr404 = async (slug: string): Promise<number> => {
    const id = await comments.articleIdOf(slug);
    if (id === undefined) throw new NotFoundError('article');
    return id;
  };
  return {
    async list(slug) {
      return comments.ofArticle(await articleOr404(slug));
    },
    async add(slug, author, input) {
      const body = readBody(input);
      const articleId = await articleOr404(slug);
      return comments.insert({ body, articleId, authorId: author.id, at: clock() });
    },
    async remove(slug, id) {
      const articleId = await articleOr404(slug);
      const commentId = /^[0-9]+$/.test(id) ? Number(id) : Number.NaN;
      if (!Number.isSafeInteger(commentId) || (await comments.removeFrom(articleId, commentId)) === 0) throw new NotFoundError('comment');
    },
  };
}
