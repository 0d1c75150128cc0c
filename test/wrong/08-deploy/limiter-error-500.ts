import type { WrongSubmission } from '../types.js';

// The Redis error goes up as it is: 500, "something went wrong", instead of saying the service is unavailable.
export default {
  description: "when Redis does not answer, the login fails with a 500",
  caughtBy: "while Redis cannot be reached, a login answers 503 {\"errors\":{\"service\":[\"is temporarily unavailable\"]}} instead of counting nothing (the limit fails closed), and logins work again once Redis is back",
  edits: [
    { file: "src/auth/rate-limit.ts", find: "      } catch {\n        throw limitsUnavailable();\n      }", replace: "      } catch (err) {\n        throw err;\n      }" },
  ],
} satisfies WrongSubmission;
