import { generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { errorTexts, named, privateKeySecrets, secretFindings } from "./secret-scan";

const TOKEN = `token-${randomBytes(24).toString("base64url")}`;
const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

describe("secretFindings", () => {
  it("names each secret found and where, once", () => {
    const findings = secretFindings(
      [
        ["the token", TOKEN],
        ["the password", "pw-planted-0123"],
      ],
      [
        ["host stdout", "listening on 50051"],
        ["host stderr", `failed with token ${TOKEN} (token ${TOKEN})`],
        ["error 1", "wrong password pw-planted-0123"],
      ],
    );
    expect(findings).toEqual(["the token found in host stderr", "the password found in error 1"]);
  });

  it("finds nothing in texts that hold no secret", () => {
    expect(secretFindings([["the token", TOKEN]], [["host stderr", `token ${TOKEN.slice(0, -1)}…`]])).toEqual(
      [],
    );
  });

  it("finds a private key whose newlines were JSON-escaped, by the lines of its base64 body", () => {
    const state = JSON.stringify({ outputs: { privateKey } });
    expect(state.includes(privateKey)).toBe(false);
    const findings = secretFindings(privateKeySecrets("the private key", privateKey), [["state", state]]);
    expect(findings.length).toBeGreaterThan(20);
    expect(findings).toContain("the private key (piece 1) found in state");
    expect(findings).not.toContain("the private key found in state");
  });

  it("finds a private key's base64 body on one line, and one line of it alone", () => {
    const lines = privateKey.split("\n").filter((line) => line && !line.startsWith("-----"));
    const pieces = privateKeySecrets("the key", privateKey);
    expect(secretFindings(pieces, [["message", `key: ${lines.join("")}.`]])).toContain(
      `the key (piece ${lines.length + 1}) found in message`,
    );
    expect(secretFindings(pieces, [["log line", `near ${lines[3]} here`]])).toEqual([
      "the key (piece 4) found in log line",
    ]);
    expect(secretFindings(pieces, [["log", privateKey]])).toContain("the key found in log");
  });

  it("leaves out the pieces of a private key that a public PEM given holds too", () => {
    const shared = publicKey.split("\n")[2] as string;
    const key = privateKey.replace(/\n(?=-----END)/, `\n${shared}\n`);
    const texts: [string, string][] = [["certificate", publicKey]];
    expect(secretFindings(privateKeySecrets("the key", key), texts)).toEqual([
      expect.stringMatching(/^the key \(piece \d+\) found in certificate$/),
    ]);
    expect(secretFindings(privateKeySecrets("the key", key, [publicKey]), texts)).toEqual([]);
  });

  it("scans an error's message and stack", () => {
    const error = new Error("IAM refused the request");
    error.stack = `${error.stack}\n    at sign (${TOKEN})`;
    expect(secretFindings([["the token", TOKEN]], errorTexts([new Error("fine"), error]))).toEqual([
      "the token found in error 2",
    ]);
  });

  it("refuses a scan that could not fail: no secret, no text, or an empty secret", () => {
    expect(() => secretFindings([], [["host stderr", TOKEN]])).toThrow(/no secret/);
    expect(() => secretFindings([["the token", TOKEN]], [])).toThrow(/no text/);
    expect(() => secretFindings(named("a temporary key", ["sk-1", ""]), [["log", "x"]])).toThrow(
      /a temporary key is empty/,
    );
  });
});
