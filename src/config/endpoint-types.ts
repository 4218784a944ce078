/** The HTTPS endpoints and incoming webhooks of an app, as the model holds them. */

export const ENDPOINT_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "*"] as const;
export type EndpointMethod = (typeof ENDPOINT_METHODS)[number];
export const VALIDATION_METHODS = ["NO_VALIDATION", "SECRET_AS_QUERY_PARAM", "VERIFY_PAYLOAD"] as const;
export type ValidationMethod = (typeof VALIDATION_METHODS)[number];

export interface HttpsEndpointConfig {
  /** Starts with "/". */
  route: string;
  /** "*" answers every method. */
  httpMethod: EndpointMethod;
  functionName: string;
  validationMethod: ValidationMethod;
  secretName?: string;
  respondResult: boolean;
  fetchCustomUserData: boolean;
  createUserOnAuth: boolean;
  disabled: boolean;
  /** The format of the function's return value when the request has no `Accept` preference. */
  returnType: "JSON" | "EJSON";
  path: string;
}

/** How a webhook proves a request came from whoever holds the secret. */
export type WebhookValidation = "NONE" | "SECRET_AS_QUERY_PARAM" | "VERIFY_PAYLOAD";

export interface IncomingWebhookConfig {
  service: string;
  /** The service's `type` ("http", "github", "twilio", …) when its config.json says. */
  serviceType: string | undefined;
  name: string;
  httpMethod: EndpointMethod;
  validation: WebhookValidation;
  /** Stitch exports held the secret string itself. */
  secret?: string;
  respondResult: boolean;
  /** Application authentication: the request carries a user's credentials. */
  runAsAuthedUser: boolean;
  runAsUserId?: string;
  runAsUserIdScriptSource?: string;
  canEvaluate?: Record<string, unknown>;
  fetchCustomUserData: boolean;
  source: string;
  sourcePath: string;
  configPath: string;
}

export interface EndpointsConfig {
  https: HttpsEndpointConfig[];
  webhooks: IncomingWebhookConfig[];
  /** From sandbox/secrets.json. */
  secrets: Record<string, string>;
}
