-- 0005_user_lang: the language a member of staff chose for the web pages
-- ('ja' or 'en'); NULL follows the browser's Accept-Language.
ALTER TABLE users ADD COLUMN lang TEXT CHECK (lang IN ('ja', 'en'));
