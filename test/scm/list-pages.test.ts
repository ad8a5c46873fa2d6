import { describe, expect, it } from "vitest";
import { PAGE_LIMIT, type Page, walkPages } from "../../provider/scm/list-pages";

const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `scs${String(i).padStart(13, "0")}` }));

/** A listing whose offset counts records, or pages, as SCM's documentation leaves open. */
function listing(total: number, reading: "records" | "pages") {
  const all = records(total);
  const offsets: number[] = [];
  const fetchPage = async (offset: number): Promise<Page<{ id: string }>> => {
    offsets.push(offset);
    if (offset > 100) throw new Error("offset over 100");
    const start = reading === "records" ? offset : offset * PAGE_LIMIT;
    return { items: all.slice(start, start + PAGE_LIMIT), total };
  };
  return { all, offsets, fetchPage };
}

describe("walkPages", () => {
  it.each(["records", "pages"] as const)(
    "collects 120 certificates when offset counts %s",
    async (reading) => {
      const source = listing(120, reading);
      const result = await walkPages(source.fetchPage);
      expect(result.items.map((r) => r.id)).toEqual(source.all.map((r) => r.id));
      expect(result.complete).toBe(true);
      expect(source.offsets).toEqual(reading === "records" ? [0, 1, 50, 100] : [0, 1, 2]);
    },
  );

  it("asks once when one page holds everything", async () => {
    const source = listing(50, "records");
    const result = await walkPages(source.fetchPage);
    expect(result.items).toHaveLength(50);
    expect(source.offsets).toEqual([0]);
  });

  it("says when SCM's limits hide certificates", async () => {
    const source = listing(400, "records");
    const result = await walkPages(source.fetchPage);
    expect(result.items).toHaveLength(150);
    expect(result.complete).toBe(false);
    expect(Math.max(...source.offsets)).toBeLessThanOrEqual(100);
  });

  it("does not call a short page complete while SCM's total says it holds more", async () => {
    // What a listing that filters after counting (or a count of something wider) would answer:
    // a deletion must never be confirmed by it.
    const result = await walkPages(async () => ({ items: records(30), total: 80 }));
    expect(result.items).toHaveLength(30);
    expect(result.complete).toBe(false);
  });

  it("does not call a walk complete that met a higher total on the way", async () => {
    // Between two pages one certificate (a50) slid out of reach and a new one (x) came in: the
    // walk holds as many as the first page's total, but not every certificate SCM has.
    const a = records(100);
    const pages: Record<number, Page<{ id: string }>> = {
      0: { items: a.slice(0, 50), total: 100 },
      1: { items: a.slice(1, 51), total: 100 },
      50: { items: [...a.slice(51), { id: "scs9999999999999" }], total: 101 },
      100: { items: [], total: 101 },
    };
    const result = await walkPages(async (offset) => pages[offset] as Page<{ id: string }>);
    expect(result.items.map((item) => item.id)).not.toContain(a[50]?.id);
    expect(result).toMatchObject({ total: 101, complete: false });
  });
});
