"""Term base files: XLSX, CSV and TBX readers and writers, and alignment records."""
