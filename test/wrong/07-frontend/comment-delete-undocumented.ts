import type { WrongSubmission } from '../types.js';

// The last route of a hand-kept list is the one forgotten: the API deletes comments, the document
// does not say so, and a client generated from it has no way to call it.
export default {
  description: 'DELETE /api/articles/{slug}/comments/{id} is not in the document',
  caughtBy: 'the document has every Conduit route with its method, path parameters and the list query parameters, and documents nothing the API does not answer',
  edits: [
    {
      file: 'src/http/openapi.ts',
      find: "    '/api/articles/{slug}/comments/{id}': {\n      delete: { id: 'deleteComment', tag: 'Comments', summary: 'Delete a comment', description: 'Its author or an admin.', auth: 'required', parameters: [slug, commentId], success: { status: 204, description: 'Deleted.' }, errors: ['Unauthorized', 'Forbidden', 'NotFound'] },\n    },\n",
      replace: '',
    },
  ],
} satisfies WrongSubmission;
