/** The region used when none is configured: the international site's, where SCM is served. */
export const DEFAULT_REGION = "ap-southeast-1";

/** The cloud domain of Huawei Cloud's public regions, except Europe's. */
export const DEFAULT_CLOUD = "myhuaweicloud.com";

/** The cloud domain of the European site (`eu-west-1*` regions). */
export const EUROPE_CLOUD = "myhuaweicloud.eu";

/**
 * Huawei Cloud's public regions. SCM itself is global, served from a few hosts; the region picks
 * which (see {@link scmSiteRegion}) and the IAM endpoint a password is exchanged at.
 */
export const KNOWN_REGIONS: readonly string[] = [
  "af-north-1",
  "af-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "cn-east-2",
  "cn-east-3",
  "cn-east-4",
  "cn-north-1",
  "cn-north-4",
  "cn-north-9",
  "cn-south-1",
  "cn-south-2",
  "cn-south-4",
  "cn-southwest-2",
  "eu-west-0",
  "eu-west-101",
  "la-north-2",
  "la-south-2",
  "me-east-1",
  "my-kualalumpur-1",
  "na-mexico-1",
  "ru-moscow-1",
  "ru-northwest-2",
  "sa-brazil-1",
  "tr-west-1",
];

/** Whether the region belongs to the European site, which has its own cloud domain. */
export function isEuropeRegion(region: string): boolean {
  return region.startsWith("eu-west-1");
}

/**
 * The region whose SCM host serves a region: the Chinese mainland's `cn-*` regions are served
 * from `cn-north-4`, the European site from `eu-west-101`, Kuala Lumpur from itself, every other
 * international region from `ap-southeast-1`.
 */
export function scmSiteRegion(region: string): string {
  if (region.startsWith("cn-")) return "cn-north-4";
  if (isEuropeRegion(region)) return "eu-west-101";
  if (region === "my-kualalumpur-1") return "my-kualalumpur-1";
  return DEFAULT_REGION;
}
