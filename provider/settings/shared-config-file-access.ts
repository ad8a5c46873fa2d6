import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { ScmCredentialsError } from "../errors";

/**
 * The largest shared config file read. The hcloud CLI's file holds a few profiles of under a
 * kilobyte each: a mebibyte is thousands of them, and bounds what a wrong path (a log, a disk
 * image) can make every preview read into memory.
 */
export const MAX_SHARED_CONFIG_FILE_BYTES = 1024 * 1024;

const REMEDY = "point huaweicloud:sharedConfigFile / HW_SHARED_CONFIG_FILE at the hcloud CLI's config.json";

/**
 * The file's text. Opened without blocking and checked on the open descriptor before a byte is
 * read: a FIFO, a directory, a device or a socket is refused (a FIFO would block the process until
 * something writes to it, a device may never end), and so is a file over
 * {@link MAX_SHARED_CONFIG_FILE_BYTES}. Throws {@link ScmCredentialsError} naming the path.
 */
export function readSharedConfigText(place: { readonly path: string; readonly source: string }): string {
  const named = `The shared config file ${place.path} (from ${place.source})`;
  let fd: number;
  try {
    // O_NONBLOCK makes opening a FIFO return at once; on a regular file it changes nothing.
    fd = openSync(place.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ScmCredentialsError(`Could not read ${lowerFirst(named)} (${codeOf(error)}).`, {
      cause: error,
    });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw new ScmCredentialsError(`${named} is ${kindOf(stats)}; only a regular file is read: ${REMEDY}.`);
    }
    const over = () =>
      new ScmCredentialsError(
        `${named} is over the ${MAX_SHARED_CONFIG_FILE_BYTES}-byte limit of a shared config file: ${REMEDY}.`,
      );
    if (stats.size > MAX_SHARED_CONFIG_FILE_BYTES) throw over();
    // Read to the end, one byte past the limit at most: the file may have grown since fstat.
    const buffer = Buffer.allocUnsafe(MAX_SHARED_CONFIG_FILE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > MAX_SHARED_CONFIG_FILE_BYTES) throw over();
    return buffer.toString("utf8", 0, length);
  } catch (error) {
    if (error instanceof ScmCredentialsError) throw error;
    throw new ScmCredentialsError(`Could not read ${lowerFirst(named)} (${codeOf(error)}).`, {
      cause: error,
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * What identifies the file's present content without reading it: device, inode, size and times
 * (in nanoseconds). `undefined` when it cannot be looked at (resolving reports why).
 */
export function sharedConfigFileIdentity(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return [path, stats.dev, stats.ino, stats.mode, stats.size, stats.mtimeNs, stats.ctimeNs].join(":");
  } catch {
    return undefined;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isDirectory()) return "a directory";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

function codeOf(error: unknown): string {
  return (error as { code?: string }).code ?? "read failed";
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
