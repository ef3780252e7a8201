-- Sec. 3(c) releases across versions: every count behind a release, withheld ones too, so that a later version of
-- the year can be suppressed together with what the earlier ones published (ReleaseProtection). Never published:
-- the release views read the published tables only. Null for releases published before counts were kept.
alter table public_release add column counts jsonb;
