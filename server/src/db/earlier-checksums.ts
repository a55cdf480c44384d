// Checksums (sha256 of the file) that a landed migration had before its file was edited, and
// that a database may therefore have recorded for it. The runner accepts them besides the
// file's own checksum; any other difference stops the start. Only ever append: each entry
// says what the earlier text lacked and how databases that applied it are brought level.
export const earlierChecksums: Readonly<Record<string, readonly string[]>> = {
  // The first text had no persons_name_prefix_idx (a one-character query is a surname, matched
  // by prefix on the name); the index was added to the file after it landed, so databases that
  // applied the first text lack it. 0017_member_name_prefix.sql creates it where it is missing.
  '0005_member_search.sql': ['400f1737f8773669d5247abed66db49abbccee3656f6d0296987738ec7a6c64d'],
};
