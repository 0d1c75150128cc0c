import { Router, type Request, type Response } from 'express';
import { demoAuthor } from '../auth/demo-author.js';
import type { Article } from './article.repository.js';
import type { ArticleService } from './article.service.js';

/** The HTTP side of articles and tags: one class, one Router, every route of the resource. */
export class ArticlesController {
  constructor(private readonly service: ArticleService) {}

  router(): Router {
    const router = Router();
    const author = demoAuthor(); // TEMPORARY: step 04 puts real authentication here
    router.get('/articles', (req, res) => this.list(req, res));
    router.post('/articles', author, (req, res) => this.create(req, res));
    router.get('/articles/:slug', (req, res) => this.read(req, res));
    router.put('/articles/:slug', author, (req, res) => this.update(req, res));
    router.delete('/articles/:slug', author, (req, res) => this.remove(req, res));
    router.get('/tags', (_req, res) => {
      res.json({ tags: this.service.tags() });
    });
    return router;
  }

  private list(req: Request, res: Response) {
    const page = this.service.list(req.query as Record<string, unknown>);
    res.json({ articles: page.articles.map((a) => ArticlesController.json(a, false)), articlesCount: page.count });
  }

  private create(req: Request, res: Response) {
    if (!req.user) throw new Error('no user on a writing route');
    res.status(201).json({ article: ArticlesController.json(this.service.create(req.user, req.body?.article)) });
  }

  private read(req: Request, res: Response) {
    res.json({ article: ArticlesController.json(this.service.read(String(req.params.slug))) });
  }

  private update(req: Request, res: Response) {
    res.json({ article: ArticlesController.json(this.service.update(String(req.params.slug), req.body?.article)) });
  }

  private remove(req: Request, res: Response) {
    this.service.remove(String(req.params.slug));
    res.sendStatus(204);
  }

  static json(a: Article, withBody = true) {
    return {
      slug: a.slug,
      title: a.title,
      description: a.description,
      ...(withBody ? { body: a.body } : {}),
      tagList: a.tags,
      createdAt: a.created.toISOString(),
      updatedAt: a.updated.toISOString(),
      favorited: false,
      favoritesCount: 0,
      author: { username: a.author.username, bio: a.author.bio, image: a.author.image, following: false },
    };
  }
}
