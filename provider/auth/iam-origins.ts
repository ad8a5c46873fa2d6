import type { ScmCredentials } from "./credentials";

/**
 * The origins of the IAM endpoints these credentials call (a password exchanged, an account id
 * looked up, an agency assumed), in the order they are called; none when they never call IAM.
 * The ECS metadata service is not among them: it is plain HTTP on a link-local address.
 */
export function iamOrigins(credentials: ScmCredentials): string[] {
  const urls: string[] = [];
  const add = (authUrl: string | undefined) => {
    if (authUrl) urls.push(new URL(authUrl).origin);
  };
  const base = credentials.kind === "assume-role" ? credentials.base : credentials;
  switch (base.kind) {
    case "password":
      add(base.authUrl);
      break;
    case "access-key":
    case "ecs-metadata":
      // The account id is looked up only when it is not given.
      if (!base.domainId) add(base.authUrl);
      break;
    case "token":
      break;
  }
  if (credentials.kind === "assume-role") add(credentials.authUrl);
  return [...new Set(urls)];
}
