export { targetDir } from './target.js';
export { requirement, lessonLink } from './requirement.js';
export { BlockedFailure, fail, ensure, expectStatus, expectJson, expectErrorEnvelope, describeResponse, containsStackTrace, isJson, CheckFailure } from './expect.js';
export { loadApp, importFromTarget, recordingLogger, TEST_CONFIG, type LoadedApp, type LogEntry, type TestDeps } from './app.js';
export { api, header, send, RESPONSE_TIMEOUT_MS, type Response, type SendOptions } from './http.js';
export { startServer, type RunningServer } from './server.js';
export { LearnerCodeError } from './learner-code.js';
export {
  countRows,
  createTestDatabase,
  fileDatabase,
  hasDatabase,
  importDbModule,
  serverDatabase,
  tableNames,
  testDialect,
  type DatabaseConfig,
  type SequelizeLike,
  type ServerDatabase,
  type TestDatabase,
} from './db.js';
export { expectStartupRefusal, type StartupRefusal } from './startup.js';
export { manualClock, type ManualClock } from './clock.js';
export { budget, timeScale, timeout, TimeoutFailure, within } from './budget.js';
export { actingAuthor, type ActingAuthor } from './author.js';
export { currentStep, stepAtLeast, currentLesson } from './steps.js';
export { sequenceRequirement, recording, formatTranscript, seedFor, type RecordingHttp, type Exchange, type SequenceSpec } from './model.js';
export { startObserved, scratchCopy, asLearnerPaths, type ObservedServer, type ObserveOptions } from './listen.js';
