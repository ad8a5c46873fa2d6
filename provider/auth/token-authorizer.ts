import { HEADER_AUTH_TOKEN } from "../constants";
import { ScmInputError } from "../errors";
import { authTokenSchema } from "../schemas";
import type { RequestAuthorizer } from "./authorizer";

/** Authenticates with an IAM token sent as `X-Auth-Token`. The token cannot be renewed here. */
export class TokenAuthorizer implements RequestAuthorizer {
  readonly kind = "token";
  readonly #token: string;

  constructor(token: string) {
    const checked = authTokenSchema.safeParse(token);
    if (!checked.success) {
      const reason = checked.error.issues[0]?.message ?? "is invalid";
      throw new ScmInputError(`Invalid token: ${reason}`, [{ property: "credentials.token", reason }]);
    }
    this.#token = token;
  }

  async authorize(): Promise<Record<string, string>> {
    return { [HEADER_AUTH_TOKEN]: this.#token };
  }
}
