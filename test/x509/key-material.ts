// The scan's view of a private key lives with the scan, which the chaos run shares.
export { keyMaterial } from "../../harness/secret-scan";
