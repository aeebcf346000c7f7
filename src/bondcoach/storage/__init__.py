"""Everything that reads or writes files: folders, careful writes, the session store, backups."""
