/**
 * App Services error codes with the HTTP status the client API answers them with.
 * Codes come from realm-core's service error map; statuses follow the observed server
 * (see shared reference §3.8 and the client protocol §3.5).
 */
export const ERROR_STATUS = {
  MissingAuthReq: 401,
  InvalidSession: 401,
  UserAppDomainMismatch: 404,
  DomainNotAllowed: 403,
  ReadSizeLimitExceeded: 400,
  InvalidParameter: 400,
  MissingParameter: 400,
  MongoDBError: 400,
  ArgumentsNotAllowed: 400,
  FunctionExecutionError: 400,
  NoMatchingRuleFound: 403,
  InternalServerError: 500,
  AuthProviderNotFound: 404,
  ServiceNotFound: 404,
  ServiceCommandNotFound: 404,
  ValueNotFound: 404,
  FunctionNotFound: 404,
  IncomingWebhookNotFound: 404,
  IncomingWebhookAuthFailed: 401,
  FunctionSyntaxError: 400,
  FunctionInvalid: 400,
  ExecutionTimeLimitExceeded: 400,
  NotCallable: 400,
  UserAlreadyConfirmed: 409,
  UserNotFound: 404,
  UserDisabled: 401,
  AuthError: 401,
  BadRequest: 400,
  AccountNameInUse: 409,
  InvalidPassword: 401,
  SchemaValidationFailedWrite: 400,
  UserpassTokenInvalid: 400,
  DuplicateKey: 400,
  DeploymentNotFound: 404,
  InvalidConfig: 400,
  NotFound: 404,
  MethodNotAllowed: 405,
  PayloadTooLarge: 413,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
