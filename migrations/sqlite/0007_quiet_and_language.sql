-- 0007_quiet_and_language: whom a reminder goes to while someone is away,
-- when a person is not to be disturbed, and which language a customer
-- reads.

-- Who takes over someone's reminders while they are out or off (NULL:
-- their manager does).
ALTER TABLE users ADD COLUMN stand_in_id INTEGER REFERENCES users(id);
-- Hours of the day, in the organisation's zone, in which a person's
-- notification mails wait ("20:00-08:00" passes midnight; NULL: none).
-- The notifications still appear in the app at once.
ALTER TABLE users ADD COLUMN quiet_hours TEXT;

-- The language mail to a customer or contact person is written in ('ja'
-- or 'en'; NULL: the organisation's). A contact person's wins over their
-- company's.
ALTER TABLE customers ADD COLUMN lang TEXT CHECK (lang IN ('ja', 'en'));
ALTER TABLE contacts ADD COLUMN lang TEXT CHECK (lang IN ('ja', 'en'));

-- The language of a webhook's texts ('ja' or 'en'; NULL: the server's).
ALTER TABLE webhooks ADD COLUMN lang TEXT CHECK (lang IN ('ja', 'en'));
