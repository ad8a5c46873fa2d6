import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The README is the way in: short, every page of docs/ linked from it, every relative link and
 * anchor alive, tables readable in a 120-column editor, and its install-and-test commands the
 * ones CI runs on a clean clone.
 */

const repo = resolve(__dirname, "../..");
const README = join(repo, "README.md");
const DOCS = join(repo, "docs");
const README_MAX_BYTES = 15 * 1024;
const TABLE_MAX_COLUMNS = 120;

const pages = [
  README,
  join(repo, "ARCHITECTURE.md"),
  join(repo, "CHANGELOG.md"),
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(DOCS, name)),
].filter((path) => existsSync(path));

const read = (path: string) => readFileSync(path, "utf8");
const name = (path: string) => relative(repo, path);

/** The lines of a Markdown text, those of fenced code blocks blanked (line numbers kept). */
function prose(text: string): string[] {
  let fenced = false;
  return text.split("\n").map((line) => {
    if (line.startsWith("```")) fenced = !fenced;
    return fenced || line.startsWith("```") ? "" : line;
  });
}

/**
 * The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens,
 * a repeated heading suffixed `-1`, `-2`. The headings here are ASCII, which this covers.
 */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const line of prose(text)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\w\- ]/g, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    found.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return found;
}

/** The relative links of a page (not web addresses), as `target#anchor`. */
function relativeLinks(text: string): string[] {
  const links = prose(text).flatMap((line) =>
    [...line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string),
  );
  return links.filter((link) => !/^[a-z]+:/i.test(link));
}

/** Where a link leads, or why it leads nowhere. */
function brokenLink(page: string, link: string): string | undefined {
  const [path, anchor] = link.split("#") as [string, string | undefined];
  const target = path === "" ? page : resolve(dirname(page), path);
  if (!existsSync(target)) return `${name(page)}: ${link} (no file ${name(target)})`;
  if (anchor !== undefined && !anchors(read(target)).has(anchor)) {
    return `${name(page)}: ${link} (no heading #${anchor} in ${name(target)})`;
  }
  return undefined;
}

/** The commands of the first `sh` block after a heading. */
function shellBlockAfter(text: string, heading: string): string[] {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, `${heading} in README.md`).toBeGreaterThanOrEqual(0);
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(start))?.[1] ?? "";
  return block.split("\n").filter(Boolean);
}

describe("the README and docs/", () => {
  it(`keeps the README within ${README_MAX_BYTES / 1024} KB`, () => {
    expect(Buffer.byteLength(read(README))).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it("links every page of docs/ from the README", () => {
    const linked = new Set(
      relativeLinks(read(README)).map((link) => resolve(repo, link.split("#")[0] as string)),
    );
    const unlinked = pages.filter((page) => page.startsWith(DOCS) && !linked.has(page)).map(name);
    expect(unlinked).toEqual([]);
  });

  it("has no relative link to a missing file or heading", () => {
    const broken = pages.flatMap((page) =>
      relativeLinks(read(page)).flatMap((link) => brokenLink(page, link) ?? []),
    );
    expect(broken).toEqual([]);
  });

  it(`has no table wider than ${TABLE_MAX_COLUMNS} columns`, () => {
    const wide = pages.flatMap((page) =>
      prose(read(page)).flatMap((line, index) =>
        line.startsWith("|") && [...line].length > TABLE_MAX_COLUMNS ? [`${name(page)}:${index + 1}`] : [],
      ),
    );
    expect(wide).toEqual([]);
  });

  it("names the package's version wherever it names a version of the plugin", () => {
    const { version } = JSON.parse(read(join(repo, "package.json"))) as { version: string };
    // `plugin install resource huaweicloud-scm X`, `huaweicloud-scm@X`, the tarball's name, and a
    // YAML resource's `version: X` option.
    const named = /huaweicloud-scm(?:[ @]|-v)v?(\d+\.\d+\.\d+)|^\s*version: (\d+\.\d+\.\d+)/gm;
    const userPages = pages.filter((page) => page === README || page.startsWith(DOCS));
    const found = userPages.flatMap((page) =>
      [...read(page).matchAll(named)].map((m) => `${name(page)}: ${m[1] ?? m[2]}`),
    );
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.filter((entry) => !entry.endsWith(`: ${version}`))).toEqual([]);
  });

  it("gives the install and test commands that CI runs, in the same order", () => {
    const readme = shellBlockAfter(read(README), "## Develop and test");
    const ci = read(join(repo, ".ci/run"))
      .split("\n")
      .filter((line) => /^npm /.test(line));
    expect(readme).toEqual(ci);
  });
});
