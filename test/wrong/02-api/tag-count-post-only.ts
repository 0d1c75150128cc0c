import type { WrongSubmission } from '../types.js';

export default {
  description: 'the 10-tag limit is checked when an article is created, but an update takes any number of tags',
  caughtBy: "a title, description, body or tag one character over its maximum, or an 11th tag, answers 422 naming the field on POST and PUT, and nothing changes",
  edits: [
    {
      file: 'src/articles/articles.service.ts',
      find: 'function readTags(errors: ErrorMessages, value: unknown): string[] | undefined {',
      replace: 'function readTags(errors: ErrorMessages, value: unknown, maxTags = MAX_TAGS): string[] | undefined {',
    },
    {
      file: 'src/articles/articles.service.ts',
      find: "  if (value.length > MAX_TAGS) addError(errors, 'tagList', `has too many tags (at most ${MAX_TAGS})`);",
      replace: "  if (value.length > maxTags) addError(errors, 'tagList', `has too many tags (at most ${maxTags})`);",
    },
    {
      file: 'src/articles/articles.service.ts',
      find: '    const tagList = readTags(errors, article.tagList);',
      replace: '    const tagList = readTags(errors, article.tagList, Infinity);',
    },
  ],
} satisfies WrongSubmission;
