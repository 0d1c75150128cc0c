import type { WrongSubmission } from '../types.js';

// A limiter that cannot count lets everyone through: take Redis down and the password guessing is unlimited.
export default {
  description: "when Redis does not answer, the limiter counts nothing and lets the login through",
  caughtBy: "while Redis cannot be reached, a login answers 503 {\"errors\":{\"service\":[\"is temporarily unavailable\"]}} instead of counting nothing (the limit fails closed), and logins work again once Redis is back",
  edits: [
    { file: "src/auth/rate-limit.ts", find: "      } catch {\n        throw limitsUnavailable();\n      }", replace: "      } catch {\n        return 0;\n      }" },
  ],
} satisfies WrongSubmission;
