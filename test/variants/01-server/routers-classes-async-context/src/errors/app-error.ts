/** An error the API means to answer with: a status code and messages per field. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly details: Record<string, string[]>,
  ) {
    super(JSON.stringify(details));
  }
}

export class RouteNotFound extends AppError {
  constructor(method: string, path: string) {
    super(404, { route: [`no ${method} ${path}`] });
  }
}
