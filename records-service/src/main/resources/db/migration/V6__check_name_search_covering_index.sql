-- Issue 14: name + date-of-birth checks read every officer born that day (about 70 among a million) to score their
-- names. With the names in the index the search is an index-only scan of a few pages instead of one heap page per
-- officer (71 buffers for 68 officers before, 4 after, at 1,000,000 officers). It replaces officer_dob_name_key,
-- which only the search used.
create index officer_dob_names on officer (date_of_birth) include (last_name_key, name_normalized, id);
drop index officer_dob_name_key;
