/** `GET /v3/scm/certificates`: filters, sorting and paging within the documented limits. */

import { SCM_INCORRECT_PARAMETER } from "../../provider/huawei-codes";
import { MAX_OFFSET } from "../../provider/scm/list-pages";
import type { CertificateStore, StoredCertificate } from "../certificate-store";
import type { Reply } from "../faults";
import {
  domainType,
  scmTime,
  signatureAlgorithm,
  signatureAlgorithmKey,
  validityPeriodMonths,
  wildcardCount,
} from "./certificate-fields";
import { scmError } from "./scm-errors";

const LIMITS = new Set(["10", "20", "50"]);
type SortKey = "certExpiredTime" | "certStatus" | "certUpdateTime";
const SORT_KEYS = new Set<string>(["certExpiredTime", "certStatus", "certUpdateTime"]);

const invalidParameter = (name: string): Reply =>
  scmError(400, SCM_INCORRECT_PARAMETER, `Invalid request parameter: ${name}.`);

function compare(key: SortKey, a: StoredCertificate, b: StoredCertificate): number {
  switch (key) {
    case "certExpiredTime":
      return a.certificate.notAfter.getTime() - b.certificate.notAfter.getTime();
    case "certStatus":
      return a.certificate.status.localeCompare(b.certificate.status);
    case "certUpdateTime":
      return a.updatedAt - b.updatedAt;
  }
}

/** A listing's filters, read from its query once. */
interface ListFilters {
  readonly status: string;
  readonly project: string;
  /** Lower case; `undefined` for none. */
  readonly content: string | undefined;
  /** Certificates that expired before this time (ms) are left out; `undefined` for none. */
  readonly expiredBefore: number | undefined;
}

function listFilters(query: URLSearchParams, expiredDaysSince: string | null): ListFilters {
  return {
    status: query.get("status") ?? "ALL",
    project: query.get("enterprise_project_id") ?? "all",
    content: query.get("content")?.toLowerCase() || undefined,
    expiredBefore: expiredDaysSince === null ? undefined : Date.now() - Number(expiredDaysSince) * 86_400_000,
  };
}

function matches(entry: StoredCertificate, filters: ListFilters): boolean {
  const { certificate } = entry;
  // Another account's certificates are not this account's to list.
  if (entry.spec.otherAccount) return false;
  if (filters.status !== "ALL" && certificate.status !== filters.status) return false;
  if (filters.project !== "all" && certificate.enterpriseProjectId !== filters.project) return false;
  const content = filters.content;
  if (
    content &&
    ![certificate.name, certificate.domain].some((text) => text.toLowerCase().includes(content))
  ) {
    return false;
  }
  return filters.expiredBefore === undefined || certificate.notAfter.getTime() >= filters.expiredBefore;
}

function summary(entry: StoredCertificate, legacyField: boolean): Record<string, unknown> {
  const { certificate } = entry;
  return {
    id: certificate.id,
    name: certificate.name,
    domain: certificate.domain,
    sans: certificate.sans.join(","),
    [signatureAlgorithmKey(legacyField)]: signatureAlgorithm(certificate),
    deploy_support: true,
    type: certificate.type,
    brand: certificate.brand,
    expire_time: scmTime(certificate.notAfter),
    domain_type: domainType(certificate),
    validity_period: validityPeriodMonths(certificate),
    status: certificate.status,
    domain_count: certificate.sans.length,
    wildcard_count: wildcardCount(certificate),
    description: "",
    enterprise_project_id: certificate.enterpriseProjectId,
  };
}

/** `offset` counts records here; the documentation leaves open whether it counts records or pages. */
export function listCertificates(
  store: CertificateStore,
  query: URLSearchParams,
  legacyField: boolean,
): Reply {
  const limitText = query.get("limit") ?? "10";
  if (!LIMITS.has(limitText)) return invalidParameter("limit");
  const offsetText = query.get("offset") ?? "0";
  const offset = Number(offsetText);
  if (!/^\d+$/.test(offsetText) || offset > MAX_OFFSET) return invalidParameter("offset");
  const sortKey = query.get("sort_key") ?? "certUpdateTime";
  if (!SORT_KEYS.has(sortKey)) return invalidParameter("sort_key");
  const sortDir = query.get("sort_dir") ?? "DESC";
  if (sortDir !== "ASC" && sortDir !== "DESC") return invalidParameter("sort_dir");
  const expiredDaysSince = query.get("expired_days_since");
  if (expiredDaysSince !== null && !/^\d+$/.test(expiredDaysSince))
    return invalidParameter("expired_days_since");

  const filters = listFilters(query, expiredDaysSince);
  const direction = sortDir === "ASC" ? 1 : -1;
  const found = store
    .all()
    .filter((entry) => matches(entry, filters))
    .sort(
      (a, b) =>
        direction * compare(sortKey as SortKey, a, b) || a.certificate.id.localeCompare(b.certificate.id),
    );
  const page = found.slice(offset, offset + Number(limitText));
  return {
    status: 200,
    body: { certificates: page.map((entry) => summary(entry, legacyField)), total_count: found.length },
  };
}
