-- 0011_case_summary: what the metrics read of each case's timeline, kept
-- on the case as the timeline grows (in the same transaction), so a
-- period's figures are read from the cases alone (metrics.c).
ALTER TABLE cases ADD COLUMN first_outbound_at INTEGER; -- our first contact
ALTER TABLE cases ADD COLUMN first_eta_at INTEGER;      -- first ETA told
-- The longest stretch, in seconds, from receipt or one of our contacts to
-- our next contact (the stretch after the last one, from
-- last_outbound_at, is the metrics' to add: it ends at resolution, or
-- now). A contact recorded as earlier than the latest one splits nothing.
ALTER TABLE cases ADD COLUMN longest_silence INTEGER NOT NULL DEFAULT 0;

-- The stretch a new contact ends starts at our latest contact before it,
-- read from the timeline: cases.last_outbound_at already counts the new
-- one when the entry is written.
CREATE TRIGGER cases_summary_contact AFTER INSERT ON case_events
  WHEN new.kind = 'contact' AND new.direction = 'out'
BEGIN
  UPDATE cases SET
    first_outbound_at = min(coalesce(first_outbound_at,
                                     coalesce(new.occurred_at, new.at)),
                            coalesce(new.occurred_at, new.at)),
    longest_silence = max(longest_silence,
                          coalesce(new.occurred_at, new.at)
                          - coalesce((SELECT max(coalesce(e.occurred_at, e.at))
                                        FROM case_events e
                                       WHERE e.case_id = new.case_id
                                         AND e.kind = 'contact'
                                         AND e.direction = 'out'
                                         AND e.id <> new.id),
                                     received_at))
  WHERE id = new.case_id;
END;

CREATE TRIGGER cases_summary_eta AFTER INSERT ON case_events
  WHEN new.kind = 'eta'
BEGIN
  UPDATE cases SET first_eta_at = coalesce(first_eta_at, new.at)
  WHERE id = new.case_id;
END;

-- What was written before this migration.
UPDATE cases SET
  first_outbound_at = (SELECT MIN(coalesce(e.occurred_at, e.at))
                         FROM case_events e
                        WHERE e.case_id = cases.id AND e.kind = 'contact'
                          AND e.direction = 'out'),
  first_eta_at = (SELECT MIN(e.at) FROM case_events e
                   WHERE e.case_id = cases.id AND e.kind = 'eta');
WITH gaps AS (
  SELECT e.case_id,
         coalesce(e.occurred_at, e.at)
         - coalesce(lag(coalesce(e.occurred_at, e.at))
                      OVER (PARTITION BY e.case_id
                            ORDER BY coalesce(e.occurred_at, e.at)),
                    c.received_at) AS gap
    FROM case_events e JOIN cases c ON c.id = e.case_id
   WHERE e.kind = 'contact' AND e.direction = 'out'
)
UPDATE cases SET longest_silence = g.longest
  FROM (SELECT case_id, max(gap) AS longest FROM gaps GROUP BY case_id) g
 WHERE g.case_id = cases.id AND g.longest > 0;
