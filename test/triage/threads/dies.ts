// A triage thread that stops as it starts (off-thread.test.ts).
process.exit(3);
