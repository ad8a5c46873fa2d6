/**
 * A request as the authorizer sees it: enough to add a token or compute a signature.
 * `headers` are the headers the client will send (names as written, values as sent).
 */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as sent, or `undefined` for none. */
  readonly body: string | undefined;
}

/**
 * Authenticates SCM requests. The client calls {@link RequestAuthorizer.authorize} before every
 * attempt, so signatures carry a fresh date on each retry.
 */
export interface RequestAuthorizer {
  /** What kind of credential this is, for messages: never the credential itself. */
  readonly kind: "token" | "access-key" | "password" | "assume-role" | "ecs-metadata";
  /** Returns the headers to add to this attempt. */
  authorize(request: OutgoingRequest, options?: { signal?: AbortSignal }): Promise<Record<string, string>>;
  /**
   * Called after a 401. Returns `true` when the credential was renewed and the request is worth
   * one more attempt (a password's IAM token, temporary keys); `false` otherwise.
   */
  renewAfterUnauthorized?(body: { errorCode?: string; errorMessage?: string }): Promise<boolean>;
}
