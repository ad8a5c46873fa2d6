/** Statuses whose certificates have something to export: issued, and uploaded. */
export const EXPORTABLE_STATUSES: readonly string[] = ["ISSUED", "UPLOAD"];
