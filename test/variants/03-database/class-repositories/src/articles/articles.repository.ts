// The repositories live under src/repositories in this layout; the modules that import the
// articles repository by its usual path get the class from there.
export * from '../repositories/article-repository.js';
