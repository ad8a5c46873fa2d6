/**
 * The program of a chaos run: one `ScmExportedCertificate` for each certificate id, by id, as a
 * TypeScript `index.ts` for a project made with `createProject`. It exports no secret.
 */
export function chaosProgram(certificateIds: readonly string[]): string {
  return [
    'import { ScmExportedCertificate } from "pulumi-huaweicloud-scm";',
    "",
    `const ids: string[] = ${JSON.stringify(certificateIds, null, 2)};`,
    "",
    "export const certificateIds = ids.map(",
    '  (certificateId, i) => new ScmExportedCertificate("certificate-" + i, { certificateId }).certificateId,',
    ");",
    "",
  ].join("\n");
}
