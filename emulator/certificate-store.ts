import { DAY_MS } from "../provider/constants";
/** The emulator's certificates: creation with defaults, rotation, renewal, status changes. */

import { randomBytes } from "node:crypto";
import { buildCertificate, type ResolvedSpec } from "./certificate-material";
import { getAuthority } from "./pki";
import type { CertificateSpec, EmulatedCertificate } from "./types";

/** A stored certificate with what list sorting and re-issuing need. */
export interface StoredCertificate {
  readonly spec: ResolvedSpec;
  readonly certificate: EmulatedCertificate;
  /** Last change, for `sort_key=certUpdateTime`. */
  readonly updatedAt: number;
}

/** Holds the certificates of one emulator. */
export class CertificateStore {
  readonly #entries = new Map<string, StoredCertificate>();
  readonly #certificates = new Map<string, EmulatedCertificate>();
  #lastIdNumber = 0;
  #updateCounter = 0;

  /** Read-only view by id, in insertion order. */
  get certificates(): ReadonlyMap<string, EmulatedCertificate> {
    return this.#certificates;
  }

  get(id: string): StoredCertificate | undefined {
    return this.#entries.get(id);
  }

  all(): StoredCertificate[] {
    return [...this.#entries.values()];
  }

  async add(spec: CertificateSpec = {}): Promise<EmulatedCertificate> {
    const id = spec.id ?? this.#freshId();
    if (this.#entries.has(id)) throw new Error(`A certificate with id ${id} already exists`);
    return this.#issue(this.#resolve(id, spec));
  }

  /** Adds several certificates, issued in parallel, kept in the order given. */
  async addAll(specs: readonly CertificateSpec[]): Promise<EmulatedCertificate[]> {
    const resolved = specs.map((spec) => this.#resolve(spec.id ?? this.#freshId(), spec));
    const ids = new Set(resolved.map((spec) => spec.id));
    if (ids.size !== resolved.length || resolved.some((spec) => this.#entries.has(spec.id))) {
      throw new Error("Certificate ids must be unique");
    }
    const authority = await getAuthority();
    const built = await Promise.all(resolved.map((spec) => buildCertificate(spec, authority)));
    resolved.forEach((spec, index) => {
      const certificate = built[index];
      if (certificate) this.#put(spec, certificate);
    });
    return built;
  }

  async rotate(id: string): Promise<EmulatedCertificate> {
    return this.#issue(this.#require(id).spec);
  }

  async renew(id: string): Promise<EmulatedCertificate> {
    const old = this.#require(id).spec;
    const now = Date.now();
    const notBefore = new Date(now - DAY_MS);
    const notAfter = new Date(Math.max(old.notAfter.getTime(), now) + 365 * DAY_MS);
    const newId = this.#freshId();
    return this.#issue({
      ...old,
      id: newId,
      status: "ISSUED",
      notBefore,
      notAfter,
      issueTime: new Date(now),
    });
  }

  delete(id: string): void {
    this.#require(id);
    this.#entries.delete(id);
    this.#certificates.delete(id);
  }

  setStatus(id: string, status: string): void {
    const entry = this.#require(id);
    this.#put({ ...entry.spec, status }, { ...entry.certificate, status });
  }

  #require(id: string): StoredCertificate {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`No certificate with id ${id}`);
    return entry;
  }

  async #issue(spec: ResolvedSpec): Promise<EmulatedCertificate> {
    const certificate = await buildCertificate(spec, await getAuthority());
    this.#put(spec, certificate);
    return certificate;
  }

  #put(spec: ResolvedSpec, certificate: EmulatedCertificate): void {
    this.#entries.set(spec.id, { spec, certificate, updatedAt: ++this.#updateCounter });
    this.#certificates.set(spec.id, certificate);
  }

  /** "scs" + 13 digits, like SCM's ids (a millisecond timestamp), unique within this store. */
  #freshId(): string {
    let number = Math.max(Date.now(), this.#lastIdNumber + 1);
    while (this.#entries.has(`scs${number}`)) number += 1;
    this.#lastIdNumber = number;
    return `scs${number}`;
  }

  #resolve(id: string, spec: CertificateSpec): ResolvedSpec {
    const domain = spec.domain ?? `site-${randomBytes(3).toString("hex")}.example.com`;
    const notBefore = spec.notBefore ?? new Date(Date.now() - DAY_MS);
    return {
      id,
      keyType: spec.keyType ?? "rsa",
      domain,
      sans: spec.sans ?? [domain],
      notBefore,
      notAfter: spec.notAfter ?? new Date(Date.now() + 365 * DAY_MS),
      status: spec.status ?? "ISSUED",
      name: spec.name ?? `scm-${id.slice(-6)}`,
      type: spec.type ?? "DV_SSL_CERT",
      brand: spec.brand ?? "GEOTRUST",
      enterpriseProjectId: spec.enterpriseProjectId ?? "0",
      issueTime: spec.issueTime ?? notBefore,
      chainOrder: spec.chainOrder ?? "correct",
      mismatchedKey: spec.mismatchedKey ?? false,
      lineEnding: spec.lineEnding ?? "lf",
      leafIsCa: spec.leafIsCa ?? false,
      sm2: spec.sm2 ?? false,
      sm2Envelope: spec.sm2Envelope ?? false,
      keyBlockIn: spec.keyBlockIn ?? "none",
      otherAccount: spec.otherAccount ?? false,
    };
  }
}
