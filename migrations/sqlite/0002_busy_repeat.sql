-- 0002_busy_repeat: busy periods that repeat, e.g. month-end closing every
-- month. The stored from_at/to_at are the first occurrence; the rule
-- (RFC 5545 RRULE, daily or coarser) repeats it on the organisation's
-- local calendar.
ALTER TABLE busy_periods ADD COLUMN rrule TEXT;
