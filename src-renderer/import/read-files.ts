const MAX_FILES_PER_CALL = 25;
const MAX_BYTES_PER_CALL = 64 * 1024 * 1024;

/** Split a selection into calls of at most 25 files / 64 MiB, so one huge drop never becomes one huge request. */
export function batchFiles(files: readonly File[]): File[][] {
  const batches: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length && (current.length >= MAX_FILES_PER_CALL || bytes + file.size > MAX_BYTES_PER_CALL)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length) batches.push(current);
  return batches;
}
