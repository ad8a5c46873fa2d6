/**
 * Published `SDK-HMAC-SHA256` vectors, exactly as published:
 * - Huawei Cloud's API signing example for a `GET .../certificates` call of IoT Device Provisioning;
 * - `TestSigner_Sign` "test1" of huaweicloud-sdk-go-v3
 *   (https://github.com/huaweicloud/huaweicloud-sdk-go-v3/blob/master/core/auth/signer/signer_test.go).
 * `headers` are the headers as the server receives them; `signedHeaders` the published list.
 */
export interface SigningVector {
  readonly name: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

export const SIGNING_VECTORS: readonly SigningVector[] = [
  {
    name: "API signing example: GET iotps certificates",
    accessKey: "QTWAOYTTINDUT2QVKYUC",
    secretKey: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    method: "GET",
    url: "https://service.region.example.com/v5/iotps/77b6a44cba5143ab91d13ab9a8ff44fd/certificates?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
    headers: {
      "Content-Type": "application/json",
      Host: "service.region.example.com",
      "X-Sdk-Date": "20191115T033655Z",
    },
    body: undefined,
    signedHeaders: ["content-type", "host", "x-sdk-date"],
    signature: "012cac5e920807f98bf7b23dfe05d29596d544a9b76c37cf933b274a6d4aa874",
  },
  {
    name: "huaweicloud-sdk-go-v3 TestSigner_Sign test1",
    accessKey: "AccessKey",
    secretKey: "SecretKey",
    method: "GET",
    url: "https://example.huaweicloud.com/path?limit=1",
    headers: { "X-Sdk-Date": "20060102T150405Z" },
    body: undefined,
    signedHeaders: ["x-sdk-date"],
    signature: "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
  },
];
