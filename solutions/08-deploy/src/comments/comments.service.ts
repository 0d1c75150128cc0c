import { ForeignKeyConstraintError, literal, type Sequelize } from 'sequelize';
import type { CurrentUser } from '../auth/current-user.js';
import { mayDelete } from '../auth/policies.js';
import type { Comment, Models } from '../db/models.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import { NewComment } from '../http/schemas.js';
import { parseInput } from '../http/validation.js';

export interface CommentRecord {
  id: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  author: { id: number; username: string; bio: string | null; image: string | null; following: boolean };
}

// The longest comment, and the other rules of its body: src/http/schemas.ts.
export { MAX_COMMENT_LENGTH } from '../http/schemas.js';

export interface CommentsService {
  /** `viewer`: whose `following` the authors show; undefined when anonymous. */
  list(slug: string, viewer?: CurrentUser): Promise<CommentRecord[]>;
  add(slug: string, author: CurrentUser, input: unknown): Promise<CommentRecord>;
  /** The comment's author or an admin; anyone else gets a ForbiddenError (403). */
  remove(user: CurrentUser, slug: string, id: string): Promise<void>;
}

export function createCommentsService(db: Sequelize, clock: () => Date): CommentsService {
  const { Article, Comment, User, Follow } = db.models as unknown as Models;

  async function articleId(slug: string): Promise<number> {
    const article = await Article.findOne({ where: { slug }, attributes: ['id'] });
    if (!article) throw new NotFoundError('article');
    return article.id;
  }

  const toRecord = (c: Comment, following = false): CommentRecord => {
    if (!c.author) throw new Error(`comment ${c.id} was loaded without its author`);
    const { id, username, bio, image } = c.author;
    return { id: c.id, body: c.body, createdAt: c.createdAt, updatedAt: c.updatedAt, author: { id, username, bio, image, following } };
  };

  return {
    /** Oldest first: a conversation reads top to bottom. Two statements, however many comments. */
    async list(slug, viewer) {
      const comments = await Comment.findAll({
        where: { articleId: await articleId(slug) },
        attributes: {
          include: [
            [literal(viewer === undefined ? '0' : 'EXISTS (SELECT 1 FROM follows AS w WHERE w.followed_id = `Comment`.author_id AND w.follower_id = :viewerId)'), 'following'],
          ],
        },
        include: [{ model: User, as: 'author' }],
        replacements: { viewerId: viewer?.id ?? null },
        order: [
          ['createdAt', 'ASC'],
          ['id', 'ASC'],
        ],
      });
      return comments.map((c) => toRecord(c, Number(c.get('following')) === 1));
    },

    async add(slug, author, input) {
      // Checked before the article is looked up, as since step 03. An array has always been read as
      // a comment without a body ("body can't be blank"), not as a missing comment: kept so.
      const { body } = parseInput(NewComment, Array.isArray(input) ? {} : input, 'comment');
      const now = clock();
      const comment = await Comment.create({ body, articleId: await articleId(slug), authorId: author.id, createdAt: now, updatedAt: now }).catch((err: unknown) => {
        // Deleted between that look-up and this insert: the foreign key refuses the comment, and the
        // answer is the 404 a moment later would give, not a 422 about an articleId nobody sent.
        throw err instanceof ForeignKeyConstraintError ? new NotFoundError('article') : err;
      });
      const saved = await Comment.findByPk(comment.id, { include: [{ model: User, as: 'author' }] });
      if (!saved) throw new NotFoundError('comment');
      // Whoever comments may follow themselves: the answer says so, as the list would.
      return toRecord(saved, (await Follow.count({ where: { followerId: author.id, followedId: author.id } })) > 0);
    },

    async remove(user, slug, id) {
      const commentId = /^\d+$/.test(id) ? Number(id) : NaN;
      const owner = await articleId(slug);
      // A comment of another article is "not found" here, not deleted through the wrong URL.
      const comment = Number.isSafeInteger(commentId) ? await Comment.findOne({ where: { id: commentId, articleId: owner }, attributes: ['id', 'authorId'] }) : null;
      if (!comment) throw new NotFoundError('comment');
      if (!mayDelete(user, comment.authorId)) throw new ForbiddenError({ comment: ['can only be deleted by its author or an admin'] });
      // Two deletes of one comment at once both find it; only the one that removed the row says so.
      const deleted = await Comment.destroy({ where: { id: comment.id } });
      if (deleted === 0) throw new NotFoundError('comment');
    },
  };
}
