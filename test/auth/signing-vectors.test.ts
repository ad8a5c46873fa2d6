import { describe, expect, it } from "vitest";
import {
  authorizationHeader,
  canonicalRequest,
  hmacSignature,
  parseAuthorizationHeader,
  parseSdkDate,
  signRequest,
  stringToSign,
} from "../../provider/auth/signing";
import { SIGNING_VECTORS } from "./signing-vectors.fixture";

describe("SDK-HMAC-SHA256 published vectors", () => {
  for (const vector of SIGNING_VECTORS) {
    describe(vector.name, () => {
      const url = new URL(vector.url);
      const sdkDate = vector.headers["X-Sdk-Date"] ?? "";
      const expectedAuthorization = `SDK-HMAC-SHA256 Access=${vector.accessKey}, SignedHeaders=${vector.signedHeaders.join(";")}, Signature=${vector.signature}`;

      it("computes the published signature from the pure steps", () => {
        const canonical = canonicalRequest({
          method: vector.method,
          url,
          headers: vector.headers,
          signedHeaders: vector.signedHeaders,
          body: vector.body,
        });
        const signature = hmacSignature(vector.secretKey, stringToSign(sdkDate, canonical));
        expect(signature).toBe(vector.signature);
        expect(
          authorizationHeader({
            accessKey: vector.accessKey,
            signedHeaders: vector.signedHeaders,
            signature,
          }),
        ).toBe(expectedAuthorization);
        expect(parseAuthorizationHeader(expectedAuthorization)).toEqual({
          accessKey: vector.accessKey,
          signedHeaders: vector.signedHeaders,
          signature: vector.signature,
        });
      });

      // signRequest always signs `host`; the Go vector leaves it unsigned, so only the steps apply there.
      it.runIf(vector.signedHeaders.includes("host"))(
        "is reproduced by signRequest at the vector's date",
        () => {
          const now = parseSdkDate(sdkDate);
          expect(now).toBeInstanceOf(Date);
          const { "X-Sdk-Date": _date, Host: _host, ...sent } = vector.headers;
          const headers = signRequest(
            { method: vector.method, url, headers: sent, body: vector.body },
            vector,
            now as Date,
          );
          expect(headers).toEqual({ "X-Sdk-Date": sdkDate, Authorization: expectedAuthorization });
        },
      );
    });
  }
});
