-- Rate-limit counters and one-time SMS codes are short-lived (an hour's window, five
-- minutes' code) and worthless after a crash: a lost counter starts its window again, a
-- lost code is asked for again. As ordinary tables every counted request and every code
-- check waited for its own WAL flush; a citizen's submission counted its IP and phone
-- before it wrote the concern, so it flushed up to three times (bench:concerns, issue 3).
-- Unlogged tables write no WAL, so a transaction touching only them commits without
-- waiting for the disk. What they give up: they are emptied after a crash and not copied
-- to a standby. Nothing references them.
alter table rate_limits set unlogged;
alter table sms_codes set unlogged;
