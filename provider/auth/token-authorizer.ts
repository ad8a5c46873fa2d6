import { HEADER_AUTH_TOKEN } from "../constants";
import type { RequestAuthorizer } from "../http/request-authorizer";
import { authTokenSchema } from "../schemas";
import { invalidValue } from "../validation";

/** Authenticates with an IAM token sent as `X-Auth-Token`. The token cannot be renewed here. */
export class TokenAuthorizer implements RequestAuthorizer {
  readonly kind = "token";
  readonly #token: string;

  constructor(token: string) {
    const checked = authTokenSchema.safeParse(token);
    if (!checked.success) throw invalidValue("token", "credentials.token", checked.error);
    this.#token = token;
  }

  async authorize(): Promise<Record<string, string>> {
    return { [HEADER_AUTH_TOKEN]: this.#token };
  }
}
