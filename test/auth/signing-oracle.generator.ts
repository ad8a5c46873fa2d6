/**
 * Generates varied requests from a seed, each in two forms: as this package's signer sees it
 * (a URL encoded for the wire) and as the official Node SDK's request builder hands it to its
 * signer (raw path, query parameters as an object, the body as a JSON value).
 */

// mulberry32, shared with the emulator's chaos: a failing case can be replayed from its index.
export { seededRandom } from "../../emulator/seeded-random";

export interface GeneratedRequest {
  readonly method: string;
  readonly origin: string;
  /** Path segments, not encoded. */
  readonly segments: readonly string[];
  /** Query parameters in the order sent, not encoded. */
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON value sent as the body, or `undefined` for none. */
  readonly json: unknown;
  readonly credentials: { accessKey: string; secretKey: string; securityToken?: string; domainId?: string };
  readonly now: Date;
}

const ORIGINS = [
  "https://scm.ap-southeast-1.myhuaweicloud.com",
  "https://scm.cn-north-4.myhuaweicloud.com",
  "http://127.0.0.1:8443",
  "https://example.com:9443",
];
const UNRESERVED = "ABCXYZabcxyz0189-_.~";
// Legacy url.parse, which the SDK applies to its endpoint, escapes space " ' < > ` { } | \ ^ by
// itself (and the SDK then encodes the escape again) and trims a trailing no-break space: paths
// with those would sign differently from what is sent, so they are left out.
const PATH_SPECIALS = "!$&()*+,;=:@[]%";
const QUERY_SPECIALS = " !\"#$%&'()*+,/:;<=>?@[\\]^`{|}";
const UNICODE = ["é", "ü", "中", "文", "😀", "ß", "Ω"];
const NO_BREAK_SPACE = "\u00a0";
const HEADER_NAME = "abcdefghijklmnopqrstuvwxyz0123456789-";
const HEADER_VALUE =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:/=+*()[]{}\"'!?@#$%&";

export function generateRequest(random: () => number): GeneratedRequest {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const text = (alphabets: readonly string[], min: number, max: number) => {
    const length = min + Math.floor(random() * (max - min + 1));
    let out = "";
    for (let i = 0; i < length; i++) {
      const alphabet = pick(alphabets);
      out += alphabet.length > 2 ? pick([...alphabet]) : alphabet;
    }
    return out;
  };
  const plainAndUnicode = [UNRESERVED, UNRESERVED, ...UNICODE];
  const queryAlphabets = [...plainAndUnicode, NO_BREAK_SPACE, QUERY_SPECIALS];

  const segments: string[] = [];
  for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) {
    let segment = chance(0.05) ? "" : text([...plainAndUnicode, PATH_SPECIALS], 1, 12);
    if (segment === "." || segment === "..") segment = "dot";
    segments.push(segment);
  }
  if (chance(0.2)) segments.push("");

  const query: [string, string][] = [];
  for (let i = 0, n = Math.floor(random() * 5); i < n; i++) {
    const name = chance(0.3) && query.length > 0 ? (pick(query)[0] as string) : text(queryAlphabets, 1, 8);
    query.push([name, chance(0.25) ? "" : text(queryAlphabets, 1, 16)]);
  }

  const method = pick(["GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH"]);
  const json =
    method === "GET" || chance(0.2)
      ? undefined
      : chance(0.1)
        ? {}
        : {
            name: text(plainAndUnicode, 0, 20),
            count: Math.floor(random() * 1000),
            nested: { list: [text(plainAndUnicode, 1, 5), chance(0.5), null], ok: true },
          };

  const headers: Record<string, string> = {};
  const oddCase = (name: string) =>
    pick([
      name,
      name.toLowerCase(),
      name.toUpperCase(),
      [...name].map((c) => (chance(0.5) ? c.toUpperCase() : c)).join(""),
    ]);
  if (json !== undefined || chance(0.3))
    headers[oddCase("Content-Type")] = pick(["application/json", "Application/JSON"]);
  for (let i = 0, n = Math.floor(random() * 4); i < n; i++) {
    const name = oddCase(`x-${text([HEADER_NAME], 1, 10)}`);
    if (!Object.keys(headers).some((existing) => existing.toLowerCase() === name.toLowerCase())) {
      headers[name] = text([HEADER_VALUE], 1, 30).trim() || "v";
    }
  }
  if (chance(0.1)) headers.host = "alias.example.com:8080";

  const credentials: GeneratedRequest["credentials"] = {
    accessKey: text(["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 20, 20),
    secretKey: text(["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"], 40, 40),
  };
  if (chance(0.4))
    credentials.securityToken = text(
      ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="],
      60,
      200,
    );
  if (chance(0.5)) credentials.domainId = text(["0123456789abcdef"], 32, 32);

  const now = new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 100 * 365.25 * 86_400_000));
  return { method, origin: pick(ORIGINS), segments, query, headers, json, credentials, now };
}
