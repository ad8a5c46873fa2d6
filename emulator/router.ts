import { decodeSegment } from "../provider/auth/signing";
import { APIGW_API_NOT_FOUND, APIGW_THROTTLED } from "../provider/huawei-codes";
/** Routes each request: IAM, then the SCM paths behind the gateway (throttling, auth, faults). */

import {
  ECS_SECURITY_KEY_PATH,
  IAM_AUTH_DOMAINS_PATH,
  IAM_SECURITY_TOKENS_PATH,
  IAM_TOKENS_PATH,
  SCM_CERTIFICATES_PATH,
} from "../provider/constants";
import { type AcceptedCredentials, authenticate } from "./authenticate";
import type { CertificateStore } from "./certificate-store";
import type { Chaos } from "./chaos";
import type { Exchange } from "./exchange";
import { answerWithFault, type FaultRegistry, type Reply } from "./faults";
import { type Account, handleIssueToken, handleListAuthDomains } from "./iam";
import type { TokenBucket } from "./rate-limit";
import { exportCertificate } from "./routes/export";
import { listCertificates } from "./routes/list";
import { handleSecurityKey, type MetadataService } from "./routes/metadata";
import { handleAssumeRole } from "./routes/security-tokens";
import { showCertificate } from "./routes/show";
import type { TemporaryKeys } from "./temporary-keys";
import type { EmulatedAgency, EmulatedUser } from "./types";

/** Everything a request may touch. */
export interface EmulatorState {
  readonly store: CertificateStore;
  readonly faults: FaultRegistry;
  readonly chaos: Chaos;
  readonly accepted: AcceptedCredentials;
  readonly users: readonly EmulatedUser[];
  readonly account: Account;
  readonly delayMs: number;
  readonly rateLimit: TokenBucket | undefined;
  readonly rootPem: string;
  readonly legacySignatureAlgorithmField: boolean;
  readonly agencies: readonly EmulatedAgency[];
  readonly temporaryKeys: TemporaryKeys;
  /** Lifetime of agency keys whatever `duration_seconds` asks, when set. */
  readonly temporaryKeyTtlMs: number | undefined;
  readonly metadata: MetadataService;
}

type ScmRoute = { kind: "list" } | { kind: "show" | "export"; certificateId: string };

function matchScmRoute(method: string, path: string): ScmRoute | undefined {
  if (path === SCM_CERTIFICATES_PATH) return method === "GET" ? { kind: "list" } : undefined;
  if (!path.startsWith(`${SCM_CERTIFICATES_PATH}/`)) return undefined;
  const [segment, action, ...rest] = path.slice(SCM_CERTIFICATES_PATH.length + 1).split("/");
  if (segment === undefined || segment === "" || rest.length > 0) return undefined;
  const certificateId = decodeSegment(segment);
  if (action === undefined && method === "GET") return { kind: "show", certificateId };
  if (action === "export" && method === "POST") return { kind: "export", certificateId };
  return undefined;
}

const gatewayError = (exchange: Exchange, status: number, code: string, message: string, headers = {}) =>
  exchange.json(status, { error_code: code, error_msg: message, request_id: exchange.requestId }, headers);

function replyFor(route: ScmRoute, exchange: Exchange, state: EmulatorState): Reply {
  switch (route.kind) {
    case "list":
      return listCertificates(state.store, exchange.url.searchParams, state.legacySignatureAlgorithmField);
    case "show":
      return showCertificate(state.store, route.certificateId, state.legacySignatureAlgorithmField);
    case "export":
      return exportCertificate(state.store, route.certificateId);
  }
}

/** Answers one request. */
export async function route(exchange: Exchange, state: EmulatorState): Promise<void> {
  await exchange.readBody();
  if (state.delayMs > 0 && !(await exchange.wait(state.delayMs))) return;
  const path = exchange.url.pathname;
  if (path === IAM_TOKENS_PATH && exchange.method === "POST") {
    return handleIssueToken(exchange, state.users, state.accepted.iamTokens, state.account);
  }
  if (path === IAM_AUTH_DOMAINS_PATH && exchange.method === "GET") {
    return handleListAuthDomains(
      exchange,
      authenticate(exchange, state.accepted, { forIam: true }),
      state.account,
    );
  }
  if (path === IAM_SECURITY_TOKENS_PATH && exchange.method === "POST") {
    return handleAssumeRole(
      exchange,
      authenticate(exchange, state.accepted, { forIam: true }),
      state.agencies,
      state.temporaryKeys,
      state.temporaryKeyTtlMs,
    );
  }
  if (path === ECS_SECURITY_KEY_PATH && exchange.method === "GET") {
    return handleSecurityKey(exchange, state.metadata, state.temporaryKeys);
  }
  const scmRoute = matchScmRoute(exchange.method, path);
  if (!scmRoute) {
    return gatewayError(
      exchange,
      404,
      APIGW_API_NOT_FOUND,
      "The API does not exist or has not been published in the environment",
    );
  }
  const certificateId = scmRoute.kind === "list" ? undefined : scmRoute.certificateId;
  if (certificateId !== undefined) exchange.certificateId = certificateId;
  const throttle = state.rateLimit?.take();
  if (throttle && !throttle.allowed) {
    const limit = state.rateLimit?.ratePerSecond ?? 0;
    return gatewayError(
      exchange,
      429,
      APIGW_THROTTLED,
      `policy user over ratelimit,limit:${limit},time:1 second`,
      {
        "Retry-After": String(throttle.retryAfterSeconds),
      },
    );
  }
  const auth = authenticate(exchange, state.accepted);
  if (!auth.ok) return gatewayError(exchange, 401, auth.code, auth.message);
  const reply = replyFor(scmRoute, exchange, state);
  const fault = state.faults.take(certificateId) ?? state.chaos.take();
  return answerWithFault(exchange, fault, reply, state.rootPem);
}
