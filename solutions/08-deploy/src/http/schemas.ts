/**
 * The shapes of the API, written once.
 *
 * Every request body the API reads and every answer it sends is declared here as a zod schema,
 * and nowhere else:
 * - the services validate what comes in with the request schemas (src/http/validation.ts turns
 *   zod's issues into Conduit's envelope, `{ "errors": { "<field>": ["message"] } }`, 422);
 * - the handlers' `…Json()` functions are typed by the response schemas, so an answer that drifts
 *   from its schema does not compile;
 * - src/http/openapi.ts turns these same schemas into the OpenAPI document (GET /api/openapi.json)
 *   with zod's own JSON Schema output.
 * A rule changed here changes the validation and the documentation together: they cannot disagree,
 * and nobody keeps a hand-written copy of a shape in step with the code.
 *
 * The messages and the order in which rules are tried are the ones earlier steps taught and
 * checked (docs/02-api.md, docs/04-security.md): `abort: true` stops at a field's first problem
 * where the earlier code reported one; the others report every problem of the field at once.
 */
import { z } from 'zod';

// ── Limits (the sizes of the columns, src/db/migrations) ─────────────────────────────────────

/** The longest text each article field takes, in characters (code points: an emoji counts as one). */
export const MAX_LENGTH = { title: 255, description: 1024, body: 50_000, tag: 64 } as const;
/** Tags per article. */
export const MAX_TAGS = 10;
/** The longest bio and image URL, in characters (docs/04-security.md#the-current-user). */
export const MAX_BIO_LENGTH = 1000;
export const MAX_IMAGE_LENGTH = 2048;
/** The longest comment, in characters (code points); the column is a TEXT, 64 KB. */
export const MAX_COMMENT_LENGTH = 5000;
/** The longest email address, after trimming. */
export const MAX_EMAIL_LENGTH = 255;
export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt reads no further than 72 bytes: a longer password would be cut without a word. */
export const MAX_PASSWORD_BYTES = 72;
export const DEFAULT_LIMIT = 20;
/** The largest page. Without a cap, ?limit=1000000 asks for every article in one answer. */
export const MAX_LIMIT = 100;

// ── Rules shared by several fields ───────────────────────────────────────────────────────────

export const BLANK = "can't be blank";

/**
 * Text no database keeps as it was sent: the NUL character (SQLite stops reading at it,
 * PostgreSQL refuses it) and half of a surrogate pair (UTF-8 has no way to write it).
 * docs/02-api.md#limits
 */
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_MESSAGE = 'must not contain a NUL character or broken Unicode';

const storable = (text: string): boolean => !UNSTORABLE.test(text);
const notBlank = (text: string): boolean => text.trim() !== '';

/** More than `max` characters? Counted in code points: "🐉" is one character, two UTF-16 units. */
export function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _character of text) if (++count > max) return true;
  return false;
}

/** A missing (or null) field is blank; a field of another type is not a string. */
const blankOrNotString = (issue: { input?: unknown }): string => (issue.input === undefined || issue.input === null ? BLANK : 'must be a string');

/** Text that must be there: a string with something besides spaces, that a database can keep. First problem only. */
const requiredText = () =>
  z
    .string({ error: blankOrNotString })
    .refine(notBlank, { error: BLANK, abort: true })
    .refine(storable, { error: UNSTORABLE_MESSAGE, abort: true });

/** A length in code points, for the rule and for the document (JSON Schema counts code points too). */
const atMost = (max: number, message = `is too long (at most ${max} characters)`) => [(text: string) => !longerThan(text, max), { error: message }] as const;

// ── Users (docs/04-security.md) ──────────────────────────────────────────────────────────────

/** Letters, digits, _ . and -: a username ends up in URLs (/api/profiles/:username). Trimmed. */
export const Username = requiredText()
  .trim()
  .regex(/^[\w.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, _ . or -' })
  .meta({ description: '1 to 64 letters, digits, _ . or - (spaces around it are trimmed)', examples: ['jake'] });

/** Emails are compared in lower case: Ada@Example.com and ada@example.com are one account. */
const emailText = () => requiredText().trim().toLowerCase();

export const Email = emailText()
  .refine((email) => email.length <= MAX_EMAIL_LENGTH && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email), { error: 'is not a valid email address' })
  .meta({ description: 'An email address, compared in lower case (trimmed, lower-cased).', maxLength: MAX_EMAIL_LENGTH, examples: ['jake@jake.jake'] });

/** At least 8 characters; at most 72 bytes, because bcrypt ignores everything after that. */
export const Password = z
  .string({ error: blankOrNotString })
  .refine((password) => password !== '', { error: BLANK, abort: true })
  // bcrypt stops reading at a NUL byte: "secret\u0000anything" would be the password "secret".
  .refine(storable, { error: UNSTORABLE_MESSAGE, abort: true })
  // A refine, not .min(): zod's length checks run even on a value that is not a string.
  .refine((password) => password.length >= MIN_PASSWORD_LENGTH, { error: `is too short (at least ${MIN_PASSWORD_LENGTH} characters)`, abort: true })
  .refine((password) => Buffer.byteLength(password) <= MAX_PASSWORD_BYTES, { error: `is too long (at most ${MAX_PASSWORD_BYTES} bytes)` })
  .meta({ description: `At least ${MIN_PASSWORD_LENGTH} characters and at most ${MAX_PASSWORD_BYTES} bytes in UTF-8.`, minLength: MIN_PASSWORD_LENGTH, examples: ['jakejake'] });

/** Optional profile text: a string, or null to clear it. */
const profileText = (max: number) =>
  z
    .string({ error: 'must be a string or null' })
    .refine(storable, { error: UNSTORABLE_MESSAGE, abort: true })
    .refine(...atMost(max))
    .nullable()
    .optional()
    .meta({ description: `At most ${max} characters; null clears it.`, maxLength: max });

export const RegisterUser = z
  .object({ username: Username, email: Email, password: Password }, { error: 'is required: send {"user": {…}}' })
  .meta({ description: 'A new account. Any other field (a role, say) is ignored.' });

/** Login reads the email as it is stored (trimmed, lower case) but does not judge its format. */
export const LoginUser = z
  .object(
    {
      email: emailText().meta({ description: 'The email the account was registered with (trimmed, compared in lower case).', examples: ['jake@jake.jake'] }),
      password: z
        .string({ error: BLANK })
        .refine((password) => password !== '', { error: BLANK, abort: true })
        .refine(storable, { error: UNSTORABLE_MESSAGE }),
    },
    { error: 'is required: send {"user": {…}}' },
  )
  .meta({ description: 'Credentials.' });

export const UpdateUser = z
  .object(
    {
      email: Email.optional(),
      username: Username.optional(),
      password: Password.optional().meta({ description: 'A new password: it ends every token issued before it (the answer carries a new one).' }),
      bio: profileText(MAX_BIO_LENGTH),
      image: profileText(MAX_IMAGE_LENGTH),
    },
    { error: 'is required: send {"user": {…}}' },
  )
  // The service answers 422 to an update with none of them: the document says so too.
  .meta({
    description: 'At least one of email, username, password, bio, image; fields not sent stay as they are.',
    anyOf: ['email', 'username', 'password', 'bio', 'image'].map((field) => ({ required: [field] })),
  });

// ── Articles (docs/02-api.md) ────────────────────────────────────────────────────────────────

/** A text field of an article: every problem of the field is reported, not just the first. */
const articleText = (field: 'title' | 'description' | 'body') =>
  z
    .string({ error: blankOrNotString })
    .refine(notBlank, { error: BLANK })
    .refine(storable, { error: UNSTORABLE_MESSAGE })
    .refine(...atMost(MAX_LENGTH[field]))
    .meta({ maxLength: MAX_LENGTH[field] });

const NOT_TAGS = 'must be an array of non-blank strings';

/** tagList: at most MAX_TAGS non-blank strings. The service trims, de-duplicates and sorts them. */
export const TagList = z
  // abort: one bad tag and the list is not judged further (its length, its tags' sizes).
  .array(z.string({ error: NOT_TAGS }).refine(notBlank, { error: NOT_TAGS, abort: true }).meta({ maxLength: MAX_LENGTH.tag }), { error: NOT_TAGS })
  .refine((tags) => tags.length <= MAX_TAGS, { error: `has too many tags (at most ${MAX_TAGS})` })
  .refine((tags) => tags.every(storable), { error: 'has a tag with a NUL character or broken Unicode' })
  .refine((tags) => tags.every((tag) => !longerThan(tag.trim(), MAX_LENGTH.tag)), { error: `has a tag longer than ${MAX_LENGTH.tag} characters` })
  .meta({ description: `At most ${MAX_TAGS} tags of at most ${MAX_LENGTH.tag} characters; stored trimmed, each once, in alphabetical order.`, maxItems: MAX_TAGS, examples: [['dragons', 'training']] });

const ARTICLE_REQUIRED = 'is required: send {"article": {"title": …, "description": …, "body": …}}';

export const NewArticle = z
  .object(
    {
      title: articleText('title').meta({ examples: ['How to train your dragon'] }),
      description: articleText('description').meta({ examples: ['Ever wonder how?'] }),
      body: articleText('body').meta({ examples: ['You have to believe'] }),
      tagList: TagList.optional(),
    },
    { error: ARTICLE_REQUIRED },
  )
  .meta({ description: 'A new article. Its slug is made from the title.' });

export const UpdateArticle = z
  .object(
    {
      title: articleText('title').optional().meta({ description: 'A new title changes the slug.' }),
      description: articleText('description').optional(),
      body: articleText('body').optional(),
      tagList: TagList.optional().meta({ description: 'Replaces the tags.' }),
    },
    { error: ARTICLE_REQUIRED },
  )
  .meta({
    description: 'At least one of title, description, body, tagList; fields not sent stay as they are.',
    anyOf: ['title', 'description', 'body', 'tagList'].map((field) => ({ required: [field] })),
  });

/** The query of GET /api/articles (and, limit and offset only, of GET /api/articles/feed). */
const filter = (description: string) =>
  z
    // ?tag=a&tag=b arrives as an array: refused, not guessed at.
    .string({ error: 'must be given once, as text' })
    .refine(storable, { error: UNSTORABLE_MESSAGE })
    .optional()
    .meta({ description });

/**
 * ?limit=10: digits only, so "-1", "abc", "1e3" and "2.5" are refused rather than guessed at, and
 * so is a number too large to be exact (a database would refuse it, with a 500).
 */
const count = (min: number, max: number, fallback: number, description: string) => {
  const message = max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`;
  return z
    .preprocess((value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value), z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }))
    .optional()
    .meta({ description, default: fallback });
};

export const ListQuery = z.object({
  tag: filter('Only articles with this tag.'),
  author: filter('Only articles written by this username.'),
  favorited: filter('Only articles favorited by this username.'),
  limit: count(1, MAX_LIMIT, DEFAULT_LIMIT, `How many articles, at most (${MAX_LIMIT}).`),
  offset: count(0, Number.MAX_SAFE_INTEGER, 0, 'How many articles to skip (an article count, not a page number).'),
});

export const FeedQuery = ListQuery.pick({ limit: true, offset: true });

// ── Comments ─────────────────────────────────────────────────────────────────────────────────

export const NewComment = z
  .object(
    {
      body: z
        .string({ error: blankOrNotString })
        .refine(notBlank, { error: BLANK, abort: true })
        .refine(storable, { error: UNSTORABLE_MESSAGE, abort: true })
        .refine(...atMost(MAX_COMMENT_LENGTH))
        .meta({ maxLength: MAX_COMMENT_LENGTH, examples: ['Thank you so much!'] }),
    },
    { error: 'is required: send {"comment": {"body": "…"}}' },
  )
  .meta({ description: 'A comment on an article.' });

// ── Request bodies: each resource wrapped in one key, as Conduit does ────────────────────────

export const RegisterRequest = z.object({ user: RegisterUser });
export const LoginRequest = z.object({ user: LoginUser });
export const UpdateUserRequest = z.object({ user: UpdateUser });
export const NewArticleRequest = z.object({ article: NewArticle });
export const UpdateArticleRequest = z.object({ article: UpdateArticle });
export const NewCommentRequest = z.object({ comment: NewComment });

// ── Responses (docs/conduit-api.md §4) ───────────────────────────────────────────────────────

const timestamp = () => z.iso.datetime().meta({ description: 'UTC, with milliseconds.', examples: ['2026-02-18T03:22:56.637Z'] });

export const User = z
  .object({
    email: z.string(),
    token: z.string().meta({ description: 'A JWT: send it back as `Authorization: Token <jwt>`.' }),
    username: z.string(),
    bio: z.string().nullable(),
    image: z.string().nullable(),
  })
  .meta({ description: 'The signed-in user, only ever about the caller. Never a password or its hash.' });

export const Profile = z
  .object({
    username: z.string(),
    bio: z.string().nullable(),
    image: z.string().nullable(),
    following: z.boolean().meta({ description: 'Whether the caller follows them (false for anonymous callers).' }),
  })
  .meta({ description: 'A user as anyone may see them.' });

export const Article = z
  .object({
    slug: z.string().meta({ description: 'Made from the title, unique; changes with the title.', examples: ['how-to-train-your-dragon'] }),
    title: z.string(),
    description: z.string(),
    body: z.string(),
    tagList: z.array(z.string()).meta({ description: 'In alphabetical order.' }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    favorited: z.boolean().meta({ description: 'Whether the caller has favorited it (false for anonymous callers).' }),
    favoritesCount: z.int().min(0),
    author: Profile,
  })
  .meta({ description: 'One article, with its body.' });

/** List items leave out `body`: a page of articles stays small, and lists only show previews. */
export const ArticleListItem = Article.omit({ body: true }).meta({ description: 'An article in a list: everything but the body.' });

export const ArticleList = z
  .object({
    articles: z.array(ArticleListItem).meta({ description: 'Newest first.' }),
    articlesCount: z.int().min(0).meta({ description: 'How many articles match the filters in all, before limit and offset.' }),
  })
  .meta({ description: 'A page of articles.' });

export const Comment = z
  .object({
    id: z.int().min(1),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    body: z.string(),
    author: Profile,
  })
  .meta({ description: 'A comment on an article.' });

export const UserResponse = z.object({ user: User });
export const ProfileResponse = z.object({ profile: Profile });
export const ArticleResponse = z.object({ article: Article });
export const CommentResponse = z.object({ comment: Comment });
export const CommentList = z.object({ comments: z.array(Comment).meta({ description: 'Oldest first.' }) }).meta({ description: "An article's comments." });
export const TagsResponse = z
  .object({ tags: z.array(z.string()).meta({ description: 'The most used tags (at most 100), most used first.' }) })
  .meta({ description: 'The tags in use.' });
export const Health = z.object({ status: z.literal('ok'), time: timestamp() }).meta({ description: 'The process is up.' });

export const ErrorEnvelope = z
  .object({
    errors: z.record(z.string(), z.array(z.string())).meta({
      description: 'What went wrong, by field (or by subject: token, article, login…), each with its messages.',
      examples: [{ email: ['has already been taken'], password: ["can't be blank"] }],
    }),
  })
  .meta({ description: "Conduit's error envelope, on every answer that is not a success." });

// The TypeScript types of the answers: the handlers' …Json() functions return these.
export type UserJson = z.output<typeof User>;
export type ProfileJson = z.output<typeof Profile>;
export type ArticleJson = z.output<typeof Article>;
export type ArticleListItemJson = z.output<typeof ArticleListItem>;
export type CommentJson = z.output<typeof Comment>;

// ── The names the OpenAPI document gives them (components.schemas) ───────────────────────────

/** Read from requests: documented as zod reads them (io: 'input'; fields not listed are allowed and ignored). */
export const requestComponents = z.registry<{ id: string }>();
/** Sent in answers: documented as the handlers write them (io: 'output'; nothing else is in them). */
export const responseComponents = z.registry<{ id: string }>();

function register(registry: typeof requestComponents, schemas: Record<string, z.ZodType>): void {
  for (const [id, schema] of Object.entries(schemas)) schema.register(registry, { id });
}

register(requestComponents, { RegisterRequest, LoginRequest, UpdateUserRequest, NewArticleRequest, UpdateArticleRequest, NewCommentRequest });
register(responseComponents, {
  User,
  Profile,
  Article,
  ArticleListItem,
  ArticleList,
  Comment,
  CommentList,
  UserResponse,
  ProfileResponse,
  ArticleResponse,
  CommentResponse,
  TagsResponse,
  Health,
  ErrorEnvelope,
});
